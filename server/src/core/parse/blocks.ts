/**
 * Top-level blocks, what the chunked parse (chunkedParse.ts) and the incremental parse
 * (incrementalParse.ts) are both made of: a block and its share of the model, how it is made
 * from a node of remark's tree, whether what follows it can change it, the link reference
 * definitions in it, the region boundaries between blocks, and the report the blocks make.
 * Both parses build on this module; it imports neither.
 */
import type { TextLike } from '../pieceText.js';
import type { Nodes, Root, RootContent } from 'mdast';
import type { FrontMatter, OpenBlock, Report, UncheckedRegion } from '../model.js';
import { isLineBreakCode, LineIndex, type Span } from '../text.js';
import { collect, type ModelSink } from './buildModel.js';
import { readFrontMatter } from './frontMatter.js';
import { parseMarkdown, parseMarkdownBody } from './processor.js';

/**
 * One top-level block of the document (a paragraph, a list, a whole
 * `:::incident` container…) and its share of the model. Re-parsing only the
 * blocks an edit touches keeps a keystroke in a 1 MB report under a
 * millisecond of parsing instead of a second (see ../shared/facts).
 */
export interface Block extends ModelSink {
  /**
   * Identifies what was parsed, across versions: a block that is only moved by an
   * edit before it keeps its id, so results computed for it can be re-used.
   */
  id: number;
  /** Offsets of the node itself in the current text. */
  start: number;
  end: number;
  /** May swallow what follows when text after it changes: an unclosed fence or container, a list, raw HTML. */
  open: boolean;
  /** Every span of its model, gathered the first time the block is moved. */
  spans?: Span[];
  frontMatter: FrontMatter | undefined;
  /** The link reference definitions in it, which reach across the whole document; undefined without. */
  definitions: Definitions | undefined;
  /** Set on a block that was not parsed (hostileShapes.ts): it has no model, and this says why. */
  unchecked?: UncheckedRegion;
  /** A block read as text up to a closing line: an edit inside its content parses nothing (incrementalParse.ts). */
  literal?: Literal;
}

/**
 * What closes a block whose content is text, not Markdown: a fenced code block (a line of its
 * fence's character, at least as many), or raw HTML of CommonMark's kinds 1–5 (a comment,
 * `<pre>`, `<script>`…), which only a line holding its end marker closes: left open, either runs
 * to the end of the report.
 */
export type Literal = { kind: 'fence'; marker: '`' | '~'; length: number } | { kind: 'html'; what: 'comment' | 'block'; ends: readonly string[] };

