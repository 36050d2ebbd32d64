/**
 * The archive section of `npm run bench` (issue 15): an archive of generated reports (2,000 of
 * 25 KiB, about 50 MB, in one folder per year under one gazetteer.yaml) in a temporary folder,
 * checked by `node dist/cli.js check` as CI would run it: cold in one thread (--concurrency off),
 * cold with worker processes (the default, auto), filling --cache, and with the cache warm; beside
 * markdownlint-cli2 on the same files in the same run (it and the cold check with workers in pairs,
 * --archive-pairs). Each run is a fresh process, its output written to a file, timed from spawn to
 * exit. See bench/README.md, "Archive".
 *
 * One report in five carries mistakes, three or four of its 12-14 incidents one each (parts above
 * the incident's total, an unknown place, an impossible date, a misspelt actor), as an archive
 * under review does: the checks then find and print diagnostics, as a reviewer's CI run does.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateReport, parseSize } from '../generate-report.js';
import { mark, ms, sizeLabel, table } from './format.js';
import { now } from './lsp.js';
import type { SummaryRow } from './readme.js';

export const ARCHIVE_TARGETS = { coldRatio: 0.5, warmMs: 2000 };

export interface ArchiveOptions {
  root: string;
  /** Reports in the archive: 2,000 (200 in a quick run). */
  reports: number;
  /** Each report's size: 25 KiB, so that 2,000 are about 50 MB. */
  reportSize: string;
  /**
   * markdownlint-cli2 and the cold check with workers, run one after the other this many times (2):
   * the ratio is taken pair by pair, as farm-bench does, because the machine's speed drifts between
   * runs minutes apart (markdownlint-cli2 took 71 and 89 s on the same files within an hour).
   */
  pairs: number;
}

interface ArchiveFixture {
  folder: string;
  reports: number;
  bytes: number;
  incidents: number;
  /** Incidents written with a mistake. */
  mistakes: number;
}

const SEED = 20150101;
const REPORTS_PER_YEAR = 100;
/** Reports with mistakes: one in this many, with one in every MISTAKE_EVERY of their incidents. */
const REPORTS_PER_FLAWED = 5;
const MISTAKES = { mistakeEvery: 4, mistakeKinds: ['parts', 'place', 'date', 'actor'] } as const;

/** Generates the archive into a new temporary folder: archive/YEAR/report-NNNN.md and archive/gazetteer.yaml. */
function prepareArchive(options: ArchiveOptions): ArchiveFixture {
  const folder = mkdtempSync(join(tmpdir(), 'incident-markup-archive-'));
  const archive = join(folder, 'archive');
  mkdirSync(archive);
  copyFileSync(join(options.root, 'examples/gazetteer.yaml'), join(archive, 'gazetteer.yaml'));
  const gazetteer = readFileSync(join(archive, 'gazetteer.yaml'), 'utf8');
  let bytes = 0;
  let incidents = 0;
  let mistakes = 0;
  for (let index = 0; index < options.reports; index++) {
    const year = join(archive, String(2000 + Math.floor(index / REPORTS_PER_YEAR)));
    if (index % REPORTS_PER_YEAR === 0) mkdirSync(year);
    const flawed = index % REPORTS_PER_FLAWED === 0;
    const report = generateReport({ bytes: parseSize(options.reportSize), gazetteer, seed: SEED + index, ...(flawed ? MISTAKES : { mistakes: false }) });
    writeFileSync(join(year, `report-${String(index + 1).padStart(4, '0')}.md`), report.text);
    bytes += Buffer.byteLength(report.text);
    incidents += report.incidents;
    mistakes += report.mistakes;
  }
  return { folder, reports: options.reports, bytes, incidents, mistakes };
}

interface Run {
  label: string;
  ms: number;
  status: number | null;
  /** Bytes written to stdout and stderr. */
  outputBytes: number;
}

/** One fresh process in the archive folder, its stdout and stderr written to a file there. */
function timed(label: string, fixture: ArchiveFixture, args: string[]): Run {
  const outputPath = join(fixture.folder, 'output.txt');
  const output = openSync(outputPath, 'w');
  const started = now();
  const result = spawnSync(process.execPath, args, { cwd: join(fixture.folder, 'archive'), stdio: ['ignore', output, output], env: { ...process.env, NO_COLOR: '1' } });
  const elapsed = now() - started;
  closeSync(output);
  if (result.error) throw result.error;
  const outputBytes = readFileSync(outputPath).length;
  process.stderr.write(`  ${label}: ${ms(elapsed)} (exit ${result.status}, ${sizeLabel(outputBytes)} of output)\n`);
  return { label, ms: elapsed, status: result.status, outputBytes };
}

export interface ArchiveFigures {
  reports: number;
  bytes: number;
  incidents: number;
  /** Incidents written with a mistake (one report in five has some). */
  mistakes: number;
  cores: number;
  load: { start: number[]; end: number[] };
  coldInProcess: Run;
  coldWorkers: Run;
  fillCache: Run;
  warmCache: Run;
  markdownlintCli2: Run;
  /** markdownlint-cli2 and the cold check with workers, back to back: the first pair is markdownlintCli2 and coldWorkers. */
  pairs: { markdownlintCli2: Run; coldWorkers: Run }[];
}

/** The median of the pairs' ratios, cold check with workers over markdownlint-cli2. */
export function pairedRatio(figures: Pick<ArchiveFigures, 'pairs'>): number {
  const ratios = figures.pairs.map((pair) => pair.coldWorkers.ms / pair.markdownlintCli2.ms).sort((a, b) => a - b);
  const middle = ratios.length >> 1;
  return ratios.length % 2 === 1 ? ratios[middle]! : (ratios[middle - 1]! + ratios[middle]!) / 2;
}

