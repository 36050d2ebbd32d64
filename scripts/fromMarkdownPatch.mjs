// One change to mdast-util-from-markdown, made as esbuild bundles it into dist/ (scripts/build.mjs).
//
// Its `compile` calls a handler for each of micromark's events with a new `this`:
// `{...context, sliceSerialize: events[index][2].sliceSerialize}`, a nine-property object per event
// (a 25 KiB report has about 30,000 events). Here one such object is made per compile and its
// `sliceSerialize` set before each call. No handler keeps `this` or writes a property on it
// (mdast-util-from-markdown, mdast-util-directive, mdast-util-frontmatter and
// server/src/core/parse/processor.ts were read for `this.x =`): they read `this.stack`,
// `this.data`, `this.sliceSerialize` and call `this.enter`/`exit`/`buffer`/`resume` at once, so
// the trees are the same (test/unit/fromMarkdownPatch.test.ts compares them node for node).
//
// Measured: fromMarkdown with micromark-extension-directive over 100 generated 25 KiB reports, A B A B
// ×4 in one process (2 cores, load ~1): 3.58-3.98 s unpatched against 2.79-3.12 s patched (0.71-0.84);
// the CLI's profile had `compile` as the largest self time (1.9 of 17.1 s CPU, 400 reports) besides
// 2.7 s of garbage collection.
//
// The patch is applied by exact text: if a new release of the package changes these lines, the build
// stops with the message below rather than ship the package unpatched without a word.

const FILE = /[\\/]node_modules[\\/]mdast-util-from-markdown[\\/]lib[\\/]index\.js$/;
const CONTEXT = /(\n(\s*)const context = \{[^{}]*\};\n)/;
const PER_EVENT_THIS = /\{\s*\.\.\.context,\s*sliceSerialize: events\[index\]\[2\]\.sliceSerialize\s*\}/g;
/** `this` of every handler call in `compile`: beforeEnter listeners, the handler, afterExit listeners. */
const EXPECTED_CALLS = 3;

/** The patched source, or an Error saying what was not found. */
export function patchFromMarkdown(source) {
  const calls = source.match(PER_EVENT_THIS)?.length ?? 0;
  if (calls !== EXPECTED_CALLS || !CONTEXT.test(source)) {
    return new Error(
      `scripts/fromMarkdownPatch.mjs: mdast-util-from-markdown's compile is not as expected (${calls} of ${EXPECTED_CALLS} ` +
        'per-event contexts, context literal ' + (CONTEXT.test(source) ? 'found' : 'not found') + '). Read the new release and update or drop the patch.',
    );
  }
  return source
    .replace(CONTEXT, '$1$2const compileThis = {...context, sliceSerialize: undefined};\n')
    .replace(PER_EVENT_THIS, '(compileThis.sliceSerialize = events[index][2].sliceSerialize, compileThis)');
}

/** The esbuild plugin that applies patchFromMarkdown to the package's lib/index.js. */
export const fromMarkdownPatch = {
  name: 'mdast-util-from-markdown-compile-this',
  setup(build) {
    build.onLoad({ filter: FILE }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const patched = patchFromMarkdown(await readFile(args.path, 'utf8'));
      if (patched instanceof Error) return { errors: [{ text: patched.message }] };
      return { contents: patched, loader: 'js' };
    });
  },
};