/** CommonMark's HTML blocks that end at a marker (kinds 1–5), by their first line, and those markers. */
const HTML_LITERALS: ReadonlyArray<{ start: RegExp; what: 'comment' | 'block'; ends: readonly string[] }> = [
  { start: /^ {0,3}<(?:pre|script|style|textarea)(?:\s|>|$)/i, what: 'block', ends: ['</pre>', '</script>', '</style>', '</textarea>'] },
  { start: /^ {0,3}<!--/, what: 'comment', ends: ['-->'] },
  { start: /^ {0,3}<\?/, what: 'block', ends: ['?>'] },
  { start: /^ {0,3}<!\[CDATA\[/, what: 'block', ends: [']]>'] },
  { start: /^ {0,3}<![A-Za-z]/, what: 'block', ends: ['>'] },
];

/** Whether `line` closes a block of this kind. */
export function closesLiteral(literal: Literal, line: string): boolean {
  if (literal.kind === 'fence') return new RegExp(`^ {0,3}${literal.marker === '`' ? '`' : '~'}{${literal.length},}[ \\t]*$`).test(line);
  const lower = line.toLowerCase();
  return literal.ends.some((end) => lower.includes(end));
}

/** What to write to close such a block, for a message. */
export function closingOf(literal: Literal): string {
  return literal.kind === 'fence' ? literal.marker.repeat(literal.length) : literal.ends[0]!;
}

function literalOf(node: RootContent, firstLine: string): Literal | undefined {
  if (node.type === 'code') {
    const opener = FENCE_OPENER.exec(firstLine)?.[1];
    return opener ? { kind: 'fence', marker: opener[0] === '`' ? '`' : '~', length: opener.length } : undefined;
  }
  if (node.type !== 'html') return undefined;
  const html = HTML_LITERALS.find(({ start }) => start.test(firstLine));
  return html && { kind: 'html', what: html.what, ends: html.ends };
}

/**
 * Whether a block of this kind is closed: a fence by its own line (`open` says), HTML by a line
 * after its first that holds an end marker (a comment closed on its first line is one line, and
 * no edit is inside it).
 */
export function literalClosed(text: TextLike, block: Block): boolean {
  if (!block.literal) return false;
  if (block.literal.kind === 'fence') return !block.open;
  const lastLine = lineStartOf(text, block.end);
  return lastLine > block.start && closesLiteral(block.literal, text.slice(lastLine, block.end));
}

export interface Definitions {
  /** As written, in the order they come. */
  labels: string[];
  /** Whether one is in a directive container, which regions cannot reproduce (chunkedParse.ts). */
  inContainer: boolean;
}

/**
 * Parses text that starts the document. micromark drops a leading byte order mark and counts
 * offsets without it; they are moved back to count it, so that they are offsets in the text.
 */
export function parseDocument(source: string): Root {
  const tree = parseMarkdown(source);
  if (source.charCodeAt(0) === 0xfeff) shiftTree(tree, 1, 0);
  return tree;
}

/**
 * Parses text that does not start the document (a `---` line in it is a thematic break), its
 * offsets counting a leading byte order mark as parseDocument's do: no region starts with one, but
 * the Markdown after an unclosed front matter's `---` line does when that line is followed by one
 * (found by the incremental property test, seed 808814434).
 */
export function parseBody(source: string): Root {
  const tree = parseMarkdownBody(source);
  if (source.charCodeAt(0) === 0xfeff) shiftTree(tree, 1, 0);
  return tree;
}

let nextBlockId = 1;

function definitionsOf(node: RootContent): Definitions | undefined {
  let found: Definitions | undefined;
  definitionsIn(node, false, (label, inContainer) => {
    found ??= { labels: [], inContainer: false };
    found.labels.push(label);
    found.inContainer ||= inContainer;
  });
  return found;
}

export function blockOf(node: RootContent, text: string, regionEnd: number): Block {
  const block: Block = {
    id: nextBlockId++,
    start: node.position!.start.offset!,
    end: node.position!.end.offset!,
    open: isOpen(node, text, regionEnd),
    frontMatter: undefined,
    definitions: definitionsOf(node),
    incidents: [],
    annotations: [],
    foreignDirectives: [],
    headings: [],
  };
  // Front matter opens the document, after a byte order mark if there is one.
  if (node.type === 'yaml' && block.start === (text.charCodeAt(0) === 0xfeff ? 1 : 0)) block.frontMatter = readFrontMatter(node, text);
  else collect(node, undefined, block, text);
  if (node.type === 'code' || node.type === 'html') {
    const literal = literalOf(node, text.slice(lineStartOf(text, block.start), lineEndOf(text, block.start, block.end)));
    if (literal) block.literal = literal;
  }
  return block;
}

/** A new block's id, for a block made from another without parsing (incrementalParse.ts). */
export function newBlockId(): number {
  return nextBlockId++;
}

/**
 * A block that is not parsed: the text from `start` to `end` (a region of hostileShapes.ts), with
 * no model and one message at its first line. `open` when it reaches the end of what was parsed
 * and text follows, which may continue it.
 */
export function uncheckedBlock(text: string, start: number, end: number, message: string, open: boolean): Block {
  let contentEnd = end;
  while (contentEnd > start && /\s/.test(text.charAt(contentEnd - 1))) contentEnd--;
  const firstLineEnd = lineEndOf(text, start, contentEnd);
  return {
    id: nextBlockId++,
    start,
    end: contentEnd,
    open,
    frontMatter: undefined,
    definitions: undefined,
    incidents: [],
    annotations: [],
    foreignDirectives: [],
    headings: [],
    unchecked: { span: { start, end: firstLineEnd }, message },
  };
}

const FENCE_OPENER = /^ {0,3}(`{3,}|~{3,})/;
const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})\s*$/;

export function isOpen(node: RootContent, text: string, regionEnd: number): boolean {
  const end = node.position!.end.offset!;
  const reachesEnd = text.slice(end, regionEnd).trim() === '';
  switch (node.type) {
    case 'list':
    case 'blockquote':
      // A following indented or lazy line may continue them.
      return true;
    case 'html':
      return reachesEnd;
    case 'code': {
      // Lines end with \n, \r\n or a lone \r; a fence closes only with its own character, at least as
      // many times (CommonMark): a ``` line inside a ~~~ fence is its content, not its end.
      const lines = text.slice(node.position!.start.offset!, end).split(/\r\n|\r|\n/);
      const opener = FENCE_OPENER.exec(lines[0] ?? '')?.[1];
      if (opener === undefined) return false;
      const closer = lines.length < 2 ? undefined : FENCE_LINE.exec(lines[lines.length - 1]!)?.[1];
      return !(closer !== undefined && closer[0] === opener[0] && closer.length >= opener.length);
    }
    case 'containerDirective':
      return node.data?.position?.closing === undefined;
    default:
      return false;
  }
}

