import type { Rule } from './rule.js';
import { writtenDates } from './dateValues.js';

export const dateInvalid: Rule = {
  code: 'date-invalid',
  scope: 'report',
  defaultSeverity: 'error',
  summary:
    'A date value that is not an ISO 8601 calendar date (YYYY, YYYY-MM, YYYY-MM-DD or start/end): 31 September, 29 February in a common year, month 13.',
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
      },
    ],
    pass: ['On :date[29 February 2024]{value=2024-02-29}, in :date[October 2023]{value=2023-10} and :date[2023]{value=2023}.'],
  },
  check(context) {
    const { flag } = context;
    for (const date of writtenDates(context)) {
      if (date.result.ok || date.result.kind === 'reversed') continue;
      flag({ span: date.span, message: date.result.message });
    }
  },
};
