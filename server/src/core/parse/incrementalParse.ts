import type { Annotation, ForeignDirective, Incident, Report } from '../model.js';
import { PieceText, type TextLike } from '../pieceText.js';
import type { Span } from '../text.js';
import { isLineBreakCode, LineIndex } from '../text.js';
import { closed, closesLiteral, endOfFrontMatter, frontMatterUnclosed, isBoundary, lineEndOf, lineStartOf, literalClosed, newBlockId, normalizeLabel, openBlockIn, reportOf, uncheckedIn, type Block } from './blocks.js';
import { CHUNK_SIZE, parseChunked, parseChunkedInSteps, parseSlice, type ParsedSlice } from './chunkedParse.js';
import type { PastEnd } from './hostileShapes.js';

export interface ParsedReport {
  report: Report;
  blocks: readonly Block[];
  /** How many characters the last parse gave the parser (each region it tried counted), for tests and benchmarks. */
  reparsed: number;
  /** Tells parses apart: results kept for one parse are re-used only by the parse made from it. */
  serial?: number;
  /** How this parse was made from the previous one, when it was made by re-parsing some blocks. */
  edit?: ParseEdit;
}

/**
 * One edit between the text of the parse `from` and this one: `[start, oldEnd)` of the old text
 * was replaced, changing its length by `delta`, and the blocks `replaced` (with their model, at
 * the old offsets) gave way to `fresh`. Lets report-scoped findings be moved instead of recomputed
 * when the model came out the same (runRules.ts).
 */
export interface ParseEdit {
  from: number;
  start: number;
  oldEnd: number;
  delta: number;
  /** Whether the old or the new text of the edit holds a line break, or the edit touches one (lines may change). */
  lineBreaks: boolean;
  replaced: readonly Block[];
  fresh: readonly Block[];
}

let nextSerial = 1;

/** Parses the whole text, region by region (chunkedParse.ts): the same blocks as one remark call, in less time and memory. */
export function parseFull(text: string, chunkSize = CHUNK_SIZE): ParsedReport {
  const blocks = parseChunked(text, chunkSize);
  return { report: reportOf(text, blocks), blocks, reparsed: text.length, serial: nextSerial++ };
}

/** parseFull one region a step (parseChunkedInSteps); the last step also builds the report. */
export function* parseFullInSteps(text: string, chunkSize = CHUNK_SIZE): Generator<void, ParsedReport> {
  const blocks = yield* parseChunkedInSteps(text, chunkSize);
  return { report: reportOf(text, blocks), blocks, reparsed: text.length, serial: nextSerial++ };
}

/**
 * Re-parses only the top-level blocks around the change (parseIncremental), or, where the change
 * alters how the whole text reads (front matter opened or closed, a link reference definition
 * changed, a change no region can hold), parses the whole text.
 */
export function parseIncremental(previous: ParsedReport, text: TextLike): ParsedReport {
  return parseIncrementalOnly(previous, text) ?? parseFull(text.toString());
}

/**
 * Re-parses only the top-level blocks around the change between the previous
 * text and this one, widening until block structure is stable again (a new
 * fence or `:::` line can swallow the rest of the document), and splices the
 * result between the untouched blocks, which are moved in place: `previous` is
 * consumed, and neither it nor its report may be used afterwards. Undefined, with
 * `previous` left as it was, when the whole text must be parsed again.
 */
