import { countFacts, type CountFact, type CountFacts } from '../counts/countFacts.js';
import { countValue } from '../counts/countValue.js';
import { parseIsoDate, formatIso } from '../dates/isoDate.js';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import { reportScope, type PlaceScope } from '../gazetteer/reportScope.js';
import { mentions, resolveMention, type Mention } from '../gazetteer/resolveMention.js';
import type { Annotation, Incident, Report } from '../model.js';
import { COUNT_TYPES } from '../vocabulary.js';
import { csvField } from './incidentFormats.js';

export interface ExportedName {
  label: string;
  /** Gazetteer id when the name resolved to exactly one entry. */
  id: string | null;
  name: string | null;
  /** Containing places, innermost first (places only). */
  path: string[];
  role: string | null;
}

export interface ExportedCount {
  label: string;
  type: string | null;
  group: string | null;
  id: string | null;
  partOf: string | null;
  /** Lowest figure the count allows; null when no number can be read. */
  min: number | null;
  /** Highest figure; null when unbounded or unreadable. */
  max: number | null;
  precision: string | null;
  /** Who gave the figure (`source=`): the gazetteer actor's name, or the source as the report names it; null for the report's own. */
  source: string | null;
  /** The source's gazetteer id, when it is a gazetteer actor. */
  sourceId: string | null;
  /** When the figure was true (`as-of=`), as written; null without one. */
  asOf: string | null;
  /** A later figure of the same source, type and group in the incident replaces this one: it counts in no total. */
  superseded: boolean;
  line: number;
}

/**
 * The incident's figure for one type, as docs/markup.md's "Which figure counts" takes it: per
 * source its latest figures, across sources the lowest least number and the highest most.
 */
export interface ExportedFigure {
  type: string;
  min: number;
  /** Null when some source gives no upper end ("at least 46"). */
  max: number | null;
  /** Each source's figure, the report's own (`source: null`) among them. */
  sources: { source: string | null; sourceId: string | null; min: number; max: number | null }[];
}

export interface ExportedIncident {
  id: string | null;
  line: number;
  date: { value: string; start: string; end: string } | null;
  place: ExportedName | null;
  counts: ExportedCount[];
  /** Per count type its counts speak of, in the vocabulary's order. */
  figures: ExportedFigure[];
  dates: { label: string; value: string | null; line: number }[];
  actors: ExportedName[];
  places: ExportedName[];
}

function exportName(gazetteer: Gazetteer, scope: PlaceScope, mention: Mention): ExportedName {
  const resolution = resolveMention(gazetteer, mention, scope);
  const entry = resolution.status === 'resolved' ? resolution.entry : undefined;
  return {
    label: mention.text.trim(),
    id: entry?.id ?? null,
    name: entry?.name ?? null,
    path: entry && entry.category === 'place' ? gazetteer.ancestors(entry).map((place) => place.name) : [],
    role: mention.directive.attributes.get('role')?.value ?? null,
  };
}

function exportCount(report: Report, annotation: Annotation, fact: CountFact | undefined, model: CountFacts): ExportedCount {
  const { interval } = countValue(report, annotation);
  const attribute = (name: string) => annotation.attributes.get(name)?.value ?? null;
  return {
    label: annotation.label.trim(),
    type: attribute('type'),
    group: attribute('group'),
    id: attribute('id'),
    partOf: attribute('part-of'),
    min: interval ? interval.min : null,
    max: interval && Number.isFinite(interval.max) ? interval.max : null,
    precision: interval?.precision ?? null,
    source: fact?.source?.name ?? null,
    sourceId: fact?.source?.id ?? null,
    asOf: attribute('as-of'),
    superseded: fact !== undefined && model.isSuperseded(fact),
    line: report.lines.positionAt(annotation.span.start).line + 1,
  };
}

const upper = (max: number) => (Number.isFinite(max) ? max : null);

function exportFigures(incident: Incident, model: CountFacts): ExportedFigure[] {
  const figures: ExportedFigure[] = [];
  for (const type of COUNT_TYPES) {
    const figure = model.incidentFigure(incident, type);
    if (figure.sources.length === 0) continue;
    figures.push({
      type,
      min: figure.min,
      max: upper(figure.max),
      sources: figure.sources.map((one) => ({ source: one.source?.name ?? null, sourceId: one.source?.id ?? null, min: one.sum.value, max: upper(one.max) })),
    });
  }
  return figures;
}

