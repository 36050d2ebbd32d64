import type { CompletionList, CompletionParams } from 'vscode-languageserver';
import type { ClientFeatures } from '../clientFeatures.js';
import { toCompletionList } from '../convert.js';
import type { FeatureContext } from './featureContext.js';

/** Labels, attributes, values and directives: each starts after one of these. */
export const COMPLETION_TRIGGER_CHARACTERS = ['[', '=', ':', '{', ' '] as const;

export async function provideCompletion(params: CompletionParams, { workspace, settings, service }: FeatureContext, client: ClientFeatures): Promise<CompletionList | null> {
  const { uri } = params.textDocument;
  const document = workspace.openReport(uri);
  if (!document) return null;
  const result = await service.complete(document, params.position, await settings.forDocument(uri));
  return toCompletionList(result, service.lineIndex(document), client.completionLabelDetails);
}
