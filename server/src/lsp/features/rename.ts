import { LSPErrorCodes, ResponseError, type PrepareRenameParams, type Range, type RenameParams, type WorkspaceEdit } from 'vscode-languageserver';
import { LineIndex } from '../../core/text.js';
import { toWorkspaceEdit } from '../convert.js';
import type { FeatureContext } from './featureContext.js';
import { namingDocument, uriPerFile } from './references.js';

/**
 * A refusal as an error, not a null: the client shows its message ("a label is not renamed",
 * "geo:… is fixed", "already taken"), where a null only says that nothing can be renamed.
 */
function refusal(message: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestFailed, message);
}

export async function providePrepareRename(params: PrepareRenameParams, { workspace, settings, service }: FeatureContext): Promise<{ range: Range; placeholder: string } | null> {
  const { uri } = params.textDocument;
  const document = namingDocument(uri, workspace);
  if (!document) return null;
  const place = await service.prepareRename(document, params.position, { settings: await settings.forDocument(uri), openReports: workspace.openReports() });
  if ('refused' in place) throw refusal(place.refused);
  // The span is in the document asked about: a report as last parsed, or the gazetteer file's text.
  const lines = 'gazetteerPath' in document ? new LineIndex(document.text) : service.lineIndex(document);
  return { range: lines.rangeOf(place.span), placeholder: place.placeholder };
}

export async function provideRename(params: RenameParams, { workspace, settings, service }: FeatureContext): Promise<WorkspaceEdit | null> {
  const { uri } = params.textDocument;
  const document = namingDocument(uri, workspace);
  if (!document) return null;
  const result = await service.rename(document, params.position, params.newName, { settings: await settings.forDocument(uri), openReports: workspace.openReports() });
  if ('refused' in result) throw refusal(result.refused);
  return toWorkspaceEdit(result.edits, uri, uriPerFile(workspace.uriForPath));
}
