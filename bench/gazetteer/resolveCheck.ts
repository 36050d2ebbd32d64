/**
 * Resolution in process, without the server: times `resolve` cold (the bench's lookups, and completion's
 * resolvesTo pattern through the language service on the bench's 1 MiB report) and writes every output
 * (resolutions of the bench's lookups and of the spelling tables in several contexts, search results,
 * completion lists) to a file, so that a change to resolution can be checked to change no result.
 * `npm run bench:gazetteer -- --no-build --resolve-check [--out=F] [--compare=F] [--time-only] [--no-service] [--quick]`
 * (see bench/README.md).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateReport, parseSize } from '../generate-report.js';
import { Gazetteer, type Resolution, type SearchResult } from '../../server/src/core/gazetteer/gazetteer.js';
import type { GazetteerEntry } from '../../server/src/core/gazetteer/gazetteerModel.js';
import { GazetteerStore } from '../../server/src/core/gazetteer/gazetteerStore.js';
import type { PlaceTable } from '../../server/src/core/gazetteer/placeTable.js';
import { loadWorldLayer } from '../../server/src/core/gazetteer/worldLayer.js';
import { createLanguageService, DEFAULT_SETTINGS } from '../../server/src/core/languageService.js';
import { nodeFileSystem } from '../../server/src/core/workspace/fileSystem.js';
import { SYRIAN_SPELLINGS } from '../../test/unit/gazetteerSpellings.table.js';
import { WORLD_SPELLINGS } from '../../test/unit/worldSpellings.table.js';
import { drawQueries } from './queries.js';

const option = (name: string, fallback: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const ROOT = option('root', process.cwd());
const DUMP = option('dump', join(ROOT, 'node_modules/.cache/gazetteer-bench/geonames-1m.txt'));
const OUT = option('out', '');
const COMPARE = option('compare', '');
const TIME_ONLY = process.argv.includes('--time-only');
const QUICK = process.argv.includes('--quick');
const NO_SERVICE = process.argv.includes('--no-service');

function percentile(samples: readonly number[], share: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))]!;
}
const ms = (value: number) => `${value.toFixed(2)} ms`;
const summary = (samples: number[]) => `p50 ${ms(percentile(samples, 0.5))} p95 ${ms(percentile(samples, 0.95))} p99 ${ms(percentile(samples, 0.99))} max ${ms(Math.max(...samples))} (n=${samples.length})`;
/** The process's CPU time since `since` (user + system): less moved by the other engineer's load than wall times. */
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return `${((used.user + used.system) / 1000).toFixed(0)} ms`;
};
/** Forgets the gazetteer's kept resolutions, so that each is timed cold. */
const forget = (gazetteer: Gazetteer) => (gazetteer as unknown as { resolutions: Map<string, unknown> }).resolutions.clear();

const outputs: Record<string, unknown[]> = {};
const put = (section: string, value: unknown) => (outputs[section] ??= []).push(value);
const entryOut = (entry: GazetteerEntry) => entry.id;
function resolutionOut(resolution: Resolution): unknown {
  switch (resolution.status) {
    case 'resolved':
      return ['R', entryOut(resolution.entry), resolution.match, resolution.matched];
    case 'ambiguous':
      return ['A', resolution.more ?? 0, ...resolution.candidates.map((candidate) => [entryOut(candidate.entry), candidate.match, candidate.matched])];
    case 'unknown':
      return ['U', resolution.held ?? false, ...resolution.suggestions.map((candidate) => [entryOut(candidate.entry), candidate.match, candidate.matched])];
  }
}
const searchOut = (results: SearchResult[]) => results.map((result) => [entryOut(result.entry), result.match, result.matched, result.score]);