export function parseIncrementalOnly(previous: ParsedReport, text: TextLike): ParsedReport | undefined {
  const oldText = previous.report.text;
  if (oldText === text) return { ...previous, reparsed: 0 };
  const blocks = previous.blocks;
  if (blocks.length === 0) return undefined;
  // A `---` first line never closed leaves the whole document without lists or block quotes.
  const head = frontMatterHead(text);
  const oldHead = frontMatterHead(oldText);
  const frontMatterEnd = endOfFrontMatterIn(head, text.length);
  if (frontMatterEnd === undefined || endOfFrontMatterIn(oldHead, oldText.length) === undefined) return undefined;
  // Closing a `---` line's front matter, or opening one that no line closes, changes how the whole text is read.
  if (frontMatterUnclosed(head) !== frontMatterUnclosed(oldHead)) return undefined;

  const shortest = Math.min(oldText.length, text.length);
  const prefix = commonPrefix(oldText, text, shortest);
  const suffix = commonSuffix(oldText, text, shortest - prefix);
  const delta = text.length - oldText.length;
  const changeEnd = oldText.length - suffix;

  // The blocks the change touches, and one neighbour on each side, but for a change inside one block.
  let first = firstEndingAtOrAfter(blocks, prefix);
  if (first === blocks.length) first = blocks.length - 1;
  let last = first;
  while (last + 1 < blocks.length && blocks[last + 1]!.start <= changeEnd) last++;
  // First: it gives the line each region starts on.
  const lines = LineIndex.afterEdit(previous.report.lines, text, prefix, changeEnd, delta);
  const consumed = (from: number, to: number, fresh: Block[], reparsed: number) => spliceParse(previous, text, lines, { prefix, changeEnd, delta }, from, to, fresh, reparsed);

  if (first === last) {
    const literal = editedLiteral(oldText, text, blocks[first]!, prefix, changeEnd, delta);
    if (literal) return consumed(first, last, [literal], 0);
  }
  if (first !== last || !betweenEdgeLines(oldText, blocks[first]!, prefix, changeEnd)) {
    first = Math.max(0, first - 1);
    last = Math.min(blocks.length - 1, last + 1);
  }
  // Link reference definitions: `[x]` anywhere is a reference when `[x]: …` is defined anywhere.
  const defining: number[] = [];
  blocks.forEach((block, index) => {
    if (block.definitions) defining.push(index);
  });
  let widenBy = 1;
  let touchedRegion: number | undefined;
  /** What the region parses so far gave the parser, every widening counted. */
  let reparsed = 0;
  for (;;) {
    // A region starts at a boundary (blocks.ts: the start of a line after a blank one, not
    // white space) after a block that nothing after it can change: not open, not indented code.
    while (first > 0 && !(boundaryAfter(oldText, blocks[first - 1]!, blocks[first]!) && closed(oldText, blocks[first - 1]!))) first--;
    const regionStart = first === 0 ? 0 : lineStartOf(oldText, blocks[first]!.start);
    // It ends at a boundary too, where the blocks after it were parsed as they would be on their
    // own: not after indented code, which makes `2) item` after it a paragraph.
    while (last + 1 < blocks.length && !(boundaryAfter(oldText, blocks[last]!, blocks[last + 1]!) && !indentedCode(oldText, blocks[last]!))) last++;
    const oldRegionEnd = last + 1 < blocks.length ? lineStartOf(oldText, blocks[last + 1]!.start) : oldText.length;
    const newRegionEnd = oldRegionEnd + delta;
    if (first === 0 && newRegionEnd < frontMatterEnd) {
      // A region that opens the document holds its front matter whole: an edit can move its closing line.
      last++;
      continue;
    }
    if (newRegionEnd < regionStart || regionStart > prefix || oldRegionEnd < changeEnd) {
      // The change is not inside the region (it spans a boundary in a way the region cannot hold).
      return undefined;
    }

    // The region is parsed with the definitions outside it in force, as the whole text would be.
    const outside = new Map<string, string>();
    for (const index of defining) {
      const { labels, inContainer } = blocks[index]!.definitions!;
      // One in a container counts only for what micromark tokenizes after it: the whole text is parsed in one call.
      if (inContainer) return undefined;
      if (index < first || index > last) for (const label of labels) outside.set(normalizeLabel(label), label);
    }
    const needed = outside.size > 0 && text.slice(regionStart, newRegionEnd).includes('[') ? [...outside.values()] : [];
    // Widened by more than a region's worth past the blocks the edit touched (an open block
    // swallowing what follows), or a region that is a good part of the report (a fence closed
    // above the rest of it): a whole parse, which the server runs between other work
    // (parseFullInSteps), instead of one remark call that holds it.
    const size = newRegionEnd - regionStart;
    touchedRegion ??= size;
    if (size > touchedRegion + WIDEST_REGION || (size > WIDEST_REGION && size * 4 > text.length)) return undefined;
    const { blocks: fresh, tailOpen } = parseRegionOf(text, regionStart, newRegionEnd, lines.positionAt(regionStart).line, needed);
    reparsed += size;
    const tail = fresh[fresh.length - 1];
    const boundaryStable =
      last + 1 >= blocks.length || (isBoundary(text, newRegionEnd) && (tail === undefined || (!tailOpen && closed(text, tail))));
    if (!boundaryStable) {
      // Twice as many blocks each time: widened one block at a time, an unclosed fence typed above
      // the rest of a report parsed a longer region for each block below it, 4.3 s for the
      // keystroke that typed a third `~` at 100 KiB (quadratic; minutes at 1 MiB).
      last = Math.min(blocks.length - 1, last + widenBy);
      widenBy *= 2;
      continue;
    }
    if (changesDefinitions(blocks.slice(first, last + 1), fresh, outside)) {
      // A definition added, removed or renamed can change any reference in the document.
      return undefined;
    }
    return consumed(first, last, fresh, reparsed);
  }
}

