#!/usr/bin/env node
// `npm run bench:gazetteer`: writes the synthetic GeoNames dump if it is missing
// (bench/gazetteer/generate-geonames.mjs), builds dist/ (the server and the
// built-in gazetteer), bundles bench.ts with esbuild and runs it with node.
//   npm run bench:gazetteer -- --quick       fewer queries and cold runs
//   npm run bench:gazetteer -- --no-build    use dist/ as it is
//   npm run bench:gazetteer -- --lines=N     a dump of N lines instead of 1,000,000 (written beside the default one)
//   npm run bench:gazetteer -- --world-only  only the world spellings section (bench/gazetteer/worldSpellings.ts): no dump, no server
//   npm run bench:gazetteer -- --resolve-check [--out=F] [--compare=F] [--time-only] [--no-service]
//                                            resolution in process, cold, and every output written or compared (resolveCheck.ts)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleBench } from '../bundleBench.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const cache = join(root, 'node_modules/.cache/gazetteer-bench');
const lines = Number(args.find((arg) => arg.startsWith('--lines='))?.slice(8) ?? 1_000_000);
const dump = join(cache, lines === 1_000_000 ? 'geonames-1m.txt' : `geonames-${lines}.txt`);

const run = (command, commandArgs, options = {}) => {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const worldOnly = args.includes('--world-only');
if (!worldOnly && !existsSync(dump)) run(process.execPath, [join(root, 'bench/gazetteer/generate-geonames.mjs'), '--lines', String(lines), '--out', dump]);
if (!args.includes('--no-build')) run(process.execPath, [join(root, 'scripts/build.mjs')]);

await bundleBench(
  root,
  { bench: join(root, 'bench/gazetteer/bench.ts'), load: join(root, 'bench/gazetteer/load.ts'), world: join(root, 'bench/gazetteer/world.ts'), resolveCheck: join(root, 'bench/gazetteer/resolveCheck.ts') },
  cache,
);
if (args.includes('--resolve-check')) {
  const passed = args.filter((arg) => /^--(out|compare)=|^--(time-only|no-service|quick)$/.test(arg));
  run(process.execPath, ['--max-old-space-size=4096', '--enable-source-maps', join(cache, 'resolveCheck.mjs'), `--root=${root}`, `--dump=${dump}`, ...passed]);
  process.exit(0);
}
if (worldOnly) {
  run(process.execPath, ['--enable-source-maps', join(cache, 'world.mjs')]);
  process.exit(0);
}

run(process.execPath, ['--expose-gc', '--enable-source-maps', join(cache, 'bench.mjs'), `--root=${root}`, `--dump=${dump}`, ...args.filter((arg) => arg !== '--no-build' && !arg.startsWith('--lines='))]);
