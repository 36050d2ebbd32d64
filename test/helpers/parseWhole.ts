import { blockOf, parseDocument, reportOf } from '../../server/src/core/parse/blocks.js';
import type { ParsedReport } from '../../server/src/core/parse/incrementalParse.js';

/**
 * The test oracle of the parser: the whole text in one remark call, with no regions and no
 * re-use. `parseFull` (region by region) and `parseIncremental` (after any edit) must give what
 * this gives; the product never calls it.
 */
export function parseWhole(text: string): ParsedReport {
  const blocks = parseDocument(text).children.map((node) => blockOf(node, text, text.length));
  return { report: reportOf(text, blocks), blocks, reparsed: text.length };
}
