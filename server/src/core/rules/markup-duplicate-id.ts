import type { Attribute } from '../model.js';
import type { ModelSink } from '../parse/buildModel.js';
import { extractOf, keptFor } from '../parse/collectByBlock.js';
import { checkWhole, type BlockwiseRule, type LateFinding } from './blockwise.js';
import { lineOf, ourDirectives } from './ruleHelpers.js';

export const markupDuplicateId: BlockwiseRule = {
  code: 'markup-duplicate-id',
  scope: 'report',
  defaultSeverity: 'error',
  summary: 'Two incidents or counts share an id, so `part-of` and cross-references cannot tell them apart.',
  quickFix:
    "None: which of the two is meant by the `part-of`s that name the id, and what the other should be called, is the writer's to say.",
  examples: {
    fail: [
      {
        doc: ':count[46]{#civ type=killed} and :count[213]{#⟦civ⟧ type=injured}',
        message: 'The id "civ" is already used on line 1; ids must be unique within a report.',
      },
    ],
    pass: [':count[46]{#civ-killed type=killed} and :count[213]{#civ-injured type=injured}'],
  },
  check(context) {
    checkWhole(this, context);
  },
  examine(part, lookup) {
    const findings: LateFinding[] = [];
    for (const id of extractOf(part, idsOf)) {
      // The first use in the report: in the first part that declares the id (idsOf lists what declaredKeys declares).
      const [firstHolder] = lookup.holders(`id:${id.value}`);
      // By a map, not a search: without blocks the part is the whole report (runRules), and a search per id is quadratic.
      const earlier = keptFor(firstHolder ?? part, firstIdByValue).get(id.value);
      if (!earlier || earlier === id) continue;
      findings.push((report) => ({
        span: id.valueSpan,
        message: `The id "${id.value}" is already used on line ${lineOf(report, earlier.span.start)}; ids must be unique within a report.`,
        related: [{ message: `"${id.value}" is first used here`, span: earlier.valueSpan }],
      }));
    }
    return findings;
  },
};

/** The first `id` attribute of each value in a block. */
function firstIdByValue(part: ModelSink): Map<string, Attribute> {
  const first = new Map<string, Attribute>();
  for (const id of extractOf(part, idsOf)) if (!first.has(id.value)) first.set(id.value, id);
  return first;
}

/** The `id` attributes of a block's incidents and annotations, in document order. */
function idsOf(part: ModelSink): Attribute[] {
  const ids: Attribute[] = [];
  for (const directive of ourDirectives(part)) {
    const id = directive.attributes.get('id');
    if (id && id.value !== '') ids.push(id);
  }
  return ids;
}
