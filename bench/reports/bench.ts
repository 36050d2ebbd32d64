/**
 * `npm run bench` for reports: keystroke → diagnostics and cold open through the
 * real server over LSP (this process is the editor), beside the peers measured
 * in the same run on the same files, plus start-up, memory, hover and an
 * in-process breakdown of where the time goes. See bench/README.md.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateReport, parseSize } from '../generate-report.js';
import { annotationPositions, applyKeystroke, median, plannedKeystrokes, type Keystroke } from './edits.js';
import { mark, mb, ms, sizeLabel, stat, table, withTimeout } from './format.js';
import type { InProcessFigures, ParseAloneFigures, Stat } from './inprocess.js';
import { BenchClient, Lines, now, type ClientKind, type DiagnosticMode, type ServerCommand } from './lsp.js';
import { updateReadme, type SummaryRow } from './readme.js';
import { archiveOutput, archiveRows, ARCHIVE_TARGETS, measureArchive, type ArchiveOptions } from './archive.js';
import { coldOutput, coldServers, measureColdOpens, openCold, type ColdFixture, type ColdResult } from './coldOpen.js';
import { measureResponsive, responsiveOutput, type ResponsiveOptions } from './responsive.js';
import { measureWorkspace, prepareWorkspace, workspaceOutput, workspaceRows, WORKSPACE_TARGETS, type WorkspaceOptions } from './workspace.js';
import { serverNodeFlags } from '../../client/src/serverNodeFlags.js';

const TARGETS = { keystrokeP95: 50, coldOpenRatio: 1.0, startMs: 300, rssMB: 300, hoverP95: 10 };
/** Issue 16: a keystroke's p95 at most 20 ms in a 1 MiB report, 50 ms at 5 MiB (and 50 ms at the other sizes, as before). */
const keystrokeTarget = (bytes: number) => (Math.abs(bytes - 1_048_576) < 65_536 ? 20 : TARGETS.keystrokeP95);

interface Options {
  root: string;
  sizes: string[];
  keystrokes: number;
  pushKeystrokes: Record<string, number>;
  peerKeystrokes: Record<string, number>;
  coldRuns: Record<string, number>;
  peer: boolean;
  /** Per keystroke phase: stop (after at least 20) once this is spent. */
  budgetMs: number;
  inProcessKeystrokes: number;
  readme: boolean;
  json: string;
  /** `sizes` (the reports of each size, and the busy workspace), `workspace` (workspace.ts) and `archive` (archive.ts). */
  sections: Set<string>;
  workspace: WorkspaceOptions;
  /** `--sections=responsive` only (responsive.ts): printed, not recorded. */
  responsive: ResponsiveOptions;
  archive: ArchiveOptions;
  /** Node flags for our server's process (`--server-node-flags="--cpu-prof --cpu-prof-dir=/tmp/prof"`). */
  serverNodeFlags: string[];
  /** `--sections=cold` only (coldOpen.ts): another dist/server.js to open the same reports with, A B A B. */
  coldCompare: string | undefined;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const perSize = (name: string, fallback: Record<string, number>) => {
    const given = value(name);
    if (!given) return fallback;
    if (/^\d+$/.test(given)) return Object.fromEntries(Object.keys(fallback).map((size) => [size, Number(given)]));
    return { ...fallback, ...Object.fromEntries(given.split(',').map((pair) => pair.split(':')).map(([size, n]) => [size!, Number(n)])) };
  };
  const quick = argv.includes('--quick');
  const root = resolve(value('root') ?? process.cwd());
  return {
    root,
    sizes: (value('sizes') ?? (quick ? '100k,1m' : '100k,1m,5m')).split(','),
    keystrokes: Number(value('keystrokes') ?? (quick ? 50 : 200)),
    pushKeystrokes: perSize('push-keystrokes', quick ? { '100k': 20, '1m': 20, '5m': 10 } : { '100k': 100, '1m': 200, '5m': 100 }),
    peerKeystrokes: perSize('peer-keystrokes', quick ? { '100k': 10, '1m': 5, '5m': 2 } : { '100k': 50, '1m': 30, '5m': 5 }),
    coldRuns: perSize('cold-runs', quick ? { '100k': 2, '1m': 2, '5m': 1 } : { '100k': 5, '1m': 5, '5m': 3 }),
    peer: !argv.includes('--no-peer'),
    budgetMs: Number(value('budget') ?? (quick ? 20 : 90)) * 1000,
    inProcessKeystrokes: Number(value('in-process-keystrokes') ?? (quick ? 20 : 100)),
    // Quick and partial runs print only; a full run records its figures.
    readme: argv.includes('--update-readme') || (!quick && !value('sizes') && !value('sections') && !argv.includes('--no-update')),
    json: value('json') ?? join(root, 'bench/results/latest.json'),
    sections: new Set((value('sections') ?? 'sizes,workspace,archive').split(',')),
    workspace: {
      root,
      reports: Number(value('workspace-reports') ?? (quick ? 40 : 200)),
      reportSize: value('workspace-report-size') ?? '50k',
      requests: Number(value('workspace-requests') ?? (quick ? 60 : 200)),
      renames: Number(value('workspace-renames') ?? (quick ? 10 : 40)),
    },
    archive: { root, reports: Number(value('archive-reports') ?? (quick ? 200 : 2000)), reportSize: value('archive-report-size') ?? '25k', pairs: Number(value('archive-pairs') ?? 2) },
    responsive: {
      root,
      shape: value('responsive-shape') === 'brackets' ? 'brackets' : value('responsive-shape') === 'long' ? 'long' : 'lists',
      longBytes: parseSize(value('responsive-bytes') ?? '5m'),
      bracketDepth: Number(value('responsive-depth') ?? 15_000),
      listRegions: Number(value('responsive-regions') ?? 12),
      compare: value('responsive-compare'),
    },
    serverNodeFlags: (value('server-node-flags') ?? '').split(/\s+/).filter(Boolean),
    coldCompare: value('cold-compare'),
  };
}

