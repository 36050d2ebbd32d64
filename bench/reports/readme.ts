/**
 * Keeps the report rows of README.md's "Performance" table in step with the
 * latest run. Other rows (the gazetteer benchmarks) are left alone: a row is
 * ours when its first cell is a figure this bench wrote last time or writes now
 * (compared without the counts in parentheses).
 */
import { readFileSync, writeFileSync } from 'node:fs';

const HEADING = '## Performance';
const HEADER = '| figure | target | measured | peer | machine |';

const escape = (cell: string) => cell.replace(/\|/g, '\\|');
const firstCell = (line: string) => /^\|\s*((?:[^|\\]|\\.)*?)\s*\|/.exec(line)?.[1]?.replace(/\\\|/g, '|');

/** One figure of the README's Performance table. */
export interface SummaryRow {
  figure: string;
  target: string;
  measured: string;
  peer: string;
  ok: boolean | null;
}

export function updateReadme(path: string, summary: SummaryRow[], previousFigures: string[], machine: string): void {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  const rows = summary.map(
    (row) => `| ${escape(row.figure)} | ${escape(row.target)} | ${escape(row.measured)}${row.ok === false ? ' — **not met**' : ''} | ${escape(row.peer)} | ${escape(machine)} |`,
  );
  // Counts in parentheses ("median of 5 fresh servers") may change between runs; the rest names the row.
  const base = (figure: string) => figure.replace(/\s*\([^)]*\)/g, '').trim();
  const ours = new Set([...previousFigures, ...summary.map((row) => row.figure)].map(base));

  const heading = lines.findIndex((line) => line.trim() === HEADING);
  if (heading < 0) {
    const section = [
      HEADING,
      '',
      'Latest figures from `npm run bench` (see [bench/README.md](bench/README.md)); each peer was measured in the same run on',
      'the same file. Full results: [bench/results/latest.json](bench/results/latest.json). What bounds the figures that miss',
      'their target, and what was tried: [bench/README.md](bench/README.md#what-bounds-the-figures).',
      '',
      HEADER,
      '| --- | --- | --- | --- | --- |',
      ...rows,
      '',
    ];
    const credits = lines.findIndex((line) => line.trim() === '## Credits');
    const at = credits < 0 ? lines.length : credits;
    lines.splice(at, 0, ...section);
    writeFileSync(path, lines.join('\n'));
    return;
  }
  // The first table after the heading, before the next heading.
  let start = heading + 1;
  while (start < lines.length && !lines[start]!.startsWith('|') && !lines[start]!.startsWith('## ')) start++;
  if (start >= lines.length || lines[start]!.startsWith('## ')) {
    lines.splice(start, 0, HEADER, '| --- | --- | --- | --- | --- |', ...rows, '');
    writeFileSync(path, lines.join('\n'));
    return;
  }
  let end = start;
  while (end < lines.length && lines[end]!.startsWith('|')) end++;
  const body = lines.slice(start + 2, end);
  const isOurs = (line: string) => ours.has(base(firstCell(line) ?? ''));
  const firstOurs = body.findIndex(isOurs);
  const kept = body.filter((line) => !isOurs(line));
  const at = firstOurs < 0 ? kept.length : firstOurs;
  kept.splice(at, 0, ...rows);
  lines.splice(start + 2, end - start - 2, ...kept);
  writeFileSync(path, lines.join('\n'));
}
