import type { Report } from '../model.js';
import type { Span } from '../text.js';
import { isReport } from './isReport.js';
import { MARKUP } from './markup-not-checked.js';
import type { Rule } from './rule.js';

/** The fence as written on its opening line (three or more backticks or tildes, after up to three spaces). */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export const markupUnclosedFence: Rule = {
  code: 'markup-unclosed-fence',
  scope: 'report',
  defaultSeverity: 'warning',
  summary:
    'A fenced code block is never closed, so everything after its opening line is code to the end of the report (as Markdown reads it, and as GitHub shows it): incident markup there is not checked, counted or exported, and without this warning a report would simply have no problems left. ' +
    'Said in a report, or where the code holds incident markup (Markdown that is not a report may end in an open fence).',
  quickFix: 'None: where the code was meant to end is the writer\'s choice.',
  examples: {
    fail: [
      {
        doc: 'Shelling of the market, as the log recorded it:\n\n⟦```text⟧\n09:40 first strike\n\n:::incident{#market date=2023-10-05}\nAt least :count[46]{type=killed group=civilians} civilians were killed.\n:::\n',
        message: 'This code fence is never closed, so everything after it is code, to the end of the report: incident markup there is not checked, counted or exported. Close it with a ``` line.',
      },
    ],
    pass: [
      // Markup shown as code on purpose, in a fence that is closed.
      'Write counts as:\n\n```\n:count[46]{type=killed group=civilians}\n```\n\n:count[3]{type=killed} people were killed.',
      // A ``` line inside a ~~~ fence is content; the ~~~ line closes it.
      '~~~\n```\n~~~\n\n:count[3]{type=killed} people were killed.',
      // Not a report, and no markup in the code: Markdown may end in an open fence.
      '# Usage\n\n```sh\nnpm install\n',
    ],
  },
  check({ report, flag }) {
    const span = report.openFence;
    if (!span || !(isReport(report) || codeHoldsMarkup(report, span))) return;
    const fence = FENCE.exec(report.text.slice(span.start, span.end))?.[1] ?? '```';
    // A closing fence is the opening one's character at least as many times (CommonMark).
    flag({ span, message: `This code fence is never closed, so everything after it is code, to the end of the report: incident markup there is not checked, counted or exported. Close it with a ${fence} line.` });
  },
};

/** Whether the code after the fence's opening line holds incident markup, read 64 KiB at a time with some overlap. */
function codeHoldsMarkup(report: Report, fence: Span): boolean {
  const { text } = report;
  for (let from = fence.end; from < text.length; from += 64 * 1024) {
    if (MARKUP.test(text.slice(Math.max(fence.end, from - 256), Math.min(text.length, from + 64 * 1024)))) return true;
  }
  return false;
}
