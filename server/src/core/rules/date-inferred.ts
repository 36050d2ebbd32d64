import { formatInterval } from '../dates/isoDate.js';
import type { Rule } from './rule.js';
import { dateFacts } from './dateValues.js';
import { addAttributeEdit } from './ruleHelpers.js';

export const dateInferred: Rule = {
  code: 'date-inferred',
  scope: 'block',
  defaultSeverity: 'hint',
  summary:
    'A date without `value`, read from its label (with the year, week or day from `published` or the incident\'s date where the label leaves them out). The quick fix writes the value, so that the data no longer depends on how the label is read.',
  quickFix:
    "Write the value read from the label (preferred).",
  examples: {
    fail: [
      {
        doc: '---\npublished: 2023-10-10\n---\nThe market was hit on :date[⟦4 October⟧].',
        message: 'No value: "4 October" reads as 2023-10-04 (the year from published 2023-10-10).',
        fixes: [{ title: 'Write value=2023-10-04', preferred: true, result: '---\npublished: 2023-10-10\n---\nThe market was hit on :date[4 October]{value=2023-10-04}.' }],
      },
      {
        doc: 'The market was hit on :date[⟦12 October 2023⟧].',
        message: 'No value: "12 October 2023" reads as 2023-10-12.',
        fixes: [{ title: 'Write value=2023-10-12', preferred: true, result: 'The market was hit on :date[12 October 2023]{value=2023-10-12}.' }],
      },
    ],
    pass: ['---\npublished: 2023-10-10\n---\nThe market was hit on :date[4 October]{value=2023-10-04}.'],
  },
  check({ report, flag }) {
    for (const fact of dateFacts(report).dates) {
      if (fact.value || !fact.resolution?.ok) continue;
      const { interval, basis } = fact.resolution.date;
      const written = formatInterval(interval);
      flag({
        span: fact.labelSpan,
        message: `No value: "${fact.label}" reads as ${written}${basis ? ` (${basis})` : ''}.`,
        fixes: [{ title: `Write value=${written}`, edits: [addAttributeEdit(report, fact.annotation, 'value', written)], preferred: true }],
      });
    }
  },
};
