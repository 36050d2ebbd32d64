/**
 * The gazetteer benchmark (`npm run bench:gazetteer`, see bench/README.md):
 * the built-in world layer plus an imported synthetic GeoNames dump of a
 * million lines, through the real code paths, beside uFuzzy over the same
 * names, with each figure printed next to its target.
 */
import uFuzzy from '@leeoniya/ufuzzy';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Bench } from 'tinybench';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver/node.js';
import { Gazetteer } from '../../server/src/core/gazetteer/gazetteer.js';
import { serverNodeFlags } from '../../client/src/serverNodeFlags.js';
import { generateReport, parseSize } from '../generate-report.js';
import { GazetteerStore } from '../../server/src/core/gazetteer/gazetteerStore.js';
import type { PlaceTable } from '../../server/src/core/gazetteer/placeTable.js';
import { loadWorldLayer } from '../../server/src/core/gazetteer/worldLayer.js';
import { nodeFileSystem } from '../../server/src/core/workspace/fileSystem.js';
import { SYRIAN_SPELLINGS, evaluateSpellings } from '../../test/unit/gazetteerSpellings.table.js';
import { drawQueries, type Lookup } from './queries.js';
import { measureWorldSpellings } from './worldSpellings.js';

const option = (name: string, fallback: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const ROOT = option('root', process.cwd());
const DUMP = option('dump', join(ROOT, 'node_modules/.cache/gazetteer-bench/geonames-1m.txt'));
const QUICK = process.argv.includes('--quick');

// ---- helpers -----------------------------------------------------------------------------------


function percentile(samples: readonly number[], share: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))]!;
}

const rows: { figure: string; measured: string; target: string; verdict: string }[] = [];
function record(figure: string, measured: string, target = '', ok?: boolean): void {
  rows.push({ figure, measured, target, verdict: ok === undefined ? '' : ok ? 'ok' : 'MISSED' });
  console.log(`  ${figure}: ${measured}${target ? `  (target ${target}${ok === undefined ? '' : ok ? ', ok' : ', MISSED'})` : ''}`);
}
/** Only with node --expose-gc, which the runner passes. */
const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();
const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;

/** Runs `run` once per query with tinybench and returns the latency samples (ms). */
async function latencies(name: string, queries: readonly unknown[], run: (query: never) => unknown): Promise<number[]> {
  let next = 0;
  const bench = new Bench({ name, iterations: queries.length, time: 0, warmupIterations: Math.min(100, queries.length), warmupTime: 0 });
  bench.add(name, () => {
    run(queries[next % queries.length] as never);
    next++;
  });
  await bench.run();
  const samples = bench.tasks[0]!.result?.latency.samples ?? [];
  if (samples.length === 0) throw new Error(`tinybench recorded no samples for ${name}: ${bench.tasks[0]!.result?.error?.message ?? ''}`);
  return samples;
}

type Opened = Awaited<ReturnType<typeof throughServer>>['opened'][number];

function vmStatus(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(/\d+/.exec(status.split('\n').find((line) => line.startsWith(name)) ?? '')?.[0] ?? 0) * 1024;
  return { rss: field('VmRSS:'), peak: field('VmHWM:') };
}

interface OpenedReport {
  /** The report's file name in the folder; it is written there, as the editor's file would be. */
  name: string;
  text: string;
  /** Whether a publication for this report is the one awaited. */
  done: (messages: string[]) => boolean;
  /** Requests to time once its diagnostics (and the memory figures) are in. */
  then?: (connection: MessageConnection, uri: string) => Promise<void>;
}

/**
 * Starts dist/server.js as an editor would, opens the reports one after the
 * other, each once the one before has its diagnostics, and reads the
 * server's memory after each.
 */