// ---- the bench's gazetteer: built-in + import ----
const folder = mkdtempSync(join(tmpdir(), 'resolve-check-'));
writeFileSync(join(folder, 'gazetteer.yaml'), `import: [${JSON.stringify(DUMP)}]\nplaces: []\n`);
const store = new GazetteerStore(nodeFileSystem);
let started = performance.now();
const { gazetteer } = await store.gazetteer([join(folder, 'gazetteer.yaml')], { builtin: true });
console.log(`import + index ${ms(performance.now() - started)}`);
const world: PlaceTable = loadWorldLayer().table;
const importTable = gazetteer.bulkTables().find((layer) => layer.kind === 'import')!.table;
const syria = gazetteer.get('place', 'geo:SY')!;

// The bench's queries, drawn with its seed in its order.
const { lookups, completions } = drawQueries(world, importTable, syria, QUICK);

// Warm what a server has warm (row countries, equivalent rows) with a few lookups, then time each cold.
for (const lookup of lookups.slice(0, 50)) gazetteer.resolve('place', lookup.text, { within: lookup.within });
forget(gazetteer);
const lookupTimes: number[] = [];
let cpu = process.cpuUsage();
for (const lookup of lookups) {
  started = performance.now();
  const resolution = gazetteer.resolve('place', lookup.text, { within: lookup.within });
  lookupTimes.push(performance.now() - started);
  if (!TIME_ONLY) put('lookups', [lookup.text, lookup.within?.id ?? '', resolutionOut(resolution)]);
}
console.log(`lookup (resolve, as the bench) cold: ${summary(lookupTimes)}; CPU ${cpuMs(cpu)}`);
const slow = lookups.map((lookup, index) => ({ lookup, time: lookupTimes[index]! })).sort((a, b) => b.time - a.time).slice(0, 8);
console.log(`  slowest: ${slow.map(({ lookup, time }) => `${lookup.text}${lookup.within ? ' (SY)' : ''} ${ms(time)}`).join('; ')}`);

// Completion's pattern: search in the report's context, then resolve each offered name in it.
forget(gazetteer);
const contexts: { name: string; options: { countries?: string[]; prefer?: GazetteerEntry } }[] = [
  { name: 'none', options: {} },
  { name: 'SY', options: { countries: ['SY'] } },
  { name: 'Idlib', options: { countries: ['SY'], prefer: gazetteer.resolve('place', 'Idlib', { within: syria }).status === 'resolved' ? (gazetteer.resolve('place', 'Idlib', { within: syria }) as { entry: GazetteerEntry }).entry : syria } },
];
const patternTimes: number[] = [];
const searchTimes: number[] = [];
cpu = process.cpuUsage();
for (const [index, completion] of completions.entries()) {
  if (completion.text.length < 2 || completion.text.length > 5) continue;
  const context = contexts[index % contexts.length]!;
  forget(gazetteer);
  started = performance.now();
  const results = gazetteer.search('place', completion.text, { limit: 20, ...context.options });
  searchTimes.push(performance.now() - started);
  started = performance.now();
  const resolved = results.map((result) => gazetteer.resolve('place', result.matched, context.options));
  patternTimes.push(performance.now() - started);
  if (!TIME_ONLY) put('completionPattern', [completion.text, context.name, searchOut(results), resolved.map(resolutionOut)]);
}
console.log(`search in context (2-5 letters) cold: ${summary(searchTimes)}`);
console.log(`resolvesTo x20 after it, cold: ${summary(patternTimes)}; CPU of search + resolves ${cpuMs(cpu)}`);

