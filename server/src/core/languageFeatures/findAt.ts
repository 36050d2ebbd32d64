import type { Annotation, Attribute, Incident, Report } from '../model.js';
import { spanContains } from '../text.js';

export interface Located {
  directive: Annotation | Incident;
  /** The attribute whose value holds the offset, if any. */
  attribute: Attribute | undefined;
  /** True when the offset is inside the label. */
  inLabel: boolean;
}

/** The directive of ours at an offset: an annotation before its incident, since annotations sit inside incidents. */
export function findAt(report: Report, offset: number): Located | undefined {
  const annotation = report.annotations.find((candidate) => spanContains(candidate.span, offset));
  const incident = annotation
    ? undefined
    : report.incidents.find((candidate) => spanContains(candidate.openingSpan, offset));
  const directive = annotation ?? incident;
  if (!directive) return undefined;
  const attribute = [...directive.attributes.values()].find((candidate) => spanContains(candidate.span, offset));
  const inLabel = directive.labelSpan !== undefined && spanContains(directive.labelSpan, offset);
  return { directive, attribute, inLabel };
}