async function throughServer(folder: string, reports: readonly OpenedReport[]) {
  const started = performance.now();
  // As the VS Code client starts it: with the Node flags of its second line.
  const server = join(ROOT, 'dist/server.js');
  const child = spawn(process.execPath, [...serverNodeFlags(server), server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  connection.onRequest(() => null);
  const awaited = new Map<string, (messages: string[]) => void>();
  connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: { message: string }[] }) => {
    awaited.get(params.uri)?.(params.diagnostics.map((diagnostic) => diagnostic.message));
  });
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(folder).href, capabilities: {}, workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'bench' }] });
  const initialized = performance.now();
  connection.sendNotification('initialized', {});
  const opened: { openToDiagnostics: number; startToDiagnostics: number; diagnostics: number; rss: number; peak: number }[] = [];
  for (const report of reports) {
    const path = join(folder, report.name);
    writeFileSync(path, report.text);
    const uri = pathToFileURL(path).href;
    const published = new Promise<number>((resolve) => {
      awaited.set(uri, (messages) => {
        if (report.done(messages)) resolve(messages.length);
      });
    });
    const openedAt = performance.now();
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: report.text } });
    const diagnostics = await published;
    const diagnosed = performance.now();
    opened.push({ openToDiagnostics: diagnosed - openedAt, startToDiagnostics: diagnosed - started, diagnostics, ...vmStatus(child.pid!) });
    await report.then?.(connection, uri);
  }
  connection.dispose();
  child.kill();
  return { initialize: initialized - started, opened };
}

// ---- the run -----------------------------------------------------------------------------------

console.log(`Gazetteer benchmark on ${process.arch}, Node ${process.version}, ${(await import('node:os')).cpus().length} cores, load average ${(await import('node:os')).loadavg().map((load) => load.toFixed(2)).join(' ')}`);

console.log('\nBuilt-in world layer');
// load.mjs holds the loader alone, as dist/server.js has it and no benchmark code.
const coldLoads = Array.from({ length: QUICK ? 3 : 7 }, () => {
  const child = spawnSync(process.execPath, [join(dirname(process.argv[1]!), 'load.mjs')], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout) as { load: number; sinceStart: number };
});
const loadMedian = percentile(coldLoads.map((run) => run.load), 0.5);
record('load, cold process (median of runs)', `${ms(loadMedian)} (max ${ms(Math.max(...coldLoads.map((run) => run.load)))})`, '≤ 300 ms', loadMedian <= 300);
const readyMedian = percentile(coldLoads.map((run) => run.sinceStart), 0.5);
record('process start → layer ready (median)', ms(readyMedian), '≤ 300 ms', readyMedian <= 300);

const folder = mkdtempSync(join(tmpdir(), 'gazetteer-bench-'));
writeFileSync(join(folder, 'gazetteer.yaml'), 'places: []\n');
const oneLine = (name: string): OpenedReport => ({ name, text: 'Shelling hit :place[Saraqeb].\n', done: (messages) => messages.some((message) => message.includes('Saraqib')) });
const [server] = (await throughServer(folder, [oneLine('report.md')])).opened;
record('server start → first diagnostics that used it', ms(server!.startToDiagnostics));

