import type { Rule } from './rule.js';
import { writtenDates } from './dateValues.js';

export const dateRangeReversed: Rule = {
  code: 'date-range-reversed',
  scope: 'report',
  defaultSeverity: 'error',
  summary: 'An interval whose end is before its start.',
  examples: {
    fail: [
      {
        doc: 'Between :date[4-7 October]{value=⟦2023-10-07/2023-10-04⟧}.',
        message: 'The interval ends (2023-10-04) before it starts (2023-10-07).',
      },
    ],
    pass: ['Between :date[4-7 October]{value=2023-10-04/2023-10-07}.'],
  },
  check(context) {
    const { flag } = context;
    for (const date of writtenDates(context)) {
      if (!date.result.ok && date.result.kind === 'reversed') flag({ span: date.span, message: date.result.message });
    }
  },
};
