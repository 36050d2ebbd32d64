// Bundles a TypeScript benchmark for node, as both bench runners need it.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { fromMarkdownPatch } from '../scripts/fromMarkdownPatch.mjs';

/**
 * Packages bundled with the benchmark, so that the parse it measures is the one dist/server.js runs:
 * remark-parse and the mdast-util-from-markdown it imports, which the build patches
 * (scripts/fromMarkdownPatch.mjs, the parse 16-29% faster). Until 2026-12-05 they loaded unpatched from
 * node_modules, and the in-process figures were those of a slower parse than the server's.
 */
const BUNDLED_PACKAGES = /^(remark-parse|mdast-util-from-markdown)(\/|$)/;

/** Every other package loads from node_modules as it is. */
const otherPackagesExternal = {
  name: 'other-packages-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => (BUNDLED_PACKAGES.test(args.path) ? undefined : { path: args.path, external: true }));
  },
};

/** Bundles `entryPoints` into `outdir` as .mjs; dependencies stay in node_modules but for the parser's (above). */
export async function bundleBench(root, entryPoints, outdir) {
  await build({
    entryPoints,
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    plugins: [otherPackagesExternal, fromMarkdownPatch],
    logLevel: 'warning',
    sourcemap: 'inline',
    // Core code that finds its data files next to its bundle (import.meta.url) looks in dist/, as in dist/server.js.
    define: { 'import.meta.url': '__coreUrl' },
    banner: { js: `const __coreUrl = ${JSON.stringify(pathToFileURL(join(root, 'dist/server.js')).href)};` },
  });
}
