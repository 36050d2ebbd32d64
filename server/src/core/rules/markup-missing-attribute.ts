import { COUNT_TYPES } from '../vocabulary.js';
import type { Rule } from './rule.js';
import { insertAttributeEdit } from './ruleHelpers.js';

export const markupMissingAttribute: Rule = {
  code: 'markup-missing-attribute',
  scope: 'block',
  defaultSeverity: 'warning',
  summary: 'A count without `type`: it cannot be added up or compared with other counts.',
  quickFix:
    'One fix per count type, in the order of the vocabulary, each adding `type=` first in the braces (after the id) or adding `{type=…}`; none is preferred, since only the writer knows what was counted.',
  examples: {
    fail: [
      {
        doc: 'At least :⟦count⟧[46]{group=civilians} died.',
        message: 'This count has no type, so it cannot be checked against other counts; add type= one of killed, injured, missing, detained, displaced, affected.',
        fixes: COUNT_TYPES.map((type) => ({ title: `Add type=${type}`, result: `At least :count[46]{type=${type} group=civilians} died.` })),
      },
      {
        doc: 'Of them, :⟦count⟧[9]{#women group=women} were women and :⟦count⟧[13] children.',
        message: 'This count has no type, so it cannot be checked against other counts; add type= one of killed, injured, missing, detained, displaced, affected.',
        fixes: COUNT_TYPES.map((type) => ({ title: `Add type=${type}`, result: `Of them, :count[9]{#women type=${type} group=women} were women and :count[13] children.` })),
      },
      {
        doc: 'Of them, :⟦count⟧[13] were children.',
        message: 'This count has no type, so it cannot be checked against other counts; add type= one of killed, injured, missing, detained, displaced, affected.',
        fixes: COUNT_TYPES.map((type) => ({ title: `Add type=${type}`, result: `Of them, :count[13]{type=${type}} were children.` })),
      },
    ],
    pass: ['At least :count[46]{type=killed group=civilians} died.'],
  },
  check({ report, flag }) {
    for (const annotation of report.annotations) {
      if (annotation.kind !== 'count' || annotation.attributes.has('type')) continue;
      flag({
        span: annotation.nameSpan,
        message: `This count has no type, so it cannot be checked against other counts; add type= one of ${COUNT_TYPES.join(', ')}.`,
        fixes: COUNT_TYPES.map((type) => ({ title: `Add type=${type}`, edits: [insertAttributeEdit(report, annotation, 'type', type)] })),
      });
    }
  },
};