/** Runs this bundle again as a child (`--child=KIND …`) and reads the JSON it prints last. */
/** The Node flags the built server asks for (its second line): ours runs with them, and so do the children that measure its parse. */
const builtServerFlags = (options: Options) => serverNodeFlags(join(options.root, 'dist/server.js'));

/** A measurement in a fresh process of its own (this bundle again, `--child=…`), run with `nodeFlags`. */
function child<T>(args: string[], nodeFlags: string[] = []): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const proc = spawn(process.execPath, [...nodeFlags, process.argv[1]!, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    proc.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`child ${args.join(' ')} exited with ${code}`));
      resolvePromise(JSON.parse(out.trim().split('\n').at(-1)!) as T);
    });
  });
}

interface Fixture extends ColdFixture {
  incidents: number;
  annotations: number;
}

const generatedFolder = (options: Options) => join(options.root, 'bench/reports/.generated');

/**
 * One folder per report, with the gazetteer beside it: each is the workspace of its own
 * measurements, so the server's background index sees only that report. The parent folder,
 * holding all of them, is the "busy workspace" of measureBusyWorkspace.
 */
function prepareFixtures(options: Options): Fixture[] {
  const gazetteerText = readFileSync(join(options.root, 'examples/gazetteer.yaml'), 'utf8');
  // Reports left at the top by an older layout would join the busy workspace.
  mkdirSync(generatedFolder(options), { recursive: true });
  for (const name of readdirSync(generatedFolder(options))) {
    if (/\.(md|ya?ml)$/.test(name)) rmSync(join(generatedFolder(options), name));
  }
  return options.sizes.map((size) => {
    const folder = join(generatedFolder(options), size);
    mkdirSync(folder, { recursive: true });
    copyFileSync(join(options.root, 'examples/gazetteer.yaml'), join(folder, 'gazetteer.yaml'));
    const report = generateReport({ bytes: parseSize(size), gazetteer: gazetteerText });
    const path = join(folder, `report-${size}.md`);
    if (!existsSync(path) || readFileSync(path, 'utf8') !== report.text) writeFileSync(path, report.text);
    return { size, folder, path, uri: pathToFileURL(path).href, text: report.text, bytes: Buffer.byteLength(report.text), incidents: report.incidents, annotations: report.annotations };
  });
}

function timeoutFor(fixture: Fixture): number {
  return 60_000 + (fixture.bytes / 1_048_576) * 60_000;
}

/** Spawn, initialize, open, first diagnostics; the client is left open for more. */
const coldOpen = (command: ServerCommand, mode: DiagnosticMode, fixture: Fixture, folder: string, kind: ClientKind = 'vscode') =>
  openCold(command, mode, fixture, folder, timeoutFor(fixture), kind);

/**
 * Types the planned keystrokes and times each to its diagnostics (pull: the answer; push: the
 * publish for that version). Stops early, after at least 20, once `budgetMs` is spent: a server
 * that takes seconds per keystroke on 5 MB would otherwise keep the bench busy for an hour.
 */
async function type(client: BenchClient, mode: DiagnosticMode, fixture: Fixture, count: number, planned: Keystroke[], budgetMs: number) {
  let text = fixture.text;
  let version = 1;
  const samples: number[] = [];
  const diagnostics: number[] = [];
  const payloads: number[] = [];
  // Pulls name the result the client holds, as VS Code's do; an `unchanged` answer keeps it.
  let held: { resultId: string; items: unknown[] } | undefined;
  let unchanged = 0;
  const began = now();
  const cpuBefore = client.cpuMs();
  for (const keystroke of planned.slice(0, count)) {
    if (samples.length >= Math.min(20, count) && now() - began > budgetMs) break;
    const position = new Lines(text).position(keystroke.offset);
    text = applyKeystroke(text, keystroke);
    version++;
    let items: unknown[];
    if (mode === 'pull') {
      const started = now();
      await client.insert(fixture.uri, version, position.line, position.character, keystroke.inserted, text);
      const report = await withTimeout(client.guard(client.pull(fixture.uri, held?.resultId)), timeoutFor(fixture), 'pull after keystroke');
      samples.push(now() - started);
      if (report.kind === 'unchanged' && held && report.resultId === held.resultId) {
        unchanged++;
        items = held.items;
      } else if (report.kind === 'full') {
        items = report.items ?? [];
        held = report.resultId ? { resultId: report.resultId, items } : undefined;
      } else {
        throw new Error(`unexpected diagnostic report kind ${report.kind} (result id ${report.resultId}, held ${held?.resultId})`);
      }
    } else {
      const published = client.nextPublish(fixture.uri, version);
      const started = now();
      await client.insert(fixture.uri, version, position.line, position.character, keystroke.inserted, text);
      items = (await withTimeout(client.guard(published), timeoutFor(fixture), 'publish after keystroke')).diagnostics;
      samples.push(now() - started);
    }
    diagnostics.push(items.length);
    if (payloads.length < 5) payloads.push(JSON.stringify(items).length);
  }
  const cpuPerKeystrokeMs = (client.cpuMs() - cpuBefore) / samples.length;
  return { ...stat(samples), requested: count, cpuPerKeystrokeMs, diagnostics: median(diagnostics), payloadKB: median(payloads) / 1024, unchanged };
}

