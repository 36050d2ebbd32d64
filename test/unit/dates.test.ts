import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatInterval, parseIsoDate, type DateInterval } from '../../server/src/core/dates/isoDate.js';
import { readDateLabel } from '../../server/src/core/dates/readDateLabel.js';
import { resolveDateLabel, type DateAnchors } from '../../server/src/core/dates/resolveDateLabel.js';
import type { Fix } from '../../server/src/core/diagnostics.js';
import { Gazetteer } from '../../server/src/core/gazetteer/gazetteer.js';
import { parseReport } from '../../server/src/core/parse/parseReport.js';
import { runRules } from '../../server/src/core/runRules.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function iso(text: string): DateInterval {
  const result = parseIsoDate(text);
  if (!result.ok) throw new Error(result.message);
  return result.interval;
}

function check(text: string) {
  return runRules(parseReport(text), Gazetteer.empty());
}

function listed(text: string, minimum: 'hint' | 'information' = 'hint') {
  return check(text)
    .filter((diagnostic) => minimum === 'hint' || diagnostic.severity !== 'hint')
    .map((diagnostic) => `${diagnostic.code} ${text.slice(diagnostic.span.start, diagnostic.span.end)}: ${diagnostic.message}`);
}

function applyFix(text: string, fix: Fix): string {
  const lines = parseReport(text).lines;
  const edits = fix.edits.map((edit) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), text: edit.newText }));
  let result = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

const published = (date: string, body: string) => `---\npublished: ${date}\n---\n${body}\n`;

describe('reading date labels', () => {
  it.each([
    ['4 October 2023', { year: 2023, month: 10, day: 4 }, undefined],
    ['October 4, 2023', { year: 2023, month: 10, day: 4 }, undefined],
    ['4-7 October', { month: 10, day: 4 }, { month: 10, day: 7 }],
    ['between 4 and 7 October', { month: 10, day: 4 }, { month: 10, day: 7 }],
    ['30 September – 2 October', { month: 9, day: 30 }, { month: 10, day: 2 }],
    ['October 2023', { year: 2023, month: 10 }, undefined],
    ['2023-10', { year: 2023, month: 10 }, undefined],
    ['2023', { year: 2023 }, undefined],
    ['the night of 4 October', { month: 10, day: 4 }, undefined],
    ['Monday', { weekday: 1 }, undefined],
    ['on Monday', { weekday: 1 }, undefined],
    ['Sunday morning', { weekday: 0 }, undefined],
    ['Wednesday 4 October', { month: 10, day: 4, weekday: 3 }, undefined],
  ])('"%s" states %o to %o', (label, start, end) => {
    const reading = readDateLabel(label)!;
    expect(reading.start).toEqual(start);
    expect(reading.end).toEqual(end ?? start);
  });

  it.each([
    ['yesterday', -1],
    ['today', 0],
    ['last night', -1],
    ['two days ago', -2],
    ['tomorrow', 1],
  ])('"%s" counts %d days from publication', (label, days) => {
    expect(readDateLabel(label)!.fromPublication).toEqual({ start: days, end: days });
  });

  it.each(['early October', 'mid-October', 'late 2023', 'the end of September'])('"%s" keeps its part', (label) => {
    expect(readDateLabel(label)!.part).toBeDefined();
  });

  // Not dates, or spans with no edges to check against, or ambiguous between British and American order.
  it.each([
    '10:30', 'last week', 'the weekend', 'next Monday', 'spring 2023', '12/10/2023', '31 September', 'the funeral', '',
    // chrono would read only part of these, and the check would be against a date the label does not say.
    'Oct 4–7', 'before 4 October', 'around 4 October', 'from 4 October', '4, 5 and 6 October',
  ])(
    'does not read "%s"',
    (label) => {
      expect(readDateLabel(label)).toBeUndefined();
    },
  );

  it('takes a year only from a label that writes one out ("Sept. 30" is not September 2030)', () => {
    expect(readDateLabel('Sept. 30')!.start).toEqual({ month: 9 });
  });

  it('lets a night run into the next day', () => {
    // Published, so that the labels are all there is to say.
    expect(listed(published('2023-10-10', 'On :date[the night of 4 October]{value=2023-10-05} and :date[Saturday night]{value=2023-10-08}.'))).toEqual([]);
    expect(listed(published('2023-10-10', 'On :date[the night of 4 October]{value=2023-10-06}.')).map((line) => line.split(':')[0])).toEqual(['date-label-mismatch the night of 4 October']);
  });

  it('finds the weekday words to flag', () => {
    expect(readDateLabel('Monday to Wednesday')!.weekdays).toEqual([
      { span: { start: 0, end: 6 }, weekday: 1, end: 'start' },
      { span: { start: 10, end: 19 }, weekday: 3, end: 'end' },
    ]);
  });
});