/**
 * How far a region may widen past the blocks an edit touched and their neighbours (an open block
 * swallowing what follows it) before a whole parse is the better way for the server: a region is one
 * remark call, which holds the thread (about 70 ms for 64 KB of a report's prose), while a whole
 * parse runs region by region between other work.
 */
export const WIDEST_REGION = 64 * 1024;

/**
 * The parse of the edited text: `fresh` in place of blocks `first` to `last` of `previous`, the
 * blocks after them moved by the edit's `delta` in place (`previous` is consumed).
 */
function spliceParse(
  previous: ParsedReport,
  text: TextLike,
  lines: LineIndex,
  change: { prefix: number; changeEnd: number; delta: number },
  first: number,
  last: number,
  fresh: Block[],
  reparsed: number,
): ParsedReport {
  const { prefix, changeEnd, delta } = change;
  const blocks = previous.blocks;
  for (let index = last + 1; index < blocks.length; index++) moveBlock(blocks[index]!, delta);
  const replacedBlocks = blocks.slice(first, last + 1);
  // splice counts the previous blocks' directives, so it goes before they are replaced.
  const report = splice(previous, first, last, fresh, text, lines);
  // The previous parse is consumed: its list of blocks becomes this one's.
  const spliced = replaceInPlace(blocks as Block[], first, last + 1 - first, fresh);
  // The same regions (moved with their blocks) unless the edit replaced or made one: a scan of
  // every block was 0.4 ms of a 5 MiB report's keystroke.
  const regionsChanged = replacedBlocks.some((block) => block.unchecked) || fresh.some((block) => block.unchecked);
  report.unchecked = regionsChanged ? uncheckedIn(spliced) : previous.report.unchecked;
  report.openBlock = openBlockIn(text, spliced);
  const edit: ParseEdit | undefined =
    previous.serial === undefined
      ? undefined
      : { from: previous.serial, start: prefix, oldEnd: changeEnd, delta, lineBreaks: touchesLineBreak(previous.report.text, text, prefix, changeEnd, delta), replaced: replacedBlocks, fresh };
  return { report, blocks: spliced, reparsed, serial: nextSerial++, ...(edit ? { edit } : {}) };
}

/**
 * A block read as text (a fenced code block, or HTML that only an end marker closes: Block.literal)
 * after an edit of its content lines alone that leaves it closed, or open, as it was: nothing in it
 * is parsed again, and the block only grows or shrinks by the edit. Undefined for any other block or
 * edit: one on its first or closing line, or one that writes a line that would close it. Typed below
 * a fence or an HTML comment never closed, every keystroke re-parsed all the rest of the report as
 * its content (50 ms at 100 KiB; 400 ms at 1 MiB under an open `<!--`).
 */
function editedLiteral(oldText: TextLike, text: TextLike, block: Block, prefix: number, changeEnd: number, delta: number): Block | undefined {
  const literal = block.literal;
  if (!literal) return undefined;
  // After the first line and its line break.
  let contentStart = lineEndOf(oldText, block.start, block.end);
  if (contentStart >= block.end) return undefined;
  contentStart += oldText.charCodeAt(contentStart) === 13 && oldText.charCodeAt(contentStart + 1) === 10 ? 2 : 1;
  if (prefix < contentStart) return undefined;
  const newEnd = changeEnd + delta;
  if (!literalClosed(oldText, block)) {
    if (changeEnd > block.end) return undefined;
  } else {
    // Before the closing line, which stays as it was at the start of a line.
    const closingStart = lineStartOf(oldText, block.end);
    if (changeEnd > closingStart || (changeEnd === closingStart && !atLineStart(text, newEnd))) return undefined;
  }
  // No line the edit wrote or joined may now close it; the line it ends at is one of them unless it
  // started a line before the edit and still does.
  const from = lineStartOf(text, prefix);
  const to = atLineStart(oldText, changeEnd) && atLineStart(text, newEnd) ? newEnd : lineEndOf(text, newEnd);
  for (const line of text.slice(from, to).split(/\r\n|\r|\n/)) if (closesLiteral(literal, line)) return undefined;
  return { ...block, id: newBlockId(), end: block.end + delta, spans: undefined };
}

