/**
 * Shapes of Markdown that micromark parses in more than linear time, found by one pass over the
 * lines before remark sees them, so that the block they are in can be left unparsed with one
 * diagnostic instead of stalling the check (issue 16). Measured on 2 loaded cores (load 6–8),
 * remark-parse 11 + micromark-extension-directive 4, through parseFull:
 *
 * - **Lists and quotes nested deep.** 1,000 nested list levels: 50 s; `- - - … x` or `> > … x`
 *   4,000 deep on one line overflows the stack of the model's builder. Up to 64 levels a list
 *   costs what other text costs (5–6 µs per byte in 100 KB of them).
 * - **Nested lists that close inside a long list.** micromark copies the events of the list so far
 *   whenever a nested list closes and the outer one goes on: 130 KB of one list whose every item
 *   has a sub-item took 129 s (6,500 such closes), with 8 levels per item 19 s, with 32 levels 5.6 s;
 *   a flat list of 400 KB 4.6 s (linear). The work is about the sum, over those closes, of the
 *   characters of the list before them (4.2 × 10⁸ for the 129 s), about 0.3 µs per unit.
 * - **Directive containers nested deep.** Each `:::` level parses its content again: 128 levels
 *   over 13 KB took 2.1 s, 8 times what one level takes.
 * - **Brackets nested deep** (`[[[…]]]`): 25 KB 0.8 s, 100 KB 7 s, 200 KB 34 s (the issue).
 * - **Directives in one paragraph.** 100,000 in one paragraph: 31 s and 2.1 GB; 8,000 in 1.1 s.
 *
 * A region is cut where nothing before it can continue (a line after a blank line that starts
 * neither a list item, a quote nor indented text, outside any `:::` container and code fence), so
 * that the text around it parses as it would with it.
 */

/** List and quote levels a line may be in. Real reports nest a few; 64 still parse linearly. */
export const MAX_NESTING = 32;
/** `:::` containers inside each other: each level parses its content again. */
export const MAX_CONTAINER_NESTING = 8;
/** Brackets inside each other in one paragraph. */
export const MAX_BRACKET_NESTING = 32;
/** Directives in one paragraph; a dense paragraph of a real report has a few dozen. */
export const MAX_DIRECTIVES_PER_PARAGRAPH = 2000;
/**
 * The sum, over the lines where a nested list or quote closes and its parent goes on, of the
 * characters of the region before that line: about 1 s of micromark's copying at 0.3 µs a unit.
 * A 64 KB list with a sub-list in every tenth item stays under it (about 1.3 × 10⁶).
 */
export const MAX_NESTED_CLOSE_WORK = 4_000_000;

/**
 * What a `:::` container never closed may hold before its opening line is cut out and the text
 * after it read as outside it. micromark parses a container's content at about 20 µs a byte
 * (16 times other text, measured: 314 KB of paragraphs in one container 6.0 s, outside 0.4 s),
 * so an `:::incident` opened above a long report and not yet closed took 55 s for 1.5 MB.
 */
export const MAX_UNCLOSED_CONTAINER = 16 * 1024;

const UNCLOSED_CONTAINER =
  'This `:::` container is never closed, so it would hold all the rest of the report: it is not checked, and what follows is checked as if it were not there. Close it with a `:::` line.';

/** A region of the text that is not parsed, and why, said at its first line. */
export interface HostileRegion {
  start: number;
  /** The start of the line after it (a region boundary), or the end of what was scanned. */
  end: number;
  message: string;
}

/** What one region has, measured line by line. */
interface Measures {
  nesting: number;
  containers: number;
  brackets: number;
  directives: number;
  closeWork: number;
}