/** Everything a report states, incident by incident, as plain data for spreadsheets and databases. */
export function exportIncidents(report: Report, gazetteer: Gazetteer): ExportedIncident[] {
  const line = (offset: number) => report.lines.positionAt(offset).line + 1;
  // Names resolve in the report's countries, as the checks resolve them.
  const scope = reportScope(gazetteer, report);
  const model = countFacts(report, gazetteer);
  const factOf = new Map(model.facts.map((fact) => [fact.annotation, fact]));
  const exportOne = (incident: Incident | undefined, annotations: readonly Annotation[]): ExportedIncident => {
    const dateValue = incident?.attributes.get('date')?.value;
    const parsedDate = dateValue === undefined ? undefined : parseIsoDate(dateValue);
    const placeMention = incident ? mentions([], [incident])[0] : undefined;
    const names = mentions(annotations, []);
    return {
      id: incident?.attributes.get('id')?.value ?? null,
      line: incident ? line(incident.span.start) : 1,
      date:
        dateValue !== undefined && parsedDate?.ok
          ? { value: dateValue, start: formatIso(parsedDate.interval.start), end: formatIso(parsedDate.interval.end) }
          : null,
      place: placeMention ? exportName(gazetteer, scope, placeMention) : null,
      counts: annotations.filter((a) => a.kind === 'count').map((a) => exportCount(report, a, factOf.get(a), model)),
      figures: incident ? exportFigures(incident, model) : [],
      dates: annotations
        .filter((a) => a.kind === 'date')
        .map((a) => ({ label: a.label.trim(), value: a.attributes.get('value')?.value ?? null, line: line(a.span.start) })),
      actors: names.filter((m) => m.category === 'actor').map((m) => exportName(gazetteer, scope, m)),
      places: names.filter((m) => m.category === 'place').map((m) => exportName(gazetteer, scope, m)),
    };
  };
  const result = report.incidents.map((incident) => exportOne(incident, incident.annotations));
  const outside = report.annotations.filter((annotation) => annotation.incident === undefined);
  // Facts stated outside any incident are kept, under an incident without id, so nothing is lost.
  if (outside.length > 0) result.push(exportOne(undefined, outside));
  return result;
}

const CSV_COLUMNS = [
  'file', 'incident', 'incident_line', 'date_start', 'date_end', 'place_id', 'place', 'type', 'group', 'min', 'max',
  'precision', 'label', 'count_id', 'part_of', 'count_line', 'actors', 'source', 'source_id', 'as_of', 'superseded', 'incident_min',
  'incident_max',
] as const;

/**
 * One row per count, with its incident's date, place and actors: what casualty databases import.
 * Each row also has the count's source and date, whether a later figure superseded it, and the
 * incident's figure of its type (incident_min, incident_max): sum those once per incident and type,
 * never the counts' own min, or a figure stated by two sources is counted twice.
 */
export function incidentsToCsv(files: { file: string; incidents: ExportedIncident[] }[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const { file, incidents } of files) {
    for (const incident of incidents) {
      const actors = [...new Set(incident.actors.map((actor) => actor.name ?? actor.label))].join('; ');
      for (const count of incident.counts) {
        // The incident's figure of the count's type, on each of its rows: what a database sums per incident.
        const figure = incident.figures.find((one) => one.type === count.type);
        const row = [
          file, incident.id, incident.line, incident.date?.start ?? null, incident.date?.end ?? null, incident.place?.id ?? null,
          incident.place?.name ?? incident.place?.label ?? null, count.type, count.group, count.min, count.max, count.precision,
          count.label, count.id, count.partOf, count.line, actors, count.source, count.sourceId, count.asOf, String(count.superseded),
          figure?.min ?? null, figure?.max ?? null,
        ];
        rows.push(row.map(csvField).join(','));
      }
    }
  }
  return `${rows.join('\n')}\n`;
}
