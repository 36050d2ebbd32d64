import { describe, expect, it } from 'vitest';
import { notACalendarDay } from '../../server/src/core/rules/dateValues.js';

describe('notACalendarDay: labels that name a day no month has (date-invalid)', () => {
  it('says why, with the year when the label gives one', () => {
    expect(
      ['31 September', 'September 31, 2023', '31st Sep 2023', '30 February', '29 February 2023', '29 February 1900', '0 March'].map(notACalendarDay),
    ).toEqual([
      '"31 September" is not a calendar date: September has 30 days. Correct the label, or add value=YYYY-MM-DD.',
      '"September 31, 2023" is not a calendar date: September 2023 has 30 days. Correct the label, or add value=YYYY-MM-DD.',
      '"31st Sep 2023" is not a calendar date: September 2023 has 30 days. Correct the label, or add value=YYYY-MM-DD.',
      '"30 February" is not a calendar date: February has at most 29 days. Correct the label, or add value=YYYY-MM-DD.',
      '"29 February 2023" is not a calendar date: February 2023 has 28 days. Correct the label, or add value=YYYY-MM-DD.',
      '"29 February 1900" is not a calendar date: February 1900 has 28 days. Correct the label, or add value=YYYY-MM-DD.',
      '"0 March" is not a calendar date: days start at 1. Correct the label, or add value=YYYY-MM-DD.',
    ]);
  });

  it('leaves real days, a 29 February that may be a leap year\'s, and other labels alone', () => {
    expect(['30 September', '29 February', '29 February 2024', '29 February 2000', 'Monday', 'the 31st', 'Brigade 45'].map(notACalendarDay)).toEqual(
      Array(7).fill(undefined),
    );
  });
});