/** Whether `offset` starts a line of `text` (not between the \r and \n of one line break). */
function atLineStart(text: TextLike, offset: number): boolean {
  if (offset === 0) return true;
  const before = text.charCodeAt(offset - 1);
  return before === 10 || (before === 13 && text.charCodeAt(offset) !== 10);
}

/**
 * Where the front matter that opens `text` ends (after a byte order mark, which micromark drops),
 * 0 without front matter or when its `---` line is never closed (then the text is Markdown from
 * that line, blocks.ts), undefined when it is closed by the text's last line, which cannot be told
 * apart from a longer text's, or when a byte order mark precedes a `---` line never closed.
 */
function endOfFrontMatterIn(text: string, length: number): number | undefined {
  const mark = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = mark === 0 ? text : text.slice(1);
  const end = endOfFrontMatter(body);
  if (end === 0) return mark === 1 && frontMatterUnclosed(body) ? undefined : 0;
  return end === length - mark ? undefined : end + mark;
}

/**
 * How much of a report in pieces the front-matter questions read (frontMatterHead): `first`
 * characters, then `characters` when the first cannot answer. A report's front matter is a few
 * lines, and slicing 64 K characters of each version (twice a keystroke, the old text and the new)
 * was 0.8 ms of a 1 MiB report's 15 ms keystroke in the server's profile. Tests make both short,
 * so that their short documents take the same ways as long reports.
 */
export const frontMatterHeadLength = { first: 1_024, characters: 65_536 };

/**
 * The text as a string for the front-matter questions (endOfFrontMatterIn, frontMatterUnclosed),
 * which read it from its start with regular expressions: a text in pieces gives its first
 * frontMatterHeadLength.first characters, else its first .characters, when they answer as the whole text
 * would (its first line is not `---`, or its front matter is closed inside them with a character
 * to spare), and is joined into one string only otherwise.
 */
function frontMatterHead(text: TextLike): string {
  if (typeof text === 'string') return text;
  for (const length of [Math.min(frontMatterHeadLength.first, frontMatterHeadLength.characters), frontMatterHeadLength.characters]) {
    const head = text.slice(0, length);
    if (head.length === text.length) return text.toString();
    if (answersAsWhole(head)) return head;
  }
  return text.toString();
}

/** Whether the front-matter questions read from `head`, the start of a longer text, answer as from the whole. */
function answersAsWhole(head: string): boolean {
  const body = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  const firstLineEnd = body.search(/[\r\n]/);
  if (firstLineEnd >= 0 && firstLineEnd + 1 < body.length && !/^---[ \t]*(?:\r\n|\r|\n)/.test(body)) return true;
  const end = endOfFrontMatter(body);
  return end > 0 && end < body.length;
}

/**
 * parseSlice of `[start, end)` of a text that may be in pieces. A string is read as it is. Of a text
 * in pieces, the region is taken as one string with the line break before it (so that it is not read
 * as the start of a document) and the character after it (which, with whether the region ends the
 * text, is what the parse reads past the region), and the blocks are moved to the text's offsets.
 * The scan for shapes the parser is slow on reads on past the region when a container is still open
 * at its end, by its count (is it closed anywhere below?): such a region is parsed again from the
 * whole text, joined.
 */
function parseRegionOf(text: TextLike, start: number, end: number, line: number, labels: readonly string[]): ParsedSlice {
  if (typeof text === 'string') return parseSlice(text, start, end, line, labels, undefined);
  const windowEnd = Math.min(text.length, end + 1);
  const from = Math.max(0, start - 1);
  const past: PastEnd = { read: false };
  const parsed = parseSlice(text.slice(from, windowEnd), start - from, end - from, line, labels, undefined, past);
  if (past.read) return parseSlice(text.toString(), start, end, line, labels, undefined);
  if (from > 0) for (const block of parsed.blocks) moveBlock(block, from);
  return parsed;
}

/** Whether the document defines other labels with the blocks `after` instead of `before`, or one in a container. */
function changesDefinitions(before: readonly Block[], after: readonly Block[], outside: ReadonlyMap<string, string>): boolean {
  const keys = (blocks: readonly Block[]) => {
    const found = new Set<string>();
    for (const block of blocks) for (const label of block.definitions?.labels ?? []) found.add(normalizeLabel(label));
    return found;
  };
  if (after.some((block) => block.definitions?.inContainer)) return true;
  const old = keys(before);
  const fresh = keys(after);
  for (const key of old) if (!fresh.has(key) && !outside.has(key)) return true;
  for (const key of fresh) if (!old.has(key) && !outside.has(key)) return true;
  return false;
}

