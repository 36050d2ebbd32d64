import { firstDay, formatInterval, lastDay, parseIsoDate, type DateInterval } from '../dates/isoDate.js';
import type { Span } from '../text.js';
import type { Rule } from './rule.js';
import { dateFacts, effectiveDate } from './dateValues.js';

export const dateAfterPublication: Rule = {
  code: 'date-after-publication',
  scope: 'block',
  defaultSeverity: 'error',
  summary:
    "A date (a `:date` value or what its label says, or an incident's `date`) that is surely after the report's `published` date, taking precision into account: `2023-10` is not after a report published on 2023-10-10, `2023-10-12` is.",
  quickFix:
    "None: whether the date or `published` is wrong, and by how much, is not known.",
  examples: {
    fail: [
      {
        doc: '---\npublished: 2023-10-10\n---\nOn :date[12 October 2023]{value=⟦2023-10-12⟧} the town was shelled.',
        message: "2023-10-12 is after the report's publication date, 2023-10-10.",
      },
      {
        doc: '---\npublished: 2023-10-10\n---\n:::incident{#strikes date=⟦2023-10-04/2023-10-12⟧}\nShelling.\n:::',
        message: "The period 2023-10-04/2023-10-12 ends after the report's publication date, 2023-10-10.",
      },
      {
        doc: '---\npublished: 2023-10-10\n---\nTalks are planned for :date[⟦tomorrow⟧].',
        message: "\"tomorrow\" reads as 2023-10-11, after the report's publication date, 2023-10-10.",
      },
    ],
    pass: [
      '---\npublished: 2023-10-10\n---\n:::incident{#strikes date=2023-10}\nOn :date[4 October]{value=2023-10-04}, and again :date[today]{value=2023-10-10}.\n:::',
    ],
  },
  check({ report, flag }) {
    const facts = dateFacts(report);
    if (!facts.published || facts.published === 'invalid') return;
    const published = facts.published;
    const limit = lastDay(published.interval.end);
    const shownPublished = formatInterval(published.interval);
    const related = [{ message: 'published here', span: published.span }];
    const describe = (interval: DateInterval) => {
      const text = formatInterval(interval);
      return text.includes('/') ? `The period ${text} ends after` : `${text} is after`;
    };
    const check = (interval: DateInterval, span: Span, label?: string) => {
      if (firstDay(interval.end) <= limit) return;
      const message = label
        ? `"${label}" reads as ${formatInterval(interval)}, after the report's publication date, ${shownPublished}.`
        : `${describe(interval)} the report's publication date, ${shownPublished}.`;
      flag({ span, message, related });
    };
    for (const incident of report.incidents) {
      const date = incident.attributes.get('date');
      const result = date ? parseIsoDate(date.value) : undefined;
      if (date && result?.ok) check(result.interval, date.valueSpan);
    }
    for (const fact of facts.dates) {
      const date = effectiveDate(fact);
      if (date) check(date.interval, date.span, date.inferred ? fact.label : undefined);
    }
  },
};