async function hovers(client: BenchClient, fixture: Fixture, count: number) {
  const lines = new Lines(fixture.text);
  const samples: number[] = [];
  let answered = 0;
  for (const offset of annotationPositions(fixture.text, count)) {
    const { line, character } = lines.position(offset);
    const started = now();
    const result = await withTimeout(client.guard(client.hover(fixture.uri, line, character)), 30_000, 'hover');
    samples.push(now() - started);
    if (result) answered++;
  }
  return { ...stat(samples), answered };
}

type Typed = Awaited<ReturnType<typeof type>>;

interface SizeResult {
  size: string;
  bytes: number;
  incidents: number;
  annotations: number;
  ours: {
    startToReadyMs: Stat & { n: number };
    coldOpenMs: Stat & { n: number };
    coldOpenCpuMs: number;
    /** With a workspace folder that does not hold the report (no background index parse of it). */
    coldOpenUnindexedMs: number;
    coldOpenPushMs: number;
    diagnostics: number;
    keystrokePullMs: Typed;
    keystrokePushMs: Typed;
    /**
     * Push, to a client that declares no inlay hints and no `codeDescription`, as Neovim 0.7 and eglot 1.9 (which take
     * diagnostics pushed): it is sent every hint as a diagnostic. Runs of 2026-12-05 up to 3a8740d pulled them instead
     * (keystrokePullWithoutInlayHintsMs), with VS Code's diagnostic capabilities; absent before.
     */
    keystrokePushWithoutInlayHintsMs?: Typed;
    hoverMs: Stat & { n: number; answered: number };
    memoryMB: { rssAfterOpen: number; rssAfterTyping: number; hwm: number };
  };
  markdownlint: { firstMs: number; medianMs: number; runs: number; problems: number };
  peer?: {
    startToReadyMs: number;
    coldOpenMs: number;
    coldOpenCpuMs: number;
    keystrokeMs: Typed;
    memoryMB: { rssAfterOpen: number; hwm: number };
    error?: string;
  };
  inProcess: InProcessFigures;
}

async function measureSize(options: Options, fixture: Fixture, ours: ServerCommand, peer: ServerCommand): Promise<SizeResult> {
  const { folder } = fixture;
  const log = (what: string) => process.stderr.write(`  [${fixture.size}] ${what}\n`);
  const planned = plannedKeystrokes(fixture.text, options.keystrokes);

  log('markdownlint (library API, default rules)');
  const markdownlint = await child<SizeResult['markdownlint']>(['--child=markdownlint', fixture.path, String(fixture.bytes > 3_000_000 ? 2 : 3)]);

  log(`incident-markup: cold open ×${options.coldRuns[fixture.size] ?? 3}, hover, ${options.keystrokes} keystrokes (pull)`);
  const starts: number[] = [];
  const colds: number[] = [];
  const coldCpus: number[] = [];
  const first = await coldOpen(ours, 'pull', fixture, folder);
  starts.push(first.result.startToReadyMs);
  colds.push(first.result.coldOpenMs);
  coldCpus.push(first.result.coldOpenCpuMs);
  const afterOpen = first.client.memory();
  const hoverMs = await hovers(first.client, fixture, 200);
  const keystrokePullMs = await type(first.client, 'pull', fixture, options.keystrokes, planned, options.budgetMs);
  const afterTyping = first.client.memory();
  await first.client.close();
  for (let run = 1; run < (options.coldRuns[fixture.size] ?? 3); run++) {
    const again = await coldOpen(ours, 'pull', fixture, folder);
    starts.push(again.result.startToReadyMs);
    colds.push(again.result.coldOpenMs);
    coldCpus.push(again.result.coldOpenCpuMs);
    await again.client.close();
  }

  // The same open with a workspace folder that does not hold the report: no background index
  // parse of it (the index skips reports over 2,000,000 characters anyway).
  const unindexed: number[] = [];
  if (fixture.text.length <= 2_000_000) {
    const empty = join(generatedFolder(options), 'empty');
    mkdirSync(empty, { recursive: true });
    for (let run = 0; run < 2; run++) {
      const again = await coldOpen(ours, 'pull', fixture, empty);
      unindexed.push(again.result.coldOpenMs);
      starts.push(again.result.startToReadyMs);
      await again.client.close();
    }
  }

  const pushCount = options.pushKeystrokes[fixture.size] ?? 100;
  log(`incident-markup: push mode, ${pushCount} keystrokes`);
  const push = await coldOpen(ours, 'push', fixture, folder);
  starts.push(push.result.startToReadyMs);
  const keystrokePushMs = await type(push.client, 'push', fixture, pushCount, planned, options.budgetMs);
  await push.client.close();

  log(`incident-markup: push to a client without inlay hints, ${pushCount} keystrokes`);
  const plain = await coldOpen(ours, 'push', fixture, folder, 'without-inlay-hints');
  starts.push(plain.result.startToReadyMs);
  const keystrokePushWithoutInlayHintsMs = await type(plain.client, 'push', fixture, pushCount, planned, options.budgetMs);
  await plain.client.close();

  let peerResult: SizeResult['peer'];
  if (options.peer) {
    const count = options.peerKeystrokes[fixture.size] ?? 10;
    log(`unified-language-server: cold open, ${count} keystrokes`);
    let client: BenchClient | undefined;
    try {
      const opened = await coldOpen(peer, 'push', fixture, folder);
      client = opened.client;
      const memory = client.memory();
      const keystrokeMs = await type(client, 'push', fixture, count, planned, options.budgetMs);
      peerResult = {
        startToReadyMs: opened.result.startToReadyMs,
        coldOpenMs: opened.result.coldOpenMs,
        coldOpenCpuMs: opened.result.coldOpenCpuMs,
        keystrokeMs,
        memoryMB: { rssAfterOpen: memory.rssMB, hwm: client.memory().hwmMB },
      };
    } catch (error) {
      peerResult = { startToReadyMs: NaN, coldOpenMs: NaN, coldOpenCpuMs: NaN, keystrokeMs: { ...stat([]), requested: count, cpuPerKeystrokeMs: NaN, diagnostics: NaN, payloadKB: NaN, unchanged: 0 }, memoryMB: { rssAfterOpen: NaN, hwm: NaN }, error: String(error) };
      log(`peer failed: ${String(error)}`);
    } finally {
      await client?.close();
    }
  }

  log('in process: parse, rules, serialisation');
  // With the server's Node flags (its young generation and heap growth), so that the parse, the rules and their cold runs are the server's.
  const inProcess = await child<InProcessFigures>(
    ['--child=inprocess', fixture.path, String(options.inProcessKeystrokes), String(options.budgetMs), String(options.keystrokes)],
    builtServerFlags(options),
  );

  return {
    size: fixture.size,
    bytes: fixture.bytes,
    incidents: fixture.incidents,
    annotations: fixture.annotations,
    ours: {
      startToReadyMs: stat(starts),
      coldOpenMs: stat(colds),
      coldOpenCpuMs: median(coldCpus),
      coldOpenUnindexedMs: unindexed.length > 0 ? median(unindexed) : NaN,
      coldOpenPushMs: push.result.coldOpenMs,
      diagnostics: first.result.diagnostics,
      keystrokePullMs,
      keystrokePushMs,
      keystrokePushWithoutInlayHintsMs,
      hoverMs,
      memoryMB: { rssAfterOpen: afterOpen.rssMB, rssAfterTyping: afterTyping.rssMB, hwm: afterTyping.hwmMB },
    },
    markdownlint,
    peer: peerResult,
    inProcess,
  };
}

