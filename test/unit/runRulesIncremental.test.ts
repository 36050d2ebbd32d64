// Block-scoped rules are run on the blocks an edit touched and their earlier findings re-used for
// the rest. Whatever is re-used must be exactly what a fresh check finds: spans, ranges, messages,
// fixes and related locations, after text is typed, lines are inserted above, or anything the
// findings depend on (gazetteer, front matter, settings) changes.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../server/src/core/gazetteer/gazetteer.js';
import { readGazetteerFile } from '../../server/src/core/gazetteer/readGazetteerFile.js';
import { parseFull, parseIncremental, type ParsedReport } from '../../server/src/core/parse/incrementalParse.js';
import { RULES } from '../../server/src/core/rules/index.js';
import { EXAMPLE_GAZETTEER } from '../../server/src/core/rules/rule.js';
import type { ReportDiagnostic } from '../../server/src/core/diagnostics.js';
import { checkRulesAhead, createRuleResultCache, mergeSortedDiagnostics, runRules, runRulesIncremental, type RuleRunOptions } from '../../server/src/core/runRules.js';
import { stripMarkers } from '../helpers/markers.js';

const gazetteer = new Gazetteer([readGazetteerFile('/examples/gazetteer.yaml', EXAMPLE_GAZETTEER)]);
const EXAMPLE = readFileSync(new URL('../../examples/idlib-2023-10.md', import.meta.url), 'utf8');

/** Where text can go before the body: after the front matter, if any. */
function bodyStart(text: string): number {
  const match = /^---\n[\s\S]*?\n---\n/.exec(text);
  return match ? match[0].length : 0;
}

function insert(text: string, at: number, inserted: string): string {
  return `${text.slice(0, at)}${inserted}${text.slice(at)}`;
}

/** Types `edits` one after another, checking incrementally; each result must equal a fresh check. */
function typeInto(text: string, edits: ((text: string) => string)[], options: RuleRunOptions = {}) {
  let parsed: ParsedReport = parseFull(text);
  const cache = createRuleResultCache();
  expect(runRulesIncremental(parsed, gazetteer, options, cache)).toEqual(runRules(parsed.report, gazetteer, options));
  const checked: number[] = [];
  for (const edit of edits) {
    const next = edit(parsed.report.text.toString());
    parsed = parseIncremental(parsed, next);
    expect(runRulesIncremental(parsed, gazetteer, options, cache)).toEqual(runRules(parseFull(next).report, gazetteer, options));
    checked.push(cache.lastChecked);
  }
  return checked;
}

