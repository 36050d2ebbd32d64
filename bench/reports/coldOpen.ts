/**
 * `npm run bench -- --sections=cold`: the cold open alone, the figure the sizes section measures
 * first, without its keystrokes, hovers and peers, so that it can be run again in a minute: for
 * each report size, markdownlint on the same file, then fresh servers that each open the report
 * in its own folder (the background index running) and in an empty folder (no index), each to
 * its first pulled diagnostics. `--cold-compare=/path/to/dist/server.js` runs another build in the
 * same run, its servers alternating with these (A B A B), for a before and after on a shared
 * machine. Printed, not recorded: the README's rows come from the sizes section.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { median } from './edits.js';
import type { ParseAloneFigures } from './inprocess.js';
import { ms, sizeLabel, stat, table, withTimeout } from './format.js';
import { BenchClient, now, type ClientKind, type DiagnosticMode, type ServerCommand } from './lsp.js';

export interface ColdFixture {
  size: string;
  /** The workspace folder: this report and the gazetteer. */
  folder: string;
  path: string;
  uri: string;
  text: string;
  bytes: number;
}

export interface ColdOptions {
  runs: number;
  /** A folder holding no report, for the opens without an index. */
  emptyFolder: string;
  /** Another server bundle measured in the same run (A B A B). */
  compare: string | undefined;
}

interface ColdSample {
  ms: number;
  /** Server CPU from the open to the first diagnostics (10 ms ticks). */
  cpuMs: number;
  diagnostics: number;
}

interface ColdFigures {
  label: string;
  inFolder: ColdSample[];
  unindexed: ColdSample[];
}

export interface ColdResult {
  size: string;
  bytes: number;
  markdownlint: { firstMs: number; medianMs: number };
  /** Our parse alone in a fresh process (inprocess.ts, measureParseAlone): the floor under a cold open. */
  parseAlone: ParseAloneFigures;
  servers: ColdFigures[];
  load: number[];
}

export interface ColdOpen {
  startToReadyMs: number;
  coldOpenMs: number;
  /** Server CPU time from the open to the first diagnostics. */
  coldOpenCpuMs: number;
  diagnostics: number;
}

/** Spawn, initialize, open, first diagnostics; the client is left open for more (closed if any step fails). */
export async function openCold(
  command: ServerCommand,
  mode: DiagnosticMode,
  fixture: ColdFixture,
  folder: string,
  timeoutMs: number,
  kind: ClientKind = 'vscode',
): Promise<{ client: BenchClient; result: ColdOpen }> {
  const client = new BenchClient(command);
  try {
    await withTimeout(client.guard(client.initialize(mode, folder, false, kind)), 30_000, `${command.label} initialize`);
    const cpuBefore = client.cpuMs();
    const started = now();
    let diagnostics: number;
    if (mode === 'pull') {
      await client.open(fixture.uri, fixture.text);
      const report = await withTimeout(client.guard(client.pull(fixture.uri)), timeoutMs, `${command.label} first pull`);
      diagnostics = report.items?.length ?? 0;
    } else {
      const published = client.nextPublish(fixture.uri, 1);
      await client.open(fixture.uri, fixture.text);
      diagnostics = (await withTimeout(client.guard(published), timeoutMs, `${command.label} first publish`)).diagnostics.length;
    }
    const coldOpenMs = now() - started;
    return { client, result: { startToReadyMs: client.startToReady, coldOpenMs, coldOpenCpuMs: client.cpuMs() - cpuBefore, diagnostics } };
  } catch (error) {
    await client.close();
    throw error;
  }
}

async function openOnce(command: ServerCommand, fixture: ColdFixture, folder: string): Promise<ColdSample> {
  const { client, result } = await openCold(command, 'pull', fixture, folder, 120_000);
  await client.close();
  return { ms: result.coldOpenMs, cpuMs: result.coldOpenCpuMs, diagnostics: result.diagnostics };
}

export async function measureColdOpens(
  fixture: ColdFixture,
  servers: ServerCommand[],
  options: ColdOptions,
  markdownlint: () => Promise<{ firstMs: number; medianMs: number }>,
  parseAlone: () => Promise<ParseAloneFigures>,
): Promise<ColdResult> {
  const load = [loadavg()[0]!];
  const lint = await markdownlint();
  const parse = await parseAlone();
  const figures: ColdFigures[] = servers.map((server) => ({ label: server.label, inFolder: [], unindexed: [] }));
  for (let run = 0; run < options.runs; run++) {
    for (const [index, server] of servers.entries()) {
      process.stderr.write(`  [${fixture.size}] ${server.label}: cold open ${run + 1} of ${options.runs}\n`);
      figures[index]!.inFolder.push(await openOnce(server, fixture, fixture.folder));
      figures[index]!.unindexed.push(await openOnce(server, fixture, options.emptyFolder));
    }
  }
  load.push(loadavg()[0]!);
  // The same report must get the same diagnostics from every server and every open.
  const counts = new Set(figures.flatMap((figure) => [...figure.inFolder, ...figure.unindexed].map((sample) => sample.diagnostics)));
  if (counts.size > 1) process.stderr.write(`  [${fixture.size}] diagnostics differ between opens: ${[...counts].join(', ')}\n`);
  return { size: fixture.size, bytes: fixture.bytes, markdownlint: lint, parseAlone: parse, servers: figures, load };
}

export function coldOutput(results: ColdResult[]): string {
  const rows = results.flatMap((result) =>
    result.servers.map((server) => {
      const inFolder = stat(server.inFolder.map((sample) => sample.ms));
      const unindexed = median(server.unindexed.map((sample) => sample.ms));
      return [
        `${sizeLabel(result.bytes)} (${result.size})`,
        server.label,
        `${ms(inFolder.p50)} (${server.inFolder.map((sample) => Math.round(sample.ms)).join(', ')})`,
        ms(median(server.inFolder.map((sample) => sample.cpuMs))),
        (inFolder.p50 / result.markdownlint.medianMs).toFixed(2),
        `${ms(unindexed)}, ratio ${(unindexed / result.markdownlint.medianMs).toFixed(2)}`,
        `${ms(result.markdownlint.medianMs)} (${ms(result.markdownlint.firstMs)} first)`,
        `${ms(result.parseAlone.coldMs)} / ${ms(result.parseAlone.warmMs)}`,
        String(server.inFolder[0]?.diagnostics ?? '—'),
        result.load.map((value) => value.toFixed(1)).join('–'),
      ];
    }),
  );
  return [
    'Cold open → first diagnostics (pull), fresh servers, A B A B when two are compared:',
    '',
    table(['report', 'server', 'in its folder p50 (each run)', 'server CPU', 'ratio', 'empty folder (no index)', 'markdownlint warm', 'our parse alone, cold / warm', 'diagnostics', 'load'], rows),
    '',
  ].join('\n');
}

/** The servers of the section: this tree's, and the one to compare with. */
export function coldServers(ours: ServerCommand, compare: string | undefined): ServerCommand[] {
  if (!compare) return [ours];
  const compared = ours.args.map((arg) => (arg.endsWith(join('dist', 'server.js')) ? compare : arg));
  return [{ label: `${ours.label} (this tree)`, args: ours.args }, { label: `compared: ${compare}`, args: compared }];
}
