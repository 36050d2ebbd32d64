import type { Annotation, Attribute, Incident, Report } from './model.js';
import type { Range, Span } from './text.js';

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

/**
 * One place where a report names an actor or a place: an `:actor` or `:place` label, or the value
 * of `ref=`, `in=` (a `:place`'s container) or an incident's `place=`. What it names is the
 * gazetteer's business (the workspace index keeps it resolved); this is only where and how.
 */
export interface NameOccurrence {
  directive: Annotation | Incident;
  /** The attribute whose value names it; undefined for the label. */
  attribute: Attribute | undefined;
  /** The label (or the directive's name when it has none), or the attribute's value. */
  span: Span;
  /** The incident it is in, as its position in `report.incidents` (and in `reportSymbols`, which lists incidents first). */
  incident: number | undefined;
}

/** The attributes whose value names an actor or a place, per directive. */
const NAMING_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = { actor: ['ref'], place: ['ref', 'in'], incident: ['place'] };

/** Every actor and place a report names: the incidents' `place=` first, then the annotations in document order. */
export function nameOccurrences(report: Report): NameOccurrence[] {
  const incidentNumbers = new Map<Incident, number>(report.incidents.map((incident, index) => [incident, index]));
  const occurrences: NameOccurrence[] = [];
  for (const incident of report.incidents) occurrences.push(...directiveNameOccurrences(incident, incidentNumbers.get(incident)));
  for (const annotation of report.annotations) {
    const incident = annotation.incident ? incidentNumbers.get(annotation.incident) : undefined;
    if (annotation.kind === 'actor' || annotation.kind === 'place') occurrences.push(...directiveNameOccurrences(annotation, incident));
  }
  return occurrences;
}

/** What one directive names: an annotation's label, then its `ref=` and `in=`; an incident's `place=`. */
export function directiveNameOccurrences(directive: Annotation | Incident, incident: number | undefined): NameOccurrence[] {
  const naming = NAMING_ATTRIBUTES[directive.kind];
  if (!naming) return [];
  const occurrences: NameOccurrence[] = [];
  if (directive.kind !== 'incident') {
    const span = directive.labelSpan && directive.label.trim() !== '' ? directive.labelSpan : directive.nameSpan;
    occurrences.push({ directive, attribute: undefined, span, incident });
  }
  for (const name of naming) {
    const attribute = directive.attributes.get(name);
    if (attribute && attribute.value !== '') occurrences.push({ directive, attribute, span: attribute.valueSpan, incident });
  }
  return occurrences;
}