console.log(`\nImport of ${DUMP.split('/').pop()} (synthetic GeoNames dump)`);
const dumpLines = Number(spawnSync('wc', ['-l', DUMP], { encoding: 'utf8' }).stdout.trim().split(/\s+/)[0]);
record('lines', dumpLines.toLocaleString('en'));
// The reports bench's workspace: examples/gazetteer.yaml, whose actors and places its generated
// 1 MiB report names, here with the import added, so the report's names resolve as they do there.
const importFolder = mkdtempSync(join(tmpdir(), 'gazetteer-bench-report-'));
const exampleGazetteer = readFileSync(join(ROOT, 'examples/gazetteer.yaml'), 'utf8');
writeFileSync(join(importFolder, 'gazetteer.yaml'), `import: [${JSON.stringify(DUMP)}]\n${exampleGazetteer}`);
const generated = generateReport({ bytes: parseSize('1m'), gazetteer: exampleGazetteer });
// Hover, definition and completion on actor and place labels spread through the report, one request at a time.
const requestTimes = { hover: [] as number[], definition: [] as number[], completion: [] as number[] };
const labelPositions = (() => {
  const positions: { line: number; character: number }[] = [];
  const lines = generated.text.split('\n');
  lines.forEach((text, line) => {
    for (const match of text.matchAll(/:(?:place|actor)\[/g)) positions.push({ line, character: match.index + match[0].length + 2 });
  });
  const wanted = QUICK ? 50 : 200;
  return Array.from({ length: wanted }, (_, index) => positions[Math.floor((index * positions.length) / wanted)]!);
})();
async function timeRequests(connection: MessageConnection, uri: string): Promise<void> {
  for (const [method, into] of [
    ['textDocument/hover', requestTimes.hover],
    ['textDocument/definition', requestTimes.definition],
    ['textDocument/completion', requestTimes.completion],
  ] as const) {
    for (const position of labelPositions) {
      const started = performance.now();
      await connection.sendRequest(method, { textDocument: { uri }, position });
      into.push(performance.now() - started);
    }
  }
}
let largeReport: OpenedReport = { name: 'report-1m.md', text: generated.text, done: (messages) => messages.length > 0, then: timeRequests };
const reportSize = `${(Buffer.byteLength(generated.text) / 1_048_576).toFixed(1)} MiB report (${generated.incidents} incidents)`;
// One server: a one-line report first (its check waits for the import), then the 1 MiB one.
const [imported, thenReport] = (await throughServer(importFolder, [oneLine('report.md'), largeReport])).opened as [Opened, Opened];
record('server: open → diagnostics, import included', ms(imported.openToDiagnostics));
record('server resident memory with built-in + import loaded (VmRSS)', mb(imported.rss), '≤ 300 MB', imported.rss <= 300e6);
record('server peak resident memory while importing (VmHWM)', mb(imported.peak));
record(`server: ${reportSize} opened once the import had loaded, open → diagnostics`, `${ms(thenReport.openToDiagnostics)} (${thenReport.diagnostics.toLocaleString('en')} diagnostics)`);
record(`server resident memory, ${reportSize} open, opened once the import had loaded (VmRSS)`, mb(thenReport.rss), '≤ 300 MB', thenReport.rss <= 300e6);
record(`server peak resident memory, ${reportSize} opened once the import had loaded (VmHWM)`, mb(thenReport.peak));
for (const [what, samples] of Object.entries(requestTimes)) {
  const p95 = percentile(samples, 0.95);
  record(`server: ${what} on ${samples.length} actor and place labels of that report, p50 / p95 (over LSP)`, `${ms(percentile(samples, 0.5))} / ${ms(p95)}`, '≤ 10 ms', p95 <= 10);
}
// The second server below opens the report too: only the first one's requests are timed.
largeReport = { ...largeReport, then: undefined };
// A fresh server whose first report is the 1 MiB one: its check waits for the import.
const [cold] = (await throughServer(importFolder, [largeReport])).opened as [Opened];
record(`server: ${reportSize} as the first report, open → diagnostics, import included`, `${ms(cold.openToDiagnostics)} (${cold.diagnostics.toLocaleString('en')} diagnostics)`);
record(`server resident memory, ${reportSize} open, opened as the first report (VmRSS)`, mb(cold.rss), '≤ 300 MB', cold.rss <= 300e6);
record(`server peak resident memory, ${reportSize} opened as the first report (VmHWM)`, mb(cold.peak));

// In process: the same store and gazetteer the service uses, with the import alone (no team entries).
writeFileSync(join(folder, 'gazetteer.yaml'), `import: [${JSON.stringify(DUMP)}]\nplaces: []\n`);
const store = new GazetteerStore(nodeFileSystem);
const importStarted = performance.now();
const { gazetteer } = await store.gazetteer([join(folder, 'gazetteer.yaml')], { builtin: true });
record('in process: import + index', ms(performance.now() - importStarted));
const layers = gazetteer.layerSummary();
record('places by layer', layers.map((layer) => `${layer.kind} ${layer.places.toLocaleString('en')}`).join(', '));

// ---- queries -----------------------------------------------------------------------------------

const world: PlaceTable = loadWorldLayer().table;
const importTable = gazetteer.bulkTables().find((layer) => layer.kind === 'import')?.table;
if (!importTable) throw new Error('the import did not load');
const syria = gazetteer.get('place', 'geo:SY')!;

const { lookups, completions } = drawQueries(world, importTable, syria, QUICK);

console.log(`\nLatency over ${lookups.length} lookups and ${completions.length} completions (a quarter inside Syria), built-in + import`);
const lookupSamples = await latencies('lookup', lookups, (query: Lookup) => gazetteer.resolve('place', query.text, { within: query.within }));
record('lookup (resolve) p50', ms(percentile(lookupSamples, 0.5)));
record('lookup (resolve) p95', ms(percentile(lookupSamples, 0.95)), '≤ 5 ms', percentile(lookupSamples, 0.95) <= 5);
record('lookup (resolve) p99', ms(percentile(lookupSamples, 0.99)));
const searchSamples = await latencies('search', completions, (query: Lookup) => gazetteer.search('place', query.text, { limit: 20, within: query.within }));
record('completion (search, 20 results) p50', ms(percentile(searchSamples, 0.5)));
record('completion (search, 20 results) p95', ms(percentile(searchSamples, 0.95)), '≤ 10 ms', percentile(searchSamples, 0.95) <= 10);
record('completion (search, 20 results) p99', ms(percentile(searchSamples, 0.99)));

console.log('\nSpellings of Syrian places (test/unit/gazetteerSpellings.table.ts), built-in layer only');
const builtinOnly = new Gazetteer([], { builtin: world });
const outcomes = evaluateSpellings(builtinOnly, builtinOnly.get('place', 'geo:SY')!);
const correct = outcomes.filter((outcome) => outcome.correct).length;
record('top-1 correct within Syria', `${correct}/${outcomes.length} = ${((100 * correct) / outcomes.length).toFixed(1)}%`, '≥ 95%', correct / outcomes.length >= 0.95);
record('resolved outright (no warning)', `${outcomes.filter((outcome) => outcome.status === 'resolved' && outcome.correct).length}/${outcomes.length}`);

// ---- the plain fuzzy library over the same names ----------------------------------------------

console.log('\nuFuzzy 1.0.19 over the same names and aliases, in the same process');
collectGarbage();
const before = process.memoryUsage();
const haystackStarted = performance.now();
const haystack: string[] = [];
for (const table of [world, importTable]) {
  for (let row = 0; row < table.size; row++) {
    const { name, aliases } = table.row(row);
    for (const text of [name, ...aliases]) {
      haystack.push(text);
    }
  }
}
const latinHaystack = uFuzzy.latinize(haystack);
collectGarbage();
const after = process.memoryUsage();
record('haystack', `${haystack.length.toLocaleString('en')} strings, built in ${ms(performance.now() - haystackStarted)}, +${mb(after.heapUsed + after.external - before.heapUsed - before.external)} heap`);
// Single-error mode is its typo-tolerant setting; the default matches letters in order, with gaps.
const fuzzy = new uFuzzy({ intraMode: 1 });
const ufuzzySearch = (text: string) => fuzzy.search(latinHaystack, uFuzzy.latinize(text), 0, 1000);
const ufuzzyLookups = lookups.slice(0, QUICK ? 100 : 300);
const ufuzzyCompletions = completions.filter((_, index) => index % (QUICK ? 8 : 4) === 0);
const ufuzzyLookupSamples = await latencies('uFuzzy lookup', ufuzzyLookups, (query: Lookup) => ufuzzySearch(query.text));
record(`uFuzzy lookup p50 / p95 (${ufuzzyLookups.length} of the same lookups, no within)`, `${ms(percentile(ufuzzyLookupSamples, 0.5))} / ${ms(percentile(ufuzzyLookupSamples, 0.95))}`, '≤ 5 ms (p95)', percentile(ufuzzyLookupSamples, 0.95) <= 5);
const ufuzzySearchSamples = await latencies('uFuzzy completion', ufuzzyCompletions, (query: Lookup) => ufuzzySearch(query.text));
record(`uFuzzy completion p50 / p95 (${ufuzzyCompletions.length} of the same prefixes)`, `${ms(percentile(ufuzzySearchSamples, 0.5))} / ${ms(percentile(ufuzzySearchSamples, 0.95))}`, '≤ 10 ms (p95)', percentile(ufuzzySearchSamples, 0.95) <= 10);

// The same spelling table through uFuzzy, over Syria's built-in places only (what `within` gives ours).
const syrianRows: number[] = [];
for (let row = 0; row < world.size; row++) if (builtinOnly.contains(builtinOnly.get('place', 'geo:SY')!, builtinOnly.get('place', world.id(row))!)) syrianRows.push(row);
const syrianNames = uFuzzy.latinize(syrianRows.map((row) => world.row(row).name));
let ufuzzyCorrect = 0;
for (const [spelling, expected] of SYRIAN_SPELLINGS) {
  const [indexes, info, order] = fuzzy.search(syrianNames, uFuzzy.latinize(spelling), 0, 1000);
  // Nothing found gives empty arrays; a list too long to rank gives indexes without info.
  const top = order && order.length > 0 && info?.idx ? info.idx[order[0]!] : indexes?.[0];
  if (top !== undefined && world.id(syrianRows[top]!) === expected) ufuzzyCorrect++;
}
record('uFuzzy spellings top-1 within Syria', `${ufuzzyCorrect}/${SYRIAN_SPELLINGS.length} = ${((100 * ufuzzyCorrect) / SYRIAN_SPELLINGS.length).toFixed(1)}%`, '≥ 95%', ufuzzyCorrect / SYRIAN_SPELLINGS.length >= 0.95);

// Press spellings from 19 countries: the product beside exact, folded, Levenshtein and uFuzzy baselines over GeoNames cities500.
await measureWorldSpellings(world, record);

// The .vsix carries the built-in layer: its size is a target of its own (issue 11: ≤ 15 MB). Packed last,
// since packing makes the production build of dist/; the development build is put back after it.
if (!process.argv.includes('--no-package')) {
  console.log('\nThe extension package');
  const vsix = join(mkdtempSync(join(tmpdir(), 'incident-markup-vsix-')), 'incident-markup.vsix');
  const packed = spawnSync(process.execPath, [join(ROOT, 'scripts/package.mjs'), '--out', vsix], { cwd: ROOT, encoding: 'utf8' });
  if (packed.status !== 0) throw new Error(`npm run package failed:\n${packed.stdout}\n${packed.stderr}`);
  const bytes = statSync(vsix).size;
  record('.vsix (production build, built-in layer included)', `${(bytes / 1e6).toFixed(2)} MB`, '≤ 15 MB', bytes <= 15e6);
  const rebuilt = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (rebuilt.status !== 0) throw new Error(`Rebuilding dist/ after packing failed:\n${rebuilt.stderr}`);
}

console.log('\nSummary');
const width = Math.max(...rows.map((row) => row.figure.length));
for (const row of rows) console.log(`${row.figure.padEnd(width)}  ${row.measured}${row.target ? `  [${row.target}${row.verdict ? ` ${row.verdict}` : ''}]` : ''}`);
writeFileSync(join(ROOT, 'node_modules/.cache/gazetteer-bench/latest.json'), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`);
