import type { ReportDiagnostic, Severity } from '../diagnostics.js';
import { exportReport, type IncidentRecord, type RecordActor, type RecordPlace } from '../export/incidentRecords.js';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import { INLAY_HINT_CODES } from '../languageFeatures/inlayHints.js';
import type { Report } from '../model.js';
import type { Range } from '../text.js';
import { COUNT_TYPES } from '../vocabulary.js';

/**
 * The Incidents Overview (map, timeline, table; docs/overview.md): the incident records of the
 * export (export/incidentRecords.ts, so that the overview and the export never disagree on an
 * incident) with what a reviewer needs beside them: where each incident is in its report, and the
 * diagnostics inside it. Plain data, sent as JSON to the static page and to the VS Code panel.
 */

export type CountType = (typeof COUNT_TYPES)[number];

export interface OverviewDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
}

/**
 * The incident's place as the export's record gives it (RecordPlace: the gazetteer's name, country,
 * areas and coordinates); `precision`: `place` a point of its own, `area` only known to be inside an
 * area (drawn with another mark), null no coordinates.
 */
export type OverviewPlace = Pick<RecordPlace, 'label' | 'name' | 'country' | 'countryCode' | 'admin1' | 'admin2' | 'latitude' | 'longitude'> & {
  precision: RecordPlace['geoPrecision'];
};

export interface OverviewFigure {
  type: CountType;
  low: number;
  /** Null: some source gives no upper end ("at least 46"). */
  high: number | null;
  sources: { source: string | null; asWritten: string; low: number; high: number | null }[];
}

export interface OverviewIncident {
  /** Unique in the overview: the report's index and the incident's (ids may repeat across reports, or be missing). */
  key: string;
  id: string | null;
  /** The report, as the caller names it (a path relative to the working folder, or a URI). */
  file: string;
  /** 1-based line of `:::incident`, as in the export. */
  line: number;
  /** The whole `:::incident` container, 0-based, for revealing it in the editor. */
  range: Range;
  date: { value: string; start: string; end: string; precision: 'year' | 'month' | 'day' } | null;
  place: OverviewPlace | null;
  /** In the vocabulary's order, only the types the incident has a figure of. */
  figures: OverviewFigure[];
  actors: { perpetrators: string[]; victims: string[]; sources: string[]; claimants: string[]; others: string[] };
  /** The worst severity of its diagnostics, null without any. */
  severity: Severity | null;
  diagnostics: OverviewDiagnostic[];
}

export interface OverviewReport {
  file: string;
  title: string | null;
  incidents: number;
  /** Diagnostics outside every incident (front matter, totals, prose), which no incident shows. */
  outside: OverviewDiagnostic[];
  builtinError?: string;
}

export interface OverviewModel {
  reports: OverviewReport[];
  incidents: OverviewIncident[];
  /** The box around every incident with coordinates, in degrees; null when none has any. */
  extent: { west: number; south: number; east: number; north: number } | null;
  /** First and last day of the incidents' dates (ISO); null when none has a date. */
  period: { start: string; end: string } | null;
}

/** One report's part of the overview: its incident records, and where each incident is. */
export interface OverviewInput {
  file: string;
  title: string | null;
  records: IncidentRecord[];
  /** Parallel to `records`: each incident's container as offsets and as positions. */
  incidents: { start: number; end: number; range: Range }[];
  diagnostics: readonly ReportDiagnostic[];
  builtinError?: string;
}

