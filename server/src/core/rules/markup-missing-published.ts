import type { Report } from '../model.js';
import type { Span } from '../text.js';
import { isReport } from './isReport.js';
import type { Rule } from './rule.js';

/** The date the examples' fixes write for "today" (rules.test.ts passes it as the run's today). */
export const EXAMPLE_TODAY = '2023-10-12';

const WHY = '"yesterday" or "last Monday" cannot be placed, and no date can be checked against publication';

/** Where the front matter would be: after a byte-order mark, which must stay first. */
function documentStart(report: Report): number {
  return report.text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

/** The first line of the document, without its line break: empty (a point) when the document starts with one. */
function firstLine(report: Report): Span {
  const start = documentStart(report);
  const newline = report.text.indexOf('\n', start);
  const end = newline < 0 ? report.text.length : newline;
  return { start, end: report.text.charAt(end - 1) === '\r' && end > start ? end - 1 : end };
}

export const markupMissingPublished: Rule = {
  code: 'markup-missing-published',
  scope: 'report',
  defaultSeverity: 'warning',
  summary:
    'A report (incident markup, or front matter with one of this tool\'s keys) has no `published` date: relative dates ("yesterday", "last Monday", "4 October" without a year) cannot be placed, and no date can be checked against publication.',
  quickFix:
    'Add `published:` with today\'s date, in the front matter before its closing line, or in new front matter at the top. Not preferred: the date is a guess to check, which an editor\'s auto fix should not make. LSP code actions carry plain text edits, so the date cannot be left selected as a snippet would; the editor puts the cursor after it.',
  examples: {
    fail: [
      {
        doc: '⟦---⟧\ntitle: Idlib\n---\nOn :date[4 October]{value=2023-10-04} :count[3]{type=killed} people were killed.',
        message: `This report has no published date: ${WHY}. Add published: YYYY-MM-DD to the front matter.`,
        fixes: [
          {
            title: `Add published: ${EXAMPLE_TODAY}`,
            result: `---\ntitle: Idlib\npublished: ${EXAMPLE_TODAY}\n---\nOn :date[4 October]{value=2023-10-04} :count[3]{type=killed} people were killed.`,
          },
        ],
      },
      {
        doc: '⟦# Shelling of Idlib⟧\n\n:count[3]{type=killed} people were killed.',
        message: `This report has no front matter, so no published date: ${WHY}. Add front matter with published: YYYY-MM-DD.`,
        fixes: [
          {
            title: `Add published: ${EXAMPLE_TODAY}`,
            result: `---\npublished: ${EXAMPLE_TODAY}\n---\n# Shelling of Idlib\n\n:count[3]{type=killed} people were killed.`,
          },
        ],
      },
    ],
    pass: [
      '---\ntitle: Idlib\npublished: 2023-10-10\n---\n:count[3]{type=killed} people were killed.',
      // Not a report: no incident markup and none of this tool's front-matter keys.
      '---\ntitle: Release notes\n---\n# Release notes\n\nNothing to check here.',
    ],
  },
  check({ report, flag, today }) {
    if (!isReport(report)) return;
    const frontMatter = report.frontMatter;
    if (frontMatter) {
      // Written but wrong (`published: soon`), or front matter that is no mapping: markup-invalid-front-matter says so.
      if (frontMatter.reportKeys.includes('published') || frontMatter.data === undefined) return;
      const opening = { start: frontMatter.span.start, end: Math.min(frontMatter.span.start + 3, frontMatter.span.end) };
      // Before the closing `---` (or `...`), as the last key, where a writer adds one.
      const closingLine = report.text.lastIndexOf('\n', frontMatter.span.end - 1) + 1;
      const at = report.lines.rangeOf({ start: closingLine, end: closingLine });
      const eol = report.text.charAt(closingLine - 2) === '\r' ? '\r\n' : '\n';
      const date = today();
      flag({
        span: opening,
        message: `This report has no published date: ${WHY}. Add published: YYYY-MM-DD to the front matter.`,
        fixes: [{ title: `Add published: ${date}`, edits: [{ range: at, newText: `published: ${date}${eol}` }], preferred: false }],
      });
      return;
    }
    const start = documentStart(report);
    const line = firstLine(report);
    const eol = report.text.charAt(line.end) === '\r' ? '\r\n' : '\n';
    const date = today();
    flag({
      span: line,
      message: `This report has no front matter, so no published date: ${WHY}. Add front matter with published: YYYY-MM-DD.`,
      fixes: [
        { title: `Add published: ${date}`, edits: [{ range: report.lines.rangeOf({ start, end: start }), newText: `---${eol}published: ${date}${eol}---${eol}` }], preferred: false },
      ],
    });
  },
};
