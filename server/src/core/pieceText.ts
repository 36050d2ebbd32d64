/**
 * What reading a text by offsets needs: a string has it, and so has a PieceText.
 */
export interface TextLike {
  readonly length: number;
  charCodeAt(offset: number): number;
  charAt(offset: number): string;
  slice(start?: number, end?: number): string;
  indexOf(search: string, from?: number): number;
  lastIndexOf(search: string, from?: number): number;
  /** The text as one string (a string is itself). */
  toString(): string;
}

/**
 * Pieces of at most this many UTF-16 units (32 KiB for a two-byte string): a piece V8 allocates
 * in its young generation, where a 1 MiB string goes to the large-object space on fresh pages.
 * Building a 1 MiB report's next version as one string (`before + key + after`, then read)
 * took 5.2 ms a keystroke on the machines of this project, 6.1 ms p95, about 10 µs for each of
 * its 500 new 4 KiB pages; the pieces rebuild one piece of 16 K units.
 */
const PIECE = 16_384;

/**
 * A text kept as pieces, each edit making a new PieceText that shares every piece it did not
 * touch with the one before (both stay valid): an open report's versions in the language server,
 * where a keystroke then copies one piece rather than the whole report. `toString()` joins the
 * pieces once, for whoever needs the whole text as one string.
 */
export class PieceText implements TextLike {
  private joined: string | undefined;

  private constructor(
    private readonly pieces: readonly string[],
    /** Where each piece starts. */
    private readonly starts: readonly number[],
    readonly length: number,
    /** PIECE, smaller in tests so that short texts have many pieces. */
    private readonly pieceSize: number,
  ) {}

  static of(text: string, pieceSize = PIECE): PieceText {
    const pieces: string[] = [];
    const starts: number[] = [];
    for (let at = 0; at < text.length; at += pieceSize) {
      starts.push(at);
      pieces.push(text.slice(at, at + pieceSize));
    }
    const made = new PieceText(pieces, starts, text.length, pieceSize);
    made.joined = text;
    return made;
  }

  /** This text with `[start, end)` replaced by `insert` (offsets clamped to the text). */
  replace(start: number, end: number, insert: string): PieceText {
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    if (this.pieces.length === 0) return PieceText.of(insert, this.pieceSize);
    const first = this.pieceAt(start, true);
    const last = this.pieceAt(end, false);
    const merged = this.pieces[first]!.slice(0, start - this.starts[first]!) + insert + this.pieces[last]!.slice(end - this.starts[last]!);
    const fresh: string[] = [];
    // A merged piece up to twice the size stays one; a paste longer than that is cut up.
    if (merged.length <= 2 * this.pieceSize) {
      if (merged.length > 0) fresh.push(merged);
    } else {
      for (let at = 0; at < merged.length; at += this.pieceSize) fresh.push(merged.slice(at, at + this.pieceSize));
    }
    const pieces = [...this.pieces.slice(0, first), ...fresh, ...this.pieces.slice(last + 1)];
    const starts: number[] = this.starts.slice(0, first);
    let at = this.starts[first]!;
    for (let index = first; index < pieces.length; index++) {
      starts.push(at);
      at += pieces[index]!.length;
    }
    return new PieceText(pieces, starts, this.length - (end - start) + insert.length, this.pieceSize);
  }

  charCodeAt(offset: number): number {
    // A text made from one string (an open, a whole text sent to a worker) is read from it: no search for the piece.
    if (this.joined !== undefined) return this.joined.charCodeAt(offset);
    if (!(offset >= 0 && offset < this.length)) return NaN;
    const index = this.pieceAt(offset, true);
    return this.pieces[index]!.charCodeAt(offset - this.starts[index]!);
  }

  charAt(offset: number): string {
    return offset >= 0 && offset < this.length ? String.fromCharCode(this.charCodeAt(offset)) : '';
  }

