import type { Root } from 'mdast';
import { blockOf, closed, definitionsIn, endOfFrontMatter, frontMatterUnclosed, isBoundary, isOpen, lineStartOf, normalizeLabel, parseBody, parseDocument, shiftTree, UNCLOSED_FRONT_MATTER, uncheckedBlock, type Block } from './blocks.js';
import { hostileRegions, type PastEnd } from './hostileShapes.js';
import { parsingFromLine } from './parseProgress.js';
import { detached } from '../text.js';

/**
 * How much text one remark call parses when a whole report is parsed. One call over a whole
 * report holds micromark's event array for all of it (80–100 bytes per source byte) and copies
 * that array whenever a list or quote closes. Measured with bench/chunkedParse.mjs on the
 * generated reports (cold, one process per parse, load average 4–5 on 2 cores): at 1 MiB, peak
 * RSS 286 MB in one call, 141–146 MB with regions of 4–16 KB, 166–177 MB with 32–64 KB; CPU
 * time 1.8 s in one call, 1.3–1.5 s up to 16 KB, 1.8 s again from 32 KB (the garbage of a
 * region then outgrows the young generation). At 5 MiB: 1,152 MB and 8.9 s CPU in one call,
 * 265–297 MB and 4.2–6.6 s with 16 KB, 309–311 MB and 6.3–6.9 s with 32 KB.
 */
export const CHUNK_SIZE = 16 * 1024;

/** What the remark calls of one `parseChunked` parsed, for tests and benchmarks. */
export interface ParseTally {
  calls: number;
  characters: number;
}

/** One region parsed on its own, and what it needs to be re-parsed with the document's definitions. */
interface Segment {
  start: number;
  end: number;
  /** Line endings before `start`. */
  line: number;
  blocks: Block[];
  /** Labels of the link reference definitions in the region. */
  labels: string[];
}

/**
 * Parses the whole text into top-level blocks, as one remark call over it would, but region by
 * region, each about `chunkSize` long. A region ends only where a region boundary of the
 * incremental parser is safe: at the start of a line that follows a blank line, and after a
 * region whose last block is not `open` (nothing before it can continue past it). A region
 * whose last block is open is parsed again from that block's line (or from its own start),
 * reaching at least twice as far and at least to the next line after a blank one where no
 * list or block quote can go on, until the block closes or the text ends: a long list is
 * parsed again once, and what else stays open (a fence never closed) at most about twice.
 * Beyond a long list, regions are `chunkSize` again.
 *
 * Link reference definitions are the one thing that reaches across blocks: `[foo]` anywhere is
 * a reference if `[foo]: …` is defined outside directive containers anywhere, so a region that
 * lacks some of the document's definitions is parsed again with them added out of sight. A
 * definition inside a `:::` container counts only for what micromark tokenizes after it (text
 * after the container, or nested deeper, but not a paragraph before it), which regions cannot
 * reproduce: a text with one is parsed in one call.
 */