/**
 * Whether the line of `block` is a region boundary after the block `before` it, and after all of
 * it: a setext heading after a link reference definition starts where the definition does, and
 * both are top-level nodes (`[x]: /u⏎Title⏎===`).
 */
function boundaryAfter(text: TextLike, before: Block, block: Block): boolean {
  const line = lineStartOf(text, block.start);
  return line >= before.end && isBoundary(text, line);
}

/**
 * Whether `[start, end)` lies inside a closed block, off its first and last lines: such a change
 * cannot make the block join the one before it (its first line, which decides that, stays) and
 * leaves its last line, so the region is the block alone, and the checks below widen it when the
 * change made it end elsewhere (a `:::` or fence line typed inside leaves its old last line open).
 * Most of a report's text is inside incidents and paragraphs of several lines: at 1 MiB a keystroke
 * there parsed the block and a neighbour on each side, 1.7 KB at the median of the bench's keystrokes.
 */
function betweenEdgeLines(text: TextLike, block: Block, start: number, end: number): boolean {
  if (!closed(text, block) || start <= block.start || end >= block.end) return false;
  return lineStartOf(text, start) > block.start && end < lineStartOf(text, block.end) - 1;
}

/** Indented code: micromark parses the line after it, past blank lines, as if it interrupted a paragraph. */
function indentedCode(text: TextLike, block: Block): boolean {
  const first = text.charCodeAt(block.start);
  return first === 32 /* space */ || first === 9 /* tab */;
}

/**
 * Whether lines may differ after replacing `[start, oldEnd)`: a line break in what went or came,
 * or an edit between the \r and the \n of one line break (which it splits or joins).
 */
function touchesLineBreak(oldText: TextLike, text: TextLike, start: number, oldEnd: number, delta: number): boolean {
  if (oldText.charCodeAt(start - 1) === 13 && oldText.charCodeAt(oldEnd) === 10) return true;
  for (let at = start; at < oldEnd; at++) if (isLineBreakCode(oldText.charCodeAt(at))) return true;
  for (let at = start; at < oldEnd + delta; at++) if (isLineBreakCode(text.charCodeAt(at))) return true;
  return false;
}

/**
 * Compares a few KB at a time (a slice compares as one memcmp) and only the differing
 * chunk character by character: 1 MB scanned one character at a time took about 3 ms.
 */
const SCAN_CHUNK = 4096;

/**
 * `list` with `count` items from `start` replaced by `items`, in place: the previous parse is
 * consumed, and its lists are the next one's. A 5 MiB report's 21,800 annotations copied into a
 * new list on every keystroke (four lists, and the blocks) were arrays too large for V8's young
 * generation, made on fresh pages: 0.75 ms each here, and survivors of the next scavenge. A long
 * paste is copied instead, since spread arguments have a limit.
 */
function replaceInPlace<T>(list: T[], start: number, count: number, items: readonly T[]): T[] {
  if (items.length === count) {
    for (let index = 0; index < count; index++) list[start + index] = items[index]!;
    return list;
  }
  if (items.length > 10_000) return list.slice(0, start).concat(items, list.slice(start + count));
  list.splice(start, count, ...items);
  return list;
}

/**
 * The first block whose end is at or after `offset` (blocks.length if none), by bisection: blocks
 * are in document order and do not overlap, and a 5 MiB report has tens of thousands.
 */
