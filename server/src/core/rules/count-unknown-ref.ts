import type { Fix } from '../diagnostics.js';
import type { Report } from '../model.js';
import { collectByBlock, countReferences, incidentIds, type CountReference } from '../parse/collectByBlock.js';
import type { Rule } from './rule.js';
import { byCloseness, nearest, replaceFix, setValueFix } from './ruleHelpers.js';

export const countUnknownRef: Rule = {
  code: 'count-unknown-ref',
  scope: 'report',
  defaultSeverity: 'error',
  summary: '`part-of` names no count id in the report (or names an incident, or the count itself), so the count is not checked against its total.',
  quickFix:
    'One fix per count that could be the total: an identified count of the same type in the same incident (or, outside incidents, outside any), not the count itself nor one of its own parts, the closest spelling first. The "did you mean" id is preferred, or else the only candidate.',
  examples: {
    fail: [
      {
        doc: ':count[46]{#civ type=killed group=civilians} civilians, among them :count[9]{type=killed group=women part-of=⟦cvi⟧} women.',
        message: 'part-of=cvi names no count in this report; did you mean "civ"?',
        fixes: [
          {
            title: 'Change to civ',
            preferred: true,
            result: ':count[46]{#civ type=killed group=civilians} civilians, among them :count[9]{type=killed group=women part-of=civ} women.',
          },
        ],
      },
      {
        doc: ':::incident{#market date=2023-10-05}\n:count[46]{#civ type=killed group=civilians} civilians were killed, :count[9]{type=killed group=women part-of=⟦market⟧} women.\n:::',
        message: 'part-of=market names an incident, not a count; give the #id of the count this one is part of (the ids here: civ).',
        fixes: [
          {
            title: 'Change to civ',
            preferred: true,
            result: ':::incident{#market date=2023-10-05}\n:count[46]{#civ type=killed group=civilians} civilians were killed, :count[9]{type=killed group=women part-of=civ} women.\n:::',
          },
        ],
      },
      {
        doc: ':::incident{#market date=2023-10-05}\n:count[46]{#all type=killed} people, :count[40]{#civ type=killed group=civilians} of them civilians and :count[213]{#hurt type=injured} injured; :count[9]{#women type=killed group=women ⟦part-of⟧} women.\n:::',
        message: 'part-of is empty; give the #id of the count this one is part of (the ids here: all, civ, hurt, women).',
        fixes: [
          {
            title: 'Change to all',
            result: ':::incident{#market date=2023-10-05}\n:count[46]{#all type=killed} people, :count[40]{#civ type=killed group=civilians} of them civilians and :count[213]{#hurt type=injured} injured; :count[9]{#women type=killed group=women part-of=all} women.\n:::',
          },
          {
            title: 'Change to civ',
            result: ':::incident{#market date=2023-10-05}\n:count[46]{#all type=killed} people, :count[40]{#civ type=killed group=civilians} of them civilians and :count[213]{#hurt type=injured} injured; :count[9]{#women type=killed group=women part-of=civ} women.\n:::',
          },
        ],
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
      // Only worked out for a count that is flagged: this rule runs over the whole report on every keystroke.
      const totals = (suggestion?: string) => totalFixes(report, count, counts, target, suggestion);
      if (target === '') {
        flag({ span, message: `part-of is empty; give the #id of the count this one is part of (the ids here: ${known}).`, fixes: totals() });
      } else if (target === count.id) {
        flag({ span, message: `part-of=${target} names this count itself; give the #id of the total it is part of.`, fixes: totals() });
      } else if (isCountId.has(target)) {
        if (partOf.value !== target) {
          flag({ span, message: `Write part-of=${target}, without the #.`, fixes: [replaceFix(report, `Change to ${target}`, span, target, true)] });
        }
      } else if (incidentIdSet.has(target)) {
        flag({ span, message: `part-of=${target} names an incident, not a count; give the #id of the count this one is part of (the ids here: ${known}).`, fixes: totals() });
      } else {
        const suggestion = nearest(target, countIds);
        flag({
          span,
          message: suggestion
            ? `part-of=${target} names no count in this report; did you mean "${suggestion}"?`
            : `part-of=${target} names no count in this report (the ids here: ${known}).`,
          fixes: totals(suggestion),
        });
      }
    }
  },
};

/** Enough for any real incident; a long list outside incidents is cut rather than fill the menu. */
const MAX_TOTALS_OFFERED = 10;

/**
 * The fixes that name a total for `part`: the "did you mean" id first (whatever its type: the
 * type may be the slip), then the counts that could be its total, closest spelling first.
 */
function totalFixes(report: Report, part: CountReference, counts: readonly CountReference[], written: string, suggestion: string | undefined): Fix[] {
  const partType = part.type?.value;
  const candidates = new Set<string>();
  for (const count of counts) {
    if (!count.id || count === part || count.annotation.incident !== part.annotation.incident) continue;
    if (partType !== undefined && count.type?.value !== partType) continue;
    // A count that is itself part of this one would make a loop.
    if (part.id !== undefined && count.partOf?.value.replace(/^#/, '') === part.id) continue;
    candidates.add(count.id);
  }
  const ids = [...(suggestion ? [suggestion] : []), ...byCloseness(written, [...candidates]).filter((id) => id !== suggestion)].slice(0, MAX_TOTALS_OFFERED);
  const preferred = suggestion ?? (ids.length === 1 ? ids[0] : undefined);
  return ids.map((id) => setValueFix(report, `Change to ${id}`, part.partOf!, id, id === preferred));
}