interface BusyWorkspace {
  size: string;
  reports: number;
  workspaceBytes: number;
  coldOpenMs: Stat & { n: number };
  coldOpenCpuMs: number;
  rssMB: number;
}

/**
 * The smallest report opened cold in the folder that holds every generated report, as a writer
 * opens a folder of reports: the server's background index reads the others meanwhile.
 */
async function measureBusyWorkspace(options: Options, fixtures: Fixture[], ours: ServerCommand): Promise<BusyWorkspace | undefined> {
  if (fixtures.length < 2) return undefined;
  const fixture = [...fixtures].sort((a, b) => a.bytes - b.bytes)[0]!;
  process.stderr.write(`Busy workspace: ${fixture.size} opened in the folder of all ${fixtures.length} reports\n`);
  const colds: number[] = [];
  const cpus: number[] = [];
  let rssMB = NaN;
  for (let run = 0; run < 3; run++) {
    const { client, result } = await coldOpen(ours, 'pull', fixture, generatedFolder(options));
    colds.push(result.coldOpenMs);
    cpus.push(result.coldOpenCpuMs);
    rssMB = client.memory().rssMB;
    await client.close();
  }
  return {
    size: fixture.size,
    reports: fixtures.length,
    workspaceBytes: fixtures.reduce((sum, each) => sum + each.bytes, 0),
    coldOpenMs: stat(colds),
    coldOpenCpuMs: median(cpus),
    rssMB,
  };
}

// ---------------------------------------------------------------- output

const typedCount = (typed: Typed) => (typed.n < typed.requested ? `${typed.n} of ${typed.requested} keystrokes, time budget spent` : `${typed.n} keystrokes`);
const peerTyping = (result: SizeResult) =>
  !result.peer
    ? 'unified-language-server: not run (--no-peer)'
    : result.peer.error
      ? 'unified-language-server: failed (see JSON)'
      : `unified-language-server ${ms(result.peer.keystrokeMs.p50)} / ${ms(result.peer.keystrokeMs.p95)} (${typedCount(result.peer.keystrokeMs)})`;