describe('runRulesIncremental', () => {
  const examples = RULES.flatMap((rule) => [...rule.examples.fail.map((example) => stripMarkers(example.doc).text), ...rule.examples.pass].map((doc) => ({ code: rule.code, doc })));

  for (const { code, doc } of examples) {
    it(`re-uses exactly what a fresh check finds, after lines are inserted above (${code}: ${doc.slice(0, 40).replace(/\n/g, '⏎')}…)`, () => {
      const withLead = insert(doc, bodyStart(doc), 'A lead paragraph.\n\n');
      const checked = typeInto(withLead, [
        (text) => insert(text, bodyStart(text) + 2, 'x'),
        (text) => insert(text, bodyStart(text), 'Two new lines\nabove it all.\n\n'),
        (text) => insert(text, bodyStart(text) + 5, '\n'),
        // As long as what it replaces, yet two lines more: the blocks below keep their offsets, not their lines.
        (text) => text.replace('lead paragraph', 'lead\n\naragraph'),
      ]);
      // The lead paragraph and its neighbour: the rest was re-used.
      expect(Math.max(...checked)).toBeLessThanOrEqual(2);
    });
  }

  it('re-checks only the blocks around a keystroke in the example report, and equals a fresh check', () => {
    const at = EXAMPLE.indexOf('at least :count[46]');
    const checked = typeInto(EXAMPLE, [
      (text) => insert(text, at, 'X'),
      (text) => insert(text, at + 1, 'Y'),
      (text) => insert(text, 0 + bodyStart(text), '# Added heading\n\n'),
      (text) => text.replace(':place[Saraqib]', ':place[Saraqeb]'),
      // As long as what it replaces, yet two lines more: the blocks below keep their offsets, not their lines.
      (text) => text.replace('Over four days', 'Over\n\nour days'),
    ]);
    expect(checked.every((count) => count <= 3)).toBe(true);
  });

  it('re-checks every block when the front matter, the settings or the gazetteer change', () => {
    let parsed = parseFull(EXAMPLE);
    const cache = createRuleResultCache();
    runRulesIncremental(parsed, gazetteer, {}, cache);
    const withFindings = cache.lastChecked;
    expect(withFindings).toBe(parsed.blocks.filter((block) => block.annotations.length + block.incidents.length + block.foreignDirectives.length > 0).length);
    expect(withFindings).toBeGreaterThan(1);

    const published = EXAMPLE.replace(/published: \S+/, 'published: 2023-10-06');
    expect(published).not.toBe(EXAMPLE);
    parsed = parseIncremental(parsed, published);
    expect(runRulesIncremental(parsed, gazetteer, {}, cache)).toEqual(runRules(parseFull(published).report, gazetteer));
    expect(cache.lastChecked).toBe(withFindings);

    const quiet: RuleRunOptions = { rules: { 'place-alias': 'off', 'actor-alias': 'off' } };
    expect(runRulesIncremental(parsed, gazetteer, quiet, cache)).toEqual(runRules(parsed.report, gazetteer, quiet));
    expect(cache.lastChecked).toBe(withFindings);

    const other = new Gazetteer([readGazetteerFile('/examples/gazetteer.yaml', EXAMPLE_GAZETTEER.replace('aliases: [Maarat al-Numan]', 'aliases: []'))]);
    expect(runRulesIncremental(parsed, other, quiet, cache)).toEqual(runRules(parsed.report, other, quiet));
    expect(cache.lastChecked).toBe(withFindings);

    runRulesIncremental(parsed, other, quiet, cache);
    expect(cache.lastChecked).toBe(0);
  });

  /**
   * An incident, three paragraphs, and "Later reports." edited into one linked by part-of to a count
   * in the incident: checked incrementally before and after each edit, as a fresh check finds.
   */
  function linkFromElsewhere(incident: string, edits: string[], code: string): string[][] {
    const doc = [...incident.split('\n'), '', 'A paragraph between.', '', 'Another one.', '', 'Later reports.', ''].join('\n');
    let parsed = parseFull(doc);
    const cache = createRuleResultCache();
    const messages = [runRulesIncremental(parsed, gazetteer, {}, cache)];
    for (const text of edits.map((edit) => doc.replace('Later reports.', edit))) {
      parsed = parseIncremental(parsed, text);
      const diagnostics = runRulesIncremental(parsed, gazetteer, {}, cache);
      expect(diagnostics).toEqual(runRules(parseFull(text).report, gazetteer));
      messages.push(diagnostics);
    }
    return messages.map((diagnostics) => diagnostics.filter((d) => d.code === code).map((d) => d.message));
  }

  it('works an incident\'s total out again when a count elsewhere becomes part of a count inside it', () => {
    const incident = ':::incident{#market date=2023-10-05 killed=10}\nAt least :count[8]{#a type=killed group=civilians} civilians died.\n:::';
    const linked = 'Later reports: :count[12]{type=killed group=civilians part-of=a} in all.';
    expect(linkFromElsewhere(incident, [linked, linked.replace(' part-of=a', '')], 'count-incident-total')).toEqual([
      [],
      ['killed=10, but the counts inside the incident come to at least 12 killed (12 civilians).'],
      [],
    ]);
  });

  it('adds up a count\'s parts again when a count elsewhere becomes one of them', () => {
    const incident = ':::incident{#market date=2023-10-05}\n:count[10]{#b type=killed} people died, :count[4]{type=killed part-of=b} of them children.\n:::';
    expect(linkFromElsewhere(incident, ['Later reports: :count[9]{type=killed part-of=b} more.'], 'count-parts-exceed-total')).toEqual([
      [],
      ['The parts add up to more than the total: 4 people + 9 people = 13 > 10 people killed.'],
    ]);
  });

  it('keeps fixes and related locations right when the block they belong to moves down', () => {
    const doc = [
      '---',
      'published: 2023-10-10',
      '---',
      'Lead.',
      '',
      ':::incident{#market date=2023-10-05}',
      ':count[46]{type=killed group=civilians} civilians were killed; by evening :count[48]{type=killed group=civilians} were dead, on :date[12 October]{value=2023-10-12} in :place[Maarat al-Numan] by :actor[Wagner Group].',
      ':::',
      '',
    ].join('\n');
    const team: RuleRunOptions = { teamGazetteer: { path: '/examples/gazetteer.yaml', text: EXAMPLE_GAZETTEER } };
    let parsed = parseFull(doc);
    const cache = createRuleResultCache();
    const before = runRulesIncremental(parsed, gazetteer, team, cache);
    expect(before.map((diagnostic) => diagnostic.code).sort()).toEqual(['actor-unknown', 'count-conflict', 'date-after-publication', 'date-outside-incident', 'place-alias']);

    const moved = doc.replace('Lead.', 'Lead,\nnow on two lines.');
    parsed = parseIncremental(parsed, moved);
    const after = runRulesIncremental(parsed, gazetteer, team, cache);
    expect(cache.lastChecked).toBeLessThanOrEqual(1);
    expect(after).toEqual(runRules(parseFull(moved).report, gazetteer, team));
    const related = after.find((diagnostic) => diagnostic.code === 'date-after-publication')!.related;
    // The publication date did not move; the finding did.
    expect(related).toEqual([{ message: 'published here', range: { start: { line: 1, character: 11 }, end: { line: 1, character: 21 } } }]);
    expect(after.find((diagnostic) => diagnostic.code === 'place-alias')!.range.start.line).toBe(7);
    expect(after.find((diagnostic) => diagnostic.code === 'actor-unknown')!.fixes.at(-1)!.fileEdits![0]!.path).toBe('/examples/gazetteer.yaml');
  });

  it('copies the findings of the blocks below a line break once, and moves those copies in place on the keystrokes after it', () => {
    let parsed = parseFull(EXAMPLE);
    const cache = createRuleResultCache();
    runRulesIncremental(parsed, gazetteer, {}, cache);
    const type = (edit: (text: string) => string) => {
      const next = edit(parsed.report.text.toString());
      parsed = parseIncremental(parsed, next);
      const found = runRulesIncremental(parsed, gazetteer, {}, cache);
      expect(found).toEqual(runRules(parseFull(next).report, gazetteer));
      return found;
    };
    // What the block-scoped rules found (the report-scoped ones are kept, and moved, otherwise).
    const blockScoped = new Set(RULES.filter((rule) => rule.scope === 'block').map((rule) => rule.code));
    const below = (found: ReportDiagnostic[]) => found.filter((diagnostic) => blockScoped.has(diagnostic.code));
    // A line break near the top: every block below moves to other lines.
    const afterBreak = below(type((text) => insert(text, bodyStart(text), 'A new first line.\n\n')));
    expect(afterBreak.length).toBeGreaterThan(5);
    // Then a letter typed at the end: the blocks between neither checked again nor copied again.
    const afterLetter = below(type((text) => `${text}x`));
    expect(cache.lastChecked).toBeLessThanOrEqual(2);
    expect(afterLetter).toHaveLength(afterBreak.length);
    afterLetter.forEach((diagnostic, index) => expect(diagnostic, `finding ${index}, ${diagnostic.message}`).toBe(afterBreak[index]));
  });
});

