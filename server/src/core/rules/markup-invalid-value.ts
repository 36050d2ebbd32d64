import { ENUMERATED_ATTRIBUTES } from '../vocabulary.js';
import type { Rule } from './rule.js';
import { nearest, ourDirectives, replaceFix } from './ruleHelpers.js';

export const markupInvalidValue: Rule = {
  code: 'markup-invalid-value',
  scope: 'block',
  defaultSeverity: 'error',
  summary: 'An attribute with a closed set of values (count type and precision, actor role) has a value outside it.',
  examples: {
    fail: [
      {
        doc: ':count[46]{type=⟦kiled⟧}',
        message: 'type "kiled" is not one of killed, injured, missing, detained, displaced, affected; did you mean "killed"?',
      },
      {
        doc: ':actor[Russia]{role=⟦attacker⟧}',
        message: 'role "attacker" is not one of perpetrator, victim, source, claimant, other.',
      },
    ],
    pass: [':count[46]{type=killed precision=exact} by :actor[Russia]{role=perpetrator}'],
  },
  check({ report, flag }) {
    for (const directive of ourDirectives(report)) {
      const enumerated = ENUMERATED_ATTRIBUTES[directive.kind];
      if (!enumerated) continue;
      for (const [name, values] of Object.entries(enumerated)) {
        const attribute = directive.attributes.get(name);
        if (!attribute || values.includes(attribute.value)) continue;
        const suggestion = nearest(attribute.value, values);
        flag({
          span: attribute.valueSpan.start === attribute.valueSpan.end ? attribute.span : attribute.valueSpan,
          message: `${name} "${attribute.value}" is not one of ${values.join(', ')}${suggestion ? `; did you mean "${suggestion}"?` : '.'}`,
          fixes: suggestion ? [replaceFix(report, `Change to "${suggestion}"`, attribute.valueSpan, suggestion, true)] : [],
        });
      }
    }
  },
};
