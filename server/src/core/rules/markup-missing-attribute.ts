import { COUNT_TYPES } from '../vocabulary.js';
import type { Rule } from './rule.js';

export const markupMissingAttribute: Rule = {
  code: 'markup-missing-attribute',
  scope: 'block',
  defaultSeverity: 'warning',
  summary: 'A count without `type`: it cannot be added up or compared with other counts.',
  examples: {
    fail: [
      {
        doc: 'At least :⟦count⟧[46]{group=civilians} died.',
        message: 'This count has no type, so it cannot be checked against other counts; add type= one of killed, injured, missing, detained, displaced, affected.',
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
      });
    }
  },
};
