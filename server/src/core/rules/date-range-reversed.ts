import type { Report } from '../model.js';
import { checkWhole, type BlockwiseRule } from './blockwise.js';
import { publishedDate, writtenDatesIn, writtenDateText, type WrittenDate } from './dateValues.js';
import type { Finding } from './rule.js';
import { replaceFix } from './ruleHelpers.js';

export const dateRangeReversed: BlockwiseRule = {
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
    checkWhole(this, context);
  },
  outsideBlocks({ report, flag }) {
    const published = publishedDate(report);
    if (published && isReversed(published)) flag(reversedDate(report, published));
  },
  examine(part) {
    return writtenDatesIn(part)
      .filter(isReversed)
      .map((date) => (report) => reversedDate(report, date));
  },
};

function isReversed(date: WrittenDate): boolean {
  return !date.result.ok && date.result.kind === 'reversed';
}

function reversedDate(report: Report, date: WrittenDate): Finding {
  const written = writtenDateText(report, date);
  // Reversed means two valid dates around one slash (isoDate.ts).
  const [start, end] = (written?.text ?? '').split('/');
  const swapped = `${end?.trim()}/${start?.trim()}`;
  return { span: date.span, message: (date.result as { message: string }).message, fixes: written ? [replaceFix(report, `Swap to ${swapped}`, written.span, swapped, true)] : [] };
}