// Sticky, matched at a line's start (lastIndex); `$` is the end of that line (multiline).
const FENCE = / {0,3}(`{3,}|~{3,})/y;
const CONTAINER_OPENING = / {0,3}:{3,}[ \t]*[A-Za-z]/y;
const CONTAINER_CLOSING = / {0,3}:{3,}[ \t]*$/my;

/**
 * The regions of `text` from `start` to `end` that hold a super-linear shape, in order. `start`
 * must be where a region of the chunked parse may start (chunkedParse.ts): the scan's list and
 * container state starts empty there.
 */
export function hostileRegions(text: string, start: number, end: number, past?: PastEnd): HostileRegion[] {
  const found: HostileRegion[] = [];
  // After an unclosed container's opening line is cut out, the scan starts again below it.
  for (let from: number | undefined = start; from !== undefined; ) from = scanRegions(text, from, end, found, past);
  return found;
}

/** Set when the scan read the text past `end`: a container still open there, which may be closed further down or never. */
export interface PastEnd {
  read: boolean;
}

/** Scans from `from`, adding what it finds to `found`; where to scan again from, when it cut an unclosed container's opening. */
function scanRegions(text: string, from: number, end: number, found: HostileRegion[], past: PastEnd | undefined): number | undefined {
  const state = new LineState();
  let regionStart = from;
  let measures = emptyMeasures();
  let previousBlank = false;
  /** The opening line of the outermost container still open, and the region it is in. */
  let opener: { regionStart: number; next: number } | undefined;
  for (let lineStart = from; lineStart < end; ) {
    let lineEnd = lineStart;
    while (lineEnd < end && text.charCodeAt(lineEnd) !== 10 && text.charCodeAt(lineEnd) !== 13) lineEnd++;
    const next = Math.min(end, lineEnd + (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? 2 : 1));
    const blank = isBlank(text, lineStart, lineEnd);
    if (!blank && previousBlank && lineStart > regionStart && state.nothingOpen() && startsAfresh(text.charCodeAt(lineStart), state.inList())) {
      const message = verdict(measures);
      if (message) found.push({ start: regionStart, end: lineStart, message });
      regionStart = lineStart;
      measures = emptyMeasures();
      state.reset();
    }
    const wasOpen = state.openContainers();
    if (blank) state.blankLine();
    else state.measureLine(text, lineStart, lineEnd, lineStart - regionStart, measures);
    if (wasOpen === 0 && state.openContainers() > 0) opener = { regionStart, next };
    else if (state.openContainers() === 0) opener = undefined;
    previousBlank = blank;
    lineStart = next;
  }
  const message = verdict(measures);
  if (message) {
    found.push({ start: regionStart, end, message });
    return undefined;
  }
  if (opener && past) past.read = true;
  if (opener && text.length - opener.next > MAX_UNCLOSED_CONTAINER && !state.closesLater(text, end)) {
    found.push({ start: opener.regionStart, end: opener.next, message: UNCLOSED_CONTAINER });
    return opener.next;
  }
  return undefined;
}

function emptyMeasures(): Measures {
  return { nesting: 0, containers: 0, brackets: 0, directives: 0, closeWork: 0 };
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code !== 32 && code !== 9) return false;
  }
  return true;
}

/**
 * A line that nothing before the blank line above it continues: not white space (indented code,
 * or an item's content), and, after a list or quote, not `>`, a bullet or a digit either.
 */
function startsAfresh(code: number, inList: boolean): boolean {
  if (code === 32 || code === 9) return false;
  return !inList || !(code === 62 /* > */ || code === 42 || code === 43 || code === 45 || (code >= 48 && code <= 57));
}

/** The diagnostic's message for a region that passes a limit, or undefined. */
function verdict(measures: Measures): string | undefined {
  const skipped = 'incident markup in it is not checked';
  if (measures.nesting > MAX_NESTING) {
    return `This block nests lists or block quotes ${measures.nesting.toLocaleString('en')} deep, and incident markup is checked up to a depth of ${MAX_NESTING}: ${skipped}. Flatten it.`;
  }
  if (measures.containers > MAX_CONTAINER_NESTING) {
    return `This block nests \`:::\` containers ${measures.containers.toLocaleString('en')} deep, and incident markup is checked up to a depth of ${MAX_CONTAINER_NESTING}: ${skipped}. Close each container with a \`:::\` line.`;
  }
  if (measures.brackets > MAX_BRACKET_NESTING) {
    return `This block nests brackets \`[\` ${measures.brackets.toLocaleString('en')} deep, and incident markup is checked up to a depth of ${MAX_BRACKET_NESTING}: ${skipped}. Close the brackets or escape them as \`\\[\`.`;
  }
  if (measures.directives > MAX_DIRECTIVES_PER_PARAGRAPH) {
    return `This block has a paragraph of ${measures.directives.toLocaleString('en')} directives, and incident markup is checked in paragraphs of up to ${MAX_DIRECTIVES_PER_PARAGRAPH.toLocaleString('en')}: ${skipped}. Split the paragraph with blank lines.`;
  }
  if (measures.closeWork > MAX_NESTED_CLOSE_WORK) {
    return `This list is too long for its nested lists to be parsed in reasonable time: ${skipped}. Split it into shorter lists, with a paragraph or a heading between them.`;
  }
  return undefined;
}

/** What the lines so far leave open: list items (by the column their content starts at), containers, a code fence, a paragraph's brackets. */
class LineState {
  private items: number[] = [];
  private quotes = 0;
  private containers = 0;
  private fence: string | undefined;
  private brackets = 0;
  private directives = 0;

  reset(): void {
    this.items = [];
    this.quotes = 0;
  }

  openContainers(): number {
    return this.containers;
  }

  /**
   * Whether the containers open at `from` are closed somewhere in the rest of the text: its
   * container and fence lines are read on (the rest once, for a container that is never closed).
   */
  closesLater(text: string, from: number): boolean {
    const ignored = emptyMeasures();
    for (let lineStart = from; lineStart < text.length && this.containers > 0; ) {
      let lineEnd = lineStart;
      while (lineEnd < text.length && text.charCodeAt(lineEnd) !== 10 && text.charCodeAt(lineEnd) !== 13) lineEnd++;
      const code = text.charCodeAt(lineStart + leadingSpaces(text, lineStart, lineEnd));
      // Only lines that can open or close a container or a fence matter.
      if (code === 58 /* : */ || code === 96 /* ` */ || code === 126 /* ~ */ || this.fence !== undefined) this.measureFences(text, lineStart, lineEnd, ignored);
      lineStart = lineEnd + (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? 2 : 1);
    }
    return this.containers === 0;
  }