function firstEndingAtOrAfter(blocks: readonly Block[], offset: number): number {
  let low = 0;
  let high = blocks.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (blocks[middle]!.end < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Where `a` and `b` first differ (at most `limit`). Two versions of an open report in pieces share
 * the pieces an edit did not touch, which are skipped unread: comparing 4 KB slices from the start
 * joined a slice at every seam between pieces, 5 MB of strings a keystroke at 5 MiB (with the
 * suffix below), which the young generation then collected.
 */
function commonPrefix(a: TextLike, b: TextLike, limit: number): number {
  let at = a instanceof PieceText && b instanceof PieceText ? Math.min(limit, a.sharedPrefixLength(b)) : 0;
  while (at + SCAN_CHUNK <= limit && a.slice(at, at + SCAN_CHUNK) === b.slice(at, at + SCAN_CHUNK)) at += SCAN_CHUNK;
  while (at < limit && a.charCodeAt(at) === b.charCodeAt(at)) at++;
  return at;
}

function commonSuffix(a: TextLike, b: TextLike, limit: number): number {
  let length = a instanceof PieceText && b instanceof PieceText ? Math.min(limit, a.sharedSuffixLength(b)) : 0;
  while (length + SCAN_CHUNK <= limit && a.slice(a.length - length - SCAN_CHUNK, a.length - length) === b.slice(b.length - length - SCAN_CHUNK, b.length - length)) {
    length += SCAN_CHUNK;
  }
  while (length < limit && a.charCodeAt(a.length - 1 - length) === b.charCodeAt(b.length - 1 - length)) length++;
  return length;
}

/**
 * Moves a block that an edit before it did not touch, in place. Copying instead cost about
 * 16 ms per keystroke in a 1 MB report (every annotation after the edit, with its spans and
 * attribute map); moving numbers costs well under one. It also keeps the annotations' identity,
 * so what was computed from them (block findings, what a count label says) stays attached.
 */
function moveBlock(block: Block, delta: number): void {
  if (delta === 0) return;
  block.start += delta;
  block.end += delta;
  // Gathered once per block into one list: walking directives and attribute maps on every
  // keystroke cost about 2.7 ms at 1 MiB.
  block.spans ??= spansOf(block);
  for (const span of block.spans) {
    span.start += delta;
    span.end += delta;
  }
}

/**
 * Gathers every block's spans ahead of the first edit, which would otherwise gather those of all
 * the blocks after it (moveBlock): for a server to run while it is idle after opening a report.
 */
export function gatherSpans(blocks: readonly Block[]): void {
  for (const block of blocks) block.spans ??= spansOf(block);
}

/** Every span in a block's share of the model, each once. */
function spansOf(block: Block): Span[] {
  const spans: Span[] = [];
  const ofDirective = (directive: Annotation | Incident | ForeignDirective) => {
    spans.push(directive.span, directive.nameSpan);
    if (directive.labelSpan) spans.push(directive.labelSpan);
    if (directive.attributesSpan) spans.push(directive.attributesSpan);
    for (const attribute of directive.attributes.values()) spans.push(attribute.span, attribute.valueSpan);
    for (const attribute of directive.ignoredAttributes ?? []) spans.push(attribute.span, attribute.valueSpan);
  };
  for (const incident of block.incidents) {
    ofDirective(incident);
    spans.push(incident.openingSpan, ...incident.contentBlocks);
  }
  for (const annotation of block.annotations) ofDirective(annotation);
  for (const directive of block.foreignDirectives) ofDirective(directive);
  for (const heading of block.headings) spans.push(heading.span);
  if (block.unchecked) spans.push(block.unchecked.span);
  return spans;
}

/**
 * The report with the blocks `first`…`last` of the previous one replaced by `fresh`: the lists
 * of incidents and annotations are spliced, not gathered again block by block.
 */
function splice(previous: ParsedReport, first: number, last: number, fresh: readonly Block[], text: TextLike, lines: LineIndex): Report {
  const before = { incidents: 0, annotations: 0, foreignDirectives: 0, headings: 0 };
  const replaced = { incidents: 0, annotations: 0, foreignDirectives: 0, headings: 0 };
  const add = (into: typeof before, block: Block) => {
    into.incidents += block.incidents.length;
    into.annotations += block.annotations.length;
    into.foreignDirectives += block.foreignDirectives.length;
    into.headings += block.headings.length;
  };
  for (let index = first; index <= last; index++) add(replaced, previous.blocks[index]!);
  // What comes before the replaced blocks, counted from the nearer end of the report.
  const count = previous.blocks.length;
  if (first <= count - 1 - last) for (let index = 0; index < first; index++) add(before, previous.blocks[index]!);
  else {
    const after = { incidents: 0, annotations: 0, foreignDirectives: 0, headings: 0 };
    for (let index = last + 1; index < count; index++) add(after, previous.blocks[index]!);
    for (const key of Object.keys(before) as (keyof typeof before)[]) before[key] = previous.report[key].length - replaced[key] - after[key];
  }
  const list = <K extends keyof typeof before>(key: K): Report[K] => {
    const added = fresh.flatMap((block) => block[key] as unknown[]);
    return replaceInPlace(previous.report[key] as unknown[], before[key], replaced[key], added) as Report[K];
  };
  return {
    text,
    lines,
    frontMatter: first === 0 ? fresh[0]?.frontMatter : previous.report.frontMatter,
    incidents: list('incidents'),
    annotations: list('annotations'),
    foreignDirectives: list('foreignDirectives'),
    headings: list('headings'),
    unchecked: [],
  };
}