/** Report-scoped findings of every kind: line numbers in messages, related locations, fixes, spans after and around an edit. */
const REPORT_FINDINGS = [
  '---',
  'title: Idlib',
  'published: 2023-10-10',
  'totals: {killed: 40}',
  '---',
  '',
  'Opening words of the report, typed into.',
  '',
  ':::incident{#market date=2023-10-05 killed=40}',
  'Words before the civilians, :count[46]{#civ type=killed group=civilians} civilians, and then :count[9]{type=killed group=women part-of=cvi} women; words after.',
  ':::',
  '',
  'A paragraph between the incidents, typed into too.',
  '',
  ':::incident{#civ date=2023-10-06}',
  'Prose, :count[3]{#hurt type=injured} were hurt and :count[2]{type=killed part-of=hurt} more; prose again.',
  ':::',
  '',
  'Closing words.',
  '',
].join('\n');

/** Types `edit` into `parsed`, checks incrementally, compares with a fresh check, and says whether the report-scoped rules ran. */
function typeOnce(state: { parsed: ParsedReport; cache: ReturnType<typeof createRuleResultCache> }, edit: (text: string) => string): boolean {
  const next = edit(state.parsed.report.text.toString());
  state.parsed = parseIncremental(state.parsed, next);
  expect(runRulesIncremental(state.parsed, gazetteer, {}, state.cache)).toEqual(runRules(parseFull(next).report, gazetteer));
  return state.cache.lastRanReportRules;
}

