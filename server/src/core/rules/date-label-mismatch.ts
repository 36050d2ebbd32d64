import { daysInMonth, firstDay, formatInterval, formatIso, type CalendarDate, type DateInterval } from '../dates/isoDate.js';
import { dayNumber } from '../dates/resolveDateLabel.js';
import type { LabelPoint } from '../dates/readDateLabel.js';
import type { Fix } from '../diagnostics.js';
import type { Rule } from './rule.js';
import { dateFacts, type DateFact } from './dateValues.js';
import { replaceFix } from './ruleHelpers.js';

export const dateLabelMismatch: Rule = {
  code: 'date-label-mismatch',
  scope: 'block',
  defaultSeverity: 'error',
  summary:
    'The date the label states is not the one in `value`: "4 October" with value 2023-10-05, "4-7 October" with a single day. Only what the label says is compared: a label without a year agrees with a value in any year, "October" with any day in October, and "yesterday" is counted from `published`.',
  quickFix:
    "Set `value` to the date the label states (preferred), when the label states a whole date.",
  examples: {
    fail: [
      {
        doc: 'On :date[⟦4 October⟧]{value=2023-10-05} the market was hit.',
        message: 'The label says 4 October, but value=2023-10-05; make the prose and the value agree.',
        fixes: [{ title: 'Set value to 2023-10-04', preferred: true, result: 'On :date[4 October]{value=2023-10-04} the market was hit.' }],
      },
      {
        doc: 'Between :date[⟦4-7 October⟧]{value=2023-10-04} the town was shelled.',
        message: 'The label says 4-7 October, but value=2023-10-04; make the prose and the value agree.',
        fixes: [{ title: 'Set value to 2023-10-04/2023-10-07', preferred: true, result: 'Between :date[4-7 October]{value=2023-10-04/2023-10-07} the town was shelled.' }],
      },
      {
        doc: '---\npublished: 2023-10-10\n---\n:date[⟦Yesterday⟧]{value=2023-10-08} the market was hit.',
        message: 'The label says Yesterday (2023-10-09, counted from published 2023-10-10), but value=2023-10-08; make the prose and the value agree.',
        fixes: [{ title: 'Set value to 2023-10-09', preferred: true, result: '---\npublished: 2023-10-10\n---\n:date[Yesterday]{value=2023-10-09} the market was hit.' }],
      },
    ],
    pass: [
      '---\npublished: 2023-10-10\n---\nOn :date[4 October]{value=2023-10-04}, :date[the night of 4 October]{value=2023-10-05}, :date[Oct 4–7]{value=2023-10-04/2023-10-07}, :date[October 4, 2023]{value=2023-10-04}, :date[between 4 and 7 October]{value=2023-10-04/2023-10-07}, in :date[early October]{value=2023-10-01/2023-10-10}, :date[October 2023]{value=2023-10-04/2023-10-06}, :date[yesterday]{value=2023-10-09} and :date[the night of 5 October]{value=2023-10-05}.',
    ],
  },
  check({ report, flag }) {
    for (const fact of dateFacts(report).dates) {
      const { reading, value } = fact;
      if (!reading || !value || value === 'invalid') continue;
      if (reading.fromPublication) {
        if (!fact.resolution?.ok) continue;
        const said = fact.resolution.date.interval;
        if (formatInterval(said) === formatInterval(value.interval) || agrees(said, value.interval)) continue;
        flag({
          span: fact.labelSpan,
          message: `The label says ${fact.label} (${formatInterval(said)}, ${fact.resolution.date.basis}), but value=${formatInterval(value.interval)}; make the prose and the value agree.`,
          fixes: [replaceFix(report, `Set value to ${formatInterval(said)}`, value.span, formatInterval(said), true)],
        });
        continue;
      }
      if (reading.overnight && overnightAgrees(reading.start, reading.end, value.interval)) continue;
      if (disagrees(reading.start, value.interval.start) || disagrees(reading.end, value.interval.end)) {
        flag({
          span: fact.labelSpan,
          message: `The label says ${fact.label}, but value=${formatInterval(value.interval)}; make the prose and the value agree.`,
          fixes: valueFix(report, fact, value),
        });
      }
    }
  },
};

/** A field the label states that the value, at its own precision, contradicts. */
function disagrees(point: LabelPoint, date: CalendarDate): boolean {
  if (point.year !== undefined && point.year !== date.year) return true;
  if (point.month !== undefined && date.month !== undefined && point.month !== date.month) return true;
  return point.day !== undefined && date.day !== undefined && point.day !== date.day;
}

/** "the night of 4 October" may be recorded as the 4th, the 5th, or both. */
function overnightAgrees(start: LabelPoint, end: LabelPoint, value: DateInterval): boolean {
  if (start.day === undefined || end.day === undefined || value.start.precision !== 'day' || value.end.precision !== 'day') return false;
  const day = (point: LabelPoint, year: number) => dayNumber(point.year ?? year, point.month!, point.day!);
  const from = day(start, value.start.year);
  const to = day(end, value.end.year) + 1;
  const first = firstDay(value.start);
  const last = firstDay(value.end);
  return first >= from && first <= to && last >= from && last <= to;
}

function agrees(said: DateInterval, value: DateInterval): boolean {
  const point = (date: CalendarDate): LabelPoint => ({ year: date.year, month: date.month, day: date.day });
  return !disagrees(point(said.start), value.start) && !disagrees(point(said.end), value.end);
}

/** The value the label states, taking a missing year from the value it is compared with. */
function valueFix(report: Parameters<typeof replaceFix>[0], fact: DateFact, value: { interval: DateInterval; span: { start: number; end: number } }): Fix[] {
  const reading = fact.reading!;
  const date = (point: LabelPoint, year: number): CalendarDate | undefined => {
    if (point.month === undefined) return point.year === undefined ? undefined : { year: point.year, precision: 'year' };
    const y = point.year ?? year;
    if (point.day === undefined) return { year: y, month: point.month, precision: 'month' };
    return point.day <= daysInMonth(y, point.month) ? { year: y, month: point.month, day: point.day, precision: 'day' } : undefined;
  };
  const start = date(reading.start, value.interval.start.year);
  const end = date(reading.end, value.interval.end.year);
  if (!start || !end) return [];
  const text = formatIso(start) === formatIso(end) ? formatIso(start) : `${formatIso(start)}/${formatIso(end)}`;
  return [replaceFix(report, `Set value to ${text}`, value.span, text, true)];
}
