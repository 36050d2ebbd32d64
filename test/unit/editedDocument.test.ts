/**
 * The server's open documents (server/src/lsp/editedDocument.ts, text in pieces) against
 * vscode-languageserver-textdocument, which they replace: after every edit the same text, lines
 * and positions (offsets inside a CRLF, characters past a line's end, lines past the end), edits
 * reaching outside the text clamped as VS Code does, and `editsBetween` giving edits that make the
 * newer text from each older one. Pieces of 8 characters, so that short texts have many.
 */
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { PieceText } from '../../server/src/core/pieceText.js';
import { EditedTextDocument, type TextEdit } from '../../server/src/lsp/editedDocument.js';

const PIECE = 8;
const pieceOf = fc.constantFrom('a', 'b', 'é', '😀', ' ', '\n', '\r', '\r\n', 'line\n', 'x\r\ny', ':::incident\n');
const texts = fc.array(pieceOf, { maxLength: 60 }).map((parts) => parts.join(''));
const position = fc.record({ line: fc.integer({ min: -1, max: 25 }), character: fc.integer({ min: -1, max: 30 }) });
const change: fc.Arbitrary<TextDocumentContentChangeEvent> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ range: fc.record({ start: position, end: position }), text: texts }) },
  { weight: 1, arbitrary: fc.record({ text: texts }) },
);

/** VS Code's validatePosition, as the server applied it before to vscode-languageserver-textdocument's documents. */
function clamp(document: TextDocument, p: { line: number; character: number }) {
  if (p.line < 0) return { line: 0, character: 0 };
  if (p.line >= document.lineCount) return document.positionAt(document.getText().length);
  return document.positionAt(document.offsetAt({ line: p.line, character: Math.max(0, p.character) }));
}

const samePosition = (a: Range['start'], b: Range['start']) => a.line === b.line && a.character === b.character;

function expectSame(edited: EditedTextDocument, reference: TextDocument): void {
  const text = reference.getText();
  expect(edited.getText()).toBe(text);
  expect(edited.text.toString()).toBe(text);
  expect(edited.lineCount).toBe(reference.lineCount);
  for (let offset = -1; offset <= text.length + 1; offset++) expect(edited.positionAt(offset)).toEqual(reference.positionAt(offset));
  for (let line = -1; line <= reference.lineCount; line++) {
    expect(edited.getLineRange(line)).toEqual(reference.getLineRange(line));
    expect(edited.getEOLCharacters(line)).toBe(reference.getEOLCharacters(line));
    for (let character = -1; character <= 12; character++) expect(edited.offsetAt({ line, character })).toBe(reference.offsetAt({ line, character }));
  }
  const range = { start: { line: 0, character: 1 }, end: { line: Math.max(0, reference.lineCount - 1), character: 3 } };
  expect(edited.getText(range)).toBe(reference.getText(range));
}

const applied = (text: string, edits: readonly TextEdit[]) => edits.reduce((at, edit) => at.slice(0, edit.start) + edit.text + at.slice(edit.end), text);

describe('the open documents of the server', () => {
  it('read as vscode-languageserver-textdocument after every edit, with ranges outside clamped and reported', () => {
    fc.assert(
      fc.property(texts, fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { maxLength: 12 }), (initial, versions) => {
        const edited = new EditedTextDocument('file:///r.md', 'markdown', 1, initial, PIECE);
        const reference = TextDocument.create('file:///r.md', 'markdown', 1, initial);
        const textAt = new Map([[1, initial]]);
        expectSame(edited, reference);
        versions.forEach((changes, index) => {
          const version = index + 2;
          const reported: Range[] = [];
          const expectedReports: Range[] = [];
          edited.update(changes, version, (given) => reported.push(given));
          for (const one of changes) {
            if (!('range' in one)) {
              TextDocument.update(reference, [one], version);
              continue;
            }
            const start = clamp(reference, one.range.start);
            const end = clamp(reference, one.range.end);
            if (!samePosition(start, one.range.start) || !samePosition(end, one.range.end)) expectedReports.push(one.range);
            TextDocument.update(reference, [{ range: { start, end }, text: one.text }], version);
          }
          expect(edited.version).toBe(version);
          expect(reported).toEqual(expectedReports);
          expectSame(edited, reference);
          textAt.set(version, reference.getText());
          // From every older version still remembered, the edits rebuild this one.
          for (const [since, old] of textAt) {
            const edits = edited.editsBetween(since);
            if (edits) expect(applied(old, edits)).toBe(reference.getText());
          }
          expect(edited.editsBetween(version)).toEqual([]);
          // Between two older versions too.
          const older = [...textAt.keys()].filter((known) => edited.editsBetween(known) !== undefined);
          for (const since of older) for (const until of older) {
            const edits = edited.editsBetween(since, until);
            if (until < since) expect(edits).toBeUndefined();
            else expect(applied(textAt.get(since)!, edits!)).toBe(textAt.get(until));
          }
        });
        // After the last full replacement every later version is reachable.
        const lastWhole = versions.reduce((at, changes, index) => (changes.some((one) => !('range' in one)) ? index + 2 : at), 1);
        for (const [since] of textAt) expect(edited.editsBetween(since) === undefined).toBe(since < lastWhole);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps each version of the text as it was after later edits', () => {
    const document = new EditedTextDocument('file:///r.md', 'markdown', 1, 'first line\nsecond line\n', PIECE);
    const before = document.text;
    document.update([{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 6 } }, text: 'other' }], 2, () => undefined);
    expect(before.toString()).toBe('first line\nsecond line\n');
    expect(document.text.toString()).toBe('first line\nother line\n');
    expect(document.editsBetween(1)).toEqual([{ start: 11, end: 17, text: 'other' }]);
  });

  it('forgets edits beyond the last 64 versions', () => {
    const document = new EditedTextDocument('file:///r.md', 'markdown', 1, 'x', PIECE);
    for (let version = 2; version <= 70; version++) document.update([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'y' }], version, () => undefined);
    expect(document.editsBetween(6)).toBeUndefined();
    expect(document.editsBetween(7)).toHaveLength(63);
  });
});