describe('runRulesIncremental, report-scoped rules', () => {
  it('moves what they found when a keystroke leaves the model as it was, and runs them when it does not', () => {
    const state = { parsed: parseFull(REPORT_FINDINGS), cache: createRuleResultCache() };
    const first = runRulesIncremental(state.parsed, gazetteer, {}, state.cache);
    // The findings this test is about are there: a duplicate id, an unknown part-of, an incident's total, the report's total.
    expect(first.map((diagnostic) => diagnostic.code).filter((code) => ['markup-duplicate-id', 'count-unknown-ref', 'count-incident-total', 'count-report-total'].includes(code)).sort()).toEqual(
      ['count-incident-total', 'count-report-total', 'count-unknown-ref', 'markup-duplicate-id'],
    );
    const after = (needle: string, inserted: string) => (text: string) => insert(text, text.indexOf(needle) + needle.length, inserted);
    // Prose: before findings on the same line (their columns move), on lines above and below them.
    expect(typeOnce(state, after('Words bef', 'x'))).toBe(false);
    expect(typeOnce(state, after('Opening wo', 'yz'))).toBe(false);
    expect(typeOnce(state, after('A paragraph betw', 'q'))).toBe(false);
    expect(typeOnce(state, after('Closing wo', 'r'))).toBe(false);
    expect(typeOnce(state, (text) => text.replace('words after', 'word after'))).toBe(false);
    // Nothing typed: the same findings.
    expect(typeOnce(state, (text) => text)).toBe(false);
    // A count's attributes, the prose a count reads "at least" from, an incident's opening line, a new line: they run.
    expect(typeOnce(state, (text) => text.replace('part-of=cvi', 'part-of=civx'))).toBe(true);
    expect(typeOnce(state, after('Prose, ', 'at least '))).toBe(true);
    expect(typeOnce(state, (text) => text.replace('killed=40}', 'killed=41}'))).toBe(true);
    expect(typeOnce(state, after('Opening words', '\n'))).toBe(true);
    expect(typeOnce(state, after('Closing wo', 's'))).toBe(false);
  });

  it('after any sequence of letters typed or deleted anywhere, equals a fresh check', { timeout: 120_000 }, () => {
    const keystroke = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat({ max: 3 }), insert: fc.constantFrom('', 'e', 'ta', ' ', 'x y') });
    fc.assert(
      fc.property(fc.constantFrom(REPORT_FINDINGS, EXAMPLE), fc.array(keystroke, { minLength: 1, maxLength: 10 }), (text, keystrokes) => {
        const state = { parsed: parseFull(text), cache: createRuleResultCache() };
        runRulesIncremental(state.parsed, gazetteer, {}, state.cache);
        for (const { at, remove, insert: inserted } of keystrokes) {
          typeOnce(state, (current) => {
            const start = Math.floor(at * current.length);
            return `${current.slice(0, start)}${inserted}${current.slice(Math.min(current.length, start + remove))}`;
          });
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 60) },
    );
  });
});

