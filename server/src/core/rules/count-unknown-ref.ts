import type { Fix } from '../diagnostics.js';
import type { Attribute, Report } from '../model.js';
import type { ModelSink } from '../parse/buildModel.js';
import { countReferences, extractOf, type CountReference } from '../parse/collectByBlock.js';
import type { Span } from '../text.js';
import { checkWhole, type BlockwiseRule, type LateFinding } from './blockwise.js';
import { byCloseness, nearest, replaceFix, setValueFix } from './ruleHelpers.js';

export const countUnknownRef: BlockwiseRule = {
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
    checkWhole(this, context);
  },
  examine(part, lookup) {
    const findings: LateFinding[] = [];
    const counts = extractOf(part, countReferences);
    for (const count of counts) {
      const { partOf } = count;
      if (!partOf) continue;
      const target = partOf.value.trim().replace(/^#/, '');
      const isCountId = target !== '' && lookup.holders(`count:${target}`).length > 0;
      if (isCountId && target !== count.id) {
        if (partOf.value !== target) {
          findings.push((report) => {
            const span = spanOf(partOf);
            return { span, message: `Write part-of=${target}, without the #.`, fixes: [replaceFix(report, `Change to ${target}`, span, target, true)] };
          });
        }
        continue;
      }
      const isIncidentId = target !== '' && target !== count.id && lookup.holders(`incident:${target}`).length > 0;
      // What is left is flagged, naming the report's count ids: read from every part, which a flagged part alone does.
      const countIds = countIdsIn(lookup.everyPart('counts'));
      const known = countIds.length > 0 ? countIds.slice(0, 6).join(', ') + (countIds.length > 6 ? ', …' : '') : 'none yet; add one such as #civ to the total';
      let message: string;
      let suggestion: string | undefined;
      if (target === '') message = `part-of is empty; give the #id of the count this one is part of (the ids here: ${known}).`;
      else if (target === count.id) message = `part-of=${target} names this count itself; give the #id of the total it is part of.`;
      else if (isIncidentId) message = `part-of=${target} names an incident, not a count; give the #id of the count this one is part of (the ids here: ${known}).`;
      else {
        suggestion = nearest(target, countIds);
        message = suggestion
          ? `part-of=${target} names no count in this report; did you mean "${suggestion}"?`
          : `part-of=${target} names no count in this report (the ids here: ${known}).`;
      }
      // Counts in an incident are in its block; those outside any are anywhere.
      const candidates = count.annotation.incident ? counts : lookup.everyPart('counts').flatMap((other) => extractOf(other, countReferences));
      const totals = totalIds(count, candidates, target, suggestion);
      findings.push((report) => ({ span: spanOf(partOf), message, fixes: totalFixes(report, count, totals) }));
    }
    return findings;
  },
};

/** An empty value has no span of its own: the attribute's. */
function spanOf(partOf: Attribute): Span {
  return partOf.valueSpan.start === partOf.valueSpan.end ? partOf.span : partOf.valueSpan;
}

/** The report's count ids, each once, in document order; worked out once for every flagged part of a check. */
const COUNT_IDS = new WeakMap<readonly ModelSink[], string[]>();

function countIdsIn(parts: readonly ModelSink[]): string[] {
  let ids = COUNT_IDS.get(parts);
  if (!ids) {
    const unique = new Set<string>();
    for (const part of parts) for (const count of extractOf(part, countReferences)) if (count.id) unique.add(count.id);
    COUNT_IDS.set(parts, (ids = [...unique]));
  }
  return ids;
}

/** Enough for any real incident; a long list outside incidents is cut rather than fill the menu. */
const MAX_TOTALS_OFFERED = 10;

/**
 * The ids to offer as `part`'s total: the "did you mean" id first (whatever its type: the
 * type may be the slip), then the counts that could be its total, closest spelling first.
 */
function totalIds(part: CountReference, counts: readonly CountReference[], written: string, suggestion: string | undefined): { ids: string[]; preferred: string | undefined } {
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
  return { ids, preferred: suggestion ?? (ids.length === 1 ? ids[0] : undefined) };
}

function totalFixes(report: Report, part: CountReference, { ids, preferred }: { ids: string[]; preferred: string | undefined }): Fix[] {
  return ids.map((id) => setValueFix(report, `Change to ${id}`, part.partOf!, id, id === preferred));
}
