import type { Hover, HoverParams } from 'vscode-languageserver';
import { toHover } from '../convert.js';
import type { FeatureContext } from './featureContext.js';

export async function provideHover(params: HoverParams, { workspace, settings, service }: FeatureContext): Promise<Hover | null> {
  const { uri } = params.textDocument;
  const document = workspace.openReport(uri);
  if (!document) return null;
  const result = await service.hover(document, params.position, await settings.forDocument(uri));
  return result ? toHover(result, service.lineIndex(document)) : null;
}
