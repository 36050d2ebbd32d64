import { figureKey, FirstReadings, isLater, type CountFact } from '../counts/countFacts.js';
import { formatInterval } from '../counts/readCountLabel.js';
import type { Incident } from '../model.js';
import { checkWhole, examineIncidents, type BlockwiseRule } from './blockwise.js';
import { lineOf } from './ruleHelpers.js';

export const countConflict: BlockwiseRule = {
  code: 'count-conflict',
  // A warning: a later figure is sometimes a deliberate update ("the toll rose to 48") that the reviewer must word.
  scope: 'report',
  defaultSeverity: 'warning',
  summary:
    'One incident states the same figure twice (same type, group and `source`, neither a `part-of` breakdown, neither dated later than the other with `as-of`) and the two cannot both be right: their ranges do not overlap ("46" and later "48"; "at least 50" and "about 40"). Figures of different sources may disagree, and a later figure of the same source revises its earlier one. Counts outside incidents are not compared, and a breakdown by day or place is marked with `part-of`.',
  quickFix:
    "None: which of the two figures is right, whether they come from different sources (`source=`), whether one revises the other (`as-of=`), or whether one is a breakdown to mark with `part-of`, is the writer's to say.",
  examples: {
    fail: [
      {
        doc: ':::incident{#market date=2023-10-05}\n:count[46]{type=killed group=civilians} civilians were killed.\n\nBy evening :count[⟦48⟧]{type=killed group=civilians} civilians were reported dead.\n:::',
        message: 'This says 48 civilians killed, but line 2 says 46 for the same incident; state one figure, or mark a breakdown with part-of.',
      },
      {
        doc: ':::incident{#market date=2023-10-05}\nAt least :count[50]{type=injured} people were injured; about :count[⟦40⟧]{type=injured} were taken to hospital.\n:::',
        message: 'This says 36–44 people injured, but line 2 says at least 50 for the same incident; state one figure, or mark a breakdown with part-of.',
      },
      {
        doc: ':::incident{#market date=2023-10-05}\n:actor[SOHR]{role=source} said :count[52]{type=killed group=civilians source=sohr} civilians were killed.\n\nIn the same statement, :count[⟦46⟧]{type=killed group=civilians source=SOHR} civilians.\n:::',
        message: 'This says 46 civilians killed, but line 2 says 52 for the same incident and the same source (Syrian Observatory for Human Rights); state one figure, or date a revision with as-of.',
      },
    ],
    pass: [
      ':::incident{#market date=2023-10-05}\nAt least :count[46]{type=killed group=civilians} civilians were killed; by evening :count[48]{type=killed group=civilians} were reported dead.\n:::',
      ':::incident{#market date=2023-10-05}\n:count[22]{#civ type=killed group=civilians} civilians were killed: :count[10]{type=killed group=civilians part-of=civ} in the morning and :count[12]{type=killed group=civilians part-of=civ} at noon.\n:::',
      'In 2022, :count[300]{type=killed group=civilians} civilians were killed; this week, :count[46]{type=killed group=civilians}.',
      ':::incident{#market date=2023-10-05}\n:actor[SOHR]{role=source} said :count[52]{type=killed group=civilians source=sohr} civilians were killed; :actor[the White Helmets]{role=source} counted :count[46]{type=killed group=civilians source="White Helmets"}.\n:::',
      ':::incident{#market date=2023-10-05}\n:count[52]{type=killed group=civilians source=sohr} civilians were killed, :actor[SOHR]{role=source} said; the toll rose to :count[61]{type=killed group=civilians source=sohr as-of=2023-10-10} on Tuesday.\n:::',
    ],
  },
  check(context) {
    checkWhole(this, context);
  },
  examine: examineIncidents((incident, model, findings) => {
    for (const { fact, clash } of clashesIn(incident, model.factsIn(incident))) {
      const who = `${fact.group ?? 'people'} ${fact.type}`;
      findings.push((current) => ({
        span: spanOf(fact),
        message: fact.source
          ? `This says ${formatInterval(fact.interval!)} ${who}, but line ${lineOf(current, clash.annotation.span.start)} says ${formatInterval(clash.interval!)} for the same incident and the same source (${fact.source.name}); state one figure, or date a revision with as-of.`
          : `This says ${formatInterval(fact.interval!)} ${who}, but line ${lineOf(current, clash.annotation.span.start)} says ${formatInterval(clash.interval!)} for the same incident; state one figure, or mark a breakdown with part-of.`,
        related: [{ message: `${formatInterval(clash.interval!)} ${who} stated here`, span: spanOf(clash) }],
      }));
    }
  }),
};

/**
 * The clashing pairs in one incident, kept with the incident: they depend on its own counts
 * alone, which an edit elsewhere leaves as they are (same objects), so the check does not
 * group every count of the report again on every keystroke. Messages, which name lines,
 * are written when flagged.
 */
const CLASHES = new WeakMap<Incident, { facts: readonly CountFact[]; clashes: { fact: CountFact; clash: CountFact }[] }>();

function clashesIn(incident: Incident, facts: readonly CountFact[]): { fact: CountFact; clash: CountFact }[] {
  const kept = CLASHES.get(incident);
  if (kept && sameFacts(kept.facts, facts)) return kept.clashes;
  // Per figure, the first earlier count of each reading: a search over them finds the first clash.
  const seen = new Map<string, FirstReadings>();
  const clashes: { fact: CountFact; clash: CountFact }[] = [];
  for (const fact of facts) {
    if (fact.type === undefined || fact.partOf !== undefined || fact.interval === undefined) continue;
    // Different sources may disagree, and a source's later figure revises its earlier one (count-revised-down).
    const key = figureKey(fact);
    let earlier = seen.get(key);
    if (!earlier) seen.set(key, (earlier = new FirstReadings()));
    const { min, max } = fact.interval;
    const clash = earlier.facts.find(
      (other) => !isLater(fact, other) && !isLater(other, fact) && (other.interval!.max < min || other.interval!.min > max),
    );
    earlier.add(fact);
    if (clash) clashes.push({ fact, clash });
  }
  CLASHES.set(incident, { facts, clashes });
  return clashes;
}

function sameFacts(a: readonly CountFact[], b: readonly CountFact[]): boolean {
  return a.length === b.length && a.every((fact, index) => fact === b[index]);
}

function spanOf(fact: CountFact) {
  const { annotation } = fact;
  return annotation.labelSpan && annotation.label.trim() !== '' ? annotation.labelSpan : annotation.nameSpan;
}
