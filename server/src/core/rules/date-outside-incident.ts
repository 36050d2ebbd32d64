import { firstDay, formatInterval, lastDay } from '../dates/isoDate.js';
import type { Rule } from './rule.js';
import { dateFacts, effectiveDate } from './dateValues.js';

export const dateOutsideIncident: Rule = {
  code: 'date-outside-incident',
  scope: 'block',
  defaultSeverity: 'warning',
  summary:
    "A date inside an incident that is surely, at least in part, outside the incident's `date`: a day before it starts or after it ends. A month or year that overlaps the incident is not flagged, since it may be the same days said less precisely. Background dates belong outside the incident block.",
  quickFix:
    "None: whether the date or the incident's `date` is wrong, or the sentence belongs outside the incident, is the writer's to say.",
  examples: {
    fail: [
      {
        doc: ':::incident{#strikes date=2023-10-04/2023-10-07}\nThe town was shelled on :date[9 October]{value=⟦2023-10-09⟧}.\n:::',
        message: "2023-10-09 is not within the incident's date 2023-10-04/2023-10-07.",
      },
      {
        doc: '---\npublished: 2023-10-10\n---\n:::incident{#strikes date=2023-10-04/2023-10-07}\nThe town was shelled on :date[⟦Monday⟧].\n:::',
        message: "\"Monday\" (read as 2023-10-09) is not within the incident's date 2023-10-04/2023-10-07.",
      },
    ],
    pass: [
      '---\npublished: 2023-10-10\n---\n:::incident{#strikes date=2023-10-04/2023-10-07}\nIn :date[early October]{value=2023-10}, on :date[Thursday]{value=2023-10-05} and :date[4-7 October]{value=2023-10-04/2023-10-07}; on :date[Friday].\n:::',
    ],
  },
  check({ report, flag }) {
    for (const fact of dateFacts(report).dates) {
      const incident = fact.incident;
      const date = effectiveDate(fact);
      if (!incident || !date) continue;
      const before = lastDay(date.interval.start) < firstDay(incident.interval.start);
      const after = firstDay(date.interval.end) > lastDay(incident.interval.end);
      if (!before && !after) continue;
      const what = date.inferred ? `"${fact.label}" (read as ${formatInterval(date.interval)})` : formatInterval(date.interval);
      flag({
        span: date.span,
        message: `${what} is not within the incident's date ${formatInterval(incident.interval)}.`,
        related: [{ message: "the incident's date", span: incident.span }],
      });
    }
  },
};
