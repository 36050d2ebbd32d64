// Time and peak memory of parsing a whole report: one remark call (as test/helpers/parseWhole.ts) against region by
// region (parseFull, chunkedParse.ts) with various region sizes. Each measurement runs in a fresh
// process, which parses the report once (cold, as when a report is opened) and reports the wall
// and CPU time (user + system, which includes the garbage collector's threads) and VmHWM.
//
//   node bench/chunkedParse.mjs [--sizes=1m,5m] [--chunks=16k,32k,64k] [--runs=3]
//
// Reads the reports `npm run bench -- --generate-only` writes into bench/reports/.generated/.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseChunked, type ParseTally } from '../server/src/core/parse/chunkedParse.js';
import { blockOf, parseDocument } from '../server/src/core/parse/blocks.js';

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const bytes = (size: string) => Math.round(Number.parseFloat(size) * ({ k: 1024, m: 1024 * 1024 }[size.slice(-1).toLowerCase()] ?? 1));
const status = (field: string) => Number(/(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith(field)) ?? '')?.[1] ?? NaN) / 1024;

if (process.argv.includes('--child')) {
  const text = readFileSync(arg('file', ''), 'utf8');
  const chunk = arg('chunk', 'whole');
  const before = status('VmHWM:');
  const tally: ParseTally = { calls: 0, characters: 0 };
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const blocks = chunk === 'whole' ? parseDocument(text).children.map((node) => blockOf(node, text, text.length)) : parseChunked(text, bytes(chunk), tally);
  const ms = performance.now() - started;
  const { user, system } = process.cpuUsage(cpuStarted);
  console.log(JSON.stringify({ ms, cpu: (user + system) / 1000, hwm: status('VmHWM:'), before, blocks: blocks.length, calls: tally.calls, characters: tally.characters / text.length }));
} else {
  const root = arg('root', process.cwd());
  const runs = Number(arg('runs', '3'));
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  console.log(`load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  for (const size of arg('sizes', '1m,5m').split(',')) {
    const file = join(root, `bench/reports/.generated/${size}/report-${size}.md`);
    for (const chunk of ['whole', ...arg('chunks', '16k,32k,64k').split(',')]) {
      const results = Array.from({ length: runs }, () => {
        const child = spawnSync(process.execPath, [process.argv[1]!, '--child', `--file=${file}`, `--chunk=${chunk}`], { encoding: 'utf8' });
        if (child.status !== 0) throw new Error(child.stderr);
        return JSON.parse(child.stdout) as { ms: number; cpu: number; hwm: number; before: number; blocks: number; calls: number; characters: number };
      });
      const { blocks, calls, characters, before } = results[0]!;
      console.log(
        `${size.padEnd(4)} ${chunk.padEnd(6)} ${median(results.map((r) => r.ms)).toFixed(0).padStart(6)} ms (CPU ${median(results.map((r) => r.cpu)).toFixed(0).padStart(6)} ms)  peak RSS ${median(results.map((r) => r.hwm)).toFixed(0).padStart(5)} MB` +
          ` (before parsing ${before.toFixed(0)} MB)  ${blocks} blocks` +
          (chunk === 'whole' ? '' : `, ${calls} calls, ${characters.toFixed(3)}× the text parsed`),
      );
    }
  }
}
