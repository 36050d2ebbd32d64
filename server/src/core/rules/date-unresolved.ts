import { formatInterval, monthName } from '../dates/isoDate.js';
import type { Rule } from './rule.js';
import { dateFacts } from './dateValues.js';

export const dateUnresolved: Rule = {
  code: 'date-unresolved',
  scope: 'block',
  defaultSeverity: 'information',
  summary:
    'A date that cannot be placed on the calendar: "yesterday", "today" or "two days ago" in a report without `published` (readers cannot tell the day either), a weekday or a date without a year and without `value` where neither `published` nor the incident\'s date says which one, or a label that is not a date we can read and has no `value`.',
  quickFix:
    "None: the day meant is exactly what is not known; add `published` or `value`.",
  examples: {
    fail: [
      {
        doc: 'The market was hit :date[⟦yesterday⟧]{value=2023-10-09}.',
        message: '"yesterday" counts from the publication date, but the front matter has no published; add published: YYYY-MM-DD so that readers can tell which day it is.',
      },
      {
        doc: 'The market was hit on :date[⟦Monday⟧].',
        message: 'Cannot tell which Monday "Monday" is: there is no published date and no incident date to place it; add value=YYYY-MM-DD.',
      },
      {
        doc: 'The market was hit on :date[⟦31 September⟧].',
        message: '"31 September" is not a calendar date: September has 30 days. Correct the label, or add value=YYYY-MM-DD.',
      },
      {
        doc: 'The market was hit on :date[⟦the day of the funeral⟧].',
        message: 'Cannot read a date from "the day of the funeral"; add value=YYYY-MM-DD (or YYYY-MM, YYYY, or start/end).',
      },
    ],
    pass: [
      '---\npublished: 2023-10-10\n---\nThe market was hit :date[yesterday], on :date[Monday] and on :date[the day of the funeral]{value=2023-10-06}.',
      ':::incident{#strikes date=2023-10-04/2023-10-07}\nThe market was hit on :date[Thursday] and on :date[5 October].\n:::',
    ],
  },
  check({ report, flag }) {
    const facts = dateFacts(report);
    if (facts.published === 'invalid') return; // date-invalid says what is wrong with it
    for (const fact of facts.dates) {
      const quoted = `"${fact.label}"`;
      if (!fact.reading) {
        if (fact.value) continue;
        flag({
          span: fact.labelSpan,
          message:
            fact.label === ''
              ? 'This date has no label and no value; write the date as the report gives it and its value, e.g. :date[4 October 2023]{value=2023-10-04}.'
              : (notACalendarDay(fact.label) ?? `Cannot read a date from ${quoted}; add value=YYYY-MM-DD (or YYYY-MM, YYYY, or start/end).`),
        });
        continue;
      }
      const resolution = fact.resolution;
      if (!resolution || resolution.ok) continue;
      if (resolution.needs === 'publication') {
        flag({
          span: fact.labelSpan,
          message: facts.published
            ? `${quoted} counts from the publication day, but published is ${report.frontMatter!.published!.value}, not a single day; give published as YYYY-MM-DD.`
            : `${quoted} counts from the publication date, but the front matter has no published; add published: YYYY-MM-DD so that readers can tell which day it is.`,
        });
      } else if (!fact.value) {
        const reading = fact.reading;
        const weekday = reading.end.month === undefined && reading.end.year === undefined;
        const which = weekday ? report.text.slice(fact.labelSpan.start, fact.labelSpan.end).match(/\b\w+day\b/i)?.[0] ?? 'day' : 'year';
        flag({
          span: fact.labelSpan,
          message: fact.incident
            ? `Cannot tell which ${which} ${quoted} is from the incident's date ${formatInterval(fact.incident.interval)} alone, and the report has no published date; add value=YYYY-MM-DD.`
            : `Cannot tell which ${which} ${quoted} is: there is no published date and no incident date to place it; add value=YYYY-MM-DD.`,
        });
      }
    }
  },
};

const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** "31 September", "September 31": chrono finds no date in them, but the writer meant one that does not exist. */
function notACalendarDay(label: string): string | undefined {
  const match = /^(?:(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)|([a-z]+) (\d{1,2})(?:st|nd|rd|th)?)(?:,? \d{4})?$/i.exec(label);
  if (!match) return undefined;
  const day = Number(match[1] ?? match[4]);
  const word = (match[2] ?? match[3])!.toLowerCase();
  const month = Array.from({ length: 12 }, (_, index) => monthName(index + 1).toLowerCase()).findIndex((name) => name === word || name.slice(0, 3) === word);
  if (month < 0 || day <= MONTH_DAYS[month]!) return undefined;
  const name = monthName(month + 1);
  return `"${label}" is not a calendar date: ${name} has ${month === 1 ? 'at most 29' : MONTH_DAYS[month]} days. Correct the label, or add value=YYYY-MM-DD.`;
}
