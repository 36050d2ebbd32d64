import type { Report, UncheckedRegion } from '../model.js';
import { isReport } from './isReport.js';
import type { Rule } from './rule.js';

/** Incident markup written in a region: a directive with a label or attributes, or a `:::` container. */
export const MARKUP = /:[A-Za-z][\w-]*[[{]|^ {0,3}:::/m;

export const markupNotChecked: Rule = {
  code: 'markup-not-checked',
  scope: 'report',
  defaultSeverity: 'warning',
  summary:
    'A block whose shape the Markdown parser would take too long on (lists or quotes nested more than 32 deep, `:::` containers more than 8, brackets more than 32, more than 2,000 directives in one paragraph, a long list whose nested lists keep closing) is not parsed, and nothing in it is checked; nor is front matter whose `---` line is never closed. ' +
    'Said in a report, or where the block holds incident markup.',
  quickFix: 'None: how to reshape the block (flatten a list, close containers, split a paragraph) is the writer\'s choice.',
  examples: {
    fail: [
      {
        doc: `⟦${'> '.repeat(33)}:count[3]{type=killed} people were killed.⟧`,
        message:
          'This block nests lists or block quotes 33 deep, and incident markup is checked up to a depth of 32: incident markup in it is not checked. Flatten it.',
      },
    ],
    pass: [`${'> '.repeat(32)}:count[3]{type=killed} people were killed.`],
  },
  check({ report, flag }) {
    if (report.unchecked.length === 0) return;
    const anyway = isReport(report);
    for (const region of report.unchecked) if (anyway || holdsMarkup(report, region)) flag({ span: region.span, message: region.message });
  },
};

/** Whether the region's text has incident markup; only its first 64 KiB are looked at, so that this stays cheap. */
function holdsMarkup(report: Report, region: UncheckedRegion): boolean {
  return MARKUP.test(report.text.slice(region.span.start, region.span.start + 64 * 1024));
}
