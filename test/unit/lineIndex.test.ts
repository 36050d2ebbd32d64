// LineIndex.afterEdit re-scans only the lines around a change: whatever the change and the line
// endings (\n, \r\n, a lone \r, or a change that splits or joins a \r\n), it must equal a fresh index.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../server/src/core/text.js';

const piece = fc.constantFrom('a', 'bc', ' ', '\n', '\r', '\r\n', '\n\n', 'é', '‘');
const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));

function starts(index: LineIndex): number[] {
  return Array.from({ length: index.lineCount }, (_, line) => index.offsetAt({ line, character: 0 }));
}

describe('LineIndex.afterEdit', () => {
  it('equals a fresh index after any edit', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat({ max: 6 }), fc.array(piece, { maxLength: 4 }).map((parts) => parts.join('')), (before, at, remove, insert) => {
        const start = before.length === 0 ? 0 : at % (before.length + 1);
        const oldEnd = Math.min(before.length, start + remove);
        const after = `${before.slice(0, start)}${insert}${before.slice(oldEnd)}`;
        const edited = LineIndex.afterEdit(new LineIndex(before), after, start, oldEnd, after.length - before.length);
        expect(starts(edited)).toEqual(starts(new LineIndex(after)));
        expect(edited.lineCount).toBe(new LineIndex(after).lineCount);
      }),
      { numRuns: 3000 },
    );
  });

  it('splits a \\r\\n when text is typed between its two characters', () => {
    const before = 'one\r\ntwo\r\nthree';
    const after = 'one\rX\ntwo\r\nthree';
    const edited = LineIndex.afterEdit(new LineIndex(before), after, 4, 4, 1);
    expect(starts(edited)).toEqual([0, 4, 6, 11]);
    expect(edited.positionAt(after.indexOf('three'))).toEqual({ line: 3, character: 0 });
  });
});
