import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCommonDate } from '../../server/src/core/dates/commonDateForms.js';
import { readDateLabelUncached } from '../../server/src/core/dates/readDateLabel.js';

const withChrono = (label: string) => readDateLabelUncached(label, { commonForms: false });
const withCommonForms = (label: string) => readDateLabelUncached(label, { commonForms: true });

describe('the common date forms, read without chrono', () => {
  it('reads each form as chrono states it', () => {
    expect(readCommonDate('4 October 2023')).toEqual({ start: { year: 2023, month: 10, day: 4 }, end: { year: 2023, month: 10, day: 4 } });
    expect(readCommonDate('Wednesday 4 October')).toEqual({ start: { month: 10, day: 4, weekday: 3 }, end: { month: 10, day: 4, weekday: 3 } });
    // The written weekday at both ends, even where it is not the day's (6 January 2023 was a Friday, 8 January a Sunday).
    expect(readCommonDate('Friday, 6–8 January 2023')).toEqual({
      start: { year: 2023, month: 1, day: 6, weekday: 5 },
      end: { year: 2023, month: 1, day: 8, weekday: 5 },
    });
    expect(readCommonDate('October 4-7, 2023')).toEqual({ start: { year: 2023, month: 10, day: 4 }, end: { year: 2023, month: 10, day: 7 } });
    expect(readCommonDate('October 2023')).toEqual({ start: { year: 2023, month: 10 }, end: { year: 2023, month: 10 } });
    expect(readCommonDate('29 February')).toEqual({ start: { month: 2, day: 29 }, end: { month: 2, day: 29 } });
  });

  it('keeps one object for both ends of one day, as the weekday matching compares them', () => {
    const one = readCommonDate('Tuesday 3 October 2023')!;
    expect(one.end).toBe(one.start);
    const range = readCommonDate('3-5 October 2023')!;
    expect(range.end).not.toBe(range.start);
  });

  it('leaves every other form to chrono', () => {
    for (const label of ['4 Oct 2023', '4th October 2023', '04 October 2023', '4 october 2023', '29 February 2023', '31 April', '4 to 7 October', 'October 4 - 7', '4 October 23', 'Oct 2023', 'October 4', 'January 23', 'yesterday', '2023']) {
      expect(readCommonDate(label), label).toBeUndefined();
    }
  });

  it('gives the same readings as chrono on the labels of the date tests', () => {
    const labels = [
      '4 October 2023',
      'October 4, 2023',
      '4-7 October',
      '4–7 October 2023',
      'Wednesday 4 October',
      'Wednesday 4 October 2023',
      'Thursday 4 October 2023',
      'Friday 6-8 January 2023',
      'Friday, October 6, 2023',
      'January 23',
      'October 4',
      'January 1–3, 2023',
      'October 2023',
      'early October 2023',
      'the night of 4 October 2023',
      'Saturday night',
      '29 February',
      '30 February',
      '31 February 2023',
      '32 October 2023',
      'between 4 and 7 October',
    ];
    for (const label of labels) expect(withCommonForms(label), label).toEqual(withChrono(label));
  });

  it('gives the same readings as chrono on generated labels, near the forms and in them', () => {
    const weekday = fc.constantFrom('', 'Sunday ', 'Monday ', 'Wednesday, ', 'Friday ', 'Saturday, ', 'friday ', 'Fri ', 'Thursday,');
    const day = fc.oneof(fc.integer({ min: 1, max: 31 }).map(String), fc.constantFrom('0', '04', '32', '1st', '22nd'));
    const month = fc.oneof(
      fc.constantFrom('January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'),
      fc.constantFrom('october', 'Oct', 'Oct.', 'Sept', 'FEBRUARY', 'Febuary'),
    );
    const year = fc.constantFrom('', ' 2023', ' 2024', ' 2000', ' 1900', ' 1000', ' 2999', ' 0999', ' 3000', ' 23');
    const range = fc.oneof(fc.constant(''), fc.tuple(fc.constantFrom('-', '–', ' - ', ' to ', ' and '), day).map(([dash, to]) => `${dash}${to}`));
    const prefix = fc.constantFrom('', '', '', 'early ', 'late ', 'on ', 'the night of ', 'between ');
    const suffix = fc.constantFrom('', '', '', ',', ' night', '.');
    const dayFirst = fc.tuple(prefix, weekday, day, range, month, year, suffix).map(([p, w, d, r, m, y, s]) => `${p}${w}${d}${r} ${m}${y}${s}`);
    const monthFirst = fc
      .tuple(prefix, weekday, month, day, range, fc.constantFrom('', ',', ', '), year, suffix)
      .map(([p, w, m, d, r, comma, y, s]) => `${p}${w}${m} ${d}${r}${y === '' ? '' : comma.trimEnd()}${y}${s}`);
    const monthYear = fc.tuple(prefix, month, year).map(([p, m, y]) => `${p}${m}${y}`);
    // The forms as writers type them, every day of every month, so that most reach the common path.
    const fullMonth = fc.constantFrom('January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December');
    const fullWeekday = fc.constantFrom('', 'Sunday ', 'Monday ', 'Tuesday ', 'Wednesday ', 'Thursday, ', 'Friday ', 'Saturday ');
    const anyDay = fc.integer({ min: 1, max: 31 });
    const canonicalRange = fc.oneof(fc.constant(''), fc.tuple(fc.constantFrom('-', '–'), anyDay).map(([dash, to]) => `${dash}${to}`));
    const canonicalYear = fc.constantFrom('', ' 2023', ' 2024', ' 1999', ' 2100');
    const canonical = fc.oneof(
      fc.tuple(fullWeekday, anyDay, canonicalRange, fullMonth, canonicalYear).map(([w, d, r, m, y]) => `${w}${d}${r} ${m}${y}`),
      fc.tuple(fullWeekday, fullMonth, anyDay, canonicalRange, fc.constantFrom(',', ''), canonicalYear).map(([w, m, d, r, comma, y]) => `${w}${m} ${d}${r}${y === '' ? '' : comma}${y}`),
    );
    let common = 0;
    fc.assert(
      fc.property(fc.oneof(dayFirst, monthFirst, monthYear, canonical, canonical), (label) => {
        if (readCommonDate(label.trim()) !== undefined) common++;
        expect(withCommonForms(label)).toEqual(withChrono(label));
      }),
      { numRuns: 4000 },
    );
    // The generator must reach the forms read without chrono, not only the ones left to it.
    expect(common).toBeGreaterThan(800);
  });
});