describe('PieceText', () => {
  it('reads as the string it stands for after any replacements, pieces of any size', () => {
    fc.assert(
      fc.property(
        texts,
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), texts), { maxLength: 20 }),
        fc.array(fc.tuple(fc.integer({ min: -5, max: 500 }), fc.integer({ min: -5, max: 500 })), { maxLength: 10 }),
        fc.array(fc.constantFrom('\n', '\r\n', 'a', 'line', ':::incident', 'x\r\ny', '😀', 'é '), { minLength: 1, maxLength: 3 }),
        (initial, size, edits, slices, searches) => {
          let pieces = PieceText.of(initial, size);
          let text = initial;
          for (const [a, b, insert] of edits) {
            const start = a % (text.length + 1);
            const end = start + (b % (text.length - start + 1));
            const older = pieces;
            const olderText = text;
            pieces = pieces.replace(start, end, insert);
            text = text.slice(0, start) + insert + text.slice(end);
            expect(older.toString()).toBe(olderText);
            expect(pieces.length).toBe(text.length);
            for (const [s, e] of slices) expect(pieces.slice(s, e)).toBe(text.slice(s, e));
            for (let at = -1; at <= text.length; at++) {
              expect(pieces.charCodeAt(at)).toBe(text.charCodeAt(at));
              expect(pieces.charAt(at)).toBe(text.charAt(at));
            }
            for (const search of searches) {
              for (let at = -1; at <= text.length + 1; at += 3) {
                expect(pieces.indexOf(search, at)).toBe(text.indexOf(search, at));
                expect(pieces.lastIndexOf(search, at)).toBe(text.lastIndexOf(search, at));
              }
              expect(pieces.indexOf(search)).toBe(text.indexOf(search));
              expect(pieces.lastIndexOf(search)).toBe(text.lastIndexOf(search));
            }
            expect(pieces.slice()).toBe(text);
          }
          expect(pieces.toString()).toBe(text);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('tells how far two versions share their pieces from each end, without reading them', () => {
    const before = PieceText.of('abcdefghij', 3); // abc def ghi j
    const after = before.replace(4, 5, 'XY'); // abc dXYf ghi j
    expect([before.sharedPrefixLength(after), before.sharedSuffixLength(after)]).toEqual([3, 4]);
    expect([after.sharedPrefixLength(before), after.sharedSuffixLength(before)]).toEqual([3, 4]);
    expect([before.sharedPrefixLength(before), before.sharedSuffixLength(before)]).toEqual([10, 10]);
    // An edit in the first and the last piece leaves none shared at either end.
    const ends = before.replace(0, 1, 'Z').replace(10, 10, '!');
    expect([before.sharedPrefixLength(ends), before.sharedSuffixLength(ends)]).toEqual([0, 0]);
    // Texts made apart from the same string share nothing unless their pieces are equal strings at the same places.
    expect(PieceText.of('abcdefghij', 3).sharedPrefixLength(PieceText.of('abcdefghij', 4))).toBe(0);
    expect(PieceText.of('abcdefghij', 3).sharedPrefixLength(PieceText.of('abcdefghij', 3))).toBe(10);
  });

  it('shares with the version it was made from no more than their common prefix and suffix', () => {
    fc.assert(
      fc.property(texts, fc.integer({ min: 1, max: 20 }), fc.array(fc.tuple(fc.nat(), fc.nat(), texts), { minLength: 1, maxLength: 5 }), (initial, size, edits) => {
        const first = PieceText.of(initial, size);
        let pieces = first;
        for (const [a, b, insert] of edits) {
          const start = a % (pieces.length + 1);
          pieces = pieces.replace(start, start + (b % (pieces.length - start + 1)), insert);
        }
        const [x, y] = [first.toString(), pieces.toString()];
        let prefix = 0;
        while (prefix < Math.min(x.length, y.length) && x[prefix] === y[prefix]) prefix++;
        let suffix = 0;
        while (suffix < Math.min(x.length, y.length) && x[x.length - 1 - suffix] === y[y.length - 1 - suffix]) suffix++;
        expect(first.sharedPrefixLength(pieces)).toBeLessThanOrEqual(prefix);
        expect(first.sharedSuffixLength(pieces)).toBeLessThanOrEqual(suffix);
      }),
      { numRuns: 300 },
    );
  });
});
