import type { Heading, Report } from '../model.js';
import type { Span } from '../text.js';

/** A heading and the part of the report it heads. */
export interface HeadingSection {
  heading: Heading;
  /**
   * From the heading to the next heading of its level or above, without the blank lines before
   * that heading, so that an editor highlighting the section does not run onto the next one; or
   * to the very end of the report, where an unclosed incident also ends (after the last line
   * break), so that the section holds it.
   */
  span: Span;
}

/** Every heading's section, in document order; a section holds the sections of its deeper headings. */
export function headingSections(report: Report): HeadingSection[] {
  const sections: HeadingSection[] = [];
  const open: HeadingSection[] = [];
  const close = (section: HeadingSection, next: number) => {
    let end = next;
    while (end > section.heading.span.end && /\s/.test(report.text.charAt(end - 1))) end--;
    section.span.end = end;
  };
  for (const heading of report.headings) {
    while (open.length > 0 && open[open.length - 1]!.heading.depth >= heading.depth) close(open.pop()!, heading.span.start);
    const section = { heading, span: { start: heading.span.start, end: heading.span.end } };
    sections.push(section);
    open.push(section);
  }
  for (const section of open) section.span.end = report.text.length;
  return sections;
}