describe('placing a label on the calendar', () => {
  const place = (label: string, anchors: DateAnchors) => {
    const resolution = resolveDateLabel(readDateLabel(label)!, anchors);
    return resolution.ok ? formatInterval(resolution.date.interval) : `needs ${resolution.needs}`;
  };

  it.each([
    ['4 October', '2023-10-10', '2023-10-04'],
    ['4 October', '2023-10-01', '2022-10-04'],
    ['December', '2023-10-10', '2022-12'],
    ['28 December - 2 January', '2023-01-10', '2022-12-28/2023-01-02'],
    ['29 February', '2023-10-10', '2020-02-29'],
    ['Monday', '2023-10-10', '2023-10-09'],
    ['Tuesday', '2023-10-10', '2023-10-10'],
    ['last Tuesday', '2023-10-10', '2023-10-03'],
    ['Monday to Wednesday', '2023-10-10', '2023-10-02/2023-10-04'],
    ['yesterday', '2023-10-10', '2023-10-09'],
    ['early October', '2023-10-10', '2023-10-01/2023-10-10'],
    ['late 2022', '2023-10-10', '2022-09/2022-12'],
  ])('"%s" published %s is %s', (label, on, expected) => {
    expect(place(label, { published: iso(on) })).toBe(expected);
  });

  it("prefers the incident's date to the publication date", () => {
    expect(place('4 October', { published: iso('2023-10-10'), incident: iso('2022-10') })).toBe('2022-10-04');
    expect(place('Thursday', { published: iso('2023-10-10'), incident: iso('2023-10-04/2023-10-07') })).toBe('2023-10-05');
    expect(place('Thursday', { incident: iso('2023-10-04/2023-10-07') })).toBe('2023-10-05');
  });

  it('needs an anchor for what the label leaves out', () => {
    expect(place('yesterday', {})).toBe('needs publication');
    expect(place('yesterday', { published: iso('2023-10') })).toBe('needs publication');
    expect(place('Monday', {})).toBe('needs anchor');
    expect(place('4 October', {})).toBe('needs anchor');
    expect(place('4 October 2023', {})).toBe('2023-10-04');
  });
});

describe('the date checks', () => {
  it('compares at the precision written: a month is neither after publication nor outside an incident it overlaps', () => {
    const text = published(
      '2023-10-10',
      ':::incident{#strikes date=2023-10-04/2023-10-07}\nIn :date[October]{value=2023-10} and :date[2023]{value=2023}.\n:::',
    );
    expect(listed(text)).toEqual([]);
  });

  it('flags a period that runs past the incident, at the value', () => {
    const text = published('2023-10-10', ':::incident{#strikes date=2023-10-04/2023-10-07}\nFrom :date[4-9 October]{value=2023-10-04/2023-10-09}.\n:::');
    expect(listed(text)).toEqual([
      "date-outside-incident 2023-10-04/2023-10-09: 2023-10-04/2023-10-09 is not within the incident's date 2023-10-04/2023-10-07.",
    ]);
  });

  it('writes the inferred value with the quick fix, and the result checks clean', () => {
    const text = published('2023-10-10', ':::incident{#strikes date=2023-10-04/2023-10-07}\nOn :date[Thursday] and :date[early October]{}.\n:::');
    let fixed = text;
    for (const diagnostic of check(text).reverse()) fixed = applyFix(fixed, diagnostic.fixes[0]!);
    expect(fixed).toContain(':date[Thursday]{value=2023-10-05}');
    // "early October" inside an incident of 4-7 October is those days.
    expect(fixed).toContain(':date[early October]{value=2023-10-04/2023-10-07}');
    expect(listed(fixed)).toEqual([]);
  });

  it('offers both corrections for a bare weekday that is not the value', () => {
    const text = published('2023-10-10', 'On :date[Monday]{value=2023-10-10}.');
    const [diagnostic] = check(text);
    expect(diagnostic!.fixes.map((fix) => fix.title)).toEqual(['Change to Tuesday', 'Set value to 2023-10-09']);
  });

  it('fixes the value of a label without a year in the value\'s own year', () => {
    // Published two years later: the value's year, not the publication's, is the label's.
    const text = published('2023-10-10', 'On :date[4 October]{value=2021-10-05}.');
    const [diagnostic] = check(text);
    expect(applyFix(text, diagnostic!.fixes[0]!)).toBe(published('2023-10-10', 'On :date[4 October]{value=2021-10-04}.'));
  });

  it('says nothing about dates it cannot check once they have a value', () => {
    // Published weeks after "last week": a relative label with a value is taken at its value, not checked against publication.
    expect(listed(published('2023-12-15', 'Since :date[last week]{value=2023-10-02/2023-10-08}, on :date[12/10/2023]{value=2023-12-10}.'))).toEqual([]);
  });

  it('never flags a correct yearless or weekday label, whatever the day and publication date', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 364 }),
        fc.boolean(),
        (date, daysLater, withValue) => {
          const day = date.toISOString().slice(0, 10);
          const publication = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + daysLater)).toISOString().slice(0, 10);
          const label = `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
          const value = withValue ? `{value=${day}}` : '';
          const text = published(publication, `:::incident{#x date=${day}}\nOn :date[${label}]${value} and on :date[${WEEKDAYS[date.getUTCDay()]}]{value=${day}}.\n:::`);
          const diagnostics = check(text);
          expect(diagnostics.filter((diagnostic) => diagnostic.severity !== 'hint')).toEqual([]);
          if (!withValue) expect(diagnostics.map((diagnostic) => diagnostic.message)).toEqual([`No value: "${label}" reads as ${day} (the year from the incident's date ${day}).`]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('flags every wrong weekday, and only that', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }), fc.integer({ min: 1, max: 6 }), (date, shift) => {
        const day = date.toISOString().slice(0, 10);
        const wrong = WEEKDAYS[(date.getUTCDay() + shift) % 7]!;
        // Published that day, so that the weekday is all there is to say.
        const diagnostics = check(published(day, `On :date[${wrong}]{value=${day}}.`));
        expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['date-weekday-mismatch']);
        expect(diagnostics[0]!.message).toBe(`The label says ${wrong}, but ${day} is a ${WEEKDAYS[date.getUTCDay()]}.`);
      }),
      { numRuns: 200 },
    );
  });
});
