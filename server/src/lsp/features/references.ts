import type { Location, ReferenceParams } from 'vscode-languageserver';
import type { GazetteerDocument, ReportDocument } from '../../core/languageService.js';
import { toLocations } from '../convert.js';
import { pathOf, type Workspace } from '../workspace.js';
import type { FeatureContext } from './featureContext.js';

/**
 * The document a workspace feature starts from: an open report, or an open gazetteer file (YAML or
 * JSON; the core finds the entry at the position, or answers nothing in any other file).
 */
export function namingDocument(uri: string, workspace: Workspace): ReportDocument | GazetteerDocument | undefined {
  const report = workspace.openReport(uri);
  if (report) return report;
  const path = pathOf(uri);
  if (path === undefined || !/\.(?:ya?ml|json)$/i.test(path)) return undefined;
  const document = workspace.openDocumentAt(path);
  return document && { gazetteerPath: path, text: document.getText() };
}

/** Every annotation in the workspace naming the actor or place at the position (or an id's uses in its report). */
export async function provideReferences(params: ReferenceParams, { workspace, settings, service }: FeatureContext): Promise<Location[] | null> {
  const { uri } = params.textDocument;
  const document = namingDocument(uri, workspace);
  if (!document) return null;
  const request = { includeDeclaration: params.context.includeDeclaration, settings: await settings.forDocument(uri), openReports: workspace.openReports() };
  return toLocations(await service.references(document, params.position, request), uri, workspace.uriForPath);
}
