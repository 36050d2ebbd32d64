import { countValue } from '../counts/countValue.js';
import { formatInterval } from '../counts/readCountLabel.js';
import type { Rule } from './rule.js';
import type { Report } from '../model.js';
import type { Span } from '../text.js';
import { replaceFix } from './ruleHelpers.js';

export const countLabelMismatch: Rule = {
  code: 'count-label-mismatch',
  scope: 'block',
  defaultSeverity: 'error',
  summary: 'The number the label states is not the one in `value`: the prose and the data disagree.',
  quickFix:
    "Set `value` to the label's number, where the label allows it, and change the number in the label to the value (keeping its words); neither is preferred, since either may be the slip.",
  examples: {
    fail: [
      {
        doc: ':count[⟦46⟧]{type=killed value=48} people were killed.',
        message: 'The label says 46 but value=48; make the prose and the value agree.',
        fixes: [
          { title: 'Set value to 46', result: ':count[46]{type=killed value=46} people were killed.' },
          { title: 'Change the label to "48"', result: ':count[48]{type=killed value=48} people were killed.' },
        ],
      },
      {
        doc: ':count[⟦at least 46⟧]{type=killed value=40} people were killed.',
        message: 'The label says at least 46 but value=40; make the prose and the value agree.',
        fixes: [
          { title: 'Set value to 46', result: ':count[at least 46]{type=killed value=46} people were killed.' },
          { title: 'Change the label to "at least 40"', result: ':count[at least 40]{type=killed value=40} people were killed.' },
        ],
      },
    ],
    pass: [
      ':count[46]{type=killed value=46}, :count[dozens]{type=injured value=30} and :count[about 200]{type=displaced value=210}.',
    ],
  },
  check({ report, flag }) {
    for (const annotation of report.annotations) {
      if (annotation.kind !== 'count' || !annotation.labelSpan) continue;
      const { labelInterval, value } = countValue(report, annotation);
      if (labelInterval === undefined || value === undefined) continue;
      if (value >= labelInterval.min && value <= labelInterval.max) continue;
      const valueAttribute = annotation.attributes.get('value')!;
      const fixes = [relabelFix(report, annotation.labelSpan, labelInterval.stated, value)];
      // Setting value to the stated number only helps when that number is one the label allows ("more than 46" does not allow 46).
      const stated = labelInterval.stated;
      if (labelInterval.form === undefined && Number.isInteger(stated) && stated >= labelInterval.min && stated <= labelInterval.max) {
        fixes.unshift(replaceFix(report, `Set value to ${stated}`, valueAttribute.valueSpan, String(stated)));
      }
      flag({
        span: annotation.labelSpan,
        message: `The label says ${formatInterval(labelInterval)} but value=${value}; make the prose and the value agree.`,
        fixes,
      });
    }
  },
};

/**
 * Changes the number in the label and keeps its wording: "at least 46" becomes
 * "at least 48". A label in words is replaced by the figure.
 */
function relabelFix(report: Report, span: Span, stated: number, value: number) {
  const label = report.text.slice(span.start, span.end);
  const digits = [...label.matchAll(/\d{1,3}(?:[,.\u00a0\u202f' ]\d{3})+|\d+/g)];
  const only = digits.length === 1 ? digits[0]! : undefined;
  if (only && Number(only[0].replace(/\D/g, '')) === stated) {
    const start = span.start + only.index;
    const written = label.slice(0, only.index) + String(value) + label.slice(only.index + only[0].length);
    return replaceFix(report, `Change the label to "${written.trim()}"`, { start, end: start + only[0].length }, String(value));
  }
  return replaceFix(report, `Change the label to ${value}`, span, String(value));
}
