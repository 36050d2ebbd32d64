import type { InlayHint, InlayHintParams } from 'vscode-languageserver';
import { toInlayHint } from '../convert.js';
import type { FeatureContext } from './featureContext.js';

/** Dates' ISO values and aliases' gazetteer names, for the lines the client asks about. */
export async function provideInlayHints(params: InlayHintParams, { workspace, settings, service }: FeatureContext): Promise<InlayHint[]> {
  const { uri } = params.textDocument;
  const document = workspace.openReport(uri);
  if (!document) return [];
  const hints = await service.inlayHints(document, await settings.forDocument(uri), params.range);
  const lines = service.lineIndex(document);
  return hints.map((hint) => toInlayHint(hint, lines));
}
