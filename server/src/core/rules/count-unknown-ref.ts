import { collectByBlock, countReferences, incidentIds } from '../parse/collectByBlock.js';
import type { Rule } from './rule.js';
import { nearest, replaceFix } from './ruleHelpers.js';

export const countUnknownRef: Rule = {
  code: 'count-unknown-ref',
  scope: 'report',
  defaultSeverity: 'error',
  summary: '`part-of` names no count id in the report (or names an incident, or the count itself), so the count is not checked against its total.',
  examples: {
    fail: [
      {
        doc: ':count[46]{#civ type=killed group=civilians} civilians, among them :count[9]{type=killed group=women part-of=⟦cvi⟧} women.',
        message: 'part-of=cvi names no count in this report; did you mean "civ"?',
      },
      {
        doc: ':::incident{#market date=2023-10-05}\n:count[46]{#civ type=killed group=civilians} civilians were killed, :count[9]{type=killed group=women part-of=⟦market⟧} women.\n:::',
        message: 'part-of=market names an incident, not a count; give the #id of the count this one is part of (the ids here: civ).',
      },
    ],
    pass: [':count[46]{#civ type=killed group=civilians} civilians, among them :count[9]{type=killed group=women part-of=civ} women.'],
  },
  check(context) {
    const { report, flag } = context;
    const counts = collectByBlock(context, countReferences);
    const countIds = [...new Set(counts.map((count) => count.id).filter((id): id is string => !!id))];
    // A set for the lookups: a long report has thousands of ids and parts.
    const isCountId = new Set(countIds);
    const incidentIdSet = new Set(collectByBlock(context, incidentIds));
    const known = countIds.length > 0 ? countIds.slice(0, 6).join(', ') + (countIds.length > 6 ? ', …' : '') : 'none yet; add one such as #civ to the total';
    for (const count of counts) {
      const { partOf } = count;
      if (!partOf) continue;
      const target = partOf.value.trim().replace(/^#/, '');
      const span = partOf.valueSpan.start === partOf.valueSpan.end ? partOf.span : partOf.valueSpan;
      if (target === '') {
        flag({ span, message: `part-of is empty; give the #id of the count this one is part of (the ids here: ${known}).` });
      } else if (target === count.id) {
        flag({ span, message: `part-of=${target} names this count itself; give the #id of the total it is part of.` });
      } else if (isCountId.has(target)) {
        if (partOf.value !== target) {
          flag({ span, message: `Write part-of=${target}, without the #.`, fixes: [replaceFix(report, `Change to ${target}`, span, target, true)] });
        }
      } else if (incidentIdSet.has(target)) {
        flag({ span, message: `part-of=${target} names an incident, not a count; give the #id of the count this one is part of (the ids here: ${known}).` });
      } else {
        const suggestion = nearest(target, countIds);
        flag({
          span,
          message: suggestion
            ? `part-of=${target} names no count in this report; did you mean "${suggestion}"?`
            : `part-of=${target} names no count in this report (the ids here: ${known}).`,
          fixes: suggestion ? [replaceFix(report, `Change to ${suggestion}`, span, suggestion, true)] : [],
        });
      }
    }
  },
};
