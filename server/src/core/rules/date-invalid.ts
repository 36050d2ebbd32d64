import { parseIsoDate } from '../dates/isoDate.js';
import type { Report } from '../model.js';
import { checkWhole, type BlockwiseRule, type LateFinding } from './blockwise.js';
import { impossibleDateLabelsIn, publishedDate, writtenDatesIn, writtenDateText, type WrittenDate } from './dateValues.js';
import type { Finding } from './rule.js';
import { replaceFix } from './ruleHelpers.js';

export const dateInvalid: BlockwiseRule = {
  code: 'date-invalid',
  scope: 'report',
  defaultSeverity: 'error',
  summary:
    'A date value that is not an ISO 8601 calendar date (YYYY, YYYY-MM, YYYY-MM-DD or start/end): 31 September, 29 February in a common year, month 13; or a date label without `value` that names a day no calendar has (:date[31 September 2023]).',
  quickFix:
    'A date written another way whose meaning is not in doubt (2023/10/4, 13.10.2023, 10/10/2023) is rewritten in ISO form (preferred). None for a date that is not on the calendar, as a value or a label (31 September: the 30th, or 1 October?), or whose order of day and month is in doubt (04/10/2023).',
  examples: {
    fail: [
      {
        doc: 'On :date[31 September]{value=⟦2023-09-31⟧} the town was shelled.',
        message: '"2023-09-31" is not a calendar date: September 2023 has 30 days.',
      },
      {
        doc: ':::incident{date=⟦2023-13⟧}\nShelling.\n:::',
        message: '"2023-13" has month 13; months run from 01 to 12.',
      },
      {
        doc: '---\npublished: ⟦10/10/2023⟧\n---\nText.',
        message: '"10/10/2023" is not an ISO date: write YYYY, YYYY-MM or YYYY-MM-DD, or an interval start/end.',
        fixes: [{ title: 'Change to 2023-10-10', preferred: true, result: '---\npublished: 2023-10-10\n---\nText.' }],
      },
      {
        doc: 'From :date[4 to 13 October]{value=⟦2023-10-4/13.10.2023⟧} the town was shelled.',
        message: '"2023-10-4" is not an ISO date: write YYYY, YYYY-MM or YYYY-MM-DD, or an interval start/end.',
        fixes: [{ title: 'Change to 2023-10-04/2023-10-13', preferred: true, result: 'From :date[4 to 13 October]{value=2023-10-04/2023-10-13} the town was shelled.' }],
      },
      {
        doc: 'On :date[4 October]{value=⟦04/10/2023⟧} the town was shelled.',
        message: '"04/10/2023" is not an ISO date: write YYYY, YYYY-MM or YYYY-MM-DD, or an interval start/end.',
      },
      {
        doc: 'On :date[⟦31 September 2023⟧] the town was shelled.',
        message: '"31 September 2023" is not a calendar date: September 2023 has 30 days. Correct the label, or add value=YYYY-MM-DD.',
      },
      {
        doc: 'The market was hit on :date[⟦29 February 2023⟧] and on :date[⟦February 30⟧].',
        message: '"29 February 2023" is not a calendar date: February 2023 has 28 days. Correct the label, or add value=YYYY-MM-DD.',
      },
    ],
    pass: [
      'On :date[29 February 2024]{value=2024-02-29}, in :date[October 2023]{value=2023-10} and :date[2023]{value=2023}.',
      'On :date[29 February 2024] and :date[30 September 2023] the town was shelled.',
    ],
  },
  check(context) {
    checkWhole(this, context);
  },
  outsideBlocks({ report, flag }) {
    const published = publishedDate(report);
    if (published && isInvalid(published)) flag(invalidDate(report, published));
  },
  examine(part) {
    const findings: LateFinding[] = writtenDatesIn(part)
      .filter(isInvalid)
      .map((date) => (report) => invalidDate(report, date));
    // Labels such as "31 September" are read by no one, yet plainly meant a day: as wrong as such a value.
    for (const { annotation, message } of impossibleDateLabelsIn(part)) findings.push(() => ({ span: annotation.labelSpan ?? annotation.nameSpan, message }));
    return findings;
  },
};

/** Not a date; a reversed interval is date-range-reversed's. */
function isInvalid(date: WrittenDate): boolean {
  return !date.result.ok && date.result.kind !== 'reversed';
}

function invalidDate(report: Report, date: WrittenDate): Finding {
  const written = !date.result.ok && date.result.kind === 'syntax' ? writtenDateText(report, date) : undefined;
  const iso = written ? isoRewrite(written.text) : undefined;
  return { span: date.span, message: (date.result as { message: string }).message, fixes: written && iso ? [replaceFix(report, `Change to ${iso}`, written.span, iso, true)] : [] };
}

/**
 * The ISO form of a date written in another way that leaves no doubt: the year first with other
 * separators or without zeros (2023/10/4, 2023.10.04, 2023-9), or the day and the month before
 * the year where only one order is a date (13/10/2023, 10/13/2023) or both are the same
 * (10/10/2023); also each end of an interval. Undefined for 04/10/2023, 4 October or 10 April.
 */
function isoRewrite(text: string): string | undefined {
  const parts = text.split('/');
  const rewritten = isoDateOf(text) ?? (parts.length === 2 ? bothEnds(parts[0]!, parts[1]!) : undefined);
  return rewritten !== undefined && rewritten !== text && parseIsoDate(rewritten).ok ? rewritten : undefined;
}

function bothEnds(start: string, end: string): string | undefined {
  const first = isoDateOf(start.trim());
  const last = isoDateOf(end.trim());
  return first !== undefined && last !== undefined ? `${first}/${last}` : undefined;
}

function isoDateOf(text: string): string | undefined {
  const pad = (digits: string) => digits.padStart(2, '0');
  if (/^\d{4}$/.test(text)) return text;
  const yearFirst = /^(\d{4})[-./](\d{1,2})(?:[-./](\d{1,2}))?$/.exec(text);
  if (yearFirst) return `${yearFirst[1]}-${pad(yearFirst[2]!)}${yearFirst[3] !== undefined ? `-${pad(yearFirst[3])}` : ''}`;
  const yearLast = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(text);
  if (!yearLast) return undefined;
  const [a, b] = [Number(yearLast[1]), Number(yearLast[2])];
  const dayFirst = a > 12 && b <= 12;
  const monthFirst = b > 12 && a <= 12;
  if (!dayFirst && !monthFirst && a !== b) return undefined;
  const [day, month] = monthFirst ? [yearLast[2]!, yearLast[1]!] : [yearLast[1]!, yearLast[2]!];
  return `${yearLast[3]}-${pad(month)}-${pad(day)}`;
}
