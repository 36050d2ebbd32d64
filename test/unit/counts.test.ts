import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countFacts, formatSum } from '../../server/src/core/counts/countFacts.js';
import { countValue } from '../../server/src/core/counts/countValue.js';
import { readCountLabel } from '../../server/src/core/counts/readCountLabel.js';
import { Gazetteer } from '../../server/src/core/gazetteer/gazetteer.js';
import { readGazetteerFile } from '../../server/src/core/gazetteer/readGazetteerFile.js';
import { parseReport } from '../../server/src/core/parse/parseReport.js';
import { EXAMPLE_GAZETTEER } from '../../server/src/core/rules/rule.js';
import { runRules } from '../../server/src/core/runRules.js';

const gazetteer = new Gazetteer([readGazetteerFile('/examples/gazetteer.yaml', EXAMPLE_GAZETTEER)]);

function codes(text: string, prefix = 'count-'): string[] {
  return runRules(parseReport(text), gazetteer)
    .filter((diagnostic) => diagnostic.code.startsWith(prefix))
    .map((diagnostic) => `${diagnostic.code}: ${diagnostic.message}`);
}

/** A whole report: with its published date, so that a test that compares every finding sees the counts' only. */
function published(body: string): string {
  return `---\npublished: 2023-10-10\n---\n${body}`;
}

function incident(body: string, attributes = ''): string {
  return `:::incident{#strike date=2023-10-05${attributes ? ` ${attributes}` : ''}}\n${body}\n:::\n`;
}

describe('reading count labels', () => {
  it.each([
    ['several hundred', 300, Infinity],
    ['a few dozen', 24, Infinity],
    ['dozens of', 24, Infinity],
    ['many thousands', 2000, Infinity],
    ['tens of thousands', 20_000, Infinity],
    ['a number of', 2, Infinity],
    ['up to hundreds', 0, Infinity],
    ['more than a dozen', 13, Infinity],
    ['twelve hundred', 1200, 1200],
    ['one hundred and twenty-one', 121, 121],
    ['a single', 1, 1],
    ['fewer than 10', 0, 9],
    ['no more than 10', 0, 10],
    ['in excess of 1,000', 1001, Infinity],
  ])('reads "%s" as [%d, %d]', (label, min, max) => {
    expect(readCountLabel(label)).toMatchObject({ min, max });
  });

  it.each(['a single person', 'one two', 'forty forty', 'hundred', 'and ten', 'a'])('does not guess at "%s"', (label) => {
    expect(readCountLabel(label)).toBeUndefined();
  });

  it.each([
    ['over ', 'at-least', 47],
    ['nearly ', 'at-most', 0],
    ['some ', 'approx', 41],
    ['up to ', 'at-most', 0],
  ])('takes "%s" from the prose before the count', (before, precision, min) => {
    expect(readCountLabel('46', `In the strikes ${before}`)).toMatchObject({ precision, min });
  });
});

describe('value and precision override the label', () => {
  const read = (directive: string) => {
    const report = parseReport(directive);
    return countValue(report, report.annotations[0]!).interval;
  };

  it.each([
    [':count[46]{type=killed value=46}', 46, 46],
    [':count[many]{type=killed value=30}', 30, 30],
    [':count[dozens]{type=killed value=30}', 30, Infinity],
    [':count[46]{type=killed precision=at-least}', 46, Infinity],
    [':count[many]{type=killed value=30 precision=approx}', 27, 33],
    // A point figure inside a stated range does not narrow it.
    [':count[between 40 and 50]{type=killed value=45}', 40, 50],
    // precision cannot sharpen a vague word that has no figure.
    [':count[dozens]{type=killed precision=exact}', 24, Infinity],
  ])('%s', (directive, min, max) => {
    expect(read(directive)).toMatchObject({ min, max });
  });
});

