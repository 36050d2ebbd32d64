import { blockOf, frontMatterUnclosed, parseBody, parseDocument, reportOf, shiftTree, UNCLOSED_FRONT_MATTER, uncheckedBlock, type Block } from '../../server/src/core/parse/blocks.js';
import type { ParsedReport } from '../../server/src/core/parse/incrementalParse.js';

/**
 * The test oracle of the parser: the whole text in one remark call, with no regions and no
 * re-use. `parseFull` (region by region) and `parseIncremental` (after any edit) must give what
 * this gives; the product never calls it. A `---` first line that no later line closes opens no
 * front matter: it is left unparsed, with its message, and the rest is Markdown (blocks.ts).
 */
export function parseWhole(text: string): ParsedReport {
  let blocks: Block[];
  if (frontMatterUnclosed(text)) {
    const lineEnding = text.search(/\r\n|\r|\n/);
    const firstLineEnd = lineEnding + (text.startsWith('\r\n', lineEnding) ? 2 : 1);
    const tree = parseBody(text.slice(firstLineEnd));
    shiftTree(tree, firstLineEnd, 1);
    blocks = [uncheckedBlock(text, 0, firstLineEnd, UNCLOSED_FRONT_MATTER, false), ...tree.children.map((node) => blockOf(node, text, text.length))];
  } else {
    blocks = parseDocument(text).children.map((node) => blockOf(node, text, text.length));
  }
  return { report: reportOf(text, blocks), blocks, reparsed: text.length };
}
