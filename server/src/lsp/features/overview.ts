import { relative, sep } from 'node:path';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { OverviewModel } from '../../core/overview/overviewModel.js';
import type { ReportDocument, ServiceSettings } from '../../core/languageService.js';
import { pathOf } from '../workspace.js';
import type { FeatureContext } from './featureContext.js';

/**
 * The Incidents Overview panel's request (docs/overview.md): the overview model of a report, or
 * of every report of the workspace, from the server's own parse of the editor's text, so that the
 * client parses nothing. Its reports are named by their path in their workspace folder; `uris`
 * gives each report's uri, in the model's order, for revealing an incident in the editor.
 */
export const OVERVIEW_REQUEST = 'incidentMarkup/overview';

export interface OverviewParams {
  /** The report the panel is for (in `workspace` scope: the one the request waits for, as the other features on a report). */
  textDocument: { uri: string };
  scope: 'report' | 'workspace';
}

export interface OverviewResult {
  model: OverviewModel;
  uris: string[];
  /** Reports of the workspace that could not be read, left out. */
  unread: { file: string; message: string }[];
}

export async function provideOverview(params: OverviewParams, { workspace, settings, service }: FeatureContext): Promise<OverviewResult> {
  const { scope } = params;
  if (scope !== 'report' && scope !== 'workspace') throw new ResponseError(ErrorCodes.InvalidParams, `${OVERVIEW_REQUEST} takes {textDocument: {uri}, scope: report | workspace}.`);
  // Linked folders are listed only in a trusted workspace, as the index and the export list them.
  const uris = scope === 'report' ? [params.textDocument.uri] : (await service.findReports(workspace.folders, workspace.trusted)).map(workspace.uriForPath);
  const reports: { file: string; document: ReportDocument; settings: ServiceSettings }[] = [];
  const read: string[] = [];
  const unread: OverviewResult['unread'] = [];
  for (const uri of uris) {
    const path = pathOf(uri);
    const file = path === undefined ? uri : relative(workspace.rootFor(uri), path).split(sep).join('/');
    const text = await workspace.readReport(uri);
    if (text?.text === undefined) {
      unread.push({ file, message: text?.failure?.message ?? 'not a file' });
      continue;
    }
    reports.push({ file, document: { key: uri, path, text: text.text }, settings: await settings.forDocument(uri) });
    read.push(uri);
  }
  return { model: await service.overview(reports), uris: read, unread };
}