function summarise(results: SizeResult[], busy: BusyWorkspace | undefined): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const main = results.find((result) => result.size === '1m') ?? results[Math.floor(results.length / 2)]!;
  const label = sizeLabel(main.bytes);
  for (const result of results) {
    const typed = result.ours.keystrokePullMs;
    rows.push({
      figure: `Keystroke → diagnostics, ${sizeLabel(result.bytes)} report, pull (p50 / p95)`,
      target: `p95 ≤ ${keystrokeTarget(result.bytes)} ms`,
      measured: `${ms(typed.p50)} / ${ms(typed.p95)} (${typedCount(typed)}; ${typed.unchanged ?? 0} answered unchanged)`,
      peer: peerTyping(result),
      ok: typed.p95 <= keystrokeTarget(result.bytes),
    });
  }
  // The same keystrokes pushed to an editor without inlay hints (Neovim 0.7, eglot 1.9), which is sent every hint as a diagnostic.
  for (const result of results) {
    const typed = result.ours.keystrokePushWithoutInlayHintsMs;
    if (!typed) continue;
    rows.push({
      figure: `Keystroke → published diagnostics, ${sizeLabel(result.bytes)} report, push to an editor without inlay hints (p50 / p95)`,
      target: `p95 ≤ ${keystrokeTarget(result.bytes)} ms`,
      measured: `${ms(typed.p50)} / ${ms(typed.p95)} (${typedCount(typed)}; ${Math.round(typed.diagnostics)} diagnostics, ${Math.round(typed.payloadKB)} KB, every version)`,
      peer: peerTyping(result),
      ok: typed.p95 <= keystrokeTarget(result.bytes),
    });
  }
  const push = main.ours.keystrokePushMs;
  rows.push({
    // A check that re-uses its earlier results runs at once; only a slow one waits for a pause in typing.
    figure: `Keystroke → published diagnostics, ${label} report, push (p50 / p95)`,
    target: `p95 ≤ ${keystrokeTarget(main.bytes)} ms`,
    measured: `${ms(push.p50)} / ${ms(push.p95)} (${typedCount(push)})`,
    peer: peerTyping(main),
    ok: push.p95 <= keystrokeTarget(main.bytes),
  });
  for (const result of results) {
    const ratio = result.ours.coldOpenMs.p50 / result.markdownlint.medianMs;
    rows.push({
      figure: `Cold open → first diagnostics, ${sizeLabel(result.bytes)} report (median of ${result.ours.coldOpenMs.n} fresh servers)`,
      target: '≤ markdownlint, ratio ≤ 1.0',
      measured: `${ms(result.ours.coldOpenMs.p50)}, ratio ${ratio.toFixed(2)}${Number.isFinite(result.ours.coldOpenUnindexedMs) ? ` (outside the workspace folder, no index: ${ms(result.ours.coldOpenUnindexedMs)}, ratio ${(result.ours.coldOpenUnindexedMs / result.markdownlint.medianMs).toFixed(2)})` : ''}; the parse alone, in a fresh process with no LSP and no rules: ${ms(result.inProcess.coldParseMs)} cold, ratio ${(result.inProcess.coldParseMs / result.markdownlint.medianMs).toFixed(2)}, ${ms(result.inProcess.fullParseMs)} warm`,
      peer: `markdownlint ${ms(result.markdownlint.medianMs)} warm (${ms(result.markdownlint.firstMs)} first run); unified-language-server ${ms(result.peer?.coldOpenMs ?? NaN)}`,
      ok: ratio <= TARGETS.coldOpenRatio,
    });
  }
  const starts = main.ours.startToReadyMs;
  rows.push({
    figure: `Server start → ready, initialize answered (median / p95 of ${starts.n} starts)`,
    target: `≤ ${TARGETS.startMs} ms`,
    measured: `${ms(starts.p50)} / ${ms(starts.p95)}`,
    peer: `unified-language-server ${ms(main.peer?.startToReadyMs ?? NaN)}`,
    ok: starts.p95 <= TARGETS.startMs,
  });
  const memory = main.ours.memoryMB;
  rows.push({
    figure: `Resident memory, ${label} report open (RSS after open / after typing / peak)`,
    target: `≤ ${TARGETS.rssMB} MB`,
    measured: `${mb(memory.rssAfterOpen)} / ${mb(memory.rssAfterTyping)} / ${mb(memory.hwm)}`,
    peer: `unified-language-server ${mb(main.peer?.memoryMB.rssAfterOpen ?? NaN)} / peak ${mb(main.peer?.memoryMB.hwm ?? NaN)}`,
    ok: Math.max(memory.rssAfterOpen, memory.rssAfterTyping) <= TARGETS.rssMB,
  });
  const alone = busy && results.find((result) => result.size === busy.size);
  if (busy && alone) {
    rows.push({
      figure: `Cold open → first diagnostics, ${sizeLabel(alone.bytes)} report in a folder of ${busy.reports} reports (${sizeLabel(busy.workspaceBytes)}), background index running`,
      target: 'as in its own folder',
      measured: `${ms(busy.coldOpenMs.p50)} (alone ${ms(alone.ours.coldOpenMs.p50)}), RSS ${mb(busy.rssMB)}`,
      peer: 'unified-language-server does not index',
      ok: null,
    });
  }
  const hover = main.ours.hoverMs;
  rows.push({
    figure: `Hover on annotations, ${label} report (p50 / p95)`,
    target: `p95 ≤ ${TARGETS.hoverP95} ms`,
    measured: `${ms(hover.p50)} / ${ms(hover.p95)} (${hover.n} positions, ${hover.answered} answered)`,
    peer: '— (the peer has no hover)',
    ok: hover.p95 <= TARGETS.hoverP95,
  });
  return rows;
}

function growthTables(results: SizeResult[]): string {
  const ours = table(
    ['size', 'incidents', 'cold open (server CPU)', 'no index', 'per MiB', 'pull keystroke p50 / p95 (server CPU mean)', 'push p50 / p95', 'diagnostics (payload)', 'without inlay hints: push p50 / p95 (CPU), diagnostics (payload)', 'hover p95', 'RSS open / typed / peak'],
    results.map(({ bytes, incidents, ours: o }) => [
      sizeLabel(bytes),
      String(incidents),
      `${ms(o.coldOpenMs.p50)} (${ms(o.coldOpenCpuMs)})`,
      ms(o.coldOpenUnindexedMs),
      ms(o.coldOpenMs.p50 / (bytes / 1_048_576)),
      `${ms(o.keystrokePullMs.p50)} / ${ms(o.keystrokePullMs.p95)} (${ms(o.keystrokePullMs.cpuPerKeystrokeMs)}; n=${o.keystrokePullMs.n}, ${o.keystrokePullMs.unchanged ?? 0} unchanged)`,
      `${ms(o.keystrokePushMs.p50)} / ${ms(o.keystrokePushMs.p95)} (n=${o.keystrokePushMs.n})`,
      `${Math.round(o.keystrokePullMs.diagnostics)} (${Math.round(o.keystrokePullMs.payloadKB)} KB)`,
      withoutInlayHints(o.keystrokePushWithoutInlayHintsMs),
      ms(o.hoverMs.p95),
      `${mb(o.memoryMB.rssAfterOpen)} / ${mb(o.memoryMB.rssAfterTyping)} / ${mb(o.memoryMB.hwm)}`,
    ]),
  );
  const peers = table(
    ['size', 'markdownlint warm / first', 'cold open ratio', 'unified-language-server cold open (CPU)', 'keystroke p50 / p95', 'RSS open / peak'],
    results.map((result) => [
      sizeLabel(result.bytes),
      `${ms(result.markdownlint.medianMs)} / ${ms(result.markdownlint.firstMs)}`,
      (result.ours.coldOpenMs.p50 / result.markdownlint.medianMs).toFixed(2),
      !result.peer ? 'not run' : result.peer.error ? 'failed' : `${ms(result.peer.coldOpenMs)} (${ms(result.peer.coldOpenCpuMs)})`,
      !result.peer || result.peer.error ? '—' : `${ms(result.peer.keystrokeMs.p50)} / ${ms(result.peer.keystrokeMs.p95)} (n=${result.peer.keystrokeMs.n})`,
      !result.peer || result.peer.error ? '—' : `${mb(result.peer.memoryMB.rssAfterOpen)} / ${mb(result.peer.memoryMB.hwm)}`,
    ]),
  );
  return `Incident Markup over LSP:\n\n${ours}\n\nPeers, same files, same run:\n\n${peers}`;
}

