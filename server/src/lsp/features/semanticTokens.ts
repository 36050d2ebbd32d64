import type { SemanticTokens, SemanticTokensParams, SemanticTokensRangeParams } from 'vscode-languageserver';
import { toSemanticTokens } from '../convert.js';
import type { FeatureContext } from './featureContext.js';

/** The labels of a whole report, classified (the legend is in convert.ts). */
export function provideSemanticTokens(params: SemanticTokensParams, features: FeatureContext): Promise<SemanticTokens> {
  return labelTokens(params.textDocument.uri, features);
}

/** Those of the lines on screen: what VS Code asks for first in a long report, before the whole. */
export function provideSemanticTokensInRange(params: SemanticTokensRangeParams, features: FeatureContext): Promise<SemanticTokens> {
  return labelTokens(params.textDocument.uri, features, params.range);
}

async function labelTokens(uri: string, { workspace, settings, service }: FeatureContext, range?: SemanticTokensRangeParams['range']): Promise<SemanticTokens> {
  const document = workspace.openReport(uri);
  if (!document) return { data: [] };
  const tokens = await service.semanticTokens(document, await settings.forDocument(uri), range);
  return toSemanticTokens(tokens, service.lineIndex(document));
}
