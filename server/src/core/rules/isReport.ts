import type { Report } from '../model.js';

/**
 * Whether the document is a report, which rules about the whole document (its front matter) may
 * speak of: it has incident markup (an `:::incident`, a `:count`, `:date`, `:actor` or `:place`,
 * or one of these names in the wrong form, such as `::count[…]`), or its front matter has one of
 * this tool's keys (`published`, `gazetteer`, `countries`, `totals`). Any other Markdown (a
 * README, a Jekyll page, the CommonMark specification) is none of this tool's business, whatever
 * its front matter holds.
 */
export function isReport(report: Report): boolean {
  return (
    report.incidents.length > 0 ||
    report.annotations.length > 0 ||
    report.foreignDirectives.some((directive) => directive.misusedName) ||
    (report.frontMatter?.reportKeys.length ?? 0) > 0
  );
}
