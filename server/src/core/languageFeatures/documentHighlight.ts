import type { Gazetteer } from '../gazetteer/gazetteer.js';
import type { Report } from '../model.js';
import type { Span } from '../text.js';
import { byStart, entrySpansInReport, localIdUses, nameTargetAt } from './references.js';

export interface Highlight {
  span: Span;
  /** `write` where an id is declared (`#civ`), `read` where it or an entry is named. */
  kind: 'read' | 'write';
}

/**
 * The other places in the report that name what is at the offset: every label, `ref=`, `in=` and
 * `place=` that resolves to the same actor or place, or an id's declaration and its `part-of`s.
 */
export function documentHighlights(report: Report, gazetteer: Gazetteer, offset: number): Highlight[] {
  const target = nameTargetAt(report, gazetteer, offset);
  if (!target || target.kind === 'unresolved') return [];
  if (target.kind === 'id') {
    const { declarations, references } = localIdUses(report, target.id);
    const highlights: Highlight[] = [
      ...declarations.map((span): Highlight => ({ span, kind: 'write' })),
      ...references.map((span): Highlight => ({ span, kind: 'read' })),
    ];
    return highlights.sort((a, b) => byStart(a.span, b.span));
  }
  return entrySpansInReport(report, gazetteer, target.entry, true)
    .sort(byStart)
    .map((span) => ({ span, kind: 'read' }));
}
