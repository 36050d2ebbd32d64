import type { Report } from './model.js';
import type { Range } from './text.js';

export interface ReportSymbol {
  /** "idlib-strikes — 2023-10-04/2023-10-07, idlib-governorate" */
  name: string;
  kind: 'incident' | 'count';
  /** The incident a count belongs to. */
  container: string | undefined;
  range: Range;
}

/**
 * What a report declares, as symbols: its incidents and identified counts, a few
 * hundred bytes where the model would take megabytes. The document symbols of a
 * report and what the workspace index keeps of it.
 */
export function reportSymbols(report: Report): ReportSymbol[] {
  const symbols: ReportSymbol[] = [];
  for (const incident of report.incidents) {
    const id = incident.attributes.get('id')?.value;
    const facts = [incident.attributes.get('date')?.value, incident.attributes.get('place')?.value].filter(Boolean).join(', ');
    const name = `${id ?? 'incident'}${facts ? ` — ${facts}` : ''}`;
    symbols.push({ name, kind: 'incident', container: undefined, range: report.lines.rangeOf(incident.openingSpan) });
  }
  for (const annotation of report.annotations) {
    const id = annotation.kind === 'count' ? annotation.attributes.get('id')?.value : undefined;
    if (!id) continue;
    const what = [annotation.label.trim(), annotation.attributes.get('group')?.value, annotation.attributes.get('type')?.value].filter(Boolean).join(' ');
    symbols.push({
      name: `${id} — ${what}`,
      kind: 'count',
      container: annotation.incident?.attributes.get('id')?.value,
      range: report.lines.rangeOf(annotation.span),
    });
  }
  return symbols;
}
