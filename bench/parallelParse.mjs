#!/usr/bin/env node
// Bundles bench/parallelParse.ts with esbuild and runs it: see that file for what it measures.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleBench } from './bundleBench.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'node_modules/.cache/incident-markup-parallel-parse');
await bundleBench(root, { parallelParse: join(root, 'bench/parallelParse.ts') }, outDir);
const run = spawnSync(process.execPath, [join(outDir, 'parallelParse.mjs'), `--root=${root}`, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
