import type { DocumentHighlight, DocumentHighlightParams } from 'vscode-languageserver';
import { toDocumentHighlights } from '../convert.js';
import type { FeatureContext } from './featureContext.js';

/** The other names in the report of the actor, place or id under the cursor. */
export async function provideDocumentHighlights(params: DocumentHighlightParams, { workspace, settings, service }: FeatureContext): Promise<DocumentHighlight[] | null> {
  const { uri } = params.textDocument;
  const document = workspace.openReport(uri);
  if (!document) return null;
  const highlights = await service.documentHighlights(document, params.position, await settings.forDocument(uri));
  return toDocumentHighlights(highlights, service.lineIndex(document));
}
