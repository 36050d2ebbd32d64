/**
 * The workspace section of `npm run bench` (issue 13): a folder of generated reports and the
 * example gazetteer is the workspace of a real server (node dist/server.js --stdio, this process the
 * editor); once its background index is complete (the end of its `$/progress`), one report is
 * opened and hover, references, document highlight, prepareRename and rename are asked one at a
 * time at actor and place labels and ids spread through it. See bench/README.md, "Workspace".
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ProgressToken } from 'vscode-languageserver/node.js';
import { generateReport, parseSize } from '../generate-report.js';
import { mark, mb, ms, sizeLabel, stat, table, withTimeout } from './format.js';
import type { Stat } from './inprocess.js';
import { BenchClient, Lines, now, type ServerCommand } from './lsp.js';
import type { SummaryRow } from './readme.js';

/** Issue 13's target for hover, references and rename over LSP in a workspace; hover's own (README) is 10 ms. */
export const WORKSPACE_TARGETS = { requestP95: 50, hoverP95: 10, rssMB: 300 };

export interface WorkspaceOptions {
  root: string;
  /** Reports in the folder: 200, 40 in a quick run. */
  reports: number;
  /**
   * Each report's size, as the generator takes it. 50 KiB is about 25 incidents (the generator
   * writes about 2 KiB an incident, as examples/idlib-2023-10.md does): a month of one team's
   * monitoring of a province at a few incidents a week. 200 of them are 10 MiB, 16 years of monthly
   * reports or 4 of weekly ones: a team's archive, every report under the index's
   * 500,000-character limit for the background, so that all of it is indexed.
   */
  reportSize: string;
  /** Positions asked at for hover, references and document highlight. */
  requests: number;
  /** Renames of each kind (count id, place id, actor id in the gazetteer file). */
  renames: number;
}

const SEED = 20240101;
const REQUEST_TIMEOUT_MS = 60_000;

interface WorkspaceFixture {
  folder: string;
  reports: number;
  bytes: number;
  incidents: number;
  annotations: number;
  /** The report opened in the editor: the middle one. */
  opened: { path: string; uri: string; text: string; bytes: number };
  gazetteer: { path: string; uri: string; text: string };
}

/**
 * The reports, each generated with its own seed, and the example gazetteer beside them. Outside
 * `.generated/`, whose folder is the size section's busy workspace.
 */
export function prepareWorkspace(options: WorkspaceOptions): WorkspaceFixture {
  const folder = join(options.root, 'bench/reports/.workspace', `${options.reports}x${options.reportSize}`);
  mkdirSync(folder, { recursive: true });
  const gazetteerPath = join(folder, 'gazetteer.yaml');
  copyFileSync(join(options.root, 'examples/gazetteer.yaml'), gazetteerPath);
  const gazetteerText = readFileSync(gazetteerPath, 'utf8');
  const names = new Set<string>();
  const openAt = Math.floor(options.reports / 2);
  let opened: WorkspaceFixture['opened'] | undefined;
  let bytes = 0;
  let incidents = 0;
  let annotations = 0;
  for (let index = 0; index < options.reports; index++) {
    const name = `report-${String(index + 1).padStart(3, '0')}.md`;
    names.add(name);
    const report = generateReport({ bytes: parseSize(options.reportSize), gazetteer: gazetteerText, seed: SEED + index });
    const path = join(folder, name);
    if (!existsSync(path) || readFileSync(path, 'utf8') !== report.text) writeFileSync(path, report.text);
    const size = Buffer.byteLength(report.text);
    bytes += size;
    incidents += report.incidents;
    annotations += report.annotations;
    if (index === openAt) opened = { path, uri: pathToFileURL(path).href, text: report.text, bytes: size };
  }
  // A report left by an older run would join the index.
  for (const name of readdirSync(folder)) if (/\.md$/.test(name) && !names.has(name)) rmSync(join(folder, name));
  return {
    folder,
    reports: options.reports,
    bytes,
    incidents,
    annotations,
    opened: opened!,
    gazetteer: { path: gazetteerPath, uri: pathToFileURL(gazetteerPath).href, text: gazetteerText },
  };
}

