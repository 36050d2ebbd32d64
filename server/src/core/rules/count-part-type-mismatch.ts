import type { ModelSink } from '../parse/buildModel.js';
import { countReferences, extractOf, keptFor, type CountReference } from '../parse/collectByBlock.js';
import { checkWhole, type BlockwiseRule, type LateFinding } from './blockwise.js';
import { replaceFix } from './ruleHelpers.js';

export const countPartTypeMismatch: BlockwiseRule = {
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
    checkWhole(this, context);
  },
  examine(part, lookup) {
    const findings: LateFinding[] = [];
    for (const count of extractOf(part, countReferences)) {
      if (!count.partOf) continue;
      const partOf = count.partOf.value.trim().replace(/^#/, '');
      // The last count with that id in the report, as a map from id to count built in document order has it.
      const holders = lookup.holders(`count:${partOf}`);
      const lastHolder = holders[holders.length - 1];
      // By a map, not a search: without blocks the part is the whole report (runRules), and a search per part is quadratic.
      const total = lastHolder ? keptFor(lastHolder, lastCountById).get(partOf) : undefined;
      const partType = count.type;
      const totalType = total?.type?.value;
      // A missing type is markup-missing-attribute's to report, an unknown id count-unknown-ref's.
      if (!total || total === count || !partType || !totalType || partType.value === totalType) continue;
      findings.push((report) => ({
        span: partType.valueSpan,
        message: `This part counts ${partType.value} people but ${partOf} counts ${totalType}; a part must be of its total's type.`,
        fixes: [replaceFix(report, `Change to type=${totalType}`, partType.valueSpan, totalType, true)],
      }));
    }
    return findings;
  },
};

/** The last count with each id in a block. */
function lastCountById(part: ModelSink): Map<string, CountReference> {
  const last = new Map<string, CountReference>();
  for (const count of extractOf(part, countReferences)) if (count.id !== undefined) last.set(count.id, count);
  return last;
}
