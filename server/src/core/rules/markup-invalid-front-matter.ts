import type { Rule } from './rule.js';

export const markupInvalidFrontMatter: Rule = {
  code: 'markup-invalid-front-matter',
  scope: 'report',
  defaultSeverity: 'error',
  summary: 'The YAML front matter does not parse, or a key the checks read (`published`, `gazetteer`) has the wrong shape.',
  quickFix:
    "None: what the YAML was meant to say is not known.",
  examples: {
    fail: [
      {
        doc: '---\ntitle: Idlib\ngazetteer: ⟦{team: x}⟧\n---\nText.',
        message: '`gazetteer` must be a path or a list of paths of gazetteer files, relative to this report.',
      },
    ],
    pass: ['---\ntitle: Idlib\npublished: 2023-10-10\n---\nText.'],
  },
  check({ report, flag }) {
    for (const problem of report.frontMatter?.problems ?? []) flag(problem);
  },
};
