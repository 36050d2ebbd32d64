import { countFacts, type CountFacts } from '../counts/countFacts.js';
import { readCountLabel } from '../counts/readCountLabel.js';
import { formatIso, parseIsoDate, type DatePrecision } from '../dates/isoDate.js';
import type { ReportDiagnostic } from '../diagnostics.js';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import type { GazetteerEntry } from '../gazetteer/gazetteerModel.js';
import { reportScope, type PlaceScope } from '../gazetteer/reportScope.js';
import { mentions, resolveMention, type Mention } from '../gazetteer/resolveMention.js';
import type { Incident, Report } from '../model.js';
import { COUNT_TYPES } from '../vocabulary.js';

/**
 * The incident-level export (docs/export.md): one record per `:::incident`, with what a
 * conflict-event dataset has per event. Text outside incidents is no incident and makes no record.
 */

/** An actor as the report names it, with the gazetteer entry it resolved to. */
export interface RecordActor {
  /** The gazetteer name, or the label as written when the name did not resolve. */
  name: string;
  id: string | null;
  label: string;
}

/**
 * The incident's place (`place=`), with what the gazetteer knows of it: the containing country
 * and first- and second-level areas, and coordinates (the place's own, or else its nearest
 * containing area's, which `geoPrecision` says).
 */
export interface RecordPlace {
  /** `place=` as written. */
  label: string;
  id: string | null;
  name: string | null;
  kind: string | null;
  geonamesId: number | null;
  country: string | null;
  /** ISO 3166 code of the country. */
  countryCode: string | null;
  admin1: string | null;
  admin2: string | null;
  latitude: number | null;
  longitude: number | null;
  /** The gazetteer id of the entry the coordinates are of: the place's own, or a containing area's. */
  coordinatesFrom: string | null;
  /**
   * `place`: the coordinates are the place's own, a point (a town, a camp, a site); `area`: the place
   * is an area (country, governorate, district, subdistrict) or has no coordinates and those are a
   * containing area's, so the incident is only known to be inside; null: no coordinates known.
   */
  geoPrecision: 'place' | 'area' | null;
}

/** One source's figure within an incident's figure of one type. */
export interface RecordFigureSource {
  /** Null for the report's own figure (counts without `source=`), or for the incident's `killed=`. */
  source: string | null;
  sourceId: string | null;
  /** The count labels the figure is read from, as written (`nine + 13`), or `killed=46`. */
  asWritten: string;
  low: number;
  high: number | null;
}

/**
 * An incident's figure of one type as docs/markup.md's "Which figure counts" has it: per source
 * its latest figures, across sources from the lowest least number to the highest most (high null:
 * some source gives no upper end). Without counts of the type, the incident's own `killed=`.
 */
export interface RecordFigure {
  low: number;
  high: number | null;
  sources: RecordFigureSource[];
}

export interface IncidentRecord {
  id: string | null;
  line: number;
  /** `date=` as written; start and end as ISO dates; precision the coarser of the two. */
  date: { value: string; start: string; end: string; precision: DatePrecision } | null;
  place: RecordPlace | null;
  /** By role: `actor1` of the datasets are the perpetrators, `actor2` the victims. */
  actors: { perpetrators: RecordActor[]; victims: RecordActor[]; sources: RecordActor[]; claimants: RecordActor[]; others: RecordActor[] };
  /** The other places the incident names (`:place[…]`). */
  places: RecordActor[];
  /** Per count type the incident has a figure of, in the vocabulary's order. */
  figures: Partial<Record<(typeof COUNT_TYPES)[number], RecordFigure>>;
  /** The incident's text, directives read as their labels. */
  notes: string;
}

/** An error in the report, which the export names on standard error (and refuses under --strict). */
export interface ExportProblem {
  line: number;
  column: number;
  code: string;
  message: string;
}

