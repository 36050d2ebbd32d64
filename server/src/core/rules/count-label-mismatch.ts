import { countValue } from '../counts/countValue.js';
import { formatInterval } from '../counts/readCountLabel.js';
import type { Rule } from './rule.js';
import { replaceFix } from './ruleHelpers.js';

export const countLabelMismatch: Rule = {
  code: 'count-label-mismatch',
  defaultSeverity: 'error',
  summary: 'The number the label states is not the one in `value`: the prose and the data disagree.',
  examples: {
    fail: [
      {
        doc: ':count[⟦46⟧]{type=killed value=48} people were killed.',
        message: 'The label says 46 but value=48; make the prose and the value agree.',
      },
      {
        doc: ':count[⟦at least 46⟧]{type=killed value=40} people were killed.',
        message: 'The label says at least 46 but value=40; make the prose and the value agree.',
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
      const fixes = [replaceFix(report, `Change the label to ${value}`, annotation.labelSpan, String(value))];
      if (labelInterval.precision === 'exact') {
        fixes.unshift(replaceFix(report, `Set value to ${labelInterval.stated}`, valueAttribute.valueSpan, String(labelInterval.stated)));
      }
      flag({
        span: annotation.labelSpan,
        message: `The label says ${formatInterval(labelInterval)} but value=${value}; make the prose and the value agree.`,
        fixes,
      });
    }
  },
};
