import type { Annotation, Report } from '../model.js';
import type { Span } from '../text.js';

/**
 * The annotations that overlap `span` (all of them without one), in document order. Editors ask
 * semantic tokens and inlay hints for the lines on screen, so the first is found by binary search
 * rather than by a walk over every annotation of a long report. Annotations never overlap (one
 * inside another's label is not read), so their starts and their ends both ascend.
 */
export function annotationsIn(report: Report, span?: Span): readonly Annotation[] {
  const { annotations } = report;
  if (!span) return annotations;
  let low = 0;
  let high = annotations.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (annotations[middle]!.span.end <= span.start) low = middle + 1;
    else high = middle;
  }
  let end = low;
  while (end < annotations.length && annotations[end]!.span.start < span.end) end++;
  return annotations.slice(low, end);
}
