/**
 * The overview model as the page reads it: the JSON of server/src/core/overview/overviewModel.ts
 * (OverviewModel). The client does not import the server (the dependency rules), so the shape is
 * declared again here; test/unit/overviewPage.test.ts renders the server's model with this page.
 */

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Position {
  line: number;
  character: number;
}

export interface OverviewDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: { start: Position; end: Position };
}

export interface OverviewIncident {
  key: string;
  id: string | null;
  file: string;
  line: number;
  range: { start: Position; end: Position };
  date: { value: string; start: string; end: string; precision: 'year' | 'month' | 'day' } | null;
  place: {
    label: string;
    name: string | null;
    country: string | null;
    countryCode: string | null;
    admin1: string | null;
    admin2: string | null;
    latitude: number | null;
    longitude: number | null;
    precision: 'place' | 'area' | null;
  } | null;
  figures: { type: string; low: number; high: number | null; sources: { source: string | null; asWritten: string; low: number; high: number | null }[] }[];
  actors: { perpetrators: string[]; victims: string[]; sources: string[]; claimants: string[]; others: string[] };
  severity: Severity | null;
  diagnostics: OverviewDiagnostic[];
}

export interface OverviewModel {
  reports: { file: string; title: string | null; incidents: number; outside: OverviewDiagnostic[]; builtinError?: string }[];
  incidents: OverviewIncident[];
  extent: { west: number; south: number; east: number; north: number } | null;
  period: { start: string; end: string } | null;
}

export const ROLES = [
  ['perpetrators', 'perpetrator'],
  ['victims', 'victim'],
  ['sources', 'source'],
  ['claimants', 'claimant'],
  ['others', 'other'],
] as const;

/** The low figure of a type, 0 without one: what the marks' sizes and the daily bars add up. */
export function lowOf(incident: OverviewIncident, type: string): number {
  return incident.figures.find((figure) => figure.type === type)?.low ?? 0;
}

/** A figure as a reader says it: `46`, `46–61`, `at least 46`. */
export function figureText(low: number, high: number | null): string {
  if (high === null) return `at least ${low}`;
  return high === low ? String(low) : `${low}–${high}`;
}

/** The place as a line of text: its name and the areas above it. */
export function placeText(incident: OverviewIncident): string {
  const place = incident.place;
  if (!place) return 'no place';
  const name = place.name ?? place.label;
  const areas = [place.admin2, place.admin1, place.country].filter((area): area is string => area !== null && area !== name);
  return areas.length > 0 ? `${name} (${areas.join(', ')})` : name;
}

export function dateText(incident: OverviewIncident): string {
  const date = incident.date;
  if (!date) return 'no date';
  return date.start === date.end ? date.start : `${date.start} to ${date.end}`;
}

/** What a screen reader says of an incident on the map or the timeline. */
export function incidentLabel(incident: OverviewIncident): string {
  const figures = incident.figures.map((figure) => `${figureText(figure.low, figure.high)} ${figure.type}`).join(', ');
  const problems = incident.diagnostics.length === 0 ? 'no problems' : `${incident.diagnostics.length} ${incident.diagnostics.length === 1 ? 'problem' : 'problems'}, worst ${incident.severity}`;
  return [incident.id ?? `incident at line ${incident.line}`, dateText(incident), placeText(incident), figures || 'no figures', problems].join('; ');
}