  /** Whether the last line was in a list item or a quote. */
  inList(): boolean {
    return this.items.length > 0 || this.quotes > 0;
  }

  /** No container or code fence goes on past a blank line (lists and quotes are what `startsAfresh` tells). */
  nothingOpen(): boolean {
    return this.containers === 0 && this.fence === undefined;
  }

  blankLine(): void {
    // A paragraph ends: its brackets and directives start again.
    this.brackets = 0;
    this.directives = 0;
  }

  measureLine(text: string, start: number, end: number, offsetInRegion: number, measures: Measures): void {
    if (this.measureFences(text, start, end, measures)) return;
    this.measureNesting(text, start, end, offsetInRegion, measures);
    this.measureInline(text, start, end, measures);
  }

  /** Code fences and containers; true when the line is in or opens a code fence, and says nothing else. */
  private measureFences(text: string, start: number, end: number, measures: Measures): boolean {
    if (this.fence !== undefined) {
      if (text.startsWith(this.fence, start + leadingSpaces(text, start, end))) this.fence = undefined;
      return true;
    }
    FENCE.lastIndex = start;
    const fence = FENCE.exec(text);
    if (fence) {
      this.fence = fence[1]!;
      return true;
    }
    this.measureContainers(text, start, measures);
    return false;
  }

  private measureContainers(text: string, start: number, measures: Measures): void {
    CONTAINER_OPENING.lastIndex = start;
    if (CONTAINER_OPENING.test(text)) {
      this.containers++;
      measures.containers = Math.max(measures.containers, this.containers);
      return;
    }
    CONTAINER_CLOSING.lastIndex = start;
    if (this.containers > 0 && CONTAINER_CLOSING.test(text)) this.containers--;
  }

  /** List items by indentation and markers, quotes by `>` marks; what closes while its parent goes on costs `offsetInRegion`. */
  private measureNesting(text: string, start: number, end: number, offsetInRegion: number, measures: Measures): void {
    let index = start;
    let column = 0;
    const skipSpaces = () => {
      while (index < end && (text.charCodeAt(index) === 32 || text.charCodeAt(index) === 9)) {
        column += text.charCodeAt(index) === 9 ? 4 - (column % 4) : 1;
        index++;
      }
    };
    skipSpaces();
    const before = this.items.length + this.quotes;
    // A line indented less than an item's content is not in that item (lazy lines aside).
    while (this.items.length > 0 && this.items[this.items.length - 1]! > column) this.items.pop();
    let quotes = 0;
    for (;;) {
      const code = text.charCodeAt(index);
      if (index >= end) break;
      if (code === 62 /* > */) {
        quotes++;
        index++;
        column++;
      } else {
        const marker = listMarkerLength(text, index, end);
        if (marker === 0) break;
        index += marker;
        column += marker;
        this.items.push(column + 1);
      }
      skipSpaces();
    }
    this.quotes = quotes;
    const depth = this.items.length + quotes;
    measures.nesting = Math.max(measures.nesting, depth);
    if (depth < before && depth > 0) measures.closeWork += offsetInRegion * (1 + (before - depth - 1) / 16);
  }

  private measureInline(text: string, start: number, end: number, measures: Measures): void {
    for (let index = start; index < end; index++) {
      const code = text.charCodeAt(index);
      if (code === 92 /* \ */) index++;
      else if (code === 91 /* [ */) measures.brackets = Math.max(measures.brackets, ++this.brackets);
      else if (code === 93 /* ] */ && this.brackets > 0) this.brackets--;
      else if (code === 58 /* : */ && isLetter(text.charCodeAt(index + 1))) measures.directives = Math.max(measures.directives, ++this.directives);
    }
  }
}

function leadingSpaces(text: string, start: number, end: number): number {
  let index = start;
  while (index < end && text.charCodeAt(index) === 32) index++;
  return index - start;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** The length of a list marker at `index` (`-`, `*`, `+`, `1.`, `1)`) followed by white space or the line's end; 0 if none. */
function listMarkerLength(text: string, index: number, end: number): number {
  const code = text.charCodeAt(index);
  let length = 0;
  if (code === 45 || code === 42 || code === 43) length = 1;
  else {
    while (length < 9 && text.charCodeAt(index + length) >= 48 && text.charCodeAt(index + length) <= 57) length++;
    if (length === 0) return 0;
    const delimiter = text.charCodeAt(index + length);
    if (delimiter !== 46 && delimiter !== 41) return 0;
    length++;
  }
  const after = index + length;
  return after >= end || text.charCodeAt(after) === 32 || text.charCodeAt(after) === 9 ? length : 0;
}
