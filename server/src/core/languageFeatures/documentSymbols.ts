import { countFacts, type CountFacts } from '../counts/countFacts.js';
import { formatInterval, readCountLabel, type CountInterval } from '../counts/readCountLabel.js';
import { formatIso, parseIsoDate } from '../dates/isoDate.js';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import { reportScope, type PlaceScope } from '../gazetteer/reportScope.js';
import { mentions, resolveMention } from '../gazetteer/resolveMention.js';
import type { Annotation, Incident, Report } from '../model.js';
import type { ModelSink } from '../parse/buildModel.js';
import type { Span } from '../text.js';
import { COUNT_TYPES, type AnnotationName } from '../vocabulary.js';
import { headingSections, type HeadingSection } from './headingSections.js';

export type OutlineKind = 'heading' | 'incident' | AnnotationName;

/** One node of a report's outline. An annotation's node may be handed out again by a later call: read it, do not change it. */
export interface OutlineSymbol {
  /** Never empty: editors refuse a symbol without a name. */
  name: string;
  /** Shown beside the name: an incident's id, what an annotation says besides its name; '' for nothing. */
  detail: string;
  kind: OutlineKind;
  /** All of it: a heading's whole section, an incident from `:::incident` to `:::`, a directive. */
  span: Span;
  /** What the editor reveals and highlights, inside `span`: the heading, the incident's opening line, a label. */
  selectionSpan: Span;
  children: OutlineSymbol[];
}

/** What naming a symbol needs besides the report. */
interface Naming {
  gazetteer: Gazetteer;
  scope: PlaceScope;
  counts: CountFacts;
}

/**
 * A report's outline: its headings nested by level; under each heading, the incidents and the
 * annotations outside incidents that its section holds, in document order; under each incident,
 * its annotations. An incident is named by its date, place and headline figures
 * ("2023-10-04 – 07 · Idlib Governorate · 46 killed, 213 injured"); actors and places by their
 * gazetteer names where they resolve, else as written.
 *
 * Reads only the parsed model and what the check already worked out for it (resolutions, count
 * facts, the report's countries are cached per block and per gazetteer), so a long report's
 * outline costs a walk over its directives, no parse. `blocks` are the parse's top-level blocks,
 * which let those caches keep what an edit did not touch.
 */
export function documentSymbols(report: Report, gazetteer: Gazetteer, blocks?: readonly ModelSink[]): OutlineSymbol[] {
  const naming: Naming = { gazetteer, scope: reportScope(gazetteer, report, blocks), counts: countFacts(report, gazetteer, blocks) };
  const roots: OutlineSymbol[] = [];
  // The headings whose sections hold the next item, outermost first.
  const open: { section: HeadingSection; symbol: OutlineSymbol }[] = [];
  const place = (symbol: OutlineSymbol) => (open.length > 0 ? open[open.length - 1]!.symbol.children : roots).push(symbol);
  let outerIncident: { incident: Incident; symbol: OutlineSymbol } | undefined;

  const sections = headingSections(report);
  const { incidents } = report;
  const outside = report.annotations.filter((annotation) => annotation.incident === undefined);
  let s = 0;
  let i = 0;
  let a = 0;
  // Three lists in document order, merged; a heading first where an annotation starts it.
  while (s < sections.length || i < incidents.length || a < outside.length) {
    const sectionStart = sections[s]?.span.start ?? Infinity;
    const incidentStart = incidents[i]?.span.start ?? Infinity;
    const annotationStart = outside[a]?.span.start ?? Infinity;
    if (sectionStart <= incidentStart && sectionStart <= annotationStart) {
      const section = sections[s++]!;
      while (open.length > 0 && open[open.length - 1]!.section.heading.depth >= section.heading.depth) open.pop();
      const symbol = headingSymbol(section);
      place(symbol);
      open.push({ section, symbol });
    } else if (incidentStart <= annotationStart) {
      const incident = incidents[i++]!;
      const symbol = incidentSymbol(report, incident, naming);
      // An incident written inside another (`::::incident` around `:::incident`) is shown inside it.
      if (outerIncident && incident.span.end <= outerIncident.incident.span.end) outerIncident.symbol.children.push(symbol);
      else {
        place(symbol);
        outerIncident = { incident, symbol };
      }
    } else {
      place(annotationSymbol(outside[a++]!, naming));
    }
  }
  return roots;
}

function headingSymbol({ heading, span }: HeadingSection): OutlineSymbol {
  return {
    name: oneLine(heading.text) || '#'.repeat(heading.depth),
    detail: '',
    kind: 'heading',
    span,
    selectionSpan: heading.span,
    children: [],
  };
}

function incidentSymbol(report: Report, incident: Incident, naming: Naming): OutlineSymbol {
  const id = incident.attributes.get('id')?.value.trim();
  const date = incident.attributes.get('date')?.value;
  const facts = [date === undefined ? '' : incidentDate(date), incidentPlace(incident, naming), headlineFigures(incident, naming.counts)];
  const name = facts.filter((fact) => fact !== '').join(' · ');
  return {
    name: name || (id ? `#${id}` : 'incident'),
    detail: name && id ? `#${id}` : '',
    kind: 'incident',
    span: incident.span,
    selectionSpan: incident.openingSpan,
    children: incident.annotations.map((annotation) => annotationSymbol(annotation, naming)),
  };
}

