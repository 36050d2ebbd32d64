// Time and peak memory of a cold parse of a whole report: on one thread (parseFull) against two
// (parseFullParallel, parallelParse.ts, with dist/parseWorker.js). Each measurement runs in a
// fresh process, which parses the report once (cold, as when a report is opened) and reports the
// wall and CPU time (user + system of the process, both threads and the garbage collector's) and
// VmHWM (peak RSS, the worker's heap included).
//
//   node bench/parallelParse.mjs [--sizes=1m,5m] [--prefixes=256k,512k,2.5m] [--runs=3] [--worker=FILE]
//
// Reads the reports `npm run bench -- --generate-only` writes into bench/reports/.generated/;
// a prefix is the start of the 1 MiB report (of the 5 MiB one from 1m up), cut at a region boundary
// (for the threshold).
// Needs dist/parseWorker.js (`npm run build`).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cutNear } from '../server/src/core/parse/chunkedParse.js';
import { parseFull } from '../server/src/core/parse/incrementalParse.js';
import { parseFullParallel, type ParallelTally } from '../server/src/core/parse/parallelParse.js';

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const bytes = (size: string) => Math.round(Number.parseFloat(size) * ({ k: 1024, m: 1024 * 1024 }[size.slice(-1).toLowerCase()] ?? 1));
const status = (field: string) => Number(/(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith(field)) ?? '')?.[1] ?? NaN) / 1024;

interface Result {
  ms: number;
  cpu: number;
  hwm: number;
  before: number;
  blocks: number;
  tally: ParallelTally;
}

if (process.argv.includes('--child')) {
  let text = readFileSync(arg('file', ''), 'utf8');
  const prefix = arg('prefix', '');
  if (prefix !== '') text = text.slice(0, cutNear(text, bytes(prefix)) ?? text.length);
  const before = status('VmHWM:');
  const tally: ParallelTally = {};
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const parsed = arg('mode', 'full') === 'full' ? parseFull(text) : await parseFullParallel(text, { tally, minLength: 0, workerPath: arg('worker', '') || undefined });
  const ms = performance.now() - started;
  const { user, system } = process.cpuUsage(cpuStarted);
  console.log(JSON.stringify({ ms, cpu: (user + system) / 1000, hwm: status('VmHWM:'), before, blocks: parsed.blocks.length, tally } satisfies Result));
  process.exit(0);
} else {
  const root = arg('root', process.cwd());
  const runs = Number(arg('runs', '3'));
  // By default the worker beside dist/server.js, found as the server finds it (bundleBench.mjs: import.meta.url is dist/server.js).
  const worker = arg('worker', '') && resolve(root, arg('worker', ''));
  if (!existsSync(worker || join(root, 'dist/parseWorker.js'))) throw new Error(`${worker || 'dist/parseWorker.js'} is missing: npm run build`);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`load average ${loadAverage()}; ${runs} runs each, fresh process per run, median`);
  const cases = [
    ...arg('prefixes', '').split(',').filter(Boolean).map((prefix) => ({ name: prefix, file: `bench/reports/.generated/${bytes(prefix) < bytes('1m') ? '1m' : '5m'}/report-${bytes(prefix) < bytes('1m') ? '1m' : '5m'}.md`, prefix })),
    ...arg('sizes', '1m,5m').split(',').filter(Boolean).map((size) => ({ name: size, file: `bench/reports/.generated/${size}/report-${size}.md`, prefix: '' })),
  ];
  for (const { name, file, prefix } of cases) {
    for (const mode of ['full', 'parallel']) {
      // Alternated runs would be fairer under changing load; consecutive ones keep each mode's cache state alike.
      const results = Array.from({ length: runs }, () => {
        const child = spawnSync(process.execPath, [process.argv[1]!, '--child', `--file=${join(root, file)}`, `--mode=${mode}`, `--prefix=${prefix}`, `--worker=${worker}`], { encoding: 'utf8' });
        if (child.status !== 0) throw new Error(child.stderr);
        return JSON.parse(child.stdout) as Result;
      });
      const { blocks, tally, before } = results[0]!;
      const outcomes = [...new Set(results.map((r) => r.tally.outcome ?? 'full'))].join('/');
      console.log(
        `${name.padEnd(5)} ${mode.padEnd(8)} ${median(results.map((r) => r.ms)).toFixed(0).padStart(6)} ms (CPU ${median(results.map((r) => r.cpu)).toFixed(0).padStart(5)} ms)` +
          `  peak RSS ${median(results.map((r) => r.hwm)).toFixed(0).padStart(4)} MB (before ${before.toFixed(0)})  ${blocks} blocks` +
          (mode === 'full' ? '' : `  ${outcomes}${tally.reason ? ` (${tally.reason})` : ''}, cut at ${((tally.cut ?? 0) / 1024).toFixed(0)} KiB, main part ${median(results.map((r) => r.tally.mainMs ?? NaN)).toFixed(0)} ms, then waited ${median(results.map((r) => r.tally.waitMs ?? NaN)).toFixed(0)} ms`),
      );
    }
  }
  console.log(`load average ${loadAverage()}`);
}
