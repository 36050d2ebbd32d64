// Bundles the server, the CLI and the VS Code client with esbuild: CommonJS for
// Node 20, with the ESM-only unified packages inside the bundle, so the .vsix
// and the CLI need no node_modules at run time.
import { build } from 'esbuild';
import { chmod, readFile } from 'node:fs/promises';
import { buildWorldGazetteer } from './build-world-gazetteer.mjs';
import { fromMarkdownPatch } from './fromMarkdownPatch.mjs';

const production = process.argv.includes('--production');
const { version } = JSON.parse(await readFile('package.json', 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'linked',
  // Some bundled ESM packages (fdir, under tinyglobby) read import.meta.url, which CommonJS lacks.
  define: { PACKAGE_VERSION: JSON.stringify(version), 'import.meta.url': '__importMetaUrl' },
  banner: { js: "var __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  // One object per markdown parse instead of one per micromark event (fromMarkdownPatch.mjs: parse 16-29% faster).
  plugins: [fromMarkdownPatch],
};

/**
 * Node flags of the language server. A young generation of 4 MB semi-spaces (V8's default on 64 bits
 * grows them to 16 MB): with the bench's 1,000,000-line import loaded and a 1 MiB report opened, the
 * server stayed at 297-310 MB resident with the default and 278-285 MB with this (8 MB: 281-291 MB);
 * completion p95 over the first 200 requests 10-12 ms either way (2 cores, load 1-2). V8 reads the
 * flag only when the process starts.
 *
 * The old generation grows by a fixed factor of 2 over what survived the last full collection
 * (`--heap-growing-percent=100`) instead of V8's own, up to 4 for a small heap: a cold parse of a
 * large report allocates in bursts, and with factor 4 the heap's limit (and its committed pages) rose
 * to several times what the report's model keeps, and stayed there. Measured with the server started
 * as the bench starts it (2 cores, load 7-12, so CPU time rather than wall time): 1M-line import, then
 * a 1 MiB report: 280-291 MB resident with V8's factor, 247-249 MB with this; 1 MiB report alone:
 * 206-208 MB after the open, 245-247 MB after 100 keystrokes, against 167-169 MB and 182-193 MB;
 * server CPU for the open 4.3-5.2 s either way, for 100 keystrokes 6.6-7.2 s against 6.7-7.5 s.
 * A factor of 1.2 or 1.5 saved 10-15 MB more but cost 25-45% more CPU per keystroke.
 */
const SERVER_NODE_FLAGS = ['--max-semi-space-size=4', '--heap-growing-percent=100'];

// checkWorker.js: the worker processes of `incident-markup check` (server/src/cli/checkPool.ts finds it beside cli.js).
await Promise.all([
  // The CLI's first line names no Node flag, so that it runs wherever `/usr/bin/env node` does: BusyBox's env
  // (Alpine images, common in CI) has no `-S`. Its worker processes get theirs from checkPool.ts (WORKER_NODE_FLAGS).
  build({ ...common, entryPoints: { cli: 'server/src/cli.ts', checkWorker: 'server/src/cli/checkWorker.ts' }, outdir: 'dist', banner: { js: `#!/usr/bin/env node\n${common.banner.js}` } }),
  // The server's Node flags are in its second line, where the VS Code client and the benches read them
  // (serverNodeFlags): one place for every way it is started with node. Its first line names none, as the
  // CLI's: `#!/usr/bin/env -S node FLAGS` needs an env with -S, which BusyBox's (Alpine images) has not,
  // and there `incident-markup-server` would not start at all; started so it runs with V8's defaults
  // (about 20-40 MB more resident, above).
  build({ ...common, entryPoints: { server: 'server/src/main.ts' }, outdir: 'dist', banner: { js: `#!/usr/bin/env node\n// node flags: ${SERVER_NODE_FLAGS.join(' ')}\n${common.banner.js}` } }),
  build({ ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
  // The language server's check workers (server/src/lsp/checkWorker/), started from dist/server.js.
  build({ ...common, entryPoints: { serverCheckWorker: 'server/src/lsp/checkWorker/workerEntry.ts' }, outdir: 'dist' }),
  // The Incidents Overview page (client/src/overview/page/): a browser script and its styles, with the
  // country outlines inside, which `incident-markup overview` inlines into one HTML file and the panel loads.
  build({ entryPoints: { overviewPage: 'client/src/overview/page/main.ts' }, outdir: 'dist', bundle: true, platform: 'browser', format: 'iife', target: 'es2022', minify: true, legalComments: 'eof', logLevel: 'warning' }),
]);
await chmod('dist/cli.js', 0o755);
await chmod('dist/server.js', 0o755);
// The built-in world gazetteer the bundles load from next to themselves.
await buildWorldGazetteer();
