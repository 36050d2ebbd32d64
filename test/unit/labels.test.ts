import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumberPhrase, readCountLabel } from '../../server/src/core/counts/readCountLabel.js';
import { parseIsoDate } from '../../server/src/core/dates/isoDate.js';
import { foldName } from '../../server/src/core/gazetteer/normalizeName.js';

describe('readCountLabel', () => {
  it.each([
    ['46', 46, 46, 'exact'],
    ['1,200', 1200, 1200, 'exact'],
    ['1 200', 1200, 1200, 'exact'],
    ['forty-six', 46, 46, 'exact'],
    ['nine', 9, 9, 'exact'],
    ['a dozen', 12, 12, 'exact'],
    ['two hundred and thirteen', 213, 213, 'exact'],
    ['at least 46', 46, Infinity, 'at-least'],
    ['more than 200', 201, Infinity, 'at-least'],
    ['over 200', 201, Infinity, 'at-least'],
    ['up to 50', 0, 50, 'at-most'],
    ['nearly 50', 0, 49, 'at-most'],
    ['about 200', 180, 220, 'approx'],
    ['some 20', 18, 22, 'approx'],
    ['between 40 and 50', 40, 50, 'approx'],
    ['40-50', 40, 50, 'approx'],
    ['tens', 10, Infinity, 'at-least'],
    ['dozens', 24, Infinity, 'at-least'],
    ['hundreds', 200, Infinity, 'at-least'],
  ])('reads "%s" as [%d, %d] (%s)', (label, min, max, precision) => {
    expect(readCountLabel(label)).toMatchObject({ min, max, precision });
  });

  it('takes the qualifier from the prose just before the directive', () => {
    expect(readCountLabel('46', 'Between 4 and 7 October, at least ')).toMatchObject({ min: 46, max: Infinity, precision: 'at-least' });
    expect(readCountLabel('46', 'the remaining ')).toMatchObject({ min: 46, max: 46, precision: 'exact' });
    // "some" inside another word is not a qualifier.
    expect(readCountLabel('46', 'handsome ')).toMatchObject({ min: 46, max: 46 });
  });

  it.each(['many', 'several dozen people maybe', '', 'forty-sixx'])('cannot read "%s"', (label) => {
    expect(readCountLabel(label)).toBeUndefined();
  });

  it('reads every whole number written with or without thousands separators', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), (n) => {
        expect(parseNumberPhrase(String(n))).toBe(n);
        expect(parseNumberPhrase(n.toLocaleString('en-US'))).toBe(n);
      }),
    );
  });
});

describe('parseIsoDate', () => {
  it('keeps the precision of each end of an interval', () => {
    expect(parseIsoDate('2023-10-04/2023-10')).toEqual({
      ok: true,
      interval: { start: { year: 2023, month: 10, day: 4, precision: 'day' }, end: { year: 2023, month: 10, precision: 'month' } },
    });
  });

  it.each([
    ['2023-02-29', 'calendar', '"2023-02-29" is not a calendar date: February 2023 has 28 days.'],
    ['2023-09-31', 'calendar', '"2023-09-31" is not a calendar date: September 2023 has 30 days.'],
    ['2023-13', 'calendar', '"2023-13" has month 13; months run from 01 to 12.'],
    ['4 October', 'syntax', '"4 October" is not an ISO date: write YYYY, YYYY-MM or YYYY-MM-DD, or an interval start/end.'],
    ['2023-10-07/2023-10-04', 'reversed', 'The interval ends (2023-10-04) before it starts (2023-10-07).'],
  ])('rejects %s (%s)', (value, kind, message) => {
    expect(parseIsoDate(value)).toEqual({ ok: false, kind, message });
  });

  it('accepts 29 February in leap years and every real calendar day', () => {
    expect(parseIsoDate('2024-02-29').ok).toBe(true);
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }), (date) => {
        expect(parseIsoDate(date.toISOString().slice(0, 10)).ok).toBe(true);
      }),
    );
  });
});

describe('foldName', () => {
  it.each([
    ['Maarat al-Numan', 'Ma‘arrat an Nu‘mān'],
    ["Ma'arrat al-Nu'man", 'Ma‘arrat an Nu‘mān'],
    ['Qardaha', 'Al Qardāḩah'],
    ['Deraa', 'Dar‘ā'],
    ['the Assad regime', 'Assad Regime'],
    ['Tell Rifaat', 'Tal Rifat'],
    ['Jourin', 'Jurin'],
  ])('"%s" and "%s" fold to the same key', (press, canonical) => {
    expect(foldName(press)).toBe(foldName(canonical));
  });

  it.each([
    ['Idlib', 'Aleppo'],
    ['Homs', 'Hama'],
  ])('"%s" and "%s" stay apart', (a, b) => {
    expect(foldName(a)).not.toBe(foldName(b));
  });
});
