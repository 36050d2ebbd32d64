import { countValue } from '../counts/countValue.js';
import type { Rule } from './rule.js';

export const countInvalid: Rule = {
  code: 'count-invalid',
  defaultSeverity: 'error',
  summary:
    'No number can be read from the count: the label is not a number, number words or a known vague quantity, and there is no usable `value`; or the number is negative or fractional.',
  examples: {
    fail: [
      {
        doc: 'There were :count[⟦many⟧]{type=killed} victims.',
        message: 'Cannot read a number from "many"; write the figure in the label ("46", "forty-six", "at least 46", "dozens") or add value=N.',
      },
      {
        doc: 'There were :count[46]{type=killed value=⟦4.5⟧} victims.',
        message: 'value 4.5 is fractional; a count is a whole number of people.',
      },
    ],
    pass: [
      'There were :count[many]{type=killed value=30 precision=at-least} victims, :count[forty-six]{type=injured}, :count[1,200]{type=displaced} and :count[dozens]{type=missing}.',
    ],
  },
  check({ report, flag }) {
    for (const annotation of report.annotations) {
      if (annotation.kind !== 'count') continue;
      const count = countValue(report, annotation);
      const valueAttribute = annotation.attributes.get('value');
      if (valueAttribute && count.valueProblem) {
        flag({ span: valueAttribute.valueSpan, message: count.valueProblem });
        continue;
      }
      if (count.value !== undefined) continue;
      const span = annotation.labelSpan && annotation.label.trim() !== '' ? annotation.labelSpan : annotation.nameSpan;
      if (count.labelInterval === undefined) {
        flag({
          span,
          message:
            annotation.label.trim() === ''
              ? 'This count has no label and no value; write the figure in the label, e.g. :count[46]{…}.'
              : `Cannot read a number from "${annotation.label.trim()}"; write the figure in the label ("46", "forty-six", "at least 46", "dozens") or add value=N.`,
        });
      } else if (!Number.isInteger(count.labelInterval.stated)) {
        flag({ span, message: `${count.labelInterval.stated} is fractional; a count is a whole number of people.` });
      }
    }
  },
};
