import { relative, sep } from 'node:path';
import { ErrorCodes, ResponseError, type ExecuteCommandParams, type Location, type Position } from 'vscode-languageserver';
import { EXPORT_FORMATS, formatIncidentExport, type ExportFormat, type ReportExport } from '../../core/export/incidentFormats.js';
import type { GazetteerWatcher } from '../gazetteerWatcher.js';
import { pathOf } from '../workspace.js';
import type { FeatureContext } from './featureContext.js';
import { provideReferences } from './references.js';

/**
 * Commands any LSP client can run with workspace/executeCommand. Their ids differ from the VS Code
 * commands in the palette because vscode-languageclient registers server commands itself.
 */
const EXPORT_INCIDENTS_COMMAND = 'incident-markup.server.exportIncidents';
const RELOAD_GAZETTEER_COMMAND = 'incident-markup.server.reloadGazetteer';
/**
 * The command of a gazetteer entry's code lens, with the uri and position of the entry's id: it
 * answers the mentions, as references would from there. VS Code's client shows them in its
 * references peek (client/src/extension.ts); another client gets the locations.
 */
export const SHOW_REFERENCES_COMMAND = 'incident-markup.server.showReferences';
export const SERVER_COMMANDS = [EXPORT_INCIDENTS_COMMAND, RELOAD_GAZETTEER_COMMAND, SHOW_REFERENCES_COMMAND] as const;

export async function executeCommand(params: ExecuteCommandParams, features: FeatureContext, gazetteers: GazetteerWatcher): Promise<unknown> {
  const { workspace, settings, service } = features;
  if (params.command === RELOAD_GAZETTEER_COMMAND) return { reloaded: gazetteers.reload() };
  if (params.command === SHOW_REFERENCES_COMMAND) return showReferences(params.arguments ?? [], features);
  if (params.command === EXPORT_INCIDENTS_COMMAND) {
    const [uri, options] = params.arguments ?? [];
    // With options, the incident-level export of Export Incidents; without, a report's incidents and counts as before.
    if (options !== undefined) return exportIncidents(uri, options, features);
    if (typeof uri !== 'string') throw new Error(`${EXPORT_INCIDENTS_COMMAND} takes the uri of a report.`);
    const read = await workspace.readReport(uri);
    const text = read?.text;
    if (text === undefined) throw new Error(`Cannot read ${uri} to export its incidents${read?.failure ? `: ${read.failure.message}` : '.'}`);
    return service.exportIncidents({ key: uri, path: pathOf(uri), text }, await settings.forDocument(uri));
  }
  return null;
}

/** What Export Incidents gets back: the text to open, and what to tell of the reports' errors (docs/export.md). */
export interface IncidentExport {
  content: string;
  reports: number;
  incidents: number;
  errors: { file: string; line: number; column: number; code: string; message: string }[];
  /** Reports of the workspace that could not be read, left out. */
  unread: { file: string; message: string }[];
}

/** `[uri, {format, scope}]`: the report at `uri`, or every report of the workspace folders (`uri` may then be null). */
async function exportIncidents(uri: unknown, options: unknown, { workspace, settings, service }: FeatureContext): Promise<IncidentExport> {
  const { format, scope } = (options ?? {}) as { format?: unknown; scope?: unknown };
  if (!EXPORT_FORMATS.includes(format as ExportFormat) || (scope !== 'report' && scope !== 'workspace')) {
    // A ResponseError reaches the client (guard answers null for other errors), which shows it.
    throw new ResponseError(ErrorCodes.InvalidParams, `${EXPORT_INCIDENTS_COMMAND} takes a uri and {format: ${EXPORT_FORMATS.join(' | ')}, scope: report | workspace}.`);
  }
  if (scope === 'report' && typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, `${EXPORT_INCIDENTS_COMMAND} needs the uri of the report to export.`);
  // Linked folders are listed only in a trusted workspace, as the index lists them.
  const uris = scope === 'report' ? [uri as string] : (await service.findReports(workspace.folders, workspace.trusted)).map(workspace.uriForPath);
  const result: IncidentExport = { content: '', reports: 0, incidents: 0, errors: [], unread: [] };
  const reports: ReportExport[] = [];
  for (const reportUri of uris) {
    const path = pathOf(reportUri);
    const file = path === undefined ? reportUri : relative(workspace.rootFor(reportUri), path).split(sep).join('/');
    const read = await workspace.readReport(reportUri);
    if (read?.text === undefined) {
      result.unread.push({ file, message: read?.failure?.message ?? 'not a file' });
      continue;
    }
    const exported = await service.exportReport({ key: reportUri, path, text: read.text }, await settings.forDocument(reportUri));
    reports.push({ file, ...exported });
    result.errors.push(...exported.errors.map((error) => ({ file, ...error })));
  }
  result.content = formatIncidentExport(reports, format as ExportFormat);
  result.reports = reports.length;
  result.incidents = reports.reduce((sum, report) => sum + report.incidents.length, 0);
  return result;
}

/** The mentions of the entry at the position (the declaration left out: the lens stands on it). */
async function showReferences([uri, position]: unknown[], features: FeatureContext): Promise<Location[]> {
  if (typeof uri !== 'string' || !isPosition(position)) throw new Error(`${SHOW_REFERENCES_COMMAND} takes the uri of a document and a position in it.`);
  return (await provideReferences({ textDocument: { uri }, position, context: { includeDeclaration: false } }, features)) ?? [];
}

function isPosition(value: unknown): value is Position {
  const { line, character } = (value ?? {}) as Partial<Position>;
  return typeof line === 'number' && typeof character === 'number';
}
