// The report-scoped rules worked out block by block (rules/blockwise.ts): after an edit they examine
// again only the blocks it re-parsed and those that read what those declare (ids, part-of targets),
// and what they keep must be exactly what a fresh check finds, across blocks too.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../server/src/core/gazetteer/gazetteer.js';
import { readGazetteerFile } from '../../server/src/core/gazetteer/readGazetteerFile.js';
import { parseFull, parseIncremental, type ParsedReport } from '../../server/src/core/parse/incrementalParse.js';
import { RULES } from '../../server/src/core/rules/index.js';
import { EXAMPLE_GAZETTEER } from '../../server/src/core/rules/rule.js';
import { createRuleResultCache, runRules, runRulesIncremental, type RuleResultCache } from '../../server/src/core/runRules.js';
import type { ReportDiagnostic } from '../../server/src/core/diagnostics.js';

const gazetteer = new Gazetteer([readGazetteerFile('/examples/gazetteer.yaml', EXAMPLE_GAZETTEER)]);
const REPORT_RULES = new Set(RULES.filter((rule) => rule.scope === 'report').map((rule) => rule.code));

interface Typing {
  parsed: ParsedReport;
  cache: RuleResultCache;
  found: ReportDiagnostic[];
}

function open(text: string): Typing {
  const parsed = parseFull(text);
  const cache = createRuleResultCache();
  return { parsed, cache, found: runRulesIncremental(parsed, gazetteer, {}, cache) };
}

/** Edits the text, checks incrementally, and compares with a fresh check of a fresh parse, with and without its blocks. */
function type(state: Typing, edit: (text: string) => string): ReportDiagnostic[] {
  const next = edit(state.parsed.report.text.toString());
  expect(next).not.toBe(state.parsed.report.text);
  state.parsed = parseIncremental(state.parsed, next);
  state.found = runRulesIncremental(state.parsed, gazetteer, {}, state.cache);
  const fresh = parseFull(next);
  expect(state.found).toEqual(runRules(fresh.report, gazetteer));
  expect(state.found).toEqual(runRules(fresh.report, gazetteer, {}, RULES, fresh.blocks));
  return state.found.filter((diagnostic) => REPORT_RULES.has(diagnostic.code));
}

const line = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length - 1;

function incident(n: number, killed = 10): string {
  return [
    `:::incident{#strike-${n} date=2023-10-05 killed=${killed}}`,
    `A strike on market ${n}: :count[${killed}]{#all-${n} type=killed group=civilians} civilians, :count[4]{type=killed group=women part-of=all-${n}} women and :count[3]{type=killed group=children part-of=all-${n}} children.`,
    ':::',
    '',
  ].join('\n');
}

const published = '---\npublished: 2023-10-10\n---\n\n';