export interface ExportedReport {
  /** Front matter `title:`, or the first heading. */
  title: string | null;
  published: string | null;
  /** The front matter as parsed, null without one or when it is not a mapping. */
  frontMatter: Record<string, unknown> | null;
  incidents: IncidentRecord[];
  /** The report's diagnostics of error severity: the fields they touch are exported empty. */
  errors: ExportProblem[];
  /** Why the built-in world layer could not be loaded: its places' countries, areas and coordinates are then missing. */
  builtinError?: string;
}

const ROLE_GROUPS = { perpetrator: 'perpetrators', victim: 'victims', source: 'sources', claimant: 'claimants' } as const;
const AREA_COLUMNS = { country: 'country', governorate: 'admin1', district: 'admin2' } as const;
/** Kinds that are areas rather than points: an incident placed in one is known only to be somewhere inside. */
const AREA_KINDS = new Set(['country', 'governorate', 'district', 'subdistrict']);

function resolved(gazetteer: Gazetteer, scope: PlaceScope, mention: Mention): GazetteerEntry | undefined {
  const resolution = resolveMention(gazetteer, mention, scope);
  return resolution.status === 'resolved' ? resolution.entry : undefined;
}

function recordPlace(gazetteer: Gazetteer, entry: GazetteerEntry | undefined, label: string): RecordPlace {
  const place: RecordPlace = {
    label, id: entry?.id ?? null, name: entry?.name ?? null, kind: entry?.kind ?? null, geonamesId: entry?.geonames ?? null,
    country: null, countryCode: null, admin1: null, admin2: null, latitude: null, longitude: null, coordinatesFrom: null, geoPrecision: null,
  };
  if (!entry) return place;
  // The same entries and ancestors that hover and `gazetteer lookup --json` show.
  const chain = [entry, ...gazetteer.ancestors(entry)];
  for (const area of chain) {
    const column = AREA_COLUMNS[area.kind as keyof typeof AREA_COLUMNS];
    if (column && place[column] === null) place[column] = area.name;
  }
  place.countryCode = gazetteer.countryOf(entry) ?? null;
  const located = chain.find((area) => area.coordinates !== undefined);
  if (located?.coordinates) {
    [place.latitude, place.longitude] = located.coordinates;
    place.coordinatesFrom = located.id;
    // An area's coordinates (a governorate's centre) do not say where in it the incident was.
    place.geoPrecision = located === entry && !AREA_KINDS.has(entry.kind ?? '') ? 'place' : 'area';
  }
  return place;
}

function recordFigures(incident: Incident, model: CountFacts): IncidentRecord['figures'] {
  const figures: IncidentRecord['figures'] = {};
  const upper = (max: number) => (Number.isFinite(max) ? max : null);
  for (const type of COUNT_TYPES) {
    const figure = model.incidentFigure(incident, type);
    if (figure.sources.length > 0) {
      figures[type] = {
        low: figure.min,
        high: upper(figure.max),
        sources: figure.sources.map((one) => ({
          source: one.source?.name ?? null,
          sourceId: one.source?.id ?? null,
          asWritten: one.sum.terms.map((term) => term.fact.annotation.label.trim()).join(' + '),
          low: one.sum.value,
          high: upper(one.max),
        })),
      };
      continue;
    }
    // No count of the type: the incident's own figure, as the report totals read it.
    const own = incident.attributes.get(type);
    const interval = own ? readCountLabel(own.value) : undefined;
    if (own && interval) {
      figures[type] = {
        low: interval.min,
        high: upper(interval.max),
        sources: [{ source: null, sourceId: null, asWritten: `${type}=${own.value}`, low: interval.min, high: upper(interval.max) }],
      };
    }
  }
  return figures;
}