// ---------------------------------------------------------------- where to ask

type TargetKind = 'actor label' | 'place label' | 'place id' | 'count id' | 'actor id';

interface Target {
  kind: TargetKind;
  /** The middle of the label or id. */
  offset: number;
  /** The label or id as written. */
  value: string;
}

/** Each pattern's first group is the label or id, and ends the match (or is followed by one character). */
const TARGET_PATTERNS: [TargetKind, RegExp, number][] = [
  ['actor label', /:actor\[([^\]\n]+)\]/g, 1],
  ['place label', /:place\[([^\]\n]+)\]/g, 1],
  // An incident's place= and a place's in=: ids of the gazetteer, renamed with the entry.
  ['place id', /[{ ](?:place|in)=([a-z0-9-]+)/g, 0],
  ['count id', /:count\[[^\]\n]*\]\{#([A-Za-z0-9-]+)/g, 0],
];

/** Every actor and place label, place id and count id of the report, in order, outside fenced code. */
function targetsIn(text: string): Target[] {
  const fenced: [number, number][] = [];
  for (const fence of text.matchAll(/^```[^\n]*\n[\s\S]*?^```/gm)) fenced.push([fence.index, fence.index + fence[0].length]);
  const targets: Target[] = [];
  for (const [kind, pattern, trailing] of TARGET_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const value = match[1]!;
      const start = match.index + match[0].length - trailing - value.length;
      if (fenced.some(([from, to]) => start >= from && start < to)) continue;
      targets.push({ kind, offset: start + Math.floor(value.length / 2), value });
    }
  }
  return targets.sort((a, b) => a.offset - b.offset);
}

/** The actors' `id:` values in the gazetteer file. */
function actorIdsIn(gazetteer: string): Target[] {
  const actors = gazetteer.indexOf('\nactors:');
  const after = gazetteer.slice(actors + 1).search(/\n[a-z]+:/);
  const end = after < 0 ? gazetteer.length : actors + 1 + after;
  const targets: Target[] = [];
  for (const match of gazetteer.slice(actors, end).matchAll(/- id: ([a-z0-9-]+)/g)) {
    const value = match[1]!;
    targets.push({ kind: 'actor id', offset: actors + match.index + match[0].length - value.length + Math.floor(value.length / 2), value });
  }
  return targets;
}

/** `count` of the items, evenly spread (all of them when there are fewer; repeated in turn when `cycle`). */
function spread<T>(items: readonly T[], count: number, cycle = false): T[] {
  if (items.length === 0) return [];
  if (items.length <= count) return cycle ? Array.from({ length: count }, (_, index) => items[index % items.length]!) : [...items];
  return Array.from({ length: count }, (_, index) => items[Math.floor(((index + 0.5) * items.length) / count)]!);
}

// ---------------------------------------------------------------- measuring

export interface Series extends Stat {
  n: number;
  /** Server CPU (user + system) per request, from /proc: it hardly moves when other work shares the machine. */
  cpuMsPerRequest: number;
  byKind: Record<string, Stat & { n: number }>;
}

