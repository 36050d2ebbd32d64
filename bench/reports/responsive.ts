/**
 * The responsive section (`npm run bench -- --sections=responsive`): how long a small report waits
 * for its first diagnostics, and a hover on it for its answer, while a report the Markdown parser is
 * slow on is open in the same server, or sits unopened in the workspace folder for the background
 * index. The slow report is a long list whose items each have a sub-item, in regions each under what
 * the parser's pre-scan of hostile shapes leaves out (`lists`, the default), or nested brackets
 * (`--responsive-shape=brackets`, which that pre-scan now leaves unparsed), or a long report the
 * parser reads at its usual speed (`--responsive-shape=long`, the bench's generated report of
 * `--responsive-bytes`, 5 MiB by default: a whole parse of seconds). Each is measured with
 * our server's check workers (`--check-in-workers`) and without them, in the same run;
 * `--responsive-compare=PATH` runs the same against another build too (an older dist/server.js).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateReport } from '../generate-report.js';
import { median } from './edits.js';
import { ms, table, withTimeout } from './format.js';
import { BenchClient, now, type ServerCommand } from './lsp.js';

export interface ResponsiveOptions {
  root: string;
  shape: 'lists' | 'brackets' | 'long';
  /** Length of the long shape's report. */
  longBytes: number;
  /** Depth of the nested brackets of the slow report ([[[…]]]: twice this many bytes). */
  bracketDepth: number;
  /** Regions of the list shape, 8.6 KB each. */
  listRegions: number;
  /** Another server to measure the same way (`--responsive-compare=dist/server.js of an older build`). */
  compare: string | undefined;
}

interface ResponsiveRun {
  server: string;
  scenario: 'open' | 'index';
  /** didOpen of the small report to its first diagnostics. */
  smallDiagnosticsMs: number;
  /** The hover on the small report sent right after its didOpen, to its answer. */
  hoverMs: number;
  /** didOpen of the slow report to its diagnostics (the open scenario only). */
  slowDiagnosticsMs: number;
  /**
   * Hovers on the small report sent one after another (each once the last is answered) from its first
   * diagnostics until the slow report's: how long each waited (the open scenario only).
   */
  hoversMeanwhileMs: number[];
}

const WAIT_MS = 180_000;

function slowReport(options: ResponsiveOptions): string {
  if (options.shape === 'long') {
    const gazetteer = readFileSync(join(options.root, 'examples/gazetteer.yaml'), 'utf8');
    return generateReport({ bytes: options.longBytes, gazetteer }).text;
  }
  // A name so that the index does not skip it as plain Markdown.
  const heading = '# Notes pasted from a spreadsheet\n\nShelling in :place[Idlib].\n\n';
  if (options.shape === 'brackets') return `${heading}${'['.repeat(options.bracketDepth)}x${']'.repeat(options.bracketDepth)}\n`;
  // micromark copies the list's events so far at every close of a nested list inside it: each region is quadratic.
  const region = Array.from({ length: 330 }, (_, i) => `- item ${String(i).padStart(5, '0')} text\n  - sub\n`).join('');
  return heading + Array.from({ length: options.listRegions }, (_, i) => `Region ${i}.\n\n${region}`).join('\n');
}

async function measureOne(command: ServerCommand, scenario: ResponsiveRun['scenario'], options: ResponsiveOptions): Promise<ResponsiveRun> {
  const folder = mkdtempSync(join(tmpdir(), 'incident-markup-responsive-'));
  try {
    copyFileSync(join(options.root, 'examples/gazetteer.yaml'), join(folder, 'gazetteer.yaml'));
    const small = readFileSync(join(options.root, 'examples/idlib-2023-10.md'), 'utf8');
    const slow = slowReport(options);
    // In the index scenario the slow report is on disk and never opened; in the open one it is open and not on disk.
    if (scenario === 'index') writeFileSync(join(folder, 'slow.md'), slow);
    const client = new BenchClient(command);
    try {
      await client.guard(client.initialize('push', folder));
      const slowUri = pathToFileURL(join(folder, 'slow.md')).href;
      const smallUri = pathToFileURL(join(folder, 'small.md')).href;
      let slowDiagnostics: Promise<number> = Promise.resolve(NaN);
      if (scenario === 'open') {
        const slowPublished = client.nextPublish(slowUri);
        const slowOpened = now();
        await client.open(slowUri, slow);
        slowDiagnostics = slowPublished.then(() => now() - slowOpened);
      }
      const smallPublished = client.nextPublish(smallUri);
      const opened = now();
      await client.open(smallUri, small);
      const hover = client.hover(smallUri, 0, 0).then(() => now() - opened);
      const smallDiagnosticsMs = await client.guard(withTimeout(smallPublished.then(() => now() - opened), WAIT_MS, 'the small report'));
      const hoverMs = await client.guard(withTimeout(hover, WAIT_MS, 'the hover'));
      let slowDone = scenario !== 'open';
      void slowDiagnostics.finally(() => (slowDone = true));
      const hoversMeanwhileMs: number[] = [];
      while (!slowDone) {
        const sent = now();
        await client.guard(withTimeout(client.hover(smallUri, 0, 0), WAIT_MS, 'a hover meanwhile'));
        hoversMeanwhileMs.push(now() - sent);
      }
      const slowDiagnosticsMs = await client.guard(withTimeout(slowDiagnostics, WAIT_MS, 'the slow report'));
      return { server: command.label, scenario, smallDiagnosticsMs, hoverMs, slowDiagnosticsMs, hoversMeanwhileMs };
    } finally {
      await client.close();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Our server with its check workers, as it comes (checks on its one thread), and any build compared. */
export async function measureResponsive(options: ResponsiveOptions, ours: ServerCommand): Promise<ResponsiveRun[]> {
  const servers: ServerCommand[] = [
    { label: `${ours.label} --check-in-workers`, args: [...ours.args, '--check-in-workers'] },
    { label: `${ours.label}, one thread`, args: ours.args },
    ...(options.compare ? [{ label: `compared (${options.compare})`, args: [options.compare, '--stdio'] }] : []),
  ];
  const runs: ResponsiveRun[] = [];
  for (const scenario of ['open', 'index'] as const) {
    for (const server of servers) {
      process.stderr.write(`Responsive: ${scenario}, ${server.label}\n`);
      runs.push(await measureOne(server, scenario, options));
    }
  }
  return runs;
}

export function responsiveOutput(runs: ResponsiveRun[], options: ResponsiveOptions): string {
  const bytes = slowReport(options).length;
  const shape =
    options.shape === 'brackets' ? 'nested brackets' : options.shape === 'long' ? 'a generated report (the bench\'s usual kind)' : `a list whose items have sub-items (${options.listRegions} regions)`;
  return [
    '',
    `Responsive: the 6 KB example report opened beside ${Math.round(bytes / 1024)} KB of ${shape} (open: the slow report opened first; index: it sits unopened in the workspace folder), push diagnostics, one run each`,
    table(
      ['server', 'slow report', 'small report: first diagnostics', 'hover on it', 'slow report: diagnostics', 'hovers meanwhile: n, median / longest'],
      runs.map((run) => [
        run.server,
        run.scenario === 'open' ? 'open' : 'in the index',
        ms(run.smallDiagnosticsMs),
        ms(run.hoverMs),
        ms(run.slowDiagnosticsMs),
        run.hoversMeanwhileMs.length === 0 ? '—' : `${run.hoversMeanwhileMs.length}, ${ms(median(run.hoversMeanwhileMs))} / ${ms(Math.max(...run.hoversMeanwhileMs))}`,
      ]),
    ),
  ].join('\n');
}
