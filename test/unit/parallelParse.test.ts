// parseFullParallel parses a long report on two threads (server/src/core/parse/parallelParse.ts):
// whatever happens to the worker, the result must be what parseFull gives (and so what one remark
// call over the whole text gives, parseWhole), and the model the worker sends must arrive whole.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../server/src/core/model.js';
import { parseFull, parseWhole, type ParsedReport } from '../../server/src/core/parse/incrementalParse.js';
import { PARALLEL_MIN_LENGTH, parseFullParallel, type ParallelTally } from '../../server/src/core/parse/parallelParse.js';

const ROOT = join(import.meta.dirname, '../..');
const EXAMPLE = readFileSync(join(ROOT, 'examples/idlib-2023-10.md'), 'utf8');
const GAZETTEER = readFileSync(join(ROOT, 'examples/gazetteer.yaml'), 'utf8');

interface Generator {
  generateReport(options: { bytes: number; gazetteer: string; seed?: number }): { text: string };
}
// Loaded by path at run time: bench/ is outside the test project's TypeScript sources.
const GENERATOR = '../../bench/generate-report.ts';
const loadGenerator = () => import(/* @vite-ignore */ GENERATOR) as Promise<Generator>;

/** The model without its back-references, and the blocks without their ids, so two parses compare structurally. */
function snapshot({ report, blocks }: ParsedReport) {
  const directive = (d: { kind: string; name: string; span: unknown; nameSpan: unknown; label: string; labelSpan: unknown; attributes: ReadonlyMap<string, unknown>; attributesSpan: unknown }) => ({
    kind: d.kind, name: d.name, span: d.span, nameSpan: d.nameSpan, label: d.label, labelSpan: d.labelSpan, attributes: [...d.attributes], attributesSpan: d.attributesSpan,
  });
  const model = (r: Report) => ({
    frontMatter: r.frontMatter && { ...r.frontMatter, valueSpans: [...r.frontMatter.valueSpans] },
    incidents: r.incidents.map((incident) => ({ ...directive(incident), openingSpan: incident.openingSpan, closed: incident.closed, annotations: incident.annotations.map((a) => a.span) })),
    annotations: r.annotations.map((annotation) => ({ ...directive(annotation), incident: annotation.incident?.span })),
    foreign: r.foreignDirectives.map((d) => ({ ...directive(d), form: d.form, misusedName: d.misusedName })),
  });
  return { model: model(report), blocks: blocks.map((block) => [block.start, block.end, block.open]) };
}

