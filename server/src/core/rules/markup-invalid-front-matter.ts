import { isReport } from './isReport.js';
import type { Rule } from './rule.js';

export const markupInvalidFrontMatter: Rule = {
  code: 'markup-invalid-front-matter',
  scope: 'report',
  defaultSeverity: 'error',
  summary:
    "A report's YAML front matter does not parse, is not a mapping, or a key the checks read (`published`, `gazetteer`, `countries`) has the wrong shape. " +
    "The front matter of a document that is not a report (no incident markup, none of this tool's keys) is not checked.",
  quickFix:
    "None: what the YAML was meant to say is not known.",
  examples: {
    fail: [
      {
        // `gazetteer:` alone makes a report of the document, without incident markup.
        doc: '---\ntitle: Idlib\ngazetteer: ⟦{team: x}⟧\n---\nText.',
        message: '`gazetteer` must be a path or a list of paths of gazetteer files, relative to this report.',
      },
      {
        // Not a mapping, so it has none of this tool's keys: the incident markup makes it a report.
        doc: '---\n⟦- title: Idlib\n- published: 2023-10-10⟧\n---\n:::incident{#idlib-strikes date=2023-10-04}\n:count[12]{type=killed} people were killed.\n:::',
        message: 'The front matter must be a YAML mapping of keys such as `title:` and `published:`.',
      },
    ],
    pass: [
      '---\ntitle: Idlib\npublished: 2023-10-10\n---\nText.',
      // Closed by YAML's end of document, as Pandoc allows.
      '---\ntitle: Idlib\npublished: 2023-10-10\n...\n:::incident{#idlib-strikes date=2023-10-04}\n:count[12]{type=killed} people were killed.\n:::',
      // Not a report: CommonMark's example 96 (numbered as in spec 0.31.2), which YAML reads as a string, not a mapping.
      '---\nFoo\n---\n# A README',
    ],
  },
  check({ report, flag }) {
    if (!isReport(report)) return;
    for (const problem of report.frontMatter?.problems ?? []) flag(problem);
  },
};