function withoutInlayHints(typed: Typed | undefined): string {
  if (!typed) return 'not run';
  return `${ms(typed.p50)} / ${ms(typed.p95)} (${ms(typed.cpuPerKeystrokeMs)}; n=${typed.n}), ${Math.round(typed.diagnostics)} (${Math.round(typed.payloadKB)} KB)`;
}

function breakdownTable(results: SizeResult[]): string {
  const first = table(
    ['size', 'annotations', 'cold check = gazetteer + parse + rules', 'warm: full parse', 'rules, all', 'line index', 'gazetteer lookup'],
    results.map(({ bytes, inProcess: p }) => [
      sizeLabel(bytes),
      String(p.annotations),
      `${ms(p.coldCheckMs)} = ${ms(p.coldGazetteerMs)} + ${ms(p.coldParseMs)} + ${ms(p.coldRulesMs)}`,
      ms(p.fullParseMs),
      ms(p.rulesMs),
      ms(p.lineIndexMs),
      ms(p.gazetteerLookupMs),
    ]),
  );
  const second = table(
    ['size', 'n', 'incremental parse p50 / p95', 're-parsed chars', 'rules p50 / p95 (other report-scoped rules run on; blocks the blockwise ones examined)', 'serialise p50', 'check p50 / p95', 'slowest report-scoped rules, each run in full over the report (mean per keystroke; not what a keystroke pays)'],
    results.map(({ bytes, inProcess: p }) => [
      sizeLabel(bytes),
      String(p.keystrokes),
      `${ms(p.keystroke.parse.p50)} / ${ms(p.keystroke.parse.p95)}`,
      Math.round(p.keystroke.reparsedChars.p50).toLocaleString('en-GB'),
      `${ms(p.keystroke.rules.p50)} / ${ms(p.keystroke.rules.p95)} (${p.reportRulesRan ?? '?'} of ${p.keystrokes}; ${p.blocksExamined ?? '?'} blocks in all, of ${p.incidents} incidents)`,
      ms(p.keystroke.serialise.p50),
      `${ms(p.keystroke.check.p50)} / ${ms(p.keystroke.check.p95)}`,
      p.slowestRules.map((rule) => `${rule.code} ${ms(rule.ms)}`).join(', '),
    ]),
  );
  return `Cold work:\n\n${first}\n\nPer keystroke (the same keystrokes; "check" is the service's whole check, as the server runs it):\n\n${second}`;
}

function machine(root: string) {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: `${platform()} ${release()}`,
    commit: git('rev-parse', '--short', 'HEAD'),
    dirty: git('status', '--porcelain', '--untracked-files=no', '--', 'server', 'scripts', 'package.json') !== '',
    loadAtStart: loadavg().map((load) => Number(load.toFixed(2))),
  };
}

/** What gazetteer the server loads: the copied team file, plus a built-in layer if this build ships one. */
function gazetteerLabel(root: string): string {
  const builtIn = existsSync(join(root, 'server/src/core/gazetteer/worldLayer.ts'));
  return `examples/gazetteer.yaml copied beside each report${builtIn ? ' + the built-in world layer of this build' : '; this build has no built-in gazetteer layer'}`;
}

type Recorded = { summary: SummaryRow[]; date: string; machine: ReturnType<typeof machine> & { loadAtEnd: number[] } };
/** What each section records in results/latest.json, beside the gazetteer bench's own file. */
const SECTION_KEYS = { sizes: 'reports', workspace: 'workspace', archive: 'archive' } as const;

/** The README's Performance rows from the recorded JSON, without measuring (`--readme-only`). */
function readmeFromJson(options: Options): void {
  const json = JSON.parse(readFileSync(options.json, 'utf8')) as Record<string, Recorded | undefined>;
  const records = Object.values(SECTION_KEYS).flatMap((key) => (json[key] ? [[key, json[key]] as const] : []));
  if (records.length === 0) throw new Error(`${options.json} has no report benchmarks yet: run npm run bench first.`);
  for (const [, record] of records) {
    const { machine: info } = record;
    updateReadme(join(options.root, 'README.md'), record.summary, [], machineCell(info, info.loadAtEnd, record.date));
  }
  process.stdout.write(`Updated the ${records.map(([key]) => key).join(' and ')} rows of README.md's Performance table from ${options.json}.\n`);
}

