import { figureKey, FirstReadings, isLater, type CountFact } from '../counts/countFacts.js';
import { formatInterval } from '../counts/readCountLabel.js';
import { formatInterval as formatDate } from '../dates/isoDate.js';
import type { Report } from '../model.js';
import { checkWhole, examineIncidents, type BlockwiseRule } from './blockwise.js';
import type { Finding } from './rule.js';
import { lineOf } from './ruleHelpers.js';

export const countRevisedDown: BlockwiseRule = {
  code: 'count-revised-down',
  scope: 'report',
  // A warning: tolls are sometimes revised down after double counting is found, which the report should then say.
  defaultSeverity: 'warning',
  summary:
    'A source\'s later figure (`as-of=`) is lower than an earlier "at least" figure of the same source, type and group in the same incident: a minimum cannot fall. A figure without `as-of` is its source\'s first; a later one supersedes it.',
  quickFix:
    'None: whether the later figure, the earlier minimum, or the dates are wrong, or the source revised its toll down, is the writer\'s to say.',
  examples: {
    fail: [
      {
        doc: ':::incident{#market date=2023-10-05}\n:actor[SOHR]{role=source} said at least :count[52]{type=killed group=civilians source=sohr} civilians were killed; by Tuesday it counted :count[⟦46⟧]{type=killed group=civilians source=sohr as-of=2023-10-10}.\n:::',
        message:
          'This says 46 civilians killed as of 2023-10-10, below the "at least 52" that Syrian Observatory for Human Rights gave earlier (line 2, undated); correct one of the figures or dates, or say that the toll was revised down.',
      },
      {
        doc: ':::incident{#market date=2023-10-05}\nAt least :count[40]{type=injured as-of=2023-10-06} people were injured; a day later, :count[⟦35⟧]{type=injured as-of=2023-10-07}.\n:::',
        message:
          'This says 35 people injured as of 2023-10-07, below the "at least 40" that the report gave earlier (line 2, as of 2023-10-06); correct one of the figures or dates, or say that the toll was revised down.',
      },
    ],
    pass: [
      ':::incident{#market date=2023-10-05}\n:actor[SOHR]{role=source} said at least :count[52]{type=killed group=civilians source=sohr} civilians were killed; the toll rose to :count[61]{type=killed group=civilians source=sohr as-of=2023-10-10} on Tuesday.\n:::',
      ':::incident{#market date=2023-10-05}\n:actor[SOHR]{role=source} said at least :count[52]{type=killed group=civilians source=sohr} civilians were killed; :actor[the White Helmets]{role=source} counted :count[46]{type=killed group=civilians source=syria-civil-defence as-of=2023-10-10}.\n:::',
    ],
  },
  check(context) {
    checkWhole(this, context);
  },
  examine: examineIncidents((incident, model, findings) => {
    const byFigure = new Map<string, FirstReadings>();
    for (const fact of model.factsIn(incident)) {
      if (fact.type === undefined || fact.partOf !== undefined || fact.interval === undefined) continue;
      let readings = byFigure.get(figureKey(fact));
      if (!readings) byFigure.set(figureKey(fact), (readings = new FirstReadings()));
      // The earlier counts of this figure, the first of each reading: what the searches below depend on.
      const same = [...readings.facts];
      readings.add(fact);
      const minimum = same.find((earlier) => earlier.interval!.max === Infinity && isLater(fact, earlier) && fact.interval!.max < earlier.interval!.min);
      // An earlier figure written after a later one in the text is found when the later one is reached.
      const later = minimum ? undefined : same.find((other) => isLater(other, fact) && fact.interval!.max === Infinity && other.interval!.max < fact.interval!.min);
      const [revision, earlier] = minimum ? [fact, minimum] : later ? [later, fact] : [];
      if (revision && earlier) findings.push((current) => revisedDown(current, revision, earlier));
    }
  }),
};

function revisedDown(report: Report, revision: CountFact, earlier: CountFact): Finding {
  const who = `${revision.group ?? 'people'} ${revision.type}`;
  const by = revision.source ? revision.source.name : 'the report';
  const when = (count: CountFact) => (count.asOf ? `as of ${formatDate(count.asOf)}` : 'undated');
  return {
    span: spanOf(revision),
    message: `This says ${formatInterval(revision.interval!)} ${who} ${when(revision)}, below the "${formatInterval(earlier.interval!)}" that ${by} gave earlier (line ${lineOf(report, earlier.annotation.span.start)}, ${when(earlier)}); correct one of the figures or dates, or say that the toll was revised down.`,
    related: [{ message: `${formatInterval(earlier.interval!)} ${who} ${when(earlier)}`, span: spanOf(earlier) }],
  };
}

function spanOf(fact: CountFact) {
  const { annotation } = fact;
  return annotation.labelSpan && annotation.label.trim() !== '' ? annotation.labelSpan : annotation.nameSpan;
}
