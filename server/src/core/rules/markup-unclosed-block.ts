import type { OpenBlock, Report } from '../model.js';
import { isReport } from './isReport.js';
import { MARKUP } from './markup-not-checked.js';
import type { Rule } from './rule.js';

/** What is said of everything after a block never closed, by kind. */
const SWALLOWED: Record<OpenBlock['what'], string> = { 'code fence': 'is code', 'HTML comment': 'is part of the comment', 'HTML block': 'is part of it' };

export const markupUnclosedBlock: Rule = {
  code: 'markup-unclosed-block',
  scope: 'report',
  defaultSeverity: 'warning',
  summary:
    'A fenced code block, an HTML comment (`<!--`) or a raw HTML block that only its end tag closes (`<pre>`, `<script>`, `<style>`, `<textarea>`, `<?`, `<!…`, `<![CDATA[`) is never closed, so everything after its first line belongs to it, to the end of the report (as Markdown reads it, and as GitHub shows it): incident markup there is not checked, counted or exported, and without this warning a report would simply have no problems left. ' +
    'Said in a report, or where what it swallows holds incident markup (Markdown that is not a report may end in an open fence).',
  quickFix: 'None: where the code or the comment was meant to end is the writer\'s choice.',
  examples: {
    fail: [
      {
        doc: 'Shelling of the market, as the log recorded it:\n\n⟦```text⟧\n09:40 first strike\n\n:::incident{#market date=2023-10-05}\nAt least :count[46]{type=killed group=civilians} civilians were killed.\n:::\n',
        message: 'This code fence is never closed, so everything after it is code, to the end of the report: incident markup there is not checked, counted or exported. Close it with ```.',
      },
      {
        doc: '---\npublished: 2023-10-10\n---\n⟦<!-- TODO: check the second source⟧\n\n:::incident{#market date=2023-10-05}\nAt least :count[46]{type=killed group=civilians} civilians were killed.\n:::\n',
        message: 'This HTML comment is never closed, so everything after it is part of the comment, to the end of the report: incident markup there is not checked, counted or exported. Close it with -->.',
      },
    ],
    pass: [
      // Markup shown as code on purpose, in a fence that is closed.
      'Write counts as:\n\n```\n:count[46]{type=killed group=civilians}\n```\n\n:count[3]{type=killed} people were killed.',
      // A ``` line inside a ~~~ fence is content; the ~~~ line closes it.
      '~~~\n```\n~~~\n\n:count[3]{type=killed} people were killed.',
      // A comment closed on a later line, and one closed on its own line.
      '<!-- drafts:\n:count[5]{type=killed}\n-->\n\n<!-- checked -->\n:count[3]{type=killed} people were killed.',
      // Not a report, and no markup in the code: Markdown may end in an open fence.
      '# Usage\n\n```sh\nnpm install\n',
    ],
  },
  check({ report, flag }) {
    const open = report.openBlock;
    if (!open || !(isReport(report) || holdsMarkupAfter(report, open.span.end))) return;
    flag({
      span: open.span,
      message: `This ${open.what} is never closed, so everything after it ${SWALLOWED[open.what]}, to the end of the report: incident markup there is not checked, counted or exported. Close it with ${open.closeWith}.`,
    });
  },
};

/** Whether the text after `from` holds incident markup, read 64 KiB at a time with some overlap. */
function holdsMarkupAfter(report: Report, from: number): boolean {
  const { text } = report;
  for (let at = from; at < text.length; at += 64 * 1024) {
    if (MARKUP.test(text.slice(Math.max(from, at - 256), Math.min(text.length, at + 64 * 1024)))) return true;
  }
  return false;
}