  /** As String.prototype.indexOf; a match may span pieces. */
  indexOf(search: string, from = 0): number {
    const start = Math.max(0, Math.min(Math.trunc(from) || 0, this.length));
    if (search.length === 0) return start;
    if (this.joined !== undefined) return this.joined.indexOf(search, start);
    const overlap = search.length - 1;
    for (let index = this.pieceAt(start, true); index < this.pieces.length; index++) {
      const pieceStart = this.starts[index]!;
      // The piece with the end of the one before, so that a match across the seam is found.
      const windowStart = Math.max(start, pieceStart - overlap);
      const window = this.slice(windowStart, pieceStart + this.pieces[index]!.length);
      const found = window.indexOf(search);
      if (found >= 0) return windowStart + found;
    }
    return -1;
  }

  /** As String.prototype.lastIndexOf; a match may span pieces. */
  lastIndexOf(search: string, from = Infinity): number {
    const start = Math.max(0, Math.min(Number.isNaN(from) ? Infinity : Math.trunc(from), this.length));
    if (search.length === 0) return start;
    if (this.joined !== undefined) return this.joined.lastIndexOf(search, start);
    if (this.pieces.length === 0) return -1;
    const overlap = search.length - 1;
    for (let index = this.pieceAt(Math.min(start, Math.max(0, this.length - 1)), true); index >= 0; index--) {
      const pieceStart = this.starts[index]!;
      // The piece with the start of the one after; a match must start at or before `start`.
      const windowEnd = Math.min(this.length, pieceStart + this.pieces[index]!.length + overlap, start + search.length);
      const window = this.slice(pieceStart, windowEnd);
      const found = window.lastIndexOf(search);
      if (found >= 0) return pieceStart + found;
    }
    return -1;
  }

  slice(start = 0, end = this.length): string {
    if (start < 0) start = Math.max(0, this.length + start);
    if (end < 0) end = Math.max(0, this.length + end);
    start = Math.min(start, this.length);
    end = Math.min(end, this.length);
    if (end <= start) return '';
    if (this.joined !== undefined) return this.joined.slice(start, end);
    const first = this.pieceAt(start, true);
    const last = this.pieceAt(end, false);
    if (first === last) return this.pieces[first]!.slice(start - this.starts[first]!, end - this.starts[first]!);
    const parts = [this.pieces[first]!.slice(start - this.starts[first]!)];
    for (let index = first + 1; index < last; index++) parts.push(this.pieces[index]!);
    parts.push(this.pieces[last]!.slice(0, end - this.starts[last]!));
    return parts.join('');
  }

  /**
   * How far from the start this text and `other` hold the same pieces at the same offsets: a lower
   * bound of their common prefix, found without reading a character when one was made from the
   * other by `replace` (the pieces it did not touch are the same strings).
   */
  sharedPrefixLength(other: PieceText): number {
    let length = 0;
    for (let index = 0; index < this.pieces.length && index < other.pieces.length; index++) {
      const piece = this.pieces[index]!;
      if (piece !== other.pieces[index]) break;
      length += piece.length;
    }
    return length;
  }

  /** As sharedPrefixLength, from the end. */
  sharedSuffixLength(other: PieceText): number {
    let length = 0;
    for (let back = 1; back <= this.pieces.length && back <= other.pieces.length; back++) {
      const piece = this.pieces[this.pieces.length - back]!;
      if (piece !== other.pieces[other.pieces.length - back]) break;
      length += piece.length;
    }
    return length;
  }

  /** The whole text as one string, joined once. */
  toString(): string {
    return (this.joined ??= this.pieces.join(''));
  }

  /**
   * The piece that holds `offset`: the first piece ending after it (`atStart`: where a range
   * starting there begins) or the last piece starting before it (where a range ending there ends).
   */
  private pieceAt(offset: number, atStart: boolean): number {
    const { starts, pieces } = this;
    let low = 0;
    let high = pieces.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (atStart ? starts[mid]! <= offset : starts[mid]! < offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}
