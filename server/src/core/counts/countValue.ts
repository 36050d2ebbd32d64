import type { Annotation, Report } from '../model.js';
import { PRECISIONS, type Precision } from '../vocabulary.js';
import { intervalFor, readCountLabel, type CountInterval } from './readCountLabel.js';

/** How far back qualifiers such as "at least" are looked for before a count. */
export const QUALIFIER_WINDOW = 40;

export interface CountValue {
  /** What the count means: `value` and `precision` when given, otherwise the label. */
  interval: CountInterval | undefined;
  /** What the label alone says. */
  labelInterval: CountInterval | undefined;
  /** The `value` attribute as a whole number, when it is one. */
  value: number | undefined;
  /** Why `value` could not be used. */
  valueProblem: string | undefined;
}

function proseBefore(report: Report, annotation: Annotation): string {
  const start = Math.max(0, annotation.span.start - QUALIFIER_WINDOW);
  const before = report.text.slice(start, annotation.span.start);
  const lastBreak = Math.max(before.lastIndexOf('\n\n'), before.lastIndexOf(']'), before.lastIndexOf('}'));
  return lastBreak >= 0 ? before.slice(lastBreak + 1) : before;
}

/** Reads a count once for every rule that needs its number. */
export function countValue(report: Report, annotation: Annotation): CountValue {
  // Keyed by the annotation object: an edit elsewhere only moves it (parseIncremental keeps it),
  // and an edit to its block, or to the last line of the block before it (all of the neighbour
  // that a qualifier can reach: its earlier lines lie behind that line), re-parses that block
  // into new annotations.
  let value = VALUES.get(annotation);
  if (!value) VALUES.set(annotation, (value = readCountValue(report, annotation)));
  return value;
}

const VALUES = new WeakMap<Annotation, CountValue>();

/** What countValue read for a count, if it read it: of an earlier version, whose text is gone, it cannot be read again. */
export function countValueRead(annotation: Annotation): CountValue | undefined {
  return VALUES.get(annotation);
}

function readCountValue(report: Report, annotation: Annotation): CountValue {
  const labelInterval = readCountLabel(annotation.label, proseBefore(report, annotation));
  const valueAttribute = annotation.attributes.get('value');
  const precisionAttribute = annotation.attributes.get('precision')?.value;
  const precision = (PRECISIONS as readonly string[]).includes(precisionAttribute ?? '')
    ? (precisionAttribute as Precision)
    : undefined;

  let value: number | undefined;
  let valueProblem: string | undefined;
  if (valueAttribute) {
    const text = valueAttribute.value.trim().replace(/[,\u00a0\u202f ](?=\d{3}\b)/g, '');
    if (!/^-?\d+(?:\.\d+)?$/.test(text)) {
      valueProblem = `value "${valueAttribute.value}" is not a number; write a whole number such as value=46.`;
    } else if (Number(text) < 0) {
      valueProblem = `value ${text} is negative; a count is a whole number of people, 0 or more.`;
    } else if (!Number.isInteger(Number(text))) {
      valueProblem = `value ${text} is fractional; a count is a whole number of people.`;
    } else {
      value = Number(text);
    }
  }

  let interval: CountInterval | undefined;
  if (value !== undefined && precision) interval = intervalFor(value, precision);
  else if (value !== undefined) {
    // A point figure inside a stated range ("40-50", value=45) does not narrow what the prose claims.
    const insideRange = labelInterval?.form === 'range' && value >= labelInterval.min && value <= labelInterval.max;
    interval = insideRange ? labelInterval : intervalFor(value, labelInterval?.precision ?? 'exact');
  } else if (labelInterval && precision && labelInterval.form === undefined) {
    interval = intervalFor(labelInterval.stated, precision);
  } else {
    // "dozens" with precision=exact and no value: there is no figure for the precision to qualify.
    interval = labelInterval;
  }
  return { interval, labelInterval, value, valueProblem };
}
