import type { Attribute } from '../model.js';
import type { ModelSink } from '../parse/buildModel.js';
import type { Rule } from './rule.js';
import { collectByBlock } from '../parse/collectByBlock.js';
import { lineOf, ourDirectives } from './ruleHelpers.js';

export const markupDuplicateId: Rule = {
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
    const { report, flag } = context;
    const first = new Map<string, Attribute>();
    for (const id of collectByBlock(context, idsOf)) {
      const earlier = first.get(id.value);
      if (!earlier) {
        first.set(id.value, id);
        continue;
      }
      flag({
        span: id.valueSpan,
        message: `The id "${id.value}" is already used on line ${lineOf(report, earlier.span.start)}; ids must be unique within a report.`,
        related: [{ message: `"${id.value}" is first used here`, span: earlier.valueSpan }],
      });
    }
  },
};

/** The `id` attributes of a block's incidents and annotations, in document order. */
function idsOf(part: ModelSink): Attribute[] {
  const ids: Attribute[] = [];
  for (const directive of ourDirectives(part)) {
    const id = directive.attributes.get('id');
    if (id && id.value !== '') ids.push(id);
  }
  return ids;
}
