import { collectByBlock, countReferences, type CountReference } from '../parse/collectByBlock.js';
import type { Rule } from './rule.js';
import { replaceFix } from './ruleHelpers.js';

export const countPartTypeMismatch: Rule = {
  code: 'count-part-type-mismatch',
  scope: 'report',
  defaultSeverity: 'error',
  summary:
    '`part-of` names a count of another type (injured people as part of the killed): the part is then never added to its total, so a wrong figure would pass unseen.',
  quickFix:
    "Change the part's type to its total's (preferred).",
  examples: {
    fail: [
      {
        doc: ':count[46]{#civ type=killed group=civilians} civilians were killed, and :count[9]{type=⟦injured⟧ group=women part-of=civ} women.',
        message: 'This part counts injured people but civ counts killed; a part must be of its total\'s type.',
        fixes: [
          {
            title: 'Change to type=killed',
            preferred: true,
            result: ':count[46]{#civ type=killed group=civilians} civilians were killed, and :count[9]{type=killed group=women part-of=civ} women.',
          },
        ],
      },
    ],
    pass: [':count[46]{#civ type=killed group=civilians} civilians were killed, :count[9]{type=killed group=women part-of=civ} of them women.'],
  },
  check(context) {
    const { report, flag } = context;
    const counts = collectByBlock(context, countReferences);
    const byId = new Map<string, CountReference>();
    for (const count of counts) if (count.id !== undefined) byId.set(count.id, count);
    for (const part of counts) {
      if (!part.partOf) continue;
      const partOf = part.partOf.value.trim().replace(/^#/, '');
      const total = byId.get(partOf);
      const partType = part.type;
      const totalType = total?.type?.value;
      // A missing type is markup-missing-attribute's to report, an unknown id count-unknown-ref's.
      if (!total || total === part || !partType || !totalType || partType.value === totalType) continue;
      flag({
        span: partType.valueSpan,
        message: `This part counts ${partType.value} people but ${partOf} counts ${totalType}; a part must be of its total's type.`,
        fixes: [replaceFix(report, `Change to type=${totalType}`, partType.valueSpan, totalType, true)],
      });
    }
  },
};
