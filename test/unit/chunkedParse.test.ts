// parseFull parses a report region by region (server/src/core/parse/chunkedParse.ts); whatever
// the regions, the result must be what one remark call over the whole text gives (parseWhole).
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../server/src/core/model.js';
import { parseChunked, parseChunkedInSteps, type ParseTally } from '../../server/src/core/parse/chunkedParse.js';
import { parseFull, type ParsedReport } from '../../server/src/core/parse/incrementalParse.js';
import { parseWhole } from '../helpers/parseWhole.js';
import { blockRichDocuments } from '../helpers/blockRichDocuments.js';

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
    incidents: r.incidents.map((incident) => ({ ...directive(incident), openingSpan: incident.openingSpan, closed: incident.closed, annotations: incident.annotations.map((a) => a.span), contentBlocks: incident.contentBlocks })),
    annotations: r.annotations.map((annotation) => ({ ...directive(annotation), incident: annotation.incident?.span })),
    foreign: r.foreignDirectives.map((d) => ({ ...directive(d), form: d.form, misusedName: d.misusedName })),
    headings: r.headings,
  });
  return { model: model(report), blocks: blocks.map((block) => [block.start, block.end, block.open]) };
}

const documents = blockRichDocuments(60);

describe('parseFull, region by region', () => {
  it('equals one call over the example report, whatever the chunk size', () => {
    const whole = snapshot(parseWhole(EXAMPLE));
    for (const chunkSize of [1, 100, 1000, 4000, 32 * 1024]) {
      expect(snapshot(parseFull(EXAMPLE, chunkSize))).toEqual(whole);
    }
  });

  it('equals one call over a generated report of several hundred KB, in many regions', { timeout: 60_000 }, async () => {
    const { generateReport } = await loadGenerator();
    const { text } = generateReport({ bytes: 400_000, gazetteer: GAZETTEER, seed: 7 });
    const tally: ParseTally = { calls: 0, characters: 0 };
    parseChunked(text, undefined, tally);
    expect(tally.calls).toBeGreaterThan(8);
    expect(tally.characters).toBeLessThan(1.5 * text.length);
    expect(snapshot(parseFull(text))).toEqual(snapshot(parseWhole(text)));
  });

  it('equals one call over documents rich in block structure, cut into small regions', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(documents, fc.integer({ min: 1, max: 300 }), (text, chunkSize) => {
        expect(snapshot(parseFull(text, chunkSize))).toEqual(snapshot(parseWhole(text)));
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 1000) },
    );
  });

  it('in steps, stops once between remark calls and ends with the same blocks', () => {
    fc.assert(
      fc.property(documents, fc.integer({ min: 1, max: 300 }), (text, chunkSize) => {
        const tally: ParseTally = { calls: 0, characters: 0 };
        const steps = parseChunkedInSteps(text, chunkSize, tally);
        let stops = 0;
        let step = steps.next();
        for (; !step.done; step = steps.next()) {
          stops++;
          // Each stop comes after one more remark call.
          expect(tally.calls).toBe(stops);
        }
        expect(stops).toBe(Math.max(0, tally.calls - 1));
        const span = (block: { start: number; end: number; open: boolean }) => [block.start, block.end, block.open];
        expect(step.value.map(span)).toEqual(parseChunked(text, chunkSize).map(span));
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });

  it('resolves references to definitions in other regions, before and after', () => {
    const text = [':place[near [the mill]]{type=city}', '[The  Mill]: /mill', ':count[[the mill] 3]{type=killed}', '> [quoted]: /q', ':place[[quoted]]'].join('\n\n');
    const whole = parseWhole(text);
    expect(whole.report.annotations.map((a) => a.label)).toEqual(['near the mill', 'the mill 3', 'quoted']);
    expect(snapshot(parseFull(text, 1))).toEqual(snapshot(whole));
  });

  it('resolves references to a definition in a directive container only where one call does', () => {
    // micromark registers a definition inside a `:::` container only when it tokenizes the
    // container's content, one pass later per level of nesting: some text before it sees it
    // and some after it does not.
    const text = [':::incident{#a}\n:place[before [bar]]\n:::', ':::incident{#b}\n:::note\n[Bar]: /q\n:::\n:::', ':place[after [bar]]'].join('\n\n');
    const whole = parseWhole(text);
    expect(whole.report.annotations.map((a) => a.label)).toEqual(['before bar', 'after [bar]']);
    expect(snapshot(parseFull(text, 1))).toEqual(snapshot(whole));
  });

  it('keeps front matter whole when a region would end inside it, closed by `---` or by `...`, and cuts regions after it', () => {
    for (const closing of ['---', '...']) {
      const text = `---\ntitle: x\n\ntotals:\n  killed: 3\n${closing}\n\n${'Prose.\n\n'.repeat(20)}`;
      const chunked = parseFull(text, 5);
      expect(chunked.report.frontMatter?.span).toEqual({ start: 0, end: text.indexOf(`\n${closing}\n`) + 4 });
      expect(snapshot(chunked)).toEqual(snapshot(parseWhole(text)));
      // One region for the front matter and one per paragraph: front matter read as never closed would make one region of all.
      const tally: ParseTally = { calls: 0, characters: 0 };
      parseChunked(text, 5, tally);
      expect(tally.calls).toBe(21);
    }
  });

  it('parses a report that is one long list once more at most, not once per region', { timeout: 60_000 }, () => {
    const items = Array.from({ length: 1000 }, (_, index) => `- item ${index} on :date[4 October 2023]{#d${index}}\n\n  more about :place[Idlib]{type=city}\n`);
    const text = `# Incidents\n\n${items.join('\n')}\nAfter the list.\n\n${'Prose after it.\n\n'.repeat(1000)}`;
    const tally: ParseTally = { calls: 0, characters: 0 };
    const blocks = parseChunked(text, 4096, tally);
    expect(blocks).toHaveLength(1003);
    expect(tally.characters).toBeLessThan(1.2 * text.length);
    expect(snapshot(parseFull(text, 4096))).toEqual(snapshot(parseWhole(text)));
  });

  it('parses a fence that is never closed at most about three times over, growing the region', () => {
    const text = `Before.\n\n\`\`\`\n${'code line\n\nmore code\n'.repeat(5000)}`;
    const tally: ParseTally = { calls: 0, characters: 0 };
    const chunked = parseFull(text, 1000);
    parseChunked(text, 1000, tally);
    expect(chunked.blocks.map((block) => block.open)).toEqual([false, true]);
    expect(tally.calls).toBeLessThan(20);
    expect(tally.characters).toBeLessThan(3.5 * text.length);
    expect(snapshot(chunked)).toEqual(snapshot(parseWhole(text)));
  });
});