export function measureArchive(options: ArchiveOptions): ArchiveFigures {
  const start = loadavg().map((load) => Number(load.toFixed(2)));
  process.stderr.write(`Archive: generating ${options.reports} reports of ${options.reportSize}…\n`);
  const fixture = prepareArchive(options);
  try {
    process.stderr.write(`Archive: ${fixture.reports} reports, ${sizeLabel(fixture.bytes)}, ${fixture.incidents} incidents (${fixture.mistakes} with a mistake) in ${fixture.folder}\n`);
    const cli = join(options.root, 'dist/cli.js');
    // As npx and npm's bin links run it: its first line names no Node flag (scripts/build.mjs).
    const check = [cli, 'check', '.', '--format', 'json'];
    const cache = ['--cache', '--cache-location', join(fixture.folder, 'cache')];
    const markdownlintCli2 = join(options.root, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
    // markdownlint-cli2 first: each tool's first run reads the files from the page cache, not the disk, as the generator just wrote them.
    const pair = (index: number) => ({
      markdownlintCli2: timed(`markdownlint-cli2 0.24.1 (default rules), pair ${index}`, fixture, [markdownlintCli2, '**/*.md']),
      coldWorkers: timed(`incident-markup check, cold, worker processes (default), pair ${index}`, fixture, check),
    });
    const pairs = [pair(1)];
    const rest = {
      coldInProcess: timed('incident-markup check, cold, one thread (--concurrency off)', fixture, [...check, '--concurrency', 'off']),
      fillCache: timed('incident-markup check --cache, cold (fills the cache)', fixture, [...check, ...cache]),
      warmCache: timed('incident-markup check --cache, warm', fixture, [...check, ...cache]),
    };
    while (pairs.length < Math.max(1, options.pairs)) pairs.push(pair(pairs.length + 1));
    const figures = { ...pairs[0]!, ...rest, pairs };
    return { reports: fixture.reports, bytes: fixture.bytes, incidents: fixture.incidents, mistakes: fixture.mistakes, cores: cpus().length, load: { start, end: loadavg().map((load) => Number(load.toFixed(2))) }, ...figures };
  } finally {
    rmSync(fixture.folder, { recursive: true, force: true });
  }
}

export function archiveRows(figures: ArchiveFigures): SummaryRow[] {
  const what = `${figures.reports.toLocaleString('en-GB')} reports, ${sizeLabel(figures.bytes)}`;
  const peer = `markdownlint-cli2 0.24.1: ${figures.pairs.map((pair) => ms(pair.markdownlintCli2.ms)).join(', ')}`;
  const ratio = (run: Run) => run.ms / figures.markdownlintCli2.ms;
  const paired = pairedRatio(figures);
  return [
    {
      figure: `check an archive cold, worker processes (${what}, ${figures.cores} cores; ${figures.pairs.length === 1 ? 'one pair' : `median of ${figures.pairs.length} pairs`} with markdownlint-cli2)`,
      target: `≤ ${ARCHIVE_TARGETS.coldRatio} × markdownlint-cli2`,
      measured: `${figures.pairs.map((pair) => ms(pair.coldWorkers.ms)).join(', ')}, ratio ${paired.toFixed(2)} (pairs ${figures.pairs.map((pair) => (pair.coldWorkers.ms / pair.markdownlintCli2.ms).toFixed(2)).join(', ')}; one thread: ${ms(figures.coldInProcess.ms)}, ratio ${ratio(figures.coldInProcess).toFixed(2)} to the first pair's)`,
      peer,
      ok: paired <= ARCHIVE_TARGETS.coldRatio,
    },
    {
      figure: `check an archive with a warm --cache (${what})`,
      target: `≤ ${ARCHIVE_TARGETS.warmMs.toLocaleString('en-GB')} ms`,
      measured: `${ms(figures.warmCache.ms)} (filling the cache: ${ms(figures.fillCache.ms)})`,
      peer,
      ok: figures.warmCache.ms <= ARCHIVE_TARGETS.warmMs,
    },
  ];
}

export function archiveOutput(figures: ArchiveFigures, rows: SummaryRow[]): string {
  return [
    `Archive: ${figures.reports} generated reports, ${sizeLabel(figures.bytes)}, ${figures.incidents} incidents (${figures.mistakes} with a mistake, in one report of ${REPORTS_PER_FLAWED}), one gazetteer.yaml; each run a fresh`,
    `process (node dist/cli.js check . --format json, output to a file), ${figures.cores} cores, load ${figures.load.start[0]} at start, ${figures.load.end[0]} at end.`,
    '',
    table(
      ['run', 'time', 'exit', 'output'],
      [figures.markdownlintCli2, figures.coldWorkers, figures.coldInProcess, figures.fillCache, figures.warmCache, ...figures.pairs.slice(1).flatMap((pair) => [pair.markdownlintCli2, pair.coldWorkers])].map((run) => [run.label, ms(run.ms), String(run.status), sizeLabel(run.outputBytes)]),
    ),
    '',
    table(
      ['figure', 'target', 'measured', 'peer (same run, same files)', 'holds'],
      rows.map((row) => [row.figure, row.target, row.measured, row.peer, row.ok === null ? '—' : mark(row.ok)]),
    ),
    '',
  ].join('\n');
}