/** "2023-10-04", and an interval without what its end repeats of its start: "2023-10-04 – 07", "2023-09-30 – 10-02". */
function incidentDate(value: string): string {
  const parsed = parseIsoDate(value);
  // As written when it is not an ISO date: the outline shows what is there, date-invalid says what is wrong.
  if (!parsed.ok) return oneLine(value);
  const { start, end } = parsed.interval;
  const first = formatIso(start);
  const last = formatIso(end);
  if (first === last) return first;
  if (start.precision !== end.precision || start.year !== end.year) return `${first} – ${last}`;
  const shared = start.precision === 'day' && start.month === end.month ? 'YYYY-MM-'.length : 'YYYY-'.length;
  return `${first} – ${last.slice(shared)}`;
}

/** The gazetteer's name of the incident's place when it resolves (as the checks resolve it), else `place=` as written. */
function incidentPlace(incident: Incident, { gazetteer, scope }: Naming): string {
  const mention = mentions([], [incident])[0];
  if (!mention) return '';
  const resolution = resolveMention(gazetteer, mention, scope);
  return resolution.status === 'resolved' ? resolution.entry.name : oneLine(mention.text);
}

/**
 * "46 killed, 213 injured": for each count type the incident speaks of, in the vocabulary's
 * order, the incident's own figure (`killed=46`) or else the least its counts imply, parts
 * inside their totals: the figure the report's `totals` are checked against.
 */
function headlineFigures(incident: Incident, counts: CountFacts): string {
  const facts = counts.factsIn(incident);
  const figures: string[] = [];
  for (const type of COUNT_TYPES) {
    const own = incident.attributes.get(type);
    const stated = own === undefined ? undefined : readCountLabel(own.value);
    if (stated) {
      figures.push(`${figure(stated.min, stated)} ${type}`);
      continue;
    }
    const ofType = facts.filter((fact) => fact.type === type && fact.interval !== undefined);
    if (ofType.length === 0) continue;
    const sum = counts.incidentSum(incident, type);
    // The one count the figure comes from; a sum of 0 ("at most 10") names none.
    const single = sum.terms.length === 1 ? sum.terms[0]!.fact.interval : ofType.length === 1 ? ofType[0]!.interval : undefined;
    figures.push(`${figure(sum.value, single)} ${type}`);
  }
  return figures.join(', ');
}

/**
 * A figure as its least number ("at least 213" is 213, as in the report's totals), unless it
 * comes from one count whose least number is not what it says: "about 50" is shown as 45–55,
 * not 45, and "at most 10" as such, not 0.
 */
function figure(least: number, interval: CountInterval | undefined): string {
  if (!interval || least !== interval.min || interval.max === interval.min || interval.max === Infinity) return String(least);
  return formatInterval(interval);
}

/**
 * An annotation's symbol, kept with the annotation while the gazetteer and the report's countries
 * stay the same: an edit elsewhere leaves the annotation object as it is (its spans moved in
 * place, and the symbol shares them), so the outline after a keystroke names again only the
 * annotations of the block it touched. Naming each anew cost more than the rest of a 1 MiB
 * report's outline, mostly in building the keys of the resolution cache.
 */
const ANNOTATION_SYMBOLS = new WeakMap<Annotation, { gazetteer: Gazetteer; scope: PlaceScope; symbol: OutlineSymbol }>();

function annotationSymbol(annotation: Annotation, naming: Naming): OutlineSymbol {
  const kept = ANNOTATION_SYMBOLS.get(annotation);
  if (kept && kept.gazetteer === naming.gazetteer && kept.scope === naming.scope) return kept.symbol;
  const { name, detail } = describeAnnotation(annotation, naming);
  const symbol: OutlineSymbol = {
    name: name || `:${annotation.kind}`,
    detail,
    kind: annotation.kind,
    span: annotation.span,
    selectionSpan: annotation.labelSpan ?? annotation.nameSpan,
    children: [],
  };
  ANNOTATION_SYMBOLS.set(annotation, { gazetteer: naming.gazetteer, scope: naming.scope, symbol });
  return symbol;
}

function describeAnnotation(annotation: Annotation, { gazetteer, scope }: Naming): { name: string; detail: string } {
  const label = oneLine(annotation.label);
  const attribute = (name: string) => oneLine(annotation.attributes.get(name)?.value ?? '');
  const joined = (...parts: string[]) => parts.filter((part) => part !== '').join(' · ');
  switch (annotation.kind) {
    case 'count': {
      // "46 civilians killed", "at least 213 injured": the label read with its group and type.
      const name = [label || attribute('value'), attribute('group'), attribute('type')].filter((part) => part !== '').join(' ');
      const id = attribute('id');
      const partOf = attribute('part-of').replace(/^#/, '');
      return { name, detail: joined(id && `#${id}`, partOf && `part of #${partOf}`) };
    }
    case 'date':
      return { name: label, detail: attribute('value') };
    case 'actor':
    case 'place': {
      const mention = mentions([annotation], [])[0]!;
      const resolution = resolveMention(gazetteer, mention, scope);
      const role = attribute('role');
      if (resolution.status === 'resolved') {
        const name = resolution.entry.name;
        return { name, detail: joined(label !== name ? label : '', role) };
      }
      const status = resolution.status === 'ambiguous' ? 'ambiguous' : 'not in the gazetteer';
      return { name: label || attribute('ref'), detail: joined(role, status) };
    }
  }
}

/** Labels and headings may run over lines; an outline shows one. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