if (!TIME_ONLY) {
  // More contexts over the same lookups, and the plain search outputs.
  for (const lookup of lookups) {
    for (const context of contexts.slice(1)) put('lookupsInContext', [lookup.text, context.name, resolutionOut(gazetteer.resolve('place', lookup.text, context.options))]);
  }
  for (const completion of completions) put('search', [completion.text, completion.within?.id ?? '', searchOut(gazetteer.search('place', completion.text, { limit: 20, within: completion.within }))]);
  // The spelling tables, on the built-in layer alone and with the import.
  const builtinOnly = new Gazetteer([], { builtin: world });
  for (const [name, target] of [
    ['builtin', builtinOnly],
    ['import', gazetteer],
  ] as const) {
    for (const row of WORLD_SPELLINGS) {
      const country = target.get('place', `geo:${row.country}`);
      put(`world-${name}`, [
        row.spelling,
        resolutionOut(target.resolve('place', row.spelling, {})),
        country ? resolutionOut(target.resolve('place', row.spelling, { within: country })) : 'no country',
        resolutionOut(target.resolve('place', row.spelling, { countries: [row.country] })),
      ]);
    }
    const targetSyria = target.get('place', 'geo:SY')!;
    for (const [spelling] of SYRIAN_SPELLINGS) {
      put(`syria-${name}`, [spelling, resolutionOut(target.resolve('place', spelling, { within: targetSyria })), resolutionOut(target.resolve('place', spelling, {})), resolutionOut(target.resolve('place', spelling, { countries: ['SY'] }))]);
    }
  }
}

// ---- completion through the language service, on the bench's 1 MiB report with the example gazetteer + import ----
if (!NO_SERVICE) {
const reportFolder = mkdtempSync(join(tmpdir(), 'resolve-check-report-'));
const exampleGazetteer = readFileSync(join(ROOT, 'examples/gazetteer.yaml'), 'utf8');
writeFileSync(join(reportFolder, 'gazetteer.yaml'), `import: [${JSON.stringify(DUMP)}]\n${exampleGazetteer}`);
const generated = generateReport({ bytes: parseSize('1m'), gazetteer: exampleGazetteer });
const service = createLanguageService({ fileSystem: nodeFileSystem, today: () => '2024-01-01' });
const document = { path: join(reportFolder, 'report.md'), text: generated.text };
const settings = { ...DEFAULT_SETTINGS, root: reportFolder };
started = performance.now();
const checked = await service.check(document, settings);
console.log(`1 MiB report checked ${ms(performance.now() - started)}`);
const positions: { line: number; character: number }[] = [];
generated.text.split('\n').forEach((text, line) => {
  for (const match of text.matchAll(/:(?:place|actor)\[/g)) for (const into of [1, 2, 4]) positions.push({ line, character: match.index + match[0].length + into });
});
const wanted = QUICK ? 150 : 600;
const chosen = Array.from({ length: wanted }, (_, index) => positions[Math.floor((index * positions.length) / wanted)]!);
for (const pass of ['as the bench (kept resolutions)', 'cold (resolutions forgotten before each)']) {
  forget(checked.gazetteer);
  const times: number[] = [];
  for (const position of chosen) {
    if (pass.startsWith('cold')) forget(checked.gazetteer);
    started = performance.now();
    const result = await service.complete(document, position, settings);
    times.push(performance.now() - started);
    if (!TIME_ONLY && pass.startsWith('cold')) put('completion', [position.line, position.character, result.items.map((item) => [item.label, item.detail, item.labelDetails, item.newText, item.span])]);
  }
  console.log(`completion in process, ${pass}: ${summary(times)}`);
}

}

if (OUT) writeFileSync(OUT, JSON.stringify(outputs));
if (COMPARE) {
  const before = JSON.parse(readFileSync(COMPARE, 'utf8')) as Record<string, unknown[]>;
  let differences = 0;
  for (const [section, values] of Object.entries(before)) {
    const now = JSON.parse(JSON.stringify(outputs[section] ?? [])) as unknown[];
    if (now.length !== values.length) console.log(`${section}: ${values.length} before, ${now.length} now`);
    values.forEach((value, index) => {
      if (JSON.stringify(value) !== JSON.stringify(now[index])) {
        if (differences++ < 20) console.log(`DIFF ${section}[${index}]:\n  before ${JSON.stringify(value)}\n  now    ${JSON.stringify(now[index])}`);
      }
    });
    console.log(`${section}: ${values.length} compared`);
  }
  console.log(differences === 0 ? 'SAME: no output differs' : `${differences} outputs differ`);
}
