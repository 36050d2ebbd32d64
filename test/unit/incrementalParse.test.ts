import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../server/src/core/gazetteer/gazetteer.js';
import { readGazetteerFile } from '../../server/src/core/gazetteer/readGazetteerFile.js';
import type { Report } from '../../server/src/core/model.js';
import { parseFull, parseIncremental, parseWhole } from '../../server/src/core/parse/incrementalParse.js';
import { createRuleResultCache, runRules, runRulesIncremental } from '../../server/src/core/runRules.js';

const ROOT = join(import.meta.dirname, '../..');
const EXAMPLE = readFileSync(join(ROOT, 'examples/idlib-2023-10.md'), 'utf8');
const GAZETTEER = new Gazetteer([readGazetteerFile('gazetteer.yaml', readFileSync(join(ROOT, 'examples/gazetteer.yaml'), 'utf8'))]);

/** The model without its back-references, so two reports compare structurally. */
function snapshot(report: Report) {
  const directive = (d: { kind: string; name: string; span: unknown; nameSpan: unknown; label: string; labelSpan: unknown; attributes: ReadonlyMap<string, unknown>; attributesSpan: unknown }) => ({
    kind: d.kind, name: d.name, span: d.span, nameSpan: d.nameSpan, label: d.label, labelSpan: d.labelSpan, attributes: [...d.attributes], attributesSpan: d.attributesSpan,
  });
  return {
    frontMatter: report.frontMatter && { ...report.frontMatter, valueSpans: [...report.frontMatter.valueSpans] },
    incidents: report.incidents.map((incident) => ({ ...directive(incident), openingSpan: incident.openingSpan, closed: incident.closed, annotations: incident.annotations.map((a) => a.span) })),
    annotations: report.annotations.map((annotation) => ({ ...directive(annotation), incident: annotation.incident?.span })),
    foreign: report.foreignDirectives.map((d) => ({ ...directive(d), form: d.form, misusedName: d.misusedName })),
  };
}

const SNIPPETS = ['\n', '\n\n', '```', '~~~', ':::', ':::incident{#x date=2023-10-04}\n', '\n:::\n', '- ', '> ', '# ', '    ', ':count[46]{type=killed}', ':place[Idlib]', '[', ']', '{', '}', '<!--', '-->', '<div>', '---\n', 'a', ' ', '`', ':', '=', '"', '1'];

const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.nat({ max: 40 }),
  insert: fc.array(fc.constantFrom(...SNIPPETS), { maxLength: 3 }).map((parts) => parts.join('')),
});

describe('parseIncremental', () => {
  it('re-parses only the block a keystroke touches', () => {
    const previous = parseFull(EXAMPLE);
    const at = EXAMPLE.indexOf('at least :count[46]');
    const next = parseIncremental(previous, `${EXAMPLE.slice(0, at)}X${EXAMPLE.slice(at)}`);
    expect(next.reparsed).toBeLessThan(EXAMPLE.length / 2);
    expect(snapshot(next.report)).toEqual(snapshot(parseFull(next.report.text).report));
  });

  it('widens to the end when an edit opens a fence that swallows the rest', () => {
    const previous = parseFull(EXAMPLE);
    const at = EXAMPLE.indexOf('## Summary');
    const text = `${EXAMPLE.slice(0, at)}\`\`\`\n${EXAMPLE.slice(at)}`;
    const next = parseIncremental(previous, text);
    expect(next.report.annotations.filter((a) => a.span.start > at)).toEqual([]);
    expect(snapshot(next.report)).toEqual(snapshot(parseFull(text).report));
  });

  it('counts a leading byte order mark in offsets, parsed whole, by regions and after an edit', () => {
    const text = '\uFEFF---\ntitle: Idlib\n---\n\nAt least :count[46]{type=killed} died.\n';
    const whole = parseWhole(text);
    const at = text.indexOf(':count');
    expect(whole.report.annotations.map((a) => [a.span.start, a.label, a.attributes.get('type')?.value])).toEqual([[at, '46', 'killed']]);
    expect(text.slice(whole.report.frontMatter!.span.start, whole.report.frontMatter!.span.end)).toBe('---\ntitle: Idlib\n---');
    expect(snapshot(parseFull(text).report)).toEqual(snapshot(whole.report));
    expect(snapshot(parseIncremental(parseFull(text.slice(1)), text).report)).toEqual(snapshot(whole.report));
  });

  it('after any sequence of random edits, equals a fresh full parse, model and diagnostics', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
        let parsed = parseFull(EXAMPLE);
        const kept = createRuleResultCache();
        runRulesIncremental(parsed, GAZETTEER, {}, kept);
        for (const { at, remove, insert } of edits) {
          const text = parsed.report.text;
          const start = Math.floor(at * text.length);
          const next = `${text.slice(0, start)}${insert}${text.slice(Math.min(text.length, start + remove))}`;
          parsed = parseIncremental(parsed, next);
          const full = parseFull(next);
          expect(snapshot(parsed.report)).toEqual(snapshot(full.report));
          expect(runRulesIncremental(parsed, GAZETTEER, {}, kept)).toEqual(runRules(full.report, GAZETTEER));
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 60) },
    );
  });
});