describe('runRulesIncremental, a fence left open', () => {
  it('warns of a fence an edit leaves open though no directive changed, and stops when it is closed again (found by the property above)', () => {
    let parsed = parseFull(EXAMPLE);
    const cache = createRuleResultCache();
    runRulesIncremental(parsed, gazetteer, {}, cache);
    const closing = EXAMPLE.lastIndexOf('```') + 3;
    const type = (next: string) => {
      parsed = parseIncremental(parsed, next);
      const found = runRulesIncremental(parsed, gazetteer, {}, cache);
      expect(found).toEqual(runRules(parseFull(next).report, gazetteer));
      return found.filter((diagnostic) => diagnostic.code === 'markup-unclosed-block').map((diagnostic) => parsed.report.text.slice(diagnostic.span.start, diagnostic.span.end));
    };
    // The closing line of the example's last code block, made into an opening one.
    expect(type(`${EXAMPLE.slice(0, closing)}ta${EXAMPLE.slice(closing)}`)).toEqual(['```markdown']);
    expect(type(EXAMPLE)).toEqual([]);
  });
});

describe('checkRulesAhead, run in steps before a check', () => {
  it('leaves a check equal to a fresh one, whatever keystrokes come between its steps', { timeout: 120_000 }, () => {
    const keystroke = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat({ max: 3 }), insert: fc.constantFrom('', 'e', 'ta', ' ', 'x y', '\n') });
    const step = fc.record({ work: fc.integer({ min: 1, max: 6 }), keystroke: fc.option(keystroke, { freq: 2 }) });
    fc.assert(
      fc.property(fc.constantFrom(REPORT_FINDINGS, EXAMPLE), fc.array(step, { minLength: 1, maxLength: 40 }), (text, steps) => {
        const state = { parsed: parseFull(text), cache: createRuleResultCache() };
        let from: number | undefined = 0;
        for (const { work, keystroke: typed } of steps) {
          let left = work;
          from = checkRulesAhead(state.parsed, gazetteer, {}, state.cache, from ?? 0, () => left-- > 0);
          if (!typed) continue;
          const current = state.parsed.report.text.toString();
          const start = Math.floor(typed.at * current.length);
          state.parsed = parseIncremental(state.parsed, `${current.slice(0, start)}${typed.insert}${current.slice(Math.min(current.length, start + typed.remove))}`);
        }
        expect(runRulesIncremental(state.parsed, gazetteer, {}, state.cache)).toEqual(runRules(parseFull(state.parsed.report.text.toString()).report, gazetteer));
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 100) },
    );
  });

  it('runs every block-scoped rule and every blockwise examination ahead, so that the check runs only the other report-scoped rules', () => {
    const parsed = parseFull(EXAMPLE);
    const cache = createRuleResultCache();
    let steps = 0;
    for (let from: number | undefined = 0; from !== undefined; steps++) {
      let left = 3;
      from = checkRulesAhead(parsed, gazetteer, {}, cache, from, () => left-- > 0);
    }
    expect(steps).toBeGreaterThan(5);
    expect(runRulesIncremental(parsed, gazetteer, {}, cache)).toEqual(runRules(parsed.report, gazetteer));
    expect(cache.lastChecked).toBe(0);
    expect(cache.blockwise.lastExamined).toBe(0);
  });
});

