import type { Report } from '../model.js';
import type { Span } from '../text.js';

export interface FoldingSpan {
  kind: 'incident' | 'frontMatter';
  /** From the opening line (`:::incident{…}`, `---`) to the closing one (`:::`, `---`), which folds away with the body. */
  span: Span;
}

/**
 * What only this server knows how to fold: each incident block and the front matter. Headings,
 * lists, code and quotes are left to the editor's own Markdown folding: VS Code's Markdown
 * extension folds heading sections already and VS Code merges the ranges of every provider,
 * so ours would only double them; Neovim and Emacs fold Markdown by their own syntax modes.
 * An unclosed incident runs to the end of the report, as the parser reads it.
 */
export function foldingRanges(report: Report): FoldingSpan[] {
  const ranges: FoldingSpan[] = [];
  if (report.frontMatter) ranges.push({ kind: 'frontMatter', span: report.frontMatter.span });
  for (const incident of report.incidents) ranges.push({ kind: 'incident', span: incident.span });
  return ranges;
}
