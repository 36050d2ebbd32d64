import { formatSum, type CountSum } from '../counts/countFacts.js';
import { formatInterval, readCountLabel } from '../counts/readCountLabel.js';
import { COUNT_TYPES } from '../vocabulary.js';
import { checkWhole, examineIncidents, type BlockwiseRule } from './blockwise.js';
import { replaceFix } from './ruleHelpers.js';

export const countIncidentTotal: BlockwiseRule = {
  code: 'count-incident-total',
  scope: 'report',
  defaultSeverity: 'error',
  summary:
    "An incident's own figure (`killed=46`, `injured=…`) is smaller than what the counts inside it imply: the largest count of that type, or the sum of counts of groups that the gazetteer declares as subgroups of one group (women + men + children). Counts of unrelated groups are not added up, and a smaller count inside is never a disagreement: it may be only part of the incident. Of figures from several sources (`source=`) the lowest counts, each source's latest (`as-of`), as docs/markup.md says under \"Which figure counts\".",
  quickFix:
    "Set the incident's figure to what its counts come to (not preferred: a count inside may be the slip).",
  examples: {
    fail: [
      {
        doc: ':::incident{#market date=2023-10-05 killed=⟦40⟧}\n:count[46]{type=killed group=civilians} civilians were killed.\n:::',
        message: 'killed=40, but the counts inside the incident come to at least 46 killed (46 civilians).',
        fixes: [{ title: 'Set killed=46', result: ':::incident{#market date=2023-10-05 killed=46}\n:count[46]{type=killed group=civilians} civilians were killed.\n:::' }],
      },
      {
        doc: ':::incident{#market date=2023-10-05 killed=⟦20⟧}\nThe dead were :count[9]{type=killed group=women} women and :count[13]{type=killed group=children} children.\n:::',
        message: 'killed=20, but the counts inside the incident come to at least 22 killed (9 women + 13 children = 22).',
        fixes: [
          {
            title: 'Set killed=22',
            result: ':::incident{#market date=2023-10-05 killed=22}\nThe dead were :count[9]{type=killed group=women} women and :count[13]{type=killed group=children} children.\n:::',
          },
        ],
      },
      {
        doc: ':::incident{#market date=2023-10-05 killed=⟦40⟧}\n:actor[SOHR]{role=source} said :count[52]{type=killed group=civilians source=sohr} civilians were killed; :actor[the White Helmets]{role=source} counted :count[46]{type=killed group=civilians source=syria-civil-defence}.\n:::',
        message: 'killed=40, but the counts inside the incident come to at least 46 killed (46 civilians, according to Syria Civil Defence).',
        fixes: [
          {
            title: 'Set killed=46',
            result: ':::incident{#market date=2023-10-05 killed=46}\n:actor[SOHR]{role=source} said :count[52]{type=killed group=civilians source=sohr} civilians were killed; :actor[the White Helmets]{role=source} counted :count[46]{type=killed group=civilians source=syria-civil-defence}.\n:::',
          },
        ],
      },
    ],
    pass: [
      ':::incident{#market date=2023-10-05 killed=46 injured=213}\n:count[46]{#civ type=killed group=civilians} civilians were killed, :count[9]{type=killed group=women part-of=civ} women and :count[13]{type=killed group=children part-of=civ} children; at least :count[200]{type=injured} were injured.\n:::',
      ':::incident{#market date=2023-10-05 killed=50}\n:count[46]{type=killed group=civilians} civilians and :count[10]{type=killed group=combatants} fighters were among the dead; :count[12]{type=killed} died in the market itself.\n:::',
      ':::incident{#market date=2023-10-05 killed=46}\n:actor[SOHR]{role=source} said :count[52]{type=killed group=civilians source=sohr} civilians were killed, and :count[61]{type=killed group=civilians source=sohr as-of=2023-10-10} by Tuesday; :actor[the White Helmets]{role=source} counted :count[46]{type=killed group=civilians source=syria-civil-defence}.\n:::',
    ],
  },
  check(context) {
    checkWhole(this, context);
  },
  examine: examineIncidents((incident, model, findings) => {
    for (const type of COUNT_TYPES) {
      const attribute = incident.attributes.get(type);
      const stated = attribute ? readCountLabel(attribute.value) : undefined;
      if (!attribute || !stated || stated.max === Infinity) continue;
      const sum = model.incidentSum(incident, type);
      if (sum.value <= stated.max) continue;
      const shown = stated.min === stated.max ? `${type}=${attribute.value}` : `${type}=${attribute.value} (read as ${formatInterval(stated)})`;
      findings.push((current) => ({
        span: attribute.valueSpan,
        message: `${shown}, but the counts inside the incident come to at least ${sum.value} ${type} (${formatSum(sum)}${accordingTo(sum)}).`,
        fixes: [replaceFix(current, `Set ${type}=${sum.value}`, attribute.valueSpan, String(sum.value))],
        related: sum.terms.map((term) => ({
          message: `${term.value} ${term.group ?? 'people'} ${type}`,
          span: term.fact.annotation.labelSpan ?? term.fact.annotation.nameSpan,
        })),
      }));
    }
  }),
};

/** ", according to SOHR" when the figure is one source's (it then is the lowest of several, or the only one). */
function accordingTo(sum: CountSum): string {
  const sources = new Set(sum.terms.map((term) => term.fact.source?.name));
  const [source] = sources;
  return sources.size === 1 && source !== undefined ? `, according to ${source}` : '';
}