type Point = { line: number; column: number; offset?: number | undefined };

/** Moves every position in a subtree, including directives' verbose positions, by one offset and line count. */
export function shiftTree(tree: Root, offset: number, lines: number): void {
  const seen = new Set<Point>();
  const shiftPoint = (point: Point | undefined) => {
    if (!point || seen.has(point)) return;
    seen.add(point);
    point.line += lines;
    if (point.offset !== undefined) point.offset += offset;
  };
  const shiftPosition = (position: { start: Point; end: Point } | undefined) => {
    shiftPoint(position?.start);
    shiftPoint(position?.end);
  };
  const visit = (node: { position?: { start: Point; end: Point }; data?: unknown; children?: unknown[] }) => {
    shiftPosition(node.position);
    const data = node.data as { position?: { opening?: never; closing?: never; attributes?: Record<string, never> }; ignoredAttributes?: { position: never }[] } | undefined;
    const extra = data?.position;
    if (extra) {
      shiftPosition(extra.opening);
      shiftPosition(extra.closing);
      for (const attribute of Object.values(extra.attributes ?? {})) shiftPosition(attribute);
    }
    for (const ignored of data?.ignoredAttributes ?? []) shiftPosition(ignored.position);
    for (const child of node.children ?? []) visit(child as never);
  };
  for (const child of tree.children) visit(child as never);
}

/**
 * Whether nothing after this block, past a blank line, can be parsed differently because of it:
 * not `open`, and not indented code. micromark keeps indented code going over blank lines in
 * case more indented lines follow, and meanwhile parses the next line as if it interrupted a
 * paragraph: `2) item` after it is a paragraph, not a list, in one call over the whole text.
 */
export function closed(text: TextLike, block: Block): boolean {
  const first = text.charCodeAt(block.start);
  return !block.open && first !== 32 /* space */ && first !== 9 /* tab */;
}

const DEFINITION_HOLDERS = new Set(['blockquote', 'list', 'listItem', 'containerDirective']);

export function definitionsIn(node: Nodes, inContainer: boolean, found: (label: string, inContainer: boolean) => void): void {
  if (node.type === 'definition') found(node.label ?? node.identifier, inContainer);
  else if (DEFINITION_HOLDERS.has(node.type) && 'children' in node) {
    for (const child of node.children) definitionsIn(child, inContainer || node.type === 'containerDirective', found);
  }
}

/** The key micromark matches references to definitions by (micromark-util-normalize-identifier). */
export function normalizeLabel(label: string): string {
  return label.replace(/[\t\n\r ]+/g, ' ').replace(/^ | $/g, '').toLowerCase().toUpperCase();
}

/** The start of the line that `offset` is on (after `\n`, `\r\n` or `\r`). */
export function lineStartOf(text: TextLike, offset: number): number {
  let index = offset;
  while (index > 0 && text.charCodeAt(index - 1) !== 10 && text.charCodeAt(index - 1) !== 13) index--;
  return index;
}

/** The end of the line that `offset` is on (before its `\n`, `\r\n` or `\r`), or `limit` if that comes first. */
export function lineEndOf(text: TextLike, offset: number, limit = text.length): number {
  let index = offset;
  while (index < limit && !isLineBreakCode(text.charCodeAt(index))) index++;
  return index;
}

