import type { CompletionList, CompletionParams } from 'vscode-languageserver';
import { LineIndex } from '../../core/text.js';
import type { ClientFeatures } from '../clientFeatures.js';
import { toCompletionList } from '../convert.js';
import type { FeatureContext } from './featureContext.js';
import { namingDocument } from './references.js';

/** Labels, attributes, values and directives: each starts after one of these. */
export const COMPLETION_TRIGGER_CHARACTERS = ['[', '=', ':', '{', ' '] as const;

/** In a report, labels, attributes, values and directives; in a gazetteer file, the ids of `in:` and `members`. */
export async function provideCompletion(params: CompletionParams, { workspace, settings, service }: FeatureContext, client: ClientFeatures): Promise<CompletionList | null> {
  const { uri } = params.textDocument;
  const document = namingDocument(uri, workspace);
  if (!document) return null;
  if ('gazetteerPath' in document) {
    const result = await service.gazetteerCompletion(document, params.position, { openReports: workspace.openReports() });
    return toCompletionList(result, new LineIndex(document.text), client.completionLabelDetails);
  }
  const result = await service.complete(document, params.position, await settings.forDocument(uri));
  return toCompletionList(result, service.lineIndex(document), client.completionLabelDetails);
}
