import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { PieceText } from '../core/pieceText.js';
import { isLineBreakCode, LineIndex } from '../core/text.js';

/** One replacement in a version's text: `[start, end)` of the text before it became `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** One version of an open report, as the server's thread hands it to the check pool: read when it is sent to a worker. */
export interface ReportTextSource {
  version: number;
  /** This version's text, in pieces (`toString()` joins them, for a worker sent the whole text). */
  text: PieceText;
  /** The edits that make this version's text from version `since`'s, or undefined when they are not known. */
  editsFrom(since: number): TextEdit[] | undefined;
}

/** How many versions' edits a document remembers for editsBetween: a check worker that missed more is sent the whole text. */
const KEPT_VERSIONS = 64;

/**
 * An open document as the server keeps it: its text in pieces (PieceText), so that a keystroke
 * in a 1 MiB report copies one piece and not the report (vscode-languageserver-textdocument builds
 * each version as one string and reads it at once: 5.8 ms a keystroke in the server's profile at
 * 1 MiB, most of it page faults of the new string), with the edits of its last versions, which is
 * what the check workers are sent instead of the whole text. Positions behave as that package's:
 * an offset inside a line break is the end of its line, a character past a line's end is that end.
 */
export class EditedTextDocument implements TextDocument {
  private pieces: PieceText;
  private lines: LineIndex;
  /**
   * The versions editsBetween can be asked about, oldest first, each with the edits that
   * made it from the one before (the first one's are not needed): from the opening or the last
   * replacement of the whole text.
   */
  private history: { version: number; edits: TextEdit[] }[];

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    content: string,
    /** The pieces' size (PieceText's own by default; smaller in tests). */
    private readonly pieceSize?: number,
  ) {
    this.pieces = PieceText.of(content, pieceSize);
    this.lines = new LineIndex(this.pieces);
    this.history = [{ version: currentVersion, edits: [] }];
  }

  get version(): number {
    return this.currentVersion;
  }

  /** This version's text, as pieces: taking it costs nothing, and it stays this version's after later edits. */
  get text(): PieceText {
    return this.pieces;
  }

  /** This version, as a check is sent it: whole or as edits from an earlier version, whatever the document does meanwhile. */
  source(): ReportTextSource {
    const { version, text } = this;
    return { version, text, editsFrom: (since) => this.editsBetween(since, version) };
  }

  get lineCount(): number {
    return this.lines.lineCount;
  }

  getText(range?: Range): string {
    if (!range) return this.pieces.toString();
    return this.pieces.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.pieces.length));
    const { line } = this.lines.positionAt(clamped);
    const lineStart = this.lines.offsetAt({ line, character: 0 });
    return { line, character: this.beforeLineBreak(clamped, lineStart) - lineStart };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lines.lineCount) return this.pieces.length;
    if (position.line < 0) return 0;
    const lineStart = this.lines.offsetAt({ line: position.line, character: 0 });
    if (position.character <= 0) return lineStart;
    return this.beforeLineBreak(this.lines.offsetAt(position), lineStart);
  }

  getLineRange(line: number): Range {
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const last = this.lines.lineCount - 1;
    if (line > last) {
      const lastStart = this.lines.offsetAt({ line: last, character: 0 });
      return { start: { line: last, character: 0 }, end: { line: last, character: this.pieces.length - lastStart } };
    }
    const start = this.lines.offsetAt({ line, character: 0 });
    return { start: { line, character: 0 }, end: { line, character: this.beforeLineBreak(this.nextLineStart(line), start) - start } };
  }

  getEOLCharacters(line: number): string {
    if (line < 0 || line >= this.lines.lineCount) return '';
    const next = this.nextLineStart(line);
    return this.pieces.slice(this.beforeLineBreak(next, this.lines.offsetAt({ line, character: 0 })), next);
  }

  /**
   * Applies LSP content changes, each against the text the ones before it left; a range reaching
   * outside the document is moved into it (as VS Code's validatePosition does) and reported.
   */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number, onClamped: (given: Range) => void): void {
    const edits: TextEdit[] = [];
    let whole = false;
    for (const change of changes) {
      if (!('range' in change)) {
        this.pieces = PieceText.of(change.text, this.pieceSize);
        this.lines = new LineIndex(this.pieces);
        whole = true;
        edits.length = 0;
        continue;
      }
      const start = this.clamp(change.range.start);
      const end = this.clamp(change.range.end);
      if (!samePosition(start, change.range.start) || !samePosition(end, change.range.end)) onClamped(change.range);
      // A range whose end comes before its start is read the other way round, as that package reads it.
      const [from, to] = [this.offsetAt(start), this.offsetAt(end)].sort((a, b) => a - b) as [number, number];
      const previous = this.lines;
      this.pieces = this.pieces.replace(from, to, change.text);
      this.lines = LineIndex.afterEdit(previous, this.pieces, from, to, change.text.length - (to - from));
      edits.push({ start: from, end: to, text: change.text });
    }
    if (whole) this.history = [];
    this.history.push({ version, edits: whole ? [] : edits });
    if (this.history.length > KEPT_VERSIONS) this.history.shift();
    this.currentVersion = version;
  }

  /**
   * The edits that make version `until`'s text (this one's by default) from version `since`'s, in
   * order; undefined when they are not known (too long ago, or the whole text was replaced since).
   */
  editsBetween(since: number, until = this.currentVersion): TextEdit[] | undefined {
    if (since === until) return [];
    const from = this.history.findIndex((entry) => entry.version === since);
    const to = this.history.findIndex((entry) => entry.version === until);
    if (from < 0 || to < from) return undefined;
    return this.history.slice(from + 1, to + 1).flatMap((entry) => entry.edits);
  }

  /** A position moved into the document as VS Code's own model does (validatePosition). */
  private clamp(position: Position): Position {
    if (position.line < 0) return { line: 0, character: 0 };
    if (position.line >= this.lines.lineCount) return this.positionAt(this.pieces.length);
    return this.positionAt(this.offsetAt({ line: position.line, character: Math.max(0, position.character) }));
  }

  private nextLineStart(line: number): number {
    return line + 1 < this.lines.lineCount ? this.lines.offsetAt({ line: line + 1, character: 0 }) : this.pieces.length;
  }

  private beforeLineBreak(offset: number, lineStart: number): number {
    while (offset > lineStart && isLineBreakCode(this.pieces.charCodeAt(offset - 1))) offset--;
    return offset;
  }
}

const samePosition = (a: Position, b: Position) => a.line === b.line && a.character === b.character;
