/**
 * Test documents mark spans with ⟦ and ⟧ and cursor positions with ‸.
 * These helpers strip the markers and return where they were.
 */
export interface MarkedSpan {
  start: number;
  end: number;
}

export function stripMarkers(marked: string): { text: string; spans: MarkedSpan[]; cursors: number[] } {
  let text = '';
  const spans: MarkedSpan[] = [];
  const cursors: number[] = [];
  const open: number[] = [];
  for (const char of marked) {
    if (char === '⟦') open.push(text.length);
    else if (char === '⟧') {
      const start = open.pop();
      if (start === undefined) throw new Error(`Unbalanced ⟧ in test document: ${marked}`);
      spans.push({ start, end: text.length });
    } else if (char === '‸') cursors.push(text.length);
    else text += char;
  }
  if (open.length > 0) throw new Error(`Unbalanced ⟦ in test document: ${marked}`);
  spans.sort((a, b) => a.start - b.start);
  return { text, spans, cursors };
}
