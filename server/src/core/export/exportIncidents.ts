import { countValue } from '../counts/countValue.js';
import { parseIsoDate, formatIso } from '../dates/isoDate.js';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import { reportScope, type PlaceScope } from '../gazetteer/reportScope.js';
import { mentions, resolveMention, type Mention } from '../gazetteer/resolveMention.js';
import type { Annotation, Incident, Report } from '../model.js';

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
  line: number;
}

export interface ExportedIncident {
  id: string | null;
  line: number;
  date: { value: string; start: string; end: string } | null;
  place: ExportedName | null;
  counts: ExportedCount[];
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

function exportCount(report: Report, annotation: Annotation): ExportedCount {
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
    line: report.lines.positionAt(annotation.span.start).line + 1,
  };
}

/** Everything a report states, incident by incident, as plain data for spreadsheets and databases. */
export function exportIncidents(report: Report, gazetteer: Gazetteer): ExportedIncident[] {
  const line = (offset: number) => report.lines.positionAt(offset).line + 1;
  // Names resolve in the report's countries, as the checks resolve them.
  const scope = reportScope(gazetteer, report);
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
      counts: annotations.filter((a) => a.kind === 'count').map((a) => exportCount(report, a)),
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
  'precision', 'label', 'count_id', 'part_of', 'count_line', 'actors',
] as const;

function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per count, with its incident's date, place and actors: what casualty databases import. */
export function incidentsToCsv(files: { file: string; incidents: ExportedIncident[] }[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const { file, incidents } of files) {
    for (const incident of incidents) {
      const actors = [...new Set(incident.actors.map((actor) => actor.name ?? actor.label))].join('; ');
      for (const count of incident.counts) {
        const row = [
          file, incident.id, incident.line, incident.date?.start ?? null, incident.date?.end ?? null, incident.place?.id ?? null,
          incident.place?.name ?? incident.place?.label ?? null, count.type, count.group, count.min, count.max, count.precision,
          count.label, count.id, count.partOf, count.line, actors,
        ];
        rows.push(row.map(csvField).join(','));
      }
    }
  }
  return `${rows.join('\n')}\n`;
}