/** Every block id once, in document order, as one thread's counter would give them. */
function expectFreshIds({ blocks }: ParsedReport) {
  const ids = blocks.map((block) => block.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toEqual([...ids].sort((a, b) => a - b));
}

// The worker's bundle, built from the sources as scripts/build.mjs builds dist/parseWorker.js, so
// that the test runs the worker of the tree it tests (dist/ may be older).
let folder: string;
let workerPath: string;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'im-parallel-'));
  workerPath = join(folder, 'parseWorker.js');
  await build({
    entryPoints: [join(ROOT, 'server/src/core/parse/parseWorker.ts')],
    outfile: workerPath,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "var __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
}, 30_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A worker script of its own, written beside the real one. */
function fakeWorker(name: string, source: string): string {
  const path = join(folder, name);
  writeFileSync(path, source);
  return path;
}

/** Prose, then an incident whose annotations the worker parses, then the same again: cut at `Second half.`. */
const TWO_HALVES = [
  'First half with :place[Idlib]{type=city} and :date[4 October 2023].',
  ':::incident{#a date=2023-10-04 place=idlib}\nAt least :count[46]{#civ type=killed} civilians, :count[9]{type=killed group=women part-of=civ} women.\n:::',
  'Second half.',
  ':::incident{#b date=2023-10-05/2023-10-07 place=idlib-governorate}\nOn :date[5-7 October]{value=2023-10-05/2023-10-07}, :actor[Russia]{role=perpetrator} struck :place[Saraqib].\n\n:count[12]{#b-killed type=killed group=civilians} killed, :count[3]{type=killed group=children part-of=b-killed} of them children.\n\n::note[a foreign directive]{x=1}\n:::',
  'Between incidents :count[2]{type=injured}.',
  '::count[misused]{type=killed}',
  ':::incident{#c date=2023-10-06}\n:actor[Syrian Army]{role=perpetrator} and :place[Ariha]{ref=ariha}.\n:::',
].join('\n\n') + '\n';

describe('parseFullParallel', () => {
  it('equals parseFull over the example report repeated past the threshold, the second half parsed by the worker', { timeout: 30_000 }, async () => {
    const text = EXAMPLE.repeat(Math.ceil((PARALLEL_MIN_LENGTH * 1.05) / EXAMPLE.length));
    expect(text.length).toBeGreaterThan(PARALLEL_MIN_LENGTH);
    const tally: ParallelTally = {};
    const parallel = await parseFullParallel(text, { workerPath, tally });
    expect(tally).toMatchObject({ outcome: 'parallel' });
    expect(tally.cut).toBeGreaterThan(text.length * 0.4);
    expect(tally.workerBlocks).toBeGreaterThan(1000);
    // parseFull equals one call over the whole text (chunkedParse.test.ts), which a few copies check here too.
    expect(snapshot(parallel)).toEqual(snapshot(parseFull(text)));
    expect(parallel.report.text).toBe(text);
    expectFreshIds(parallel);
    const few = EXAMPLE.repeat(20);
    expect(snapshot(await parseFullParallel(few, { workerPath, minLength: 0 }))).toEqual(snapshot(parseWhole(few)));
  });

  it('equals parseFull over a generated 1 MiB report, the second half parsed by the worker', { timeout: 30_000 }, async () => {
    const { generateReport } = await loadGenerator();
    const { text } = generateReport({ bytes: 1024 * 1024, gazetteer: GAZETTEER });
    const tally: ParallelTally = {};
    // Below the threshold: the worker is asked for all the same.
    const parallel = await parseFullParallel(text, { workerPath, minLength: 512 * 1024, tally });
    expect(tally).toMatchObject({ outcome: 'parallel' });
    const sequential = parseFull(text);
    expect(tally.workerBlocks).toBeGreaterThan(sequential.blocks.length / 3);
    expect(snapshot(parallel)).toEqual(snapshot(sequential));
    expect(parallel.report.incidents.length).toBeGreaterThan(400);
    expectFreshIds(parallel);
    // After the ids the thread had given out before it.
    expect(parallel.blocks[0]!.id).toBeLessThan(sequential.blocks[0]!.id);
  });

  it('sends the model whole: annotations shared between block, incident and report, each annotation with its incident', async () => {
    const cut = TWO_HALVES.indexOf('Second half.');
    const tally: ParallelTally = {};
    const parallel = await parseFullParallel(TWO_HALVES, { workerPath, minLength: 0, cut, tally });
    expect(tally).toMatchObject({ outcome: 'parallel', cut, workerBlocks: 5 });
    expect(snapshot(parallel)).toEqual(snapshot(parseWhole(TWO_HALVES)));

    const received = parallel.blocks.filter((block) => block.start >= cut);
    const incidents = received.flatMap((block) => block.incidents);
    expect(incidents.map((incident) => incident.attributes.get('id')?.value)).toEqual(['b', 'c']);
    for (const block of received) {
      for (const incident of block.incidents) {
        expect(incident.attributes).toBeInstanceOf(Map);
        expect(incident.annotations.length).toBeGreaterThan(0);
        for (const annotation of incident.annotations) {
          expect(block.annotations).toContain(annotation);
          expect(annotation.incident).toBe(incident);
          expect(annotation.attributes).toBeInstanceOf(Map);
        }
      }
      for (const annotation of block.annotations) if (annotation.incident) expect(block.incidents).toContain(annotation.incident);
    }
    // The report's lists hold the blocks' own objects.
    const annotations = received.flatMap((block) => block.annotations);
    expect(annotations).toHaveLength(8);
    expect(annotations.filter((annotation) => annotation.incident === undefined).map((annotation) => annotation.kind)).toEqual(['count']);
    for (const annotation of annotations) expect(parallel.report.annotations).toContain(annotation);
    for (const incident of incidents) expect(parallel.report.incidents).toContain(incident);
    const foreign = received.flatMap((block) => block.foreignDirectives);
    expect(foreign.map((directive) => [directive.name, directive.form, directive.misusedName])).toEqual([
      ['note', 'leafDirective', false],
      ['count', 'leafDirective', true],
    ]);
    expect(foreign[0]!.attributes.get('x')?.valueSpan).toEqual(parseWhole(TWO_HALVES).report.foreignDirectives[0]!.attributes.get('x')?.valueSpan);
    for (const directive of foreign) expect(parallel.report.foreignDirectives).toContain(directive);
    expectFreshIds(parallel);
  });

  describe('parses what follows the cut itself when the block before it may go on past it', () => {
    const cases: [string, string, string][] = [
      ['a fence never closed', 'Before.\n\n```\ncode\n\n', 'after a blank line in the fence\n\nmore code\n'],
      ['a fence closed after the cut', 'Before.\n\n~~~js\ncode\n\n', 'still code, :place[Idlib]\n~~~\n\nAfter :place[Idlib].\n'],
      ['a container', ':::incident{#a date=2023-10-04}\nOn :date[4 October 2023], :count[3]{type=killed}.\n\n', 'Still inside: :place[Idlib].\n:::\n\nAfter.\n'],
      ['a container never closed', ':::incident{#a date=2023-10-04}\nOn :date[4 October 2023].\n\n', 'Still inside: :place[Idlib].\n'],
      ['a list', '- one :count[3]{type=killed}\n\n', '- two :place[Idlib]\n\nAfter.\n'],
      ['a list with a lazy line', '- one\nlazy :place[Idlib]\n\n', 'Next paragraph.\n'],
      ['a block quote', '> quoted :actor[Russia]\n\n', '> still quoted? a new quote.\n\nAfter.\n'],
      ['raw HTML', '<div>\n\n', 'inside the div? :place[Idlib]\n\n</div>\n'],
      ['indented code', 'Para.\n\n    indented code\n\n', '2) item after it\n'],
      ['front matter never closed', '---\ntitle: x\n\n', '- not a list\n\n> not a quote\n'],
    ];
    it.each(cases)('%s', async (_, before, after) => {
      const text = before + after;
      const tally: ParallelTally = {};
      const parallel = await parseFullParallel(text, { workerPath, minLength: 0, cut: before.length, tally });
      expect(tally).toMatchObject({ outcome: 'rest on main', reason: 'unstable cut' });
      expect(snapshot(parallel)).toEqual(snapshot(parseWhole(text)));
      expectFreshIds(parallel);
    });

    it('and the same documents cut where the block before is closed use the worker', async () => {
      const text = 'Before.\n\n```\ncode\n\n```\n\nAfter the fence, :place[Idlib].\n';
      const tally: ParallelTally = {};
      const parallel = await parseFullParallel(text, { workerPath, minLength: 0, cut: text.indexOf('After'), tally });
      expect(tally).toMatchObject({ outcome: 'parallel', workerBlocks: 1 });
      expect(snapshot(parallel)).toEqual(snapshot(parseWhole(text)));
    });
  });

  it('parses a long text with something like a link reference definition on one thread', async () => {
    for (const definition of ['[foo]: /url', '   [Foo Bar]:\n/url', '> [quoted]: /q', '- [listed]: /l', ':::note\n[inside]: /i\n:::']) {
      const text = `${'Prose, see [foo] and [quoted] and [listed] and [inside].\n\n'.repeat(100)}${definition}\n\n${'More prose [foo].\n\n'.repeat(100)}`;
      const tally: ParallelTally = {};
      const parallel = await parseFullParallel(text, { workerPath, minLength: 0, tally });
      expect(tally, definition).toMatchObject({ outcome: 'sequential', reason: 'link reference definitions' });
      expect(snapshot(parallel)).toEqual(snapshot(parseWhole(text)));
    }
  });

  it('parses on one thread a short text, a text with a byte order mark or front matter never closed, and one with nowhere to cut', async () => {
    const long = 'Prose :place[Idlib].\n\n'.repeat(50);
    const cases: [string, { minLength?: number }, string][] = [
      [EXAMPLE, {}, 'short'],
      [`\uFEFF${long}`, { minLength: 0 }, 'no cut'],
      [`---\ntitle: x\n\n${long}`, { minLength: 0 }, 'no cut'],
      ['One paragraph\nof several lines\nand no blank line.\n'.repeat(20), { minLength: 0 }, 'no cut'],
    ];
    for (const [text, options, reason] of cases) {
      const tally: ParallelTally = {};
      const parallel = await parseFullParallel(text, { workerPath, tally, ...options });
      expect(tally).toMatchObject({ outcome: 'sequential', reason });
      expect(snapshot(parallel)).toEqual(snapshot(parseWhole(text)));
    }
  });

  describe('when the worker fails, parses the rest itself, and the same', () => {
    const cut = TWO_HALVES.indexOf('Second half.');
    const cases: [string, string, RegExp][] = [
      ['throws', "throw new Error('broken worker');", /^the worker failed: Error: broken worker/],
      ['exits', 'process.exit(3);', /^the worker failed: it exited with code 3/],
      ['answers nonsense', "require('node:worker_threads').parentPort.postMessage({ range: { blocks: 'no', end: 0 } });", /^the worker answered nothing usable$/],
      ['answers blocks before the cut', "const { parentPort, workerData } = require('node:worker_threads'); parentPort.postMessage({ range: { blocks: [{ start: 0, end: 1 }], end: workerData.text.length, definitions: false } });", /^the worker answered blocks out of place$/],
      ['never answers', 'setInterval(() => {}, 1000);', /^the worker took too long$/],
    ];
    it.each(cases)('%s', async (name, source, reason) => {
      const tally: ParallelTally = {};
      const started = performance.now();
      const parallel = await parseFullParallel(TWO_HALVES, { workerPath: fakeWorker(`${name.replace(/ /g, '-')}.js`, source), minLength: 0, cut, timeoutMs: 300, tally });
      expect(performance.now() - started).toBeLessThan(5000);
      expect(tally.outcome).toBe('rest on main');
      expect(tally.reason).toMatch(reason);
      expect(snapshot(parallel)).toEqual(snapshot(parseWhole(TWO_HALVES)));
      expectFreshIds(parallel);
    });

    it('without a worker script beside the module (as when run from sources), parses on this thread alone', async () => {
      const tally: ParallelTally = {};
      const parallel = await parseFullParallel(TWO_HALVES, { minLength: 0, tally });
      expect(tally.outcome).toBe('sequential');
      expect(tally.reason).toMatch(/^no worker at .*parseWorker\.js$/);
      expect(snapshot(parallel)).toEqual(snapshot(parseWhole(TWO_HALVES)));
      const missing: ParallelTally = {};
      await parseFullParallel(TWO_HALVES, { workerPath: join(folder, 'missing.js'), minLength: 0, tally: missing });
      expect(missing.reason).toMatch(/^no worker at /);
    });
  });
});