describe('report-scoped rules, block by block', () => {
  it('flags the incident whose count a keystroke raised above its total, and only it, and forgets it when undone', () => {
    const state = open(`${published}${[1, 2, 3, 4].map((n) => incident(n)).join('\n')}`);
    expect(state.found.filter((diagnostic) => REPORT_RULES.has(diagnostic.code))).toEqual([]);
    // "4 women" becomes "45 women": more than the 10 of incident 3, whose own figure is 10 too.
    const raised = type(state, (text) => text.replace(':count[4]{type=killed group=women part-of=all-3}', ':count[45]{type=killed group=women part-of=all-3}'));
    // (Not count-incident-total: the civilians' count stays 10 for the incident, parts raise it only to its own ceiling.)
    expect(raised.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line, diagnostic.message])).toEqual([
      ['count-parts-exceed-total', line(state.parsed.report.text.toString(), '#strike-3') + 1, 'The parts add up to more than the total: 45 women + 3 children = 48 > 10 civilians killed.'],
    ]);
    // Its own figure is typed into (10 becomes 1): now the incident's counts say more than it.
    expect(type(state, (text) => text.replace('#strike-3 date=2023-10-05 killed=10', '#strike-3 date=2023-10-05 killed=1')).map((diagnostic) => diagnostic.code)).toEqual([
      'count-incident-total',
      'count-parts-exceed-total',
    ]);
    type(state, (text) => text.replace('#strike-3 date=2023-10-05 killed=1}', '#strike-3 date=2023-10-05 killed=10}'));
    expect(type(state, (text) => text.replace(':count[45]{type=killed group=women part-of=all-3}', ':count[4]{type=killed group=women part-of=all-3}'))).toEqual([]);
  });

  it('follows a part-of to a count in another block, when either side is typed into', () => {
    const text = `${published}Overall :count[20]{#civ type=killed group=civilians} civilians were killed.\n\nOf them :count[12]{type=killed group=women part-of=civ} women.\n\nAnd :count[6]{type=killed group=children part-of=civ} children.\n`;
    const state = open(text);
    expect(state.found.filter((diagnostic) => REPORT_RULES.has(diagnostic.code))).toEqual([]);
    // A part in the third block grows: the total, two blocks up, is flagged.
    expect(type(state, (current) => current.replace(':count[6]', ':count[9]')).map((diagnostic) => [diagnostic.code, diagnostic.range.start.line])).toEqual([
      ['count-parts-exceed-total', 4],
    ]);
    // The total's id is typed into: both parts now name no count, though their blocks were not re-parsed.
    const renamed = type(state, (current) => current.replace('#civ ', '#civx '));
    expect(renamed.map((diagnostic) => [diagnostic.code, diagnostic.message])).toEqual([
      ['count-unknown-ref', 'part-of=civ names no count in this report; did you mean "civx"?'],
      ['count-unknown-ref', 'part-of=civ names no count in this report; did you mean "civx"?'],
    ]);
    // And back: the parts are parts again, and still too many.
    expect(type(state, (current) => current.replace('#civx ', '#civ ')).map((diagnostic) => diagnostic.code)).toEqual(['count-parts-exceed-total']);
    // The part's type is typed into: it no longer counts towards the killed.
    expect(type(state, (current) => current.replace('type=killed group=children', 'type=injured group=children')).map((diagnostic) => diagnostic.code)).toEqual([
      'count-part-type-mismatch',
    ]);
  });

  it('flags an id typed into a copy of one in another block, names the first one\'s line as it moves, and forgets it when typed away', () => {
    const state = open(`${published}${incident(1)}\n${incident(2)}`);
    const duplicated = type(state, (text) => text.replace('#strike-2 ', '#strike-1 '));
    expect(duplicated.map((diagnostic) => [diagnostic.code, diagnostic.message])).toEqual([
      ['markup-duplicate-id', `The id "strike-1" is already used on line ${line(state.parsed.report.text.toString(), '#strike-1') + 1}; ids must be unique within a report.`],
    ]);
    // Lines added above both: the line the message names moves with them.
    const moved = type(state, (text) => text.replace('published: 2023-10-10\n---\n', 'published: 2023-10-10\n---\n\nTwo new\nlines.\n'));
    expect(moved[0]!.message).toBe(`The id "strike-1" is already used on line ${line(state.parsed.report.text.toString(), '#strike-1') + 1}; ids must be unique within a report.`);
    // Lines added between the two: the second moves, the first does not.
    type(state, (text) => text.replace(':::\n\n:::incident', ':::\n\nA line between.\n\n:::incident'));
    // The first is typed away: the second is the first now, flagged no more, though its block was not re-parsed.
    expect(type(state, (text) => text.replace('#strike-1 ', '#strike-9 '))).toEqual([]);
  });

  it('examines again only the block a keystroke in a count re-parsed, out of 200 incidents', () => {
    const state = open(`${published}${Array.from({ length: 200 }, (_, n) => incident(n)).join('\n')}`);
    const everyRule = RULES.filter((rule) => rule.scope === 'report' && 'examine' in rule).length;
    // The first check examines every block with markup for every blockwise rule.
    expect(state.cache.blockwise.lastExamined).toBe(200 * everyRule);
    // A letter typed into a count's label, and one into a part's attributes: the model changes, the rules run.
    type(state, (text) => text.replace(':count[10]{#all-100 ', ':count[10x]{#all-100 '));
    expect(state.cache.lastRanReportRules).toBe(true);
    expect(state.cache.blockwise.lastExamined).toBeGreaterThan(0);
    // The incremental parse re-parses the block typed into alone: the keystroke is off its first and last lines.
    expect(state.cache.blockwise.lastExamined).toBe(everyRule);
    type(state, (text) => text.replace('part-of=all-150}', 'part-of=all-15}'));
    // The part now names a count in another incident: that block and, for the rules that read who names a count, the block holding all-15.
    expect(state.cache.blockwise.lastExamined).toBeGreaterThan(everyRule);
    expect(state.cache.blockwise.lastExamined).toBeLessThanOrEqual(2 * everyRule);
    expect(state.found.some((diagnostic) => diagnostic.code === 'count-parts-exceed-total')).toBe(true);
    // Prose in an incident: those three again.
    type(state, (text) => text.replace('A strike on market 7:', 'A strike on the market 7:'));
    expect(state.cache.blockwise.lastExamined).toBe(everyRule);
  });

  it('after any letters typed or deleted anywhere in ids, part-ofs and totals linked across blocks, equals a fresh check', { timeout: 120_000 }, () => {
    // Ids that differ by a letter, duplicated across blocks, part-ofs into other blocks, totals in the front matter.
    const text = [
      '---\npublished: 2023-10-10\ntotals: {killed: 30}\n---\n',
      'Overall :count[20]{#civ type=killed group=civilians} civilians and :count[5]{#cix type=injured} injured.\n',
      ':::incident{#civ date=2023-10-05 killed=12}\nHere :count[12]{#a type=killed part-of=civ} were killed, :count[3]{type=killed group=women part-of=a} women.\n:::\n',
      ':::incident{#cvi date=2023-10-06 killed=9}\nThere :count[9]{#a type=killed part-of=cix} were killed; :count[2]{type=injured part-of=civ} injured.\n:::\n',
      'Later :count[4]{type=killed part-of=#a} more, on :date[5 October]{value=2023-10-07/2023-10-05}.\n',
    ].join('\n');
    const keystroke = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat({ max: 2 }), insert: fc.constantFrom('', 'v', 'x', 'a', '1', ' ', '#') });
    fc.assert(
      fc.property(fc.array(keystroke, { minLength: 1, maxLength: 12 }), (keystrokes) => {
        const state = open(text);
        for (const { at, remove, insert } of keystrokes) {
          const current = state.parsed.report.text;
          const start = Math.floor(at * current.length);
          const next = `${current.slice(0, start)}${insert}${current.slice(Math.min(current.length, start + remove))}`;
          if (next === current) continue;
          type(state, () => next);
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 60) },
    );
  });
});
