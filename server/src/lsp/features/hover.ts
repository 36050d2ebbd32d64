import type { Hover, HoverParams } from 'vscode-languageserver';
import { LineIndex } from '../../core/text.js';
import { toHover } from '../convert.js';
import type { FeatureContext } from './featureContext.js';
import { namingDocument } from './references.js';

/** In a report, what a directive says; in a gazetteer file, the entry's card and its mentions. */
export async function provideHover(params: HoverParams, { workspace, settings, service }: FeatureContext): Promise<Hover | null> {
  const { uri } = params.textDocument;
  const document = namingDocument(uri, workspace);
  if (!document) return null;
  if ('gazetteerPath' in document) {
    const result = await service.gazetteerHover(document, params.position, { openReports: workspace.openReports() });
    return result ? toHover(result, new LineIndex(document.text)) : null;
  }
  const result = await service.hover(document, params.position, await settings.forDocument(uri));
  return result ? toHover(result, service.lineIndex(document)) : null;
}
