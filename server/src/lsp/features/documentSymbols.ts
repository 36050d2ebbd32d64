import type { DocumentSymbol, DocumentSymbolParams, SymbolInformation } from 'vscode-languageserver';
import type { ClientFeatures } from '../clientFeatures.js';
import { toDocumentSymbol, toFlatSymbols } from '../convert.js';
import type { FeatureContext } from './featureContext.js';

export async function provideDocumentSymbols(
  params: DocumentSymbolParams,
  { workspace, settings, service }: FeatureContext,
  client: ClientFeatures,
): Promise<DocumentSymbol[] | SymbolInformation[]> {
  const { uri } = params.textDocument;
  const document = workspace.openReport(uri);
  if (!document) return [];
  const outline = await service.documentSymbols(document, await settings.forDocument(uri));
  const lines = service.lineIndex(document);
  return client.hierarchicalDocumentSymbols ? outline.map((symbol) => toDocumentSymbol(symbol, lines)) : toFlatSymbols(outline, uri, lines);
}
