#!/usr/bin/env node
// npm run soak: the hostile reports of issue 16 at the full sizes, each checked by the built
// CLI (dist/cli.js) in its own process with a time limit, printing the wall time, the peak resident
// memory (GNU time, when /usr/bin/time exists), the exit status and the first diagnostic the writer
// sees. test/unit/hostileInputs.test.ts checks the same shapes at bounded sizes in npm test; this is
// the long run, and its figures are recorded in bench/README.md ("Hostile reports").
//
//   npm run soak                      build dist/ from the tree, then run every case
//   npm run soak -- --no-build        use dist/ as it is
//   npm run soak -- --only=brackets   cases whose name contains the text
//   npm run soak -- --limit=120       seconds per case (default 60)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const option = (name) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const limitSeconds = Number(option('limit') ?? 60);
const only = option('only');

const FRONT = '---\npublished: 2023-10-10\n---\n';
const INCIDENT = ':::incident{#strike date=2023-10-04}\n:count[3]{type=killed} people were killed.\n:::\n\n';
const PROSE = 'Shelling hit the market on Tuesday, residents said, and the road to the hospital was closed. ';
const nested = (depth, marker) => Array.from({ length: depth }, (_, level) => `${' '.repeat(level * (marker.length + 1))}${marker} item ${level}`).join('\n');
/** About `bytes` of a report's ordinary text: paragraphs, a list and a quote now and then. */
const body = (bytes) => {
  const unit = `${PROSE.repeat(4)}\n\n- a list item\n- another\n\n> A quote from a witness.\n\n`;
  return unit.repeat(Math.ceil(bytes / unit.length));
};

/** Each case: the shape at its size, and what it took before this work (the figures). */
const CASES = [
  { name: 'nested-list-1000', before: '50 s', text: () => `${FRONT}${INCIDENT}${nested(1000, '-')}\n` },
  { name: 'ordered-list-1000', before: '41 s', text: () => `${FRONT}${INCIDENT}${nested(1000, '1.')}\n` },
  { name: 'unclosed-containers-1000', before: '18 s', text: () => `${FRONT}${INCIDENT}${Array.from({ length: 1000 }, (_, index) => `:::note${index}`).join('\n')}\n${body(100_000)}` },
  { name: 'brackets-100k', before: '7 s', text: () => `${FRONT}${INCIDENT}${'['.repeat(50_000)}x${']'.repeat(50_000)}\n` },
  { name: 'brackets-200k', before: '34 s', text: () => `${FRONT}${INCIDENT}${'['.repeat(100_000)}x${']'.repeat(100_000)}\n` },
  { name: 'directives-100000-one-paragraph', before: '31 s, 2.1 GB', text: () => `${FRONT}${INCIDENT}${':count[1]{type=killed} '.repeat(100_000)}\n` },
  { name: 'long-list-with-sub-items-130k', before: '129 s (measured here)', text: () => `${FRONT}${INCIDENT}${Array.from({ length: 6500 }, (_, index) => `- item ${index}\n  - detail`).join('\n')}\n` },
  { name: 'front-matter-unclosed-1m', before: '38 s', text: () => `---\ntitle: draft\n\n${INCIDENT}${body(1_000_000)}` },
  { name: 'front-matter-40000-keys', before: '10 s', text: () => `---\npublished: 2023-10-10\n${Array.from({ length: 40_000 }, (_, index) => `key${index}: value ${index}`).join('\n')}\n---\n${INCIDENT}` },
  { name: 'front-matter-4mb', before: '> 60 s', text: () => `---\npublished: 2023-10-10\nnotes: "${'x'.repeat(4_000_000)}"\n---\n${INCIDENT}` },
  { name: 'front-matter-alias-bomb', before: 'exit 2, stack trace', text: () => `---\npublished: 2023-10-10\na: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n---\n${INCIDENT}` },
  {
    name: 'unclosed-incident-above-20000-counts',
    before: '18 s, 934 MB',
    text: () => `${FRONT}:::incident{#new date=2023-10-04}\nA new incident, not closed yet.\n\n${Array.from({ length: 20_000 }, (_, index) => `On day ${index}, :count[${index % 50}]{type=killed group=civilians source=sohr} were killed.`).join('\n\n')}\n`,
  },
  { name: 'lone-cr-line-endings', before: 'false front-matter error', text: () => `${FRONT}${INCIDENT}${body(100_000)}`.replace(/\n/g, '\r') },
  { name: 'duplicate-attributes', before: 'silently kept the last', text: () => `${FRONT}:count[3]{type=killed type=injured} people were hurt.\n` },
];

if (!process.argv.includes('--no-build')) {
  const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const cli = join(root, 'dist/cli.js');
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const folder = mkdtempSync(join(tmpdir(), 'im-soak-'));
writeFileSync(join(folder, 'gazetteer.yaml'), 'actors: []\nplaces: []\n');

const rows = [];
for (const soakCase of CASES.filter(({ name }) => !only || name.includes(only))) {
  const text = soakCase.text();
  const file = join(folder, `${soakCase.name}.md`);
  writeFileSync(file, text);
  const memoryFile = join(folder, 'rss.txt');
  const command = gnuTime ? [gnuTime, '-f', '%M', '-o', memoryFile, process.execPath, cli] : [process.execPath, cli];
  const started = performance.now();
  const run = spawnSync(command[0], [...command.slice(1), 'check', file, '--format', 'json', '--concurrency', 'off'], {
    cwd: folder,
    encoding: 'utf8',
    timeout: limitSeconds * 1000,
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  const timedOut = run.error?.code === 'ETIMEDOUT' || run.signal === 'SIGTERM';
  // GNU time's last line is the peak in KB (a line before it says when the command exited non-zero).
  const rss = gnuTime && existsSync(memoryFile) ? `${Math.round(Number(readFileSync(memoryFile, 'utf8').trim().split('\n').at(-1)) / 1024)} MB` : '–';
  let first = run.stderr.trim().split('\n')[0] ?? '';
  try {
    const found = JSON.parse(run.stdout);
    // The limit's own diagnostic when there is one, else the first.
    const notable = found.find((diagnostic) => /^markup-(not-checked|invalid-front-matter|duplicate-attribute)$/.test(diagnostic.code)) ?? found[0];
    if (notable) first = `${notable.code} (line ${notable.line}): ${notable.message}`;
  } catch {
    // Not JSON: what stderr said is shown.
  }
  const row = {
    name: soakCase.name,
    size: `${(text.length / 1024).toFixed(0)} KiB`,
    before: soakCase.before,
    seconds: timedOut ? `> ${limitSeconds}` : seconds.toFixed(1),
    rss,
    status: timedOut ? 'timed out' : String(run.status),
    first: first.length > 160 ? `${first.slice(0, 157)}…` : first,
  };
  rows.push(row);
  console.log(`${row.name.padEnd(40)} ${row.size.padStart(9)}  ${row.seconds.padStart(6)} s  ${row.rss.padStart(7)}  exit ${row.status}  ${row.first}`);
}
rmSync(folder, { recursive: true, force: true });

console.log('\n| case | size | before (issue 16) | check | peak RSS | exit | what the writer sees |\n| --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(`| ${row.name} | ${row.size} | ${row.before} | ${row.seconds} s | ${row.rss} | ${row.status} | ${row.first.replace(/\|/g, '\\|')} |`);
process.exit(rows.some((row) => row.status === 'timed out' || row.status === '2') ? 1 : 0);