/** Whether `offset` is a region boundary: the start of a line after a blank line, not white space (chunkedParse.ts's BOUNDARY). */
export function isBoundary(text: TextLike, offset: number): boolean {
  const code = text.charCodeAt(offset - 1);
  if (offset < 2 || (code !== 10 && code !== 13)) return false;
  // The line ending before `offset` (\n, \r\n or a lone \r), and the line before it, which must be blank.
  const lineEnd = code === 10 && text.charCodeAt(offset - 2) === 13 ? offset - 2 : offset - 1;
  const previousLine = lineStartOf(text, lineEnd);
  return /^[ \t]*$/.test(text.slice(previousLine, lineEnd)) && /\S/.test(text.charAt(offset));
}

/**
 * Where front matter that opens the text ends (after its closing `---` or `...` line), so that
 * the first region holds all of it; 0 without front matter, and 0 when its `---` line is never
 * closed: that text is no front matter (frontMatterUnclosed) and is parsed region by region as
 * Markdown, from a thematic break. (One remark call over it took 38 s on a large report: the
 * front-matter syntax leaves the whole document without block quotes or lists, which only one
 * call over the whole text reproduced.)
 */
export function endOfFrontMatter(text: string): number {
  const opening = /^---[ \t]*(?=\r\n|\r|\n)/.exec(text);
  if (!opening) return 0;
  // Closed by `---` or by YAML's end of document `...`, as frontMatterSyntax.ts reads it: a
  // `...`-closed front matter read as never closed would make every keystroke parse the whole text.
  const closing = /(?:\r\n|\r|\n)(?:---|\.\.\.)[ \t]*(?=\r\n|\r|\n|$)/g;
  closing.lastIndex = opening[0].length;
  const match = closing.exec(text);
  return match ? match.index + match[0].length : 0;
}

/** Whether the text opens with a `---` line that no later `---` or `...` line closes: then it has no front matter. */
export function frontMatterUnclosed(text: string): boolean {
  return /^---[ \t]*(?:\r\n|\r|\n)/.test(text) && endOfFrontMatter(text) === 0;
}

/** What the unparsed first line of a text whose front matter is never closed says. */
export const UNCLOSED_FRONT_MATTER =
  'This `---` line opens front matter that is never closed, so no front matter is read (published, gazetteer, countries) and the lines below are read as Markdown: add a `---` line where the front matter ends.';

/** The report that blocks parsed from `text` make, in document order. */
export function reportOf(text: string, blocks: readonly Block[]): Report {
  const report: Report = {
    text,
    lines: new LineIndex(text),
    frontMatter: blocks[0]?.frontMatter,
    incidents: [],
    annotations: [],
    foreignDirectives: [],
    headings: [],
    unchecked: uncheckedIn(blocks),
    openBlock: openBlockIn(text, blocks),
  };
  for (const block of blocks) {
    for (const incident of block.incidents) report.incidents.push(incident);
    for (const annotation of block.annotations) report.annotations.push(annotation);
    for (const directive of block.foreignDirectives) report.foreignDirectives.push(directive);
    for (const heading of block.headings) report.headings.push(heading);
  }
  return report;
}

/** A fence or an HTML comment (kinds 1–5) never closed: the last block, when it is one (it runs to the end of the text). */
export function openBlockIn(text: TextLike, blocks: readonly Block[]): OpenBlock | undefined {
  const last = blocks[blocks.length - 1];
  if (!last?.literal || literalClosed(text, last)) return undefined;
  const literal = last.literal;
  return { span: { start: last.start, end: lineEndOf(text, last.start, last.end) }, what: literal.kind === 'fence' ? 'code fence' : literal.what === 'comment' ? 'HTML comment' : 'HTML block', closeWith: closingOf(literal) };
}

/** The regions of the blocks that were not parsed, in document order. */
export function uncheckedIn(blocks: readonly Block[]): UncheckedRegion[] {
  const found: UncheckedRegion[] = [];
  for (const block of blocks) if (block.unchecked) found.push(block.unchecked);
  return found;
}
