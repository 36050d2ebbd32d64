import type { Rule } from './rule.js';
import { ourDirectives } from './ruleHelpers.js';

export const markupDuplicateAttribute: Rule = {
  code: 'markup-duplicate-attribute',
  scope: 'block',
  defaultSeverity: 'warning',
  summary:
    'An attribute written twice on one directive (`{type=killed type=injured}`): the last value is kept and the earlier one silently ignored. Classes (`.a .b`) add up and are not flagged.',
  quickFix: 'None: which of the two values is right is for the writer to say.',
  examples: {
    fail: [
      {
        doc: ':count[3]{⟦type=killed⟧ type=injured} people were hurt.',
        message: ':count sets type twice: the last value, "injured", is kept and this "killed" is ignored. Delete the one that is wrong.',
      },
      {
        doc: ':::incident{⟦#strike⟧ date=2023-10-04 #market-strike}\n:count[3]{type=killed} people were killed.\n:::',
        message: ':::incident sets id twice: the last value, "market-strike", is kept and this "strike" is ignored. Delete the one that is wrong.',
      },
    ],
    pass: [':count[3]{type=injured} people were hurt.'],
  },
  check({ report, flag }) {
    for (const directive of ourDirectives(report)) {
      if (!directive.ignoredAttributes) continue;
      const colons = directive.kind === 'incident' ? ':::' : ':';
      for (const ignored of directive.ignoredAttributes) {
        const kept = directive.attributes.get(ignored.name)?.value ?? '';
        flag({
          span: ignored.span,
          message: `${colons}${directive.kind} sets ${ignored.name} twice: the last value, "${kept}", is kept and this "${ignored.value}" is ignored. Delete the one that is wrong.`,
        });
      }
    }
  },
};