function machineCell(info: ReturnType<typeof machine>, loadAtEnd: number[], date: string): string {
  const loads = [info.loadAtStart[0]!, loadAtEnd[0]!];
  return `${info.cores} × ${info.cpu}, Node ${info.node.slice(1)}; ${info.commit}${info.dirty ? '+' : ''}, ${date.slice(0, 10)}, load ${Math.min(...loads)}–${Math.max(...loads)}`;
}

/** The cold section (coldOpen.ts): markdownlint and fresh servers' cold opens of each report, nothing else. */
async function measureCold(options: Options, fixtures: Fixture[], ours: ServerCommand): Promise<ColdResult[]> {
  const emptyFolder = join(generatedFolder(options), 'empty');
  mkdirSync(emptyFolder, { recursive: true });
  const servers = coldServers(ours, options.coldCompare);
  const results: ColdResult[] = [];
  for (const fixture of fixtures) {
    process.stderr.write(`Cold open, ${fixture.size}: ${sizeLabel(fixture.bytes)}\n`);
    const markdownlint = () => child<SizeResult['markdownlint']>(['--child=markdownlint', fixture.path, String(fixture.bytes > 3_000_000 ? 2 : 3)]);
    const parseAlone = () => child<ParseAloneFigures>(['--child=parse-alone', fixture.path], builtServerFlags(options));
    results.push(await measureColdOpens(fixture, servers, { runs: options.coldRuns[fixture.size] ?? 3, emptyFolder, compare: options.coldCompare }, markdownlint, parseAlone));
  }
  return results;
}

/** The sizes section: each report, then the busy workspace. */
async function measureSizes(options: Options, fixtures: Fixture[], ours: ServerCommand, peer: ServerCommand) {
  const results: SizeResult[] = [];
  for (const fixture of fixtures) {
    process.stderr.write(`Report ${fixture.size}: ${sizeLabel(fixture.bytes)}, ${fixture.incidents} incidents, ${fixture.annotations} inline annotations\n`);
    results.push(await measureSize(options, fixture, ours, peer));
  }
  const busy = await measureBusyWorkspace(options, fixtures, ours);
  return { results, busy, summary: summarise(results, busy) };
}

function sizesOutput(options: Options, { results, summary }: Awaited<ReturnType<typeof measureSizes>>): string {
  return [
    `Server: node dist/server.js --stdio, a separate process; this process is the client. Gazetteer: ${gazetteerLabel(options.root)}.`,
    `Peers: unified-language-server 4.1.0 (remark + remark-directive + remark-frontmatter, no lint plugins: its parse cost alone),`,
    `       markdownlint 0.40.0 (library API, default rules), both on the same files in this run.`,
    `Keystrokes: single letters typed inside words at ${options.keystrokes} positions spread through each report, in a seeded random order;`,
    `       the peer re-parses the whole report per keystroke, so it types only the first few of the same keystrokes (n in the tables).`,
    '',
    table(
      ['figure', 'target', 'measured', 'peer (same run, same file)', 'holds'],
      summary.map((row) => [row.figure, row.target, row.measured, row.peer, row.ok === null ? '—' : mark(row.ok)]),
    ),
    '',
    'Growth with report size (cold work should grow linearly, a keystroke should stay flat).',
    '',
    growthTables(results),
    '',
    'In process, where the time goes (no LSP, one child process per report):',
    '',
    breakdownTable(results),
    '',
  ].join('\n');
}

/** Writes the sections that ran into results/latest.json (the others' records kept) and their README rows. */
function record(options: Options, records: Partial<Record<'reports' | 'workspace' | 'archive', Recorded & Record<string, unknown>>>, machine: string): void {
  mkdirSync(join(options.root, 'bench/results'), { recursive: true });
  const existing = existsSync(options.json) ? (JSON.parse(readFileSync(options.json, 'utf8')) as Record<string, { summary?: SummaryRow[] } | undefined>) : {};
  writeFileSync(options.json, `${JSON.stringify({ ...existing, ...records }, null, 2)}\n`);
  for (const [key, recorded] of Object.entries(records)) {
    const previous = (existing[key]?.summary ?? []).map((row) => row.figure);
    updateReadme(join(options.root, 'README.md'), recorded.summary, previous, machine);
  }
  process.stdout.write(`Wrote ${options.json} and the ${Object.keys(records).join(' and ')} rows of README.md's Performance table.\n`);
}