/** The incident's prose as one line of plain text: directives as their labels, Markdown's line marks dropped. */
function incidentNotes(report: Report, incident: Incident): string {
  const parts: string[] = [];
  const { annotations } = incident;
  // Blocks and annotations are both in document order: one pass over each.
  let next = 0;
  for (const block of incident.contentBlocks) {
    let text = '';
    let at = block.start;
    while (next < annotations.length && annotations[next]!.span.start < block.start) next++;
    for (; next < annotations.length && annotations[next]!.span.end <= block.end; next++) {
      const annotation = annotations[next]!;
      if (annotation.span.start < at) continue;
      text += report.text.slice(at, annotation.span.start) + annotation.label;
      at = annotation.span.end;
    }
    text += report.text.slice(at, block.end);
    parts.push(text.replace(/^[ \t]*(?:>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+)/gm, ''));
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

function recordDate(incident: Incident): IncidentRecord['date'] {
  const value = incident.attributes.get('date')?.value;
  const parsed = value === undefined ? undefined : parseIsoDate(value);
  if (value === undefined || !parsed?.ok) return null;
  const { start, end } = parsed.interval;
  const order: DatePrecision[] = ['year', 'month', 'day'];
  const precision = order[Math.min(order.indexOf(start.precision), order.indexOf(end.precision))]!;
  return { value, start: formatIso(start), end: formatIso(end), precision };
}

function recordIncident(report: Report, gazetteer: Gazetteer, scope: PlaceScope, model: CountFacts, incident: Incident): IncidentRecord {
  const names = mentions(incident.annotations, []);
  const actors: IncidentRecord['actors'] = { perpetrators: [], victims: [], sources: [], claimants: [], others: [] };
  const places: RecordActor[] = [];
  for (const mention of names) {
    const entry = resolved(gazetteer, scope, mention);
    const named = { name: entry?.name ?? mention.text.trim(), id: entry?.id ?? null, label: mention.text.trim() };
    if (mention.category === 'place') {
      places.push(named);
      continue;
    }
    const role = mention.directive.attributes.get('role')?.value;
    const group = actors[ROLE_GROUPS[role as keyof typeof ROLE_GROUPS] ?? 'others'];
    // One actor named twice ("Syria Civil Defence", "the White Helmets") is one actor.
    if (!group.some((other) => (other.id !== null ? other.id === named.id : other.name === named.name))) group.push(named);
  }
  const figures = recordFigures(incident, model);
  // A count's `source=` is a source of the incident even when no :actor[…]{role=source} names it.
  for (const figure of Object.values(figures)) {
    for (const { source, sourceId } of figure.sources) {
      if (source !== null && !actors.sources.some((other) => (sourceId !== null ? other.id === sourceId : other.name === source))) {
        actors.sources.push({ name: source, id: sourceId, label: source });
      }
    }
  }
  const placeMention = mentions([], [incident])[0];
  return {
    id: incident.attributes.get('id')?.value ?? null,
    line: report.lines.positionAt(incident.span.start).line + 1,
    date: recordDate(incident),
    place: placeMention ? recordPlace(gazetteer, resolved(gazetteer, scope, placeMention), placeMention.text.trim()) : null,
    actors,
    places,
    figures,
    notes: incidentNotes(report, incident),
  };
}

/** A report's incidents as records, with its title, publication date, front matter and errors. */
export function exportReport(report: Report, gazetteer: Gazetteer, diagnostics: readonly ReportDiagnostic[] = [], builtinError?: string): ExportedReport {
  // Names resolve in the report's countries, as the checks resolve them.
  const scope = reportScope(gazetteer, report);
  const model = countFacts(report, gazetteer);
  const frontMatter = report.frontMatter;
  return {
    title: frontMatter?.title ?? report.headings[0]?.text ?? null,
    published: frontMatter?.published?.value ?? null,
    frontMatter: frontMatter?.data ?? null,
    incidents: report.incidents.map((incident) => recordIncident(report, gazetteer, scope, model, incident)),
    errors: diagnostics
      .filter((diagnostic) => diagnostic.severity === 'error')
      .map(({ range, code, message }) => ({ line: range.start.line + 1, column: range.start.character + 1, code, message })),
    ...(builtinError === undefined ? {} : { builtinError }),
  };
}
