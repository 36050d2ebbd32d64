import { countValue } from '../counts/countValue.js';
import { readCountLabel } from '../counts/readCountLabel.js';
import { parseIsoDate } from '../dates/isoDate.js';
import { COUNT_TYPES } from '../vocabulary.js';
import type { Rule } from './rule.js';

export const countInvalid: Rule = {
  code: 'count-invalid',
  scope: 'block',
  defaultSeverity: 'error',
  summary:
    "No number can be read from the count: the label is not a number, number words or a known vague quantity, and there is no usable `value`; or the number is negative or fractional. Also an incident's own figure (`killed=…`) that is not a whole number, and a count's `as-of` that is not an ISO date or period.",
  quickFix:
    'None: which figure the writer meant ("many", 4.5) is not known.',
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
      {
        doc: ':::incident{#market date=2023-10-05 killed=⟦many⟧}\nA strike on the market.\n:::',
        message: 'killed="many" is not a number; an incident\'s own figure is a whole number such as killed=46.',
      },
      {
        doc: 'The toll rose to :count[61]{type=killed as-of=⟦Tuesday⟧}.',
        message: 'as-of="Tuesday" is not an ISO date: write YYYY, YYYY-MM or YYYY-MM-DD (as-of=2023-10-10), the day the figure was true.',
      },
    ],
    pass: [
      'There were :count[many]{type=killed value=30 precision=at-least} victims, :count[forty-six]{type=injured}, :count[1,200]{type=displaced} and :count[dozens]{type=missing}.',
      ':::incident{#market date=2023-10-05 killed=46 injured="at least 213"}\nA strike on the market.\n:::',
      'The toll rose to :count[61]{type=killed as-of=2023-10-10} on Tuesday, and to :count[64]{type=killed as-of=2023-11} by November.',
    ],
  },
  check({ report, flag }) {
    for (const incident of report.incidents) {
      for (const type of COUNT_TYPES) {
        const attribute = incident.attributes.get(type);
        if (!attribute) continue;
        const read = readCountLabel(attribute.value);
        if (read && Number.isInteger(read.stated)) continue;
        flag({
          span: attribute.valueSpan.start === attribute.valueSpan.end ? attribute.span : attribute.valueSpan,
          message: read
            ? `${type}=${attribute.value} is fractional; a count is a whole number of people.`
            : `${type}="${attribute.value}" is not a number; an incident's own figure is a whole number such as ${type}=46.`,
        });
      }
    }
    for (const annotation of report.annotations) {
      if (annotation.kind !== 'count') continue;
      const asOf = annotation.attributes.get('as-of');
      const asOfDate = asOf ? parseIsoDate(asOf.value) : undefined;
      if (asOf && asOfDate && !asOfDate.ok) {
        const message =
          asOfDate.kind === 'syntax'
            ? `as-of="${asOf.value}" is not an ISO date: write YYYY, YYYY-MM or YYYY-MM-DD (as-of=2023-10-10), the day the figure was true.`
            : `as-of=${asOf.value}: ${asOfDate.message}`;
        flag({ span: asOf.valueSpan.start === asOf.valueSpan.end ? asOf.span : asOf.valueSpan, message });
      }
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
