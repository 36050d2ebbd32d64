// Bundles a TypeScript benchmark for node, as both bench runners need it.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** Bundles `entryPoints` into `outdir` as .mjs; dependencies stay in node_modules. */
export async function bundleBench(root, entryPoints, outdir) {
  await build({
    entryPoints,
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // Dependencies load from node_modules as they are; only our TypeScript is bundled.
    packages: 'external',
    logLevel: 'warning',
    sourcemap: 'inline',
    // Core code that finds its data files next to its bundle (import.meta.url) looks in dist/, as in dist/server.js.
    define: { 'import.meta.url': '__coreUrl' },
    banner: { js: `const __coreUrl = ${JSON.stringify(pathToFileURL(join(root, 'dist/server.js')).href)};` },
  });
}