/** What a check of a report gives (LanguageService.check), as far as the overview needs it. */
export interface CheckedReport {
  report: Report;
  gazetteer: Gazetteer;
  diagnostics: readonly ReportDiagnostic[];
  builtinError?: string;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** A checked report as the overview's input: the export's records of it, and its incidents' ranges. */
export function overviewInput(file: string, checked: CheckedReport): OverviewInput {
  const { report, gazetteer, diagnostics, builtinError } = checked;
  const exported = exportReport(report, gazetteer, diagnostics, builtinError);
  return {
    file,
    title: exported.title,
    records: exported.incidents,
    incidents: report.incidents.map(({ span }) => ({
      start: span.start,
      end: span.end,
      range: { start: report.lines.positionAt(span.start), end: report.lines.positionAt(span.end) },
    })),
    // As the editor shows them by default: an alias or an inferred date is an inlay hint, not a problem to review.
    diagnostics: diagnostics.filter((diagnostic) => diagnostic.severity !== 'hint' || !INLAY_HINT_CODES.has(diagnostic.code)),
    ...(builtinError === undefined ? {} : { builtinError }),
  };
}

/** The overview of one or several reports, incidents in the order of the reports and then of their text. */
export function overviewModel(inputs: readonly OverviewInput[]): OverviewModel {
  const reports: OverviewReport[] = [];
  const incidents: OverviewIncident[] = [];
  inputs.forEach((input, reportIndex) => {
    const { inside, outside } = diagnosticsByIncident(input);
    input.records.forEach((record, index) => {
      incidents.push(overviewIncident(`${reportIndex}:${index}`, input, record, index, inside[index] ?? []));
    });
    reports.push({
      file: input.file,
      title: input.title,
      incidents: input.records.length,
      outside,
      ...(input.builtinError === undefined ? {} : { builtinError: input.builtinError }),
    });
  });
  return { reports, incidents, extent: extentOf(incidents), period: periodOf(incidents) };
}

/**
 * Each diagnostic under the incident its start lies in (incidents do not nest, and are in text
 * order: a binary search each), the others apart.
 */
function diagnosticsByIncident(input: OverviewInput): { inside: OverviewDiagnostic[][]; outside: OverviewDiagnostic[] } {
  const inside: OverviewDiagnostic[][] = input.incidents.map(() => []);
  const outside: OverviewDiagnostic[] = [];
  for (const diagnostic of input.diagnostics) {
    const shown = { code: diagnostic.code, severity: diagnostic.severity, message: diagnostic.message, range: diagnostic.range };
    const at = diagnostic.span.start;
    let low = 0;
    let high = input.incidents.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const incident = input.incidents[middle]!;
      if (at < incident.start) high = middle - 1;
      else if (at >= incident.end) low = middle + 1;
      else {
        found = middle;
        break;
      }
    }
    (found >= 0 ? inside[found]! : outside).push(shown);
  }
  for (const list of inside) list.sort(bySeverityThenPosition);
  outside.sort(bySeverityThenPosition);
  return { inside, outside };
}

function bySeverityThenPosition(a: OverviewDiagnostic, b: OverviewDiagnostic): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

function overviewIncident(key: string, input: OverviewInput, record: IncidentRecord, index: number, diagnostics: OverviewDiagnostic[]): OverviewIncident {
  const names = (actors: RecordActor[]) => actors.map((actor) => actor.name);
  const place = record.place;
  return {
    key,
    id: record.id,
    file: input.file,
    line: record.line,
    range: input.incidents[index]!.range,
    date: record.date,
    place: place && {
      label: place.label,
      name: place.name,
      country: place.country,
      countryCode: place.countryCode,
      admin1: place.admin1,
      admin2: place.admin2,
      latitude: place.latitude,
      longitude: place.longitude,
      precision: place.geoPrecision,
    },
    figures: COUNT_TYPES.flatMap((type) => {
      const figure = record.figures[type];
      if (!figure) return [];
      const sources = figure.sources.map(({ source, asWritten, low, high }) => ({ source, asWritten, low, high }));
      return [{ type, low: figure.low, high: figure.high, sources }];
    }),
    actors: {
      perpetrators: names(record.actors.perpetrators),
      victims: names(record.actors.victims),
      sources: names(record.actors.sources),
      claimants: names(record.actors.claimants),
      others: names(record.actors.others),
    },
    severity: diagnostics[0]?.severity ?? null,
    diagnostics,
  };
}

function extentOf(incidents: readonly OverviewIncident[]): OverviewModel['extent'] {
  let extent: OverviewModel['extent'] = null;
  for (const { place } of incidents) {
    if (place?.latitude == null || place.longitude == null) continue;
    const { latitude, longitude } = place;
    extent = extent
      ? { west: Math.min(extent.west, longitude), south: Math.min(extent.south, latitude), east: Math.max(extent.east, longitude), north: Math.max(extent.north, latitude) }
      : { west: longitude, south: latitude, east: longitude, north: latitude };
  }
  return extent;
}

function periodOf(incidents: readonly OverviewIncident[]): OverviewModel['period'] {
  let first: string | undefined;
  let last: string | undefined;
  for (const { date } of incidents) {
    if (!date) continue;
    const start = firstDay(date.start);
    const end = lastDay(date.end);
    if (first === undefined || start < first) first = start;
    if (last === undefined || end > last) last = end;
  }
  return first !== undefined && last !== undefined ? { start: first, end: last } : null;
}

/** The first day of an ISO year, month or day (`2023` → `2023-01-01`). */
export function firstDay(iso: string): string {
  return iso.length === 4 ? `${iso}-01-01` : iso.length === 7 ? `${iso}-01` : iso;
}

/** The last day of an ISO year, month or day (`2023-02` → `2023-02-28`). */
export function lastDay(iso: string): string {
  if (iso.length === 4) return `${iso}-12-31`;
  if (iso.length === 7) {
    const [year, month] = iso.split('-').map(Number) as [number, number];
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return `${iso}-${String(days).padStart(2, '0')}`;
  }
  return iso;
}
