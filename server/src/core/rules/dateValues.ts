import { parseIsoDate, type IsoDateResult } from '../dates/isoDate.js';
import type { Report } from '../model.js';
import type { Span } from '../text.js';

export interface WrittenDate {
  text: string;
  span: Span;
  result: IsoDateResult;
  /** Where it was written: `:date value`, `:::incident date` or front-matter `published`. */
  where: string;
}

/** Every ISO date the markup states, parsed once for the date rules. */
export function writtenDates(report: Report): WrittenDate[] {
  const dates: WrittenDate[] = [];
  const published = report.frontMatter?.published;
  if (published) {
    dates.push({ text: published.value, span: published.span, result: parseIsoDate(published.value), where: 'published' });
  }
  for (const incident of report.incidents) {
    const date = incident.attributes.get('date');
    if (date) dates.push({ text: date.value, span: date.valueSpan, result: parseIsoDate(date.value), where: 'incident date' });
  }
  for (const annotation of report.annotations) {
    const value = annotation.kind === 'date' ? annotation.attributes.get('value') : undefined;
    if (value) dates.push({ text: value.value, span: value.valueSpan, result: parseIsoDate(value.value), where: 'date value' });
  }
  return dates;
}