export function parseChunked(text: string, chunkSize = CHUNK_SIZE, tally?: ParseTally): Block[] {
  const steps = parseChunkedInSteps(text, chunkSize, tally);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * parseChunked one region at a time: each `next()` parses one region (about `chunkSize`, one remark
 * call, or a few where the region holds a shape the parser is slow on) and the last returns the
 * blocks. The server runs a whole parse so, letting the messages received meanwhile through between
 * regions (LanguageServiceOptions.betweenParseRegions).
 */
export function* parseChunkedInSteps(text: string, chunkSize = CHUNK_SIZE, tally?: ParseTally): Generator<void, Block[]> {
  // A text that starts with a byte order mark is parsed in one call, as it was when micromark's
  // offsets (which skip the mark) were not moved back (parseDocument): endOfFrontMatter does not
  // see front matter after the mark, so a region could end inside it.
  if (text.charCodeAt(0) === 0xfeff) return parseSlice(text, 0, text.length, 0, [], tally).blocks;

  const segments: Segment[] = [];
  const frontMatterEnd = endOfFrontMatter(text);
  let start = 0;
  let line = 0;
  let minimumEnd = Math.max(chunkSize, frontMatterEnd);
  let calls = 0;
  while (start < text.length) {
    const end = nextBoundary(BOUNDARY, text, minimumEnd);
    // Each remark call after the first is a step of its own.
    if (calls++ > 0) yield;
    const { blocks, definitions, definitionInContainer, tailOpen } = parseSlice(text, start, end, line, [], tally);
    if (definitionInContainer && end - start < text.length) {
      yield;
      return parseSlice(text, 0, text.length, 0, [], tally).blocks;
    }
    const last = blocks.length - 1;
    const tail = blocks[last];
    if (end === text.length || tail === undefined || (!tailOpen && closed(text, tail))) {
      segments.push({ start, end, line, blocks, labels: definitions.map(({ label }) => label) });
      line += lineEndings(text, start, end);
      start = end;
      minimumEnd = start + chunkSize;
      continue;
    }
    // The last block may continue past `end`. What comes before it is final if its line is a safe boundary.
    const tailLine = lineStartOf(text, tail.start);
    if (last > 0 && tailLine > start && isBoundary(text, tailLine) && closed(text, blocks[last - 1]!)) {
      const labels = definitions.filter(({ block }) => block < last).map(({ label }) => label);
      segments.push({ start, end: tailLine, line, blocks: blocks.slice(0, last), labels });
      line += lineEndings(text, start, tailLine);
      start = tailLine;
    }
    // Past the line where a list would end, or the list would be the last block again.
    minimumEnd = Math.max(start + chunkSize, start + 2 * (end - start), nextBoundary(NOTHING_CONTINUES, text, end) + 1);
  }

  yield* addMissingDefinitions(text, segments, tally);
  return segments.flatMap((segment) => segment.blocks);
}

/** Re-parses each region that lacks some of the document's definitions, with them, one region a step. */
function* addMissingDefinitions(text: string, segments: Segment[], tally: ParseTally | undefined): Generator<void, void> {
  if (segments.length < 2) return;
  const labels = new Map<string, string>();
  for (const segment of segments) for (const label of segment.labels) labels.set(normalizeLabel(label), label);
  if (labels.size === 0) return;
  for (const segment of segments) {
    const own = new Set(segment.labels.map(normalizeLabel));
    const missing = [...labels].filter(([key]) => !own.has(key)).map(([, label]) => label);
    if (missing.length === 0 || !text.slice(segment.start, segment.end).includes('[')) continue;
    yield;
    segment.blocks = parseSlice(text, segment.start, segment.end, segment.line, missing, tally).blocks;
  }
}

/**
 * Parses `text` from `start` to `end` into blocks with positions in `text`, with the link
 * reference definitions `labels` in force: they are written before the region (after it for
 * the first one, which may start with front matter) and their nodes dropped. Also lists the
 * definitions in the region, with the index of the block each is in, and whether any is in a
 * directive container.
 *
 * `Block.open` is judged as in one call over the whole text, where the character at `end` (not
 * white space, at a boundary) follows; `tailOpen` is whether the last block is open as judged
 * against the end of the region, where raw HTML that reaches it may go on past it.
 */
export function parseSlice(text: string, start: number, end: number, line: number, labels: readonly string[], tally: ParseTally | undefined, past?: PastEnd): ParsedSlice {
  if (start === 0 && frontMatterUnclosed(text)) {
    // Its `---` line is not parsed (as Markdown it would be a thematic break) and says why; the rest is Markdown.
    const lineEnding = text.search(/\r\n|\r|\n/);
    const firstLineEnd = Math.min(end, lineEnding + (text.startsWith('\r\n', lineEnding) ? 2 : 1));
    const rest = parseSlice(text, firstLineEnd, end, line + 1, labels, tally, past);
    const opening = uncheckedBlock(text, 0, firstLineEnd, UNCLOSED_FRONT_MATTER, false);
    return { ...rest, blocks: [opening, ...rest.blocks], definitions: rest.definitions.map(({ block, label }) => ({ block: block + 1, label })) };
  }
  // Front matter is not Markdown: the scan starts after it (its own limits are frontMatter.ts's).
  const scanStart = start === 0 ? Math.min(end, endOfFrontMatter(text)) : start;
  const hostile = hostileRegions(text, scanStart, end, past);
  if (hostile.length === 0) return parseRegion(text, start, end, line, labels, tally);
  // The text between the regions is parsed as usual, each piece on its own; the regions are not parsed.
  const parsed: ParsedSlice = { blocks: [], definitions: [], definitionInContainer: false, tailOpen: false };
  let pieceStart = start;
  let pieceLine = line;
  const addPiece = (pieceEnd: number) => {
    if (pieceEnd <= pieceStart) return;
    const piece = parseRegion(text, pieceStart, pieceEnd, pieceLine, labels, tally);
    for (const { block, label } of piece.definitions) parsed.definitions.push({ block: block + parsed.blocks.length, label });
    parsed.definitionInContainer ||= piece.definitionInContainer;
    parsed.blocks.push(...piece.blocks);
    parsed.tailOpen = piece.tailOpen;
    pieceLine += lineEndings(text, pieceStart, pieceEnd);
    pieceStart = pieceEnd;
  };
  for (const region of hostile) {
    addPiece(region.start);
    // One that reaches the end of the slice may go on past it, as an open list or container would.
    const open = region.end >= end && end < text.length;
    parsed.blocks.push(uncheckedBlock(text, region.start, region.end, region.message, open));
    parsed.tailOpen = open;
    pieceLine += lineEndings(text, region.start, region.end);
    pieceStart = region.end;
  }
  addPiece(end);
  return parsed;
}

/** What parseSlice gives: blocks, the definitions in them (with the index of their block), and whether the last block is open. */
export interface ParsedSlice {
  blocks: Block[];
  definitions: { block: number; label: string }[];
  definitionInContainer: boolean;
  tailOpen: boolean;
}

/**
 * parseSlice of a region with no hostile shape, in one remark call.
 *
 * Tried and not kept (issue 15, the archive bench's 25 KiB reports): leaving plain paragraphs out
 * of remark. A run of lines that each start with a letter, after a blank line, with no `:` before
 * a letter, is a top-level paragraph whose phrasing the model never reads; it was made a block
 * without remark and the text between such paragraphs parsed as usual (equal to one call in the
 * property tests). They are 34% of the archive's characters, but remark then made 33 calls per
 * report instead of 2 (about 0.1 ms each before reading a character: unified, and micromark's
 * extensions combined again), and plain prose is its cheapest text: CPU in a fresh process per
 * run, 100 reports parsed once 6.13 s against 5.60 s, 40 parsed four times 7.60 against 7.73 s,
 * `check --concurrency off` on 100 reports 9.08 against 8.15 s (load 7-12). Nor would a first
 * pass that finds the blocks with phrasing switched off pay: it takes 80-85% of a whole parse.
 */
function parseRegion(text: string, start: number, end: number, line: number, labels: readonly string[], tally: ParseTally | undefined): ParsedSlice {
  parsingFromLine(line);
  // A copy, not a slice: strings in the model are V8 slices of what the parser read, and a
  // slice of the whole text would keep it alive as long as any block parsed from it.
  const slice = start === 0 && end === text.length ? text : detached(text.slice(start, end));
  const extra = labels.map((label) => `[${label.replace(/[\t\n\r ]+/g, ' ')}]: x\n`).join('');
  if (tally) {
    tally.calls++;
    tally.characters += end - start;
  }
  let tree: Root;
  if (start === 0) {
    tree = parseDocument(extra === '' ? slice : `${slice}\n${extra}`);
    if (extra !== '') tree.children = tree.children.filter((node) => node.position!.start.offset! < slice.length);
  } else {
    const prefix = extra === '' ? '' : `${extra}\n`;
    tree = parseBody(prefix + slice);
    if (prefix !== '') tree.children = tree.children.filter((node) => node.position!.start.offset! >= prefix.length);
    shiftTree(tree, start - prefix.length, line - (prefix === '' ? 0 : labels.length + 1));
  }
  const definitions: { block: number; label: string }[] = [];
  let definitionInContainer = false;
  if (slice.includes(']:')) {
    tree.children.forEach((node, block) =>
      definitionsIn(node, false, (label, inContainer) => {
        definitions.push({ block, label });
        definitionInContainer ||= inContainer;
      }),
    );
  }
  const openEnd = end < text.length ? end + 1 : end;
  const tail = tree.children[tree.children.length - 1];
  const tailOpen = tail !== undefined && isOpen(tail, text, end);
  return { blocks: tree.children.map((node) => blockOf(node, text, openEnd)), definitions, definitionInContainer, tailOpen };
}

/**
 * A region boundary: the start of a line that follows a blank line and does not start with white
 * space (an indented line after a blank one continues indented code, and a leading byte order
 * mark would be dropped). Lines end with \n, \r\n or a lone \r, as in CommonMark: a report saved
 * with lone \r had no boundary, and was parsed in one call.
 */
const BOUNDARY = /(?:\n|\r(?!\n))[ \t]*(?:\r\n|\r(?!\n)|\n)(?=\S)/g;
/** A boundary where no list or block quote before it can go on: the line starts neither an item nor a quote. */
const NOTHING_CONTINUES = /(?:\n|\r(?!\n))[ \t]*(?:\r\n|\r(?!\n)|\n)(?=[^\s>*+\-0-9])/g;

/** The first boundary `pattern` finds at or after `from`, or the end of the text. */
function nextBoundary(pattern: RegExp, text: string, from: number): number {
  if (from >= text.length) return text.length;
  // From the line ending before the blank line that a boundary at `from` would follow.
  // (Line endings are \n, \r\n or a lone \r: a text saved with lone \r has no \n to start from.)
  pattern.lastIndex = Math.max(0, text.lastIndexOf('\n', from - 2), text.lastIndexOf('\r', from - 2));
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const boundary = match.index + match[0].length;
    if (boundary >= from) return boundary;
  }
  return text.length;
}

/** Line endings as micromark counts them (`\r\n`, `\r`, `\n`) from `start` to `end`. */
function lineEndings(text: string, start: number, end: number): number {
  let count = 0;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code === 10 || (code === 13 && text.charCodeAt(index + 1) !== 10)) count++;
  }
  return count;
}