describe('languageService.check with two versions of a report in flight', () => {
  it('checks each version as written, although the newer parse moved the blocks they share', async () => {
    const { createLanguageService } = await import('../../server/src/core/languageService.js');
    const { MemoryFileSystem } = await import('../helpers/memoryFileSystem.js');
    const GAZETTEER_FILE = readFileSync(new URL('../../examples/gazetteer.yaml', import.meta.url), 'utf8');
    const fileSystem = () => new MemoryFileSystem({ '/reports/gazetteer.yaml': GAZETTEER_FILE, '/reports/report.md': EXAMPLE });
    // Without the built-in world layer: three services would each load it.
    const settings = { gazetteerPaths: [], root: '/reports', rules: {}, builtinGazetteer: false };
    const service = createLanguageService({ fileSystem: fileSystem() });
    const v1 = EXAMPLE;
    // Lines inserted at the top move every block below them.
    const v2 = insert(EXAMPLE, bodyStart(EXAMPLE), 'A new lead,\nover two lines.\n\n');
    await service.check({ key: 'r', path: '/reports/report.md', text: v1 }, settings);
    // Neither awaited before the other starts: the second parses while the first waits for its gazetteer.
    const [first, second] = await Promise.all([
      service.check({ key: 'r', path: '/reports/report.md', text: v2 }, settings),
      service.check({ key: 'r', path: '/reports/report.md', text: v1 }, settings),
    ]);
    const fresh = async (text: string) => (await createLanguageService({ fileSystem: fileSystem() }).check({ path: '/reports/report.md', text }, settings)).diagnostics;
    expect(first.diagnostics).toEqual(await fresh(v2));
    expect(second.diagnostics).toEqual(await fresh(v1));
    expect(first.diagnostics.length).toBeGreaterThan(0);
  });
});

describe('mergeSortedDiagnostics', () => {
  /** Findings that differ only where the order looks (span, code) and in an id that shows which is which. */
  const finding = fc.record({ start: fc.integer({ min: 0, max: 12 }), length: fc.integer({ min: 0, max: 3 }), code: fc.constantFrom('count-conflict', 'place-alias', 'place-unknown') });
  const asDiagnostics = (list: { start: number; length: number; code: string }[], side: string) =>
    list.map(({ start, length, code }, index) => ({ span: { start, end: start + length }, code, message: `${side}${index}` }) as unknown as ReportDiagnostic);
  /** The order the check had before: one stable sort of both lists, one after the other. */
  const sortedWhole = (inOrder: ReportDiagnostic[], rest: ReportDiagnostic[]) =>
    [...inOrder, ...rest].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const messages = (list: ReportDiagnostic[]) => list.map((diagnostic) => diagnostic.message);

  it('gives the order a stable sort of both gives, ties to the first list, when the first is sorted', () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 30 }), fc.array(finding, { maxLength: 10 }), (first, rest) => {
        const inOrder = sortedWhole(asDiagnostics(first, 'a'), []);
        const others = asDiagnostics(rest, 'b');
        expect(messages(mergeSortedDiagnostics([...inOrder], [...others]))).toEqual(messages(sortedWhole(inOrder, others)));
      }),
    );
  });

  it('sorts both whole when the first list is not in order', () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 30 }), fc.array(finding, { maxLength: 10 }), (first, rest) => {
        const inOrder = asDiagnostics(first, 'a');
        const others = asDiagnostics(rest, 'b');
        expect(messages(mergeSortedDiagnostics([...inOrder], [...others]))).toEqual(messages(sortedWhole(inOrder, others)));
      }),
    );
    const [late, early] = asDiagnostics([{ start: 9, length: 1, code: 'place-alias' }, { start: 2, length: 1, code: 'place-alias' }], 'a');
    expect(messages(mergeSortedDiagnostics([late!, early!], []))).toEqual(['a1', 'a0']);
  });
});