describe('parts and totals', () => {
  it('adds the direct partition only: girls are inside children, not beside them', () => {
    const text = incident(
      ':count[40]{#civ type=killed group=civilians}, :count[9]{type=killed group=women part-of=civ}, ' +
        ':count[13]{type=killed group=children part-of=civ}, :count[5]{type=killed group=girls}, :count[18]{type=killed group=men}.',
    );
    const report = parseReport(text);
    const model = countFacts(report, gazetteer);
    expect(model.partsSum(model.byId.get('civ')!).value).toBe(40);
    expect(codes(text)).toEqual([]);
  });

  it('goes down through a group nobody counted: boys and girls stand for the children', () => {
    const text = incident(
      ':count[⟦20⟧]{type=killed group=civilians}: :count[9]{type=killed group=women}, :count[7]{type=killed group=boys}, :count[6]{type=killed group=girls}.',
    ).replace(/[⟦⟧]/g, '');
    expect(codes(text)).toEqual([
      'count-parts-exceed-total: The parts add up to more than the total: 9 women + 7 boys + 6 girls = 22 > 20 civilians killed.',
    ]);
  });

  it('raises an "at least" subgroup to what its parts say', () => {
    const text = incident(
      ':count[30]{#civ type=killed group=civilians}: :count[20]{type=killed group=women part-of=civ}, ' +
        'at least :count[8]{#ch type=killed group=children part-of=civ}, :count[6]{type=killed group=boys part-of=ch}, :count[5]{type=killed group=girls part-of=ch}.',
    );
    expect(codes(text)).toEqual([
      'count-parts-exceed-total: The parts add up to more than the total: 20 women + 6 boys + 5 girls = 31 > 30 civilians killed.',
    ]);
  });

  it('reports a clash once, where it is: the total above does not repeat it', () => {
    const text = incident(
      ':count[30]{#civ type=killed group=civilians}: :count[20]{type=killed group=women part-of=civ}, ' +
        ':count[8]{#ch type=killed group=children part-of=civ}, :count[6]{type=killed group=boys part-of=ch}, :count[5]{type=killed group=girls part-of=ch}.',
      'killed=30',
    );
    expect(codes(text)).toEqual([
      'count-parts-exceed-total: The parts add up to more than the total: 6 boys + 5 girls = 11 > 8 children killed.',
    ]);
  });

  it('uses the gazetteer groups, and a part of another type is no part', () => {
    const groups = new Gazetteer([
      readGazetteerFile('/g.yaml', 'groups:\n  people: [civilians, combatants]\n  civilians: [women, men, children]\n'),
    ]);
    const text = published(incident(':count[50]{type=killed group=people}: :count[46]{type=killed group=civilians} and :count[10]{type=killed group=combatants}; :count[60]{type=injured group=civilians}.'));
    const messages = runRules(parseReport(text), groups).map((diagnostic) => diagnostic.message);
    expect(messages).toEqual(['The parts add up to more than the total: 46 civilians + 10 combatants = 56 > 50 people killed.']);
  });

  it('survives groups declared in a cycle', () => {
    const cyclic = new Gazetteer([readGazetteerFile('/g.yaml', 'groups:\n  civilians: [women, people]\n  people: [civilians]\n')]);
    const text = published(incident(':count[10]{type=killed group=civilians}, :count[12]{type=killed group=people}, :count[4]{type=killed group=women}.', 'killed=20'));
    expect(runRules(parseReport(text), cyclic).map((diagnostic) => diagnostic.code)).toEqual(['count-parts-exceed-total']);
  });

  it('survives a part-of cycle, and still sees the part that is larger than its total', () => {
    const text = ':count[5]{#a type=killed part-of=b} and :count[3]{#b type=killed part-of=a}';
    expect(codes(text)).toEqual(['count-parts-exceed-total: The parts add up to more than the total: 5 people > 3 people killed.']);
  });

  it('follows a long chain of parts, and many counts in one incident, without redoing work', () => {
    const chain = Array.from({ length: 1500 }, (_, i) => `:count[${1500 - i}]{#c${i} type=killed${i > 0 ? ` part-of=c${i - 1}` : ''}}`).join(' ');
    const many = Array.from({ length: 1500 }, (_, i) => `:count[${i % 7}]{type=killed group=${['civilians', 'women', 'men', 'children', 'boys', 'girls'][i % 6]}}`);
    const started = performance.now();
    expect(codes(incident(`${chain}\n\n${many.join(' ')}`, 'killed=1500')).filter((line) => !line.startsWith('count-conflict'))).toEqual([]);
    // Seconds, not minutes: the sums are memoised, so this stays far below the limit even on a loaded machine.
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('never flags parts whose true numbers fit in the total, however truthfully vague the labels', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('women', 'men', 'children', 'boys', 'girls')), { maxLength: 5 }),
        fc.array(fc.nat({ max: 7 }), { minLength: 7, maxLength: 7 }),
        fc.boolean(),
        (total, rawParts, styles, explicit) => {
          // Scale the parts so that their true numbers add up to no more than the total.
          const weights = rawParts.map(([weight]) => weight);
          const weightSum = weights.reduce((a, b) => a + b, 0) || 1;
          const trueParts = rawParts.map(([weight, group]) => ({ n: Math.floor((weight / weightSum) * total), group }));
          // boys and girls are inside children: keep the partition honest by making children their sum when both appear.
          const byGroup = new Map<string, number>();
          for (const part of trueParts) byGroup.set(part.group, (byGroup.get(part.group) ?? 0) + part.n);
          if (byGroup.has('children') && (byGroup.has('boys') || byGroup.has('girls'))) {
            const kids = (byGroup.get('boys') ?? 0) + (byGroup.get('girls') ?? 0);
            byGroup.set('children', Math.max(byGroup.get('children')!, kids));
          }
          const adults = (byGroup.get('women') ?? 0) + (byGroup.get('men') ?? 0);
          const kids = byGroup.get('children') ?? (byGroup.get('boys') ?? 0) + (byGroup.get('girls') ?? 0);
          const trueTotal = Math.max(total, adults + kids);
          const parts = [...byGroup].map(
            ([group, n], index) =>
              `:count[${truthful(n, styles[index % styles.length]!)}]{type=killed group=${group}${explicit ? ' part-of=civ' : ''}}`,
          );
          const text = incident(
            `:count[${truthful(trueTotal, styles[6]!)}]{#civ type=killed group=civilians} civilians, ${parts.join(', ')}.`,
            `killed=${trueTotal}`,
          );
          expect(codes(text)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** A label that is true of n: "n", "at least n-k", "about n±1", "between …", "dozens"… */
function truthful(n: number, style: number): string {
  switch (style) {
    case 1:
      return `at least ${Math.max(0, n - 3)}`;
    case 2:
      return `up to ${n + 2}`;
    case 3:
      return `about ${n + (n % 2 === 0 ? 1 : -1)}`;
    case 4:
      return `between ${Math.max(0, n - 2)} and ${n + 5}`;
    case 5:
      return n >= 24 ? 'dozens' : n >= 10 ? 'tens' : String(n);
    case 6:
      return n > 0 ? `more than ${n - 1}` : String(n);
    default:
      return String(n);
  }
}

describe('conflicts, incident and report totals', () => {
  it('compares restatements within one incident only', () => {
    const text =
      incident(':count[46]{type=killed group=civilians}; later :count[48]{type=killed group=civilians}.') +
      '\nElsewhere that year, :count[300]{type=killed group=civilians}.';
    expect(codes(text)).toEqual([
      'count-conflict: This says 48 civilians killed, but line 2 says 46 for the same incident; state one figure, or mark a breakdown with part-of.',
    ]);
  });

  it('gives the incident figure a quick fix, and points at every count it adds up', () => {
    const report = parseReport(published(incident(':count[9]{type=killed group=women} and :count[13]{type=killed group=children}.', 'killed=20')));
    const [diagnostic] = runRules(report, gazetteer);
    expect(diagnostic).toMatchObject({ code: 'count-incident-total', related: [{ message: '9 women killed' }, { message: '13 children killed' }] });
    expect(diagnostic!.fixes.map((fix) => [fix.title, fix.edits[0]!.newText])).toEqual([['Set killed=22', '22']]);
  });

  it('reads totals written as a block mapping, and flags entries that are not numbers', () => {
    const text = `---\npublished: 2023-10-10\ntotals:\n  killed: 46\n  injured: many\n---\n${incident(':count[46]{type=killed group=civilians}.', 'killed=46')}`;
    const diagnostics = runRules(parseReport(text), gazetteer);
    expect(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.message, text.slice(diagnostic.span.start, diagnostic.span.end)])).toEqual([
      ['count-report-total', 'totals.injured must be a whole number such as 46, not "many".', 'many'],
    ]);
  });

  it('does not compare totals when an incident leaves its own figure open', () => {
    const text = `---\ntotals: {killed: 60}\n---\n${incident('A strike.', 'killed=46')}\n${incident(':count[3]{type=killed}.').replace('#strike', '#camp')}`;
    expect(codes(text)).toEqual([]);
  });
});

describe('count-label-mismatch quick fixes', () => {
  it('keeps the wording of the label and offers the stated number as value', () => {
    const line = 'At least :count[at least 46]{type=killed value=40} died.';
    const [diagnostic] = runRules(parseReport(published(line)), gazetteer);
    expect(diagnostic!.fixes.map((fix) => fix.title)).toEqual(['Set value to 46', 'Change the label to "at least 40"']);
    const edit = diagnostic!.fixes[1]!.edits[0]!;
    expect(edit.newText).toBe('40');
    expect(edit.range.start.character).toBe(line.indexOf('46'));
  });

  it('does not offer a value that the label itself rules out', () => {
    const [diagnostic] = runRules(parseReport(published(':count[more than 46]{type=killed value=40}')), gazetteer);
    expect(diagnostic!.fixes.map((fix) => fix.title)).toEqual(['Change the label to "more than 40"']);
  });
});

describe('which figure counts: per source the latest, across sources an interval', () => {
  /** An incident figure as plain data: each source's least number with the figures it is made of, and its most. */
  function figureOf(body: string, type = 'killed') {
    const report = parseReport(incident(body));
    const figure = countFacts(report, gazetteer).incidentFigure(report.incidents[0]!, type);
    return {
      min: figure.min,
      max: figure.max,
      low: formatSum(figure.low),
      sources: figure.sources.map((one) => ({ source: one.source?.name ?? null, least: formatSum(one.sum), max: one.max })),
    };
  }

  it('takes the lowest and the highest of two sources that disagree, and flags nothing', () => {
    const body =
      ':actor[SOHR]{role=source} said :count[52]{type=killed group=civilians source=sohr} civilians were killed; ' +
      ':actor[the White Helmets]{role=source} counted :count[46]{type=killed group=civilians source="White Helmets"}.';
    expect(figureOf(body)).toEqual({
      min: 46,
      max: 52,
      low: '46 civilians',
      sources: [
        { source: 'Syrian Observatory for Human Rights', least: '52 civilians', max: 52 },
        { source: 'Syria Civil Defence', least: '46 civilians', max: 46 },
      ],
    });
    expect(codes(incident(body))).toEqual([]);
  });

  it("takes a source's latest figure only: the earlier one is superseded, not added or compared", () => {
    const body =
      ':actor[SOHR]{role=source} said :count[52]{type=killed group=civilians source=sohr} civilians were killed; ' +
      'the toll rose to :count[61]{type=killed group=civilians source=sohr as-of=2023-10-10} on Tuesday.';
    expect(figureOf(body)).toEqual({
      min: 61,
      max: 61,
      low: '61 civilians',
      sources: [{ source: 'Syrian Observatory for Human Rights', least: '61 civilians', max: 61 }],
    });
    expect(codes(incident(body, 'killed=52'))).toEqual([
      'count-incident-total: killed=52, but the counts inside the incident come to at least 61 killed (61 civilians, according to Syrian Observatory for Human Rights).',
    ]);
  });

  it('keeps the figures of one date apart from a later date, and compares figures of the same date', () => {
    const body =
      ':actor[SOHR]{role=source} said :count[52]{type=killed group=civilians source=sohr as-of=2023-10-06} and ' +
      ':count[50]{type=killed group=civilians source=sohr as-of=2023-10}.';
    // 2023-10 overlaps 2023-10-06: neither is later, so they are one figure stated twice, and they disagree.
    expect(codes(incident(body))).toEqual([
      'count-conflict: This says 50 civilians killed, but line 2 says 52 for the same incident and the same source (Syrian Observatory for Human Rights); state one figure, or date a revision with as-of.',
    ]);
  });

  it('has no upper end when a source gives only a minimum', () => {
    const body =
      ':actor[SOHR]{role=source} said at least :count[50]{type=killed group=civilians source=sohr} civilians were killed; ' +
      ':actor[the White Helmets]{role=source} counted :count[46]{type=killed group=civilians source=syria-civil-defence}.';
    expect(figureOf(body)).toEqual({
      min: 46,
      max: Infinity,
      low: '46 civilians',
      sources: [
        { source: 'Syrian Observatory for Human Rights', least: '50 civilians', max: Infinity },
        { source: 'Syria Civil Defence', least: '46 civilians', max: 46 },
      ],
    });
  });

  it("adds a source's subgroups, not another source's: the report's own figure and a source's breakdown are two voices", () => {
    const body =
      ':count[46]{type=killed group=civilians} civilians were killed; :actor[SOHR]{role=source} counted ' +
      ':count[9]{type=killed group=women source=sohr} women and :count[13]{type=killed group=children source=sohr} children.';
    expect(figureOf(body)).toEqual({
      min: 22,
      max: 46,
      low: '9 women + 13 children = 22',
      sources: [
        { source: null, least: '46 civilians', max: 46 },
        { source: 'Syrian Observatory for Human Rights', least: '9 women + 13 children = 22', max: 22 },
      ],
    });
  });

  // formatSum of no terms is " = 0": nothing to name, which no message shows.
  it('is no figure at all for a type the incident does not count', () => {
    expect(figureOf(':count[46]{type=killed group=civilians} civilians were killed.', 'injured')).toEqual({ min: 0, max: 0, low: ' = 0', sources: [] });
  });
});
