import type { Rule } from './rule.js';
import { writtenDates, writtenDateText } from './dateValues.js';
import { replaceFix } from './ruleHelpers.js';

export const dateRangeReversed: Rule = {
  code: 'date-range-reversed',
  scope: 'report',
  defaultSeverity: 'error',
  summary: 'An interval whose end is before its start.',
  quickFix: 'Swap the two dates (preferred): both were written, in the wrong order.',
  examples: {
    fail: [
      {
        doc: 'Between :date[4-7 October]{value=⟦2023-10-07/2023-10-04⟧}.',
        message: 'The interval ends (2023-10-04) before it starts (2023-10-07).',
        fixes: [{ title: 'Swap to 2023-10-04/2023-10-07', preferred: true, result: 'Between :date[4-7 October]{value=2023-10-04/2023-10-07}.' }],
      },
    ],
    pass: ['Between :date[4-7 October]{value=2023-10-04/2023-10-07}.'],
  },
  check(context) {
    const { report, flag } = context;
    for (const date of writtenDates(context)) {
      if (date.result.ok || date.result.kind !== 'reversed') continue;
      const written = writtenDateText(report, date);
      // Reversed means two valid dates around one slash (isoDate.ts).
      const [start, end] = (written?.text ?? '').split('/');
      const swapped = `${end?.trim()}/${start?.trim()}`;
      flag({ span: date.span, message: date.result.message, fixes: written ? [replaceFix(report, `Swap to ${swapped}`, written.span, swapped, true)] : [] });
    }
  },
};
