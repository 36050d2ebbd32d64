import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { toCodeLens } from '../convert.js';
import type { FeatureContext } from './featureContext.js';

/** Above each incident with counts, its figures per type. */
export async function provideCodeLenses(params: CodeLensParams, { workspace, settings, service }: FeatureContext): Promise<CodeLens[]> {
  const { uri } = params.textDocument;
  const document = workspace.openReport(uri);
  if (!document) return [];
  const lenses = await service.codeLenses(document, await settings.forDocument(uri));
  const lines = service.lineIndex(document);
  return lenses.map((lens) => toCodeLens(lens, lines));
}
