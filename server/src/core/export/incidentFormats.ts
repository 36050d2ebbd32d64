import { COUNT_TYPES } from '../vocabulary.js';
import type { ExportedReport, IncidentRecord, RecordActor } from './incidentRecords.js';

/**
 * The incident-level export written out: CSV, GeoJSON and JSON, pure functions of the records.
 * Each column is documented in docs/export.md; the names of ACLED's conflict-event data are used
 * where one means the same (event_date, actor1, actor2, country, admin1, admin2, location,
 * latitude, longitude, fatalities, notes, source).
 */

/** The formats of the incident-level export (the CLI's --format, the editor's Export Incidents). */
export const EXPORT_FORMATS = ['json', 'csv', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A report's records under the path it is shown by. */
export interface ReportExport extends ExportedReport {
  file: string;
}

type Cell = string | number | null;

const FIGURE_COLUMNS = COUNT_TYPES.flatMap((type) => [`${type}_low`, `${type}_high`, `${type}_as_written`, `${type}_source`]);

export const INCIDENT_COLUMNS = [
  'file', 'line', 'title', 'published', 'incident', 'event_date', 'date_start', 'date_end', 'date_precision',
  'location', 'place_id', 'place_kind', 'geonames_id', 'country', 'country_code', 'admin1', 'admin2', 'latitude', 'longitude', 'coordinates_from', 'geo_precision',
  'actor1', 'actor1_ids', 'actor2', 'actor2_ids', 'source', 'source_ids', 'claimants', 'claimant_ids', 'other_actors', 'other_actor_ids',
  'places', 'place_ids', 'fatalities', ...FIGURE_COLUMNS, 'notes',
] as const;

/** Several names in one cell, `; ` between them; the ids column has one slot per name, empty when it did not resolve. */
const names = (list: readonly RecordActor[]): Cell => (list.length === 0 ? null : list.map((one) => one.name).join('; '));
const ids = (list: readonly RecordActor[]): Cell => (list.length === 0 ? null : list.map((one) => one.id ?? '').join('; '));

/** One incident as the CSV row and GeoJSON properties have it: every column of INCIDENT_COLUMNS, null for empty. */
export function incidentColumns(report: ReportExport, incident: IncidentRecord): Record<string, Cell> {
  const { place, date, actors, figures } = incident;
  const row: Record<string, Cell> = {
    file: report.file,
    line: incident.line,
    title: report.title,
    published: report.published,
    incident: incident.id,
    event_date: date?.start ?? null,
    date_start: date?.start ?? null,
    date_end: date?.end ?? null,
    date_precision: date?.precision ?? null,
    location: place ? (place.name ?? place.label) : null,
    place_id: place?.id ?? null,
    place_kind: place?.kind ?? null,
    geonames_id: place?.geonamesId ?? null,
    country: place?.country ?? null,
    country_code: place?.countryCode ?? null,
    admin1: place?.admin1 ?? null,
    admin2: place?.admin2 ?? null,
    latitude: place?.latitude ?? null,
    longitude: place?.longitude ?? null,
    coordinates_from: place?.coordinatesFrom ?? null,
    geo_precision: place?.geoPrecision ?? null,
    actor1: names(actors.perpetrators),
    actor1_ids: ids(actors.perpetrators),
    actor2: names(actors.victims),
    actor2_ids: ids(actors.victims),
    source: names(actors.sources),
    source_ids: ids(actors.sources),
    claimants: names(actors.claimants),
    claimant_ids: ids(actors.claimants),
    other_actors: names(actors.others),
    other_actor_ids: ids(actors.others),
    places: names(incident.places),
    place_ids: ids(incident.places),
    fatalities: figures.killed?.low ?? null,
  };
  for (const type of COUNT_TYPES) {
    const figure = figures[type];
    row[`${type}_low`] = figure?.low ?? null;
    row[`${type}_high`] = figure?.high ?? null;
    row[`${type}_as_written`] = figure ? figure.sources.map((one) => one.asWritten).join('; ') : null;
    // One slot per figure, in the same order; empty for the report's own.
    row[`${type}_source`] = figure && figure.sources.some((one) => one.source !== null) ? figure.sources.map((one) => one.source ?? '').join('; ') : null;
  }
  row.notes = incident.notes;
  return row;
}

/**
 * RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. Text that
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return is what spreadsheet programs take for
 * a formula (a report's title or text could call out or read other cells when the file is opened):
 * it gets a leading `'`, as OWASP's "CSV Injection" page advises. Numbers are written as they are,
 * so a negative latitude stays a number.
 */
export function csvField(value: Cell): string {
  const text = value === null ? '' : typeof value === 'number' ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One row per incident; an empty cell is an unknown, never a zero. */
export function incidentsToCsvRows(reports: readonly ReportExport[]): string {
  const rows = [INCIDENT_COLUMNS.join(',')];
  for (const report of reports) {
    for (const incident of report.incidents) {
      const row = incidentColumns(report, incident);
      rows.push(INCIDENT_COLUMNS.map((column) => csvField(row[column] ?? null)).join(','));
    }
  }
  return `${rows.join('\n')}\n`;
}

/**
 * A FeatureCollection of points ([longitude, latitude], as RFC 7946 orders them) with the
 * incident's columns as properties. Incidents without coordinates are not dropped: they are in
 * the top-level member `unlocated`, with the same properties.
 */
export function incidentsToGeoJson(reports: readonly ReportExport[]): string {
  const features: unknown[] = [];
  const unlocated: Record<string, Cell>[] = [];
  for (const report of reports) {
    for (const incident of report.incidents) {
      const properties = incidentColumns(report, incident);
      const { latitude, longitude } = incident.place ?? {};
      if (typeof latitude === 'number' && typeof longitude === 'number') {
        features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [longitude, latitude] }, properties });
      } else {
        unlocated.push(properties);
      }
    }
  }
  return `${JSON.stringify({ type: 'FeatureCollection', features, unlocated }, null, 2)}\n`;
}

/** Each report with its front matter and its incidents as nested records; `errors` stay on standard error. */
export function incidentsToJson(reports: readonly ReportExport[]): string {
  const shown = reports.map(({ file, title, published, frontMatter, incidents }) => ({ file, title, published, frontMatter, incidents }));
  return `${JSON.stringify(shown, null, 2)}\n`;
}

/** The reports' incidents in one of EXPORT_FORMATS. */
export function formatIncidentExport(reports: readonly ReportExport[], format: ExportFormat): string {
  if (format === 'csv') return incidentsToCsvRows(reports);
  if (format === 'geojson') return incidentsToGeoJson(reports);
  return incidentsToJson(reports);
}