/** Asks at each target in turn, one request at a time, timing each from sending to the answer. */
async function series<R>(
  client: BenchClient,
  targets: readonly Target[],
  what: string,
  ask: (target: Target) => Promise<R>,
  seen: (target: Target, result: R) => void = () => undefined,
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<Series> {
  const samples: number[] = [];
  const kinds = new Map<string, number[]>();
  const cpuBefore = client.cpuMs();
  for (const target of targets) {
    const started = now();
    const result = await withTimeout(client.guard(ask(target)), timeoutMs, what);
    const elapsed = now() - started;
    samples.push(elapsed);
    kinds.set(target.kind, [...(kinds.get(target.kind) ?? []), elapsed]);
    seen(target, result);
  }
  const cpuMsPerRequest = (client.cpuMs() - cpuBefore) / Math.max(1, samples.length);
  return { ...stat(samples), cpuMsPerRequest, byKind: Object.fromEntries([...kinds].map(([kind, each]) => [kind, stat(each)])) };
}

interface Location {
  uri: string;
}
interface WorkspaceEdit {
  changes?: Record<string, unknown[]>;
}

export interface RenameFigures {
  prepare: Series;
  rename: Series;
  /** The largest edit: its replacements, the files they are in, and its JSON. */
  edits: number;
  files: number;
  payloadKB: number;
}

/** prepareRename, then rename to a new id (`-renamed` appended), at each target; the edit is only computed, never applied. */
async function renames(client: BenchClient, uri: string, text: string, targets: readonly Target[], what: string, timeoutMs = REQUEST_TIMEOUT_MS): Promise<RenameFigures> {
  const lines = new Lines(text);
  const position = (target: Target) => lines.position(target.offset);
  const request = (method: string, target: Target, extra: object = {}) =>
    client.connection.sendRequest(method, { textDocument: { uri }, position: position(target), ...extra }).catch((error: unknown) => {
      // A refusal would be timed as if it were the work: the bench asks only where a rename is possible.
      throw new Error(`${what}: ${method} at ${target.kind} ${target.value} refused: ${error instanceof Error ? error.message : String(error)}`);
    });
  const prepare = await series(client, targets, `${what} prepareRename`, (target) => request('textDocument/prepareRename', target), undefined, timeoutMs);
  let edits = 0;
  let files = 0;
  let payloadKB = 0;
  const rename = await series(
    client,
    targets,
    `${what} rename`,
    (target) => request('textDocument/rename', target, { newName: `${target.value}-renamed` }) as Promise<WorkspaceEdit | null>,
    (target, edit) => {
      const changes = Object.values(edit?.changes ?? {});
      if (changes.length === 0) throw new Error(`${what}: rename at ${target.kind} ${target.value} changed nothing`);
      const count = changes.reduce((sum, each) => sum + each.length, 0);
      if (count > edits) [edits, files, payloadKB] = [count, changes.length, JSON.stringify(edit).length / 1024];
    },
    timeoutMs,
  );
  return { prepare, rename, edits, files, payloadKB };
}

interface IndexingFigures {
  /** From the `initialized` notification to the end of the server's "Indexing reports" progress. */
  firstIndexingMs: number;
  cpuMs: number;
  /** The progress's last message, "200/200". */
  lastMessage: string;
  rssMB: number;
  hwmMB: number;
}

/**
 * Starts the server on the folder and waits for its background index: the `$/progress` whose
 * begin is titled "Indexing reports" ends once every report is read, parsed and resolved.
 */
async function startIndexed(command: ServerCommand, folder: string, timeoutMs: number): Promise<{ client: BenchClient; indexing: IndexingFigures }> {
  const client = new BenchClient(command);
  let token: ProgressToken | undefined;
  let lastMessage = '';
  const ended = new Promise<void>((resolve) => {
    // No handler is registered per token: every progress the server sends arrives here.
    client.connection.onUnhandledProgress(({ token: each, value }) => {
      const step = value as { kind: string; title?: string; message?: string };
      if (step.kind === 'begin' && step.title === 'Indexing reports') token = each;
      if (each !== token) return;
      if (step.message) lastMessage = step.message;
      if (step.kind === 'end') resolve();
    });
  });
  await withTimeout(client.guard(client.initialize('pull', folder, true)), 30_000, 'initialize');
  const started = now();
  const cpuBefore = client.cpuMs();
  await withTimeout(client.guard(ended), timeoutMs, 'the end of the index progress');
  const firstIndexingMs = now() - started;
  const memory = client.memory();
  return { client, indexing: { firstIndexingMs, cpuMs: client.cpuMs() - cpuBefore, lastMessage, rssMB: memory.rssMB, hwmMB: memory.hwmMB } };
}

export interface WorkspaceFigures {
  reports: number;
  reportSize: string;
  bytes: number;
  incidents: number;
  annotations: number;
  opened: { name: string; bytes: number; targets: Record<string, number> };
  indexing: IndexingFigures;
  /** The report's first pull after its didOpen. */
  openMs: number;
  /** The first references after the open, which indexes the open report from its live text (not in the series). */
  firstReferencesMs: number;
  hover: Series & { answered: number };
  references: Series & { maxLocations: number; maxReports: number; payloadKB: number };
  highlight: Series & { meanHighlights: number };
  renameCountId: RenameFigures;
  renamePlaceId: RenameFigures;
  /**
   * Opening the gazetteer file marks every report resolved against it stale: the first rename after
   * it resolves them again before it answers. Not in the series.
   */
  firstRenameAfterGazetteerOpenMs: number;
  renameActorId: RenameFigures;
  memoryAfterMB: { rss: number; hwm: number };
}

/** Hover, references and document highlight at the same spread of positions. */
async function namingRequests(client: BenchClient, fixture: WorkspaceFixture, targets: readonly Target[]) {
  const { uri } = fixture.opened;
  const lines = new Lines(fixture.opened.text);
  const at = (target: Target) => ({ textDocument: { uri }, position: lines.position(target.offset) });
  let answered = 0;
  const hover = await series(client, targets, 'hover', (target) => client.connection.sendRequest('textDocument/hover', at(target)), (_, result) => result && answered++);
  let maxLocations = 0;
  let maxReports = 0;
  let payloadKB = 0;
  const references = await series(
    client,
    targets,
    'references',
    (target) => client.connection.sendRequest('textDocument/references', { ...at(target), context: { includeDeclaration: true } }) as Promise<Location[] | null>,
    (_, locations) => {
      if ((locations?.length ?? 0) <= maxLocations) return;
      maxLocations = locations!.length;
      maxReports = new Set(locations!.filter((location) => location.uri.endsWith('.md')).map((location) => location.uri)).size;
      payloadKB = JSON.stringify(locations).length / 1024;
    },
  );
  let highlights = 0;
  const highlight = await series(
    client,
    targets,
    'documentHighlight',
    (target) => client.connection.sendRequest('textDocument/documentHighlight', at(target)) as Promise<unknown[] | null>,
    (_, result) => (highlights += result?.length ?? 0),
  );
  return {
    hover: { ...hover, answered },
    references: { ...references, maxLocations, maxReports, payloadKB },
    highlight: { ...highlight, meanHighlights: highlights / Math.max(1, targets.length) },
  };
}

export async function measureWorkspace(options: WorkspaceOptions, fixture: WorkspaceFixture, command: ServerCommand): Promise<WorkspaceFigures> {
  const log = (what: string) => process.stderr.write(`  [workspace] ${what}\n`);
  log(`${fixture.reports} reports (${sizeLabel(fixture.bytes)}): start, wait for the index`);
  const { client, indexing } = await startIndexed(command, fixture.folder, 120_000 + fixture.bytes / 1000);
  try {
    const { opened, gazetteer } = fixture;
    const started = now();
    await client.open(opened.uri, opened.text);
    await withTimeout(client.guard(client.pull(opened.uri)), REQUEST_TIMEOUT_MS, 'first pull');
    const openMs = now() - started;

    const all = targetsIn(opened.text);
    const targets = spread(all, options.requests);
    const first = targets.find((target) => target.kind === 'actor label') ?? targets[0]!;
    const firstStarted = now();
    await withTimeout(
      client.guard(client.connection.sendRequest('textDocument/references', { textDocument: { uri: opened.uri }, position: new Lines(opened.text).position(first.offset), context: { includeDeclaration: true } })),
      REQUEST_TIMEOUT_MS,
      'first references',
    );
    const firstReferencesMs = now() - firstStarted;

    log(`hover, references, document highlight at ${targets.length} positions; renames ×${options.renames} of each kind`);
    const naming = await namingRequests(client, fixture, targets);
    const ofKind = (kind: TargetKind) => spread(all.filter((target) => target.kind === kind), options.renames, true);
    const renameCountId = await renames(client, opened.uri, opened.text, ofKind('count id'), 'count id');
    const renamePlaceId = await renames(client, opened.uri, opened.text, ofKind('place id'), 'place id');

    await client.open(gazetteer.uri, gazetteer.text, 1, 'yaml');
    const actorIds = actorIdsIn(gazetteer.text);
    const afterOpen = now();
    // It waits for every report to be read, parsed and resolved again, as long as the first indexing took, or longer under load.
    await renames(client, gazetteer.uri, gazetteer.text, actorIds.slice(0, 1), 'actor id, first after the gazetteer opened', REQUEST_TIMEOUT_MS + 4 * indexing.firstIndexingMs);
    const firstRenameAfterGazetteerOpenMs = now() - afterOpen;
    const renameActorId = await renames(client, gazetteer.uri, gazetteer.text, spread(actorIds, options.renames, true), 'actor id');
    const memory = client.memory();

    const counts: Record<string, number> = {};
    for (const target of all) counts[target.kind] = (counts[target.kind] ?? 0) + 1;
    return {
      reports: fixture.reports,
      reportSize: options.reportSize,
      bytes: fixture.bytes,
      incidents: fixture.incidents,
      annotations: fixture.annotations,
      opened: { name: opened.path.slice(opened.path.lastIndexOf('/') + 1), bytes: opened.bytes, targets: counts },
      indexing,
      openMs,
      firstReferencesMs,
      ...naming,
      renameCountId,
      renamePlaceId,
      firstRenameAfterGazetteerOpenMs,
      renameActorId,
      memoryAfterMB: { rss: memory.rssMB, hwm: memory.hwmMB },
    };
  } finally {
    await client.close();
  }
}

// ---------------------------------------------------------------- output

const pair = (series: Stat) => `${ms(series.p50)} / ${ms(series.p95)}`;
const within = (p95: number, target: number) => p95 <= target;

/** The README's Performance rows of the workspace section. */
export function workspaceRows(figures: WorkspaceFigures): SummaryRow[] {
  const { requestP95, hoverP95, rssMB } = WORKSPACE_TARGETS;
  const where = `(${figures.reports} reports of ${sizeLabel(figures.bytes / figures.reports)}, ${sizeLabel(figures.bytes)})`;
  const noPeer = '— (unified-language-server has no references or rename)';
  const { indexing, hover, references, highlight, renameCountId: count, renamePlaceId: place, renameActorId: actor } = figures;
  const renameP95 = Math.max(...[count, place, actor].flatMap((each) => [each.prepare.p95, each.rename.p95]));
  return [
    {
      figure: `Workspace index: first indexing in the background ${where}, RSS after it`,
      target: `RSS ≤ ${rssMB} MB`,
      measured: `${ms(indexing.firstIndexingMs)} (server CPU ${ms(indexing.cpuMs)}), RSS ${mb(indexing.rssMB)} (peak ${mb(indexing.hwmMB)})`,
      peer: '— (unified-language-server does not index)',
      ok: indexing.rssMB <= rssMB,
    },
    {
      figure: `Hover over LSP in a workspace ${where}, at actor and place labels and ids (p50 / p95)`,
      target: `p95 ≤ ${hoverP95} ms (issue 13: ≤ ${requestP95} ms)`,
      measured: `${pair(hover)} (${hover.n} positions, ${hover.answered} answered; server CPU ${ms(hover.cpuMsPerRequest)} a request)`,
      peer: '— (the peer has no hover)',
      ok: within(hover.p95, hoverP95),
    },
    {
      figure: `References over LSP in a workspace ${where}, includeDeclaration (p50 / p95)`,
      target: `p95 ≤ ${requestP95} ms`,
      measured: `${pair(references)} (${references.n} positions; up to ${references.maxLocations.toLocaleString('en-GB')} locations in ${references.maxReports} reports; server CPU ${ms(references.cpuMsPerRequest)} a request)`,
      peer: noPeer,
      ok: within(references.p95, requestP95),
    },
    {
      figure: `Document highlight over LSP in a workspace ${where} (p50 / p95)`,
      target: `p95 ≤ ${requestP95} ms`,
      measured: `${pair(highlight)} (${highlight.n} positions; server CPU ${ms(highlight.cpuMsPerRequest)} a request)`,
      peer: noPeer,
      ok: within(highlight.p95, requestP95),
    },
    {
      figure: `prepareRename + rename of an id over LSP in a workspace ${where} (p95 of each)`,
      target: `p95 ≤ ${requestP95} ms`,
      measured:
        `count id ${ms(count.prepare.p95)} + ${ms(count.rename.p95)}; place id ${ms(place.prepare.p95)} + ${ms(place.rename.p95)} ` +
        `(${place.edits.toLocaleString('en-GB')} edits in ${place.files} files; server CPU ${ms(place.rename.cpuMsPerRequest)} a rename); actor id in gazetteer.yaml ${ms(actor.prepare.p95)} + ${ms(actor.rename.p95)} ` +
        `(${count.rename.n} renames of each; the first rename after opening gazetteer.yaml, which resolves the ${figures.reports} reports again: ${ms(figures.firstRenameAfterGazetteerOpenMs)})`,
      peer: noPeer,
      ok: within(renameP95, requestP95),
    },
  ];
}

/** The section as printed: the rows beside their targets, then each request by kind of position. */
export function workspaceOutput(figures: WorkspaceFigures, summary: SummaryRow[]): string {
  const kinds = ['actor label', 'place label', 'place id', 'count id'];
  const byKind = (series: Series) => kinds.map((kind) => (series.byKind[kind] ? `${pair(series.byKind[kind])} (${series.byKind[kind].n})` : '—'));
  const { hover, references, highlight } = figures;
  const renameRow = (label: string, each: RenameFigures) => [
    label,
    `${pair(each.prepare)} (max ${ms(each.prepare.max)}; CPU ${ms(each.prepare.cpuMsPerRequest)})`,
    `${pair(each.rename)} (max ${ms(each.rename.max)}; CPU ${ms(each.rename.cpuMsPerRequest)})`,
    `${each.edits.toLocaleString('en-GB')} in ${each.files} files (${Math.round(each.payloadKB)} KB)`,
  ];
  return [
    '',
    `Workspace: ${figures.reports} generated reports (${sizeLabel(figures.bytes)}, ${figures.incidents.toLocaleString('en-GB')} incidents, ${figures.annotations.toLocaleString('en-GB')} annotations) and examples/gazetteer.yaml;`,
    `       ${figures.opened.name} (${sizeLabel(figures.opened.bytes)}) opened once the index's progress ended (${figures.indexing.lastMessage}); first pull ${ms(figures.openMs)},`,
    `       first references after the open (indexes its live text) ${ms(figures.firstReferencesMs)}; server RSS after the requests ${mb(figures.memoryAfterMB.rss)} (peak ${mb(figures.memoryAfterMB.hwm)}).`,
    '',
    table(
      ['figure', 'target', 'measured', 'holds'],
      summary.map((row) => [row.figure, row.target, row.measured, row.ok === null ? '—' : mark(row.ok)]),
    ),
    '',
    `By kind of position (p50 / p95 (n)); positions in the report: ${Object.entries(figures.opened.targets).map(([kind, n]) => `${n} ${kind}s`).join(', ')}.`,
    '',
    table(
      ['request', 'all p50 / p95 (max)', 'server CPU per request', ...kinds],
      [
        ['hover', `${pair(hover)} (${ms(hover.max)})`, ms(hover.cpuMsPerRequest), ...byKind(hover)],
        [`references (up to ${references.maxLocations} locations, ${Math.round(references.payloadKB)} KB)`, `${pair(references)} (${ms(references.max)})`, ms(references.cpuMsPerRequest), ...byKind(references)],
        [`document highlight (${highlight.meanHighlights.toFixed(1)} a request)`, `${pair(highlight)} (${ms(highlight.max)})`, ms(highlight.cpuMsPerRequest), ...byKind(highlight)],
      ],
    ),
    '',
    table(['rename', 'prepareRename p50 / p95', 'rename p50 / p95', 'largest edit'], [
      renameRow('count id (#inc-…-killed, in the report)', figures.renameCountId),
      renameRow('place id (place=, in=: every report)', figures.renamePlaceId),
      renameRow('actor id (id: in gazetteer.yaml, opened)', figures.renameActorId),
    ]),
    `The first rename after gazetteer.yaml was opened (every report resolved again first): ${ms(figures.firstRenameAfterGazetteerOpenMs)}.`,
    '',
  ].join('\n');
}