export async function main(argv: string[]): Promise<void> {
  const options = parseOptions(argv);
  if (argv.includes('--readme-only')) return readmeFromJson(options);
  const serverPath = join(options.root, 'dist/server.js');
  if (!existsSync(serverPath)) throw new Error(`${serverPath} is missing: run npm run build (npm run bench does it for you).`);
  // As the VS Code client starts it: with the Node flags of its second line, and any asked for here.
  const ours: ServerCommand = { label: 'incident-markup', args: [...builtServerFlags(options), ...options.serverNodeFlags, serverPath, '--stdio'] };
  const peer: ServerCommand = { label: 'unified-language-server', args: [join(options.root, 'bench/reports/peer-server.mjs'), '--stdio'] };
  const info = machine(options.root);
  const started = now();
  const { sections } = options;
  process.stderr.write(`Generating reports (${[...(sections.has('sizes') ? options.sizes : []), ...(sections.has('workspace') ? [`${options.workspace.reports} × ${options.workspace.reportSize} for the workspace`] : [])].join(', ')})…\n`);
  const fixtures = sections.has('sizes') || sections.has('cold') ? prepareFixtures(options) : [];
  const workspaceFixture = sections.has('workspace') ? prepareWorkspace(options.workspace) : undefined;
  if (argv.includes('--generate-only')) {
    for (const fixture of fixtures) process.stdout.write(`${fixture.path}: ${fixture.bytes} bytes, ${fixture.incidents} incidents, ${fixture.annotations} annotations\n`);
    if (workspaceFixture) process.stdout.write(`${workspaceFixture.folder}: ${workspaceFixture.reports} reports, ${workspaceFixture.bytes} bytes, ${workspaceFixture.incidents} incidents\n`);
    return;
  }
  const sizes = sections.has('sizes') ? await measureSizes(options, fixtures, ours, peer) : undefined;
  const cold = sections.has('cold') ? await measureCold(options, fixtures, ours) : undefined;
  process.stderr.write(workspaceFixture ? 'Workspace\n' : '');
  const workspace = workspaceFixture ? await measureWorkspace(options.workspace, workspaceFixture, ours) : undefined;
  const archive = sections.has('archive') ? measureArchive(options.archive) : undefined;
  const archiveSummary = archive && archiveRows(archive);
  const responsive = sections.has('responsive') ? await measureResponsive(options.responsive, ours) : undefined;
  const loadAtEnd = loadavg().map((load) => Number(load.toFixed(2)));
  const machineLine = `${info.cores} cores (${info.cpu}), ${info.memoryGB} GiB, Node ${info.node.slice(1)}, ${info.os}`;
  const date = new Date().toISOString();
  const workspaceSummary = workspace && workspaceRows(workspace);
  const summaries = [...(sizes?.summary ?? []), ...(workspaceSummary ?? []), ...(archiveSummary ?? [])];

  process.stdout.write(
    [
      '',
      `Incident Markup — report benchmarks (${date.slice(0, 10)}, commit ${info.commit}${info.dirty ? ' + uncommitted changes' : ''})`,
      `Machine: ${machineLine}; load average ${info.loadAtStart.join(' ')} at start, ${loadAtEnd.join(' ')} at end`,
      sizes ? sizesOutput(options, sizes) : '',
      cold ? coldOutput(cold) : '',
      workspace ? workspaceOutput(workspace, workspaceSummary!) : '',
      responsive ? responsiveOutput(responsive, options.responsive) : '',
      archive ? archiveOutput(archive, archiveSummary!) : '',
      summaries.length === 0 ? '' : summaries.some((row) => row.ok === false) ? 'What bounds the figures that miss their target: bench/README.md, "What bounds the figures".' : 'Every target holds.',
      `Total bench time ${Math.round((now() - started) / 1000)} s.`,
      '',
    ].join('\n'),
  );

  const recorded = { date, machine: { ...info, loadAtEnd, description: machineLine } };
  const records: Parameters<typeof record>[1] = {};
  if (sizes) {
    records.reports = {
      ...recorded,
      gazetteer: gazetteerLabel(options.root),
      options: { keystrokes: options.keystrokes, pushKeystrokes: options.pushKeystrokes, peerKeystrokes: options.peerKeystrokes, coldRuns: options.coldRuns },
      targets: TARGETS,
      summary: sizes.summary,
      sizes: Object.fromEntries(sizes.results.map((result) => [result.size, result])),
      busyWorkspace: sizes.busy,
    };
  }
  if (workspace) {
    const { root: _root, ...workspaceOptions } = options.workspace;
    records.workspace = { ...recorded, gazetteer: 'examples/gazetteer.yaml at the top of the folder + the built-in world layer', options: workspaceOptions, targets: WORKSPACE_TARGETS, summary: workspaceSummary!, figures: workspace };
  }
  if (archive) {
    const { root: _root, ...archiveOptions } = options.archive;
    records.archive = { ...recorded, gazetteer: 'examples/gazetteer.yaml at the top of the archive + the built-in world layer', options: archiveOptions, targets: ARCHIVE_TARGETS, summary: archiveSummary!, figures: archive };
  }
  if (options.readme) record(options, records, machineCell(info, loadAtEnd, date));
  else process.stdout.write('(Partial or quick run: bench/results/latest.json and README.md left as they were; pass --update-readme to record.)\n');
}

async function childMain(argv: string[]): Promise<void> {
  const kind = argv[0]!.slice('--child='.length);
  if (kind === 'markdownlint') {
    const { lint } = await import('markdownlint/promise');
    const text = readFileSync(argv[1]!, 'utf8');
    const runs = Number(argv[2] ?? 3);
    const samples: number[] = [];
    let problems = 0;
    for (let run = 0; run < runs; run++) {
      const started = now();
      const result = await lint({ strings: { report: text } });
      samples.push(now() - started);
      problems = result.report?.length ?? 0;
    }
    process.stdout.write(`${JSON.stringify({ firstMs: samples[0], medianMs: median(samples.slice(runs > 1 ? 1 : 0)), runs, problems })}\n`);
    return;
  }
  if (kind === 'parse-alone') {
    const { measureParseAlone } = await import('./inprocess.js');
    process.stdout.write(`${JSON.stringify(measureParseAlone(argv[1]!))}\n`);
    return;
  }
  if (kind === 'inprocess') {
    const { measureInProcess } = await import('./inprocess.js');
    process.stdout.write(`${JSON.stringify(await measureInProcess(argv[1]!, Number(argv[2] ?? 100), Number(argv[3] ?? 90_000), Number(argv[4] ?? 200)))}\n`);
    return;
  }
  throw new Error(`unknown child ${kind}`);
}

const args = process.argv.slice(2);
(args[0]?.startsWith('--child=') ? childMain(args) : main(args)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
