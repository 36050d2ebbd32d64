import type { Annotation, Attribute, Incident, Report } from '../model.js';
import { spanContains, type Span } from '../text.js';
import { headingSections } from './headingSections.js';

/**
 * For each offset, the spans a selection grows through, innermost first, each holding the one
 * before it and the last the whole report. In a directive: an attribute's value, the attribute,
 * the `{…}` (or the label, or the name), the directive; for an incident's opening line, that
 * line, then the incident. Inside an incident: the block the offset is in (a paragraph, a list,
 * a quote), then the incident. Then the top-level block, the heading's section and the sections
 * around it, the report. In the front matter: a top-level value, then the front matter.
 *
 * `topLevelBlocks` are the parse's top-level blocks in document order (a paragraph, a list, a
 * whole incident), which the model does not keep. Blocks, annotations and headings are found by
 * binary search, so a long report costs a few steps per offset; incidents, which are few and
 * may nest, are scanned.
 */
export function selectionRanges(report: Report, topLevelBlocks: readonly Span[], offsets: readonly number[]): Span[][] {
  const sections = headingSections(report);
  const whole: Span = { start: 0, end: report.text.length };
  return offsets.map((offset) => {
    const found: Span[] = [];
    const annotation = containing(report.annotations, offset, (item) => item.span);
    if (annotation) found.push(...directiveParts(annotation, offset), annotation.span);
    for (const incident of report.incidents) if (spanContains(incident.span, offset)) found.push(...incidentParts(incident, offset));
    const frontMatter = report.frontMatter;
    if (frontMatter && spanContains(frontMatter.span, offset)) {
      for (const value of frontMatter.valueSpans.values()) if (spanContains(value, offset)) found.push(value);
      found.push(frontMatter.span);
    }
    const block = containing(topLevelBlocks, offset, (item) => item);
    if (block) found.push(block);
    const heading = containing(report.headings, offset, (item) => item.span);
    if (heading) found.push(heading.span);
    for (const section of sections) if (spanContains(section.span, offset)) found.push(section.span);
    return nested(found, whole);
  });
}

/** What an offset on a directive's opening can be in, smallest first: the value, its attribute, the `{…}`, the label, the name. */
function directiveParts(directive: Annotation | Incident, offset: number): Span[] {
  const parts: Span[] = [];
  const attribute = [...directive.attributes.values()].find((candidate: Attribute) => spanContains(candidate.span, offset));
  if (attribute) parts.push(attribute.valueSpan, attribute.span);
  for (const span of [directive.attributesSpan, directive.labelSpan, directive.nameSpan]) {
    if (span && spanContains(span, offset)) parts.push(span);
  }
  return parts;
}

function incidentParts(incident: Incident, offset: number): Span[] {
  if (spanContains(incident.openingSpan, offset)) return [...directiveParts(incident, offset), incident.openingSpan, incident.span];
  const block = containing(incident.contentBlocks, offset, (item) => item);
  return block ? [block, incident.span] : [incident.span];
}

/**
 * The spans as a chain from the innermost out: smallest first, each one kept only if it holds
 * the one kept before and is larger (spans that cross, such as a section that starts inside a
 * list, give way to the smaller); empty spans select nothing. The report closes the chain.
 */
function nested(spans: Span[], whole: Span): Span[] {
  const bySize = spans.filter((span) => span.end > span.start).sort((a, b) => a.end - a.start - (b.end - b.start));
  const chain: Span[] = [];
  for (const span of bySize) {
    const previous = chain[chain.length - 1];
    if (previous && !(span.start <= previous.start && previous.end <= span.end && span.end - span.start > previous.end - previous.start)) continue;
    chain.push({ start: span.start, end: span.end });
  }
  const last = chain[chain.length - 1];
  if (!last || last.start !== whole.start || last.end !== whole.end) chain.push(whole);
  return chain;
}

/**
 * The item whose span holds `offset`, among items in document order whose spans do not
 * overlap: the last one starting at or before it, found by binary search.
 */
function containing<T>(items: readonly T[], offset: number, spanOf: (item: T) => Span): T | undefined {
  let low = 0;
  let high = items.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (spanOf(items[middle]!).start <= offset) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  const item = found < 0 ? undefined : items[found];
  return item !== undefined && spanContains(spanOf(item), offset) ? item : undefined;
}
