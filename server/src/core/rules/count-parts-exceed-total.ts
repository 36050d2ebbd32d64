import { formatSum, formatTerm, type CountFact } from '../counts/countFacts.js';
import { countFactsAround, factsOfPart } from '../counts/countsAround.js';
import { formatInterval } from '../counts/readCountLabel.js';
import { checkWhole, type BlockwiseRule, type LateFinding } from './blockwise.js';

export const countPartsExceedTotal: BlockwiseRule = {
  code: 'count-parts-exceed-total',
  scope: 'report',
  defaultSeverity: 'error',
  summary:
    'The parts of a count add up to more than it. Parts are the counts that name it in `part-of` and, in the same incident, the counts of a declared subgroup (gazetteer `groups`: civilians ⊇ women, men, children; children ⊇ boys, girls). A subgroup is counted inside its group, never beside it, and only the lower bounds of the parts are added: vague words count as their floor ("tens" 10, "dozens" 24, "hundreds" 200, as casualty recorders code them; see docs/markup.md), so an "at least" total or a vague part never causes an alarm. Each source\'s figures are checked on their own: a subgroup count of another `source`, or one dated later (`as-of`) than the total or superseded by a later figure, is no part of it.',
  quickFix:
    "None: which figure is wrong, the total or a part, is not known.",
  examples: {
    fail: [
      {
        doc: ':count[⟦46⟧]{#civ type=killed group=civilians} civilians were killed: :count[9]{type=killed group=women part-of=civ} women, :count[13]{type=killed group=children part-of=civ} children and :count[30]{type=killed group=men part-of=civ} men.',
        message: 'The parts add up to more than the total: 9 women + 13 children + 30 men = 52 > 46 civilians killed.',
      },
      {
        doc: ':::incident{#camp-strike date=2023-10-05}\n:count[⟦13⟧]{type=killed group=children} children were killed, :count[8]{type=killed group=boys} boys and :count[7]{type=killed group=girls} girls.\n:::',
        message: 'The parts add up to more than the total: 8 boys + 7 girls = 15 > 13 children killed.',
      },
      {
        doc: 'About :count[⟦40⟧]{#civ type=injured group=civilians} civilians were injured, :count[20]{type=injured group=women part-of=civ} women and :count[25]{type=injured group=men part-of=civ} men.',
        message: 'The parts add up to more than the total: 20 women + 25 men = 45 > 44 civilians injured (the total reads as 36–44).',
      },
      {
        doc: ':::incident{#camp-strike date=2023-10-05}\n:actor[SOHR]{role=source} counted :count[⟦12⟧]{type=killed group=children source=sohr} children killed, :count[7]{type=killed group=boys source=sohr} boys and :count[6]{type=killed group=girls source=sohr} girls.\n:::',
        message: 'The parts add up to more than the total: 7 boys + 6 girls = 13 > 12 children killed.',
      },
    ],
    pass: [
      'At least :count[46]{#civ type=killed group=civilians} civilians were killed: :count[9]{type=killed group=women part-of=civ} women, :count[13]{type=killed group=children part-of=civ} children and :count[30]{type=killed group=men part-of=civ} men.',
      ':count[46]{#civ type=killed group=civilians} civilians were killed, :count[9]{type=killed group=women part-of=civ} women and :count[13]{#children type=killed group=children part-of=civ} children, of whom :count[5]{type=killed group=girls part-of=children} girls; the other :count[24]{type=killed group=men part-of=civ} were men.',
      ':::incident{#camp-strike date=2023-10-05}\n:count[dozens]{type=killed group=civilians} of civilians were killed, among them :count[13]{type=killed group=children} children, :count[five]{type=killed group=girls} of them girls.\n:::',
      ':::incident{#camp-strike date=2023-10-05}\n:actor[SOHR]{role=source} counted :count[12]{type=killed group=children source=sohr} children killed; :actor[the White Helmets]{role=source} counted :count[7]{type=killed group=boys source=syria-civil-defence} boys and :count[6]{type=killed group=girls source=syria-civil-defence} girls.\n:::',
      ':::incident{#camp-strike date=2023-10-05}\n:count[12]{type=killed group=children} children were killed; by Tuesday, :count[7]{type=killed group=boys as-of=2023-10-10} boys and :count[6]{type=killed group=girls as-of=2023-10-10} girls.\n:::',
    ],
  },
  check(context) {
    checkWhole(this, context);
  },
  examine(part, lookup, { report, gazetteer }) {
    const model = countFactsAround(part, lookup, report, gazetteer);
    const findings: LateFinding[] = [];
    for (const total of factsOfPart(model, part)) {
      const interval = total.interval;
      if (interval === undefined || total.type === undefined || interval.max === Infinity) continue;
      const sum = model.partsSum(total);
      if (sum.value <= interval.max) continue;
      const who = `${total.group ?? 'people'} ${total.type}`;
      const exact = interval.min === interval.max;
      const arithmetic = sum.terms.length === 1 ? `${formatTerm(sum.terms[0]!)} > ${interval.max}` : `${formatSum(sum)} > ${interval.max}`;
      findings.push(() => ({
        span: spanOf(total),
        message: `The parts add up to more than the total: ${arithmetic} ${who}${exact ? '' : ` (the total reads as ${formatInterval(interval)})`}.`,
        related: sum.terms.map((term) => ({
          message: `${formatTerm(term)} ${total.type}, a part of this total`,
          span: spanOf(term.fact),
        })),
      }));
    }
    return findings;
  },
};

function spanOf(fact: CountFact) {
  const { annotation } = fact;
  return annotation.labelSpan && annotation.label.trim() !== '' ? annotation.labelSpan : annotation.nameSpan;
}
