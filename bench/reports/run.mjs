#!/usr/bin/env node
// `npm run bench`: builds the server bundle (dist/server.js) from the current
// tree, bundles the TypeScript benchmark with esbuild into node_modules/.cache/,
// and runs it with node. Arguments pass through (see bench/README.md), e.g.
//   npm run bench -- --quick            a short smoke run that records nothing
//   npm run bench -- --sizes=1m --no-peer
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleBench } from '../bundleBench.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const outDir = join(root, 'node_modules/.cache/incident-markup-bench');

if (!args.includes('--no-build')) {
  const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

await bundleBench(root, { bench: join(root, 'bench/reports/bench.ts') }, outDir);

const run = spawnSync(process.execPath, ['--enable-source-maps', join(outDir, 'bench.mjs'), `--root=${root}`, ...args.filter((arg) => arg !== '--no-build')], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
