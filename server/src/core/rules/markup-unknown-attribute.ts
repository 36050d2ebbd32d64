import { ALLOWED_ATTRIBUTES } from '../vocabulary.js';
import type { Rule } from './rule.js';
import { attributeNameSpan, nearest, ourDirectives, replaceFix } from './ruleHelpers.js';

export const markupUnknownAttribute: Rule = {
  code: 'markup-unknown-attribute',
  scope: 'block',
  defaultSeverity: 'warning',
  summary: 'An attribute that the directive does not take; a misspelt attribute is otherwise silently ignored.',
  quickFix:
    "A misspelt attribute is corrected to the nearest the directive takes (preferred). None otherwise: what a `.class` or an unknown attribute was meant to say is not known, and deleting it could lose what the writer meant to record.",
  examples: {
    fail: [
      {
        doc: ':count[46]{type=killed ⟦gruop⟧=civilians}',
        message: ':count has no attribute "gruop"; did you mean "group"? It takes id, type, group, part-of, value, precision, source, as-of.',
        fixes: [{ title: 'Change to "group"', preferred: true, result: ':count[46]{type=killed group=civilians}' }],
      },
      {
        doc: ':actor[Russia]{⟦.⟧highlight}',
        message: ':actor has no attribute "class"; it takes ref, role.',
      },
    ],
    pass: [':count[46]{#civ type=killed group=civilians precision=at-least}'],
  },
  check({ report, flag }) {
    for (const directive of ourDirectives(report)) {
      const allowed = ALLOWED_ATTRIBUTES[directive.kind];
      for (const attribute of directive.attributes.values()) {
        if (allowed.includes(attribute.name)) continue;
        const span = attributeNameSpan(report, attribute);
        const suggestion = attribute.name === 'class' ? undefined : nearest(attribute.name, allowed);
        flag({
          span,
          message: `:${directive.kind} has no attribute "${attribute.name}"; ${suggestion ? `did you mean "${suggestion}"? It takes` : 'it takes'} ${allowed.join(', ')}.`,
          fixes: suggestion ? [replaceFix(report, `Change to "${suggestion}"`, span, suggestion, true)] : [],
        });
      }
    }
  },
};
