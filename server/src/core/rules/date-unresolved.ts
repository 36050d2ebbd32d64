import { formatInterval } from '../dates/isoDate.js';
import type { Rule } from './rule.js';
import { dateFacts, notACalendarDay } from './dateValues.js';

export const dateUnresolved: Rule = {
  code: 'date-unresolved',
  scope: 'block',
  defaultSeverity: 'information',
  summary:
    'A date that cannot be placed on the calendar: "yesterday", "today" or "two days ago" in a report without `published` (readers cannot tell the day either), a weekday or a date without a year and without `value` where neither `published` nor the incident\'s date says which one, or a label that is not a date we can read and has no `value` (an impossible one, such as "31 September", is date-invalid\'s).',
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
      // An impossible date ("31 September", "February 30") is a mistake, which date-invalid reports as for values.
      if (!fact.value && notACalendarDay(fact.label)) continue;
      if (!fact.reading) {
        if (fact.value) continue;
        flag({
          span: fact.labelSpan,
          message:
            fact.label === ''
              ? 'This date has no label and no value; write the date as the report gives it and its value, e.g. :date[4 October 2023]{value=2023-10-04}.'
              : `Cannot read a date from ${quoted}; add value=YYYY-MM-DD (or YYYY-MM, YYYY, or start/end).`,
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
