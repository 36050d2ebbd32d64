import type { DefinitionParams, LocationLink } from 'vscode-languageserver';
import { LineIndex } from '../../core/text.js';
import { toLocationLink } from '../convert.js';
import type { FeatureContext } from './featureContext.js';

/** From an actor or place to its gazetteer entry, or from `part-of` to the count it names. */
export async function provideDefinition(params: DefinitionParams, { workspace, settings, service }: FeatureContext): Promise<LocationLink[] | null> {
  const { uri } = params.textDocument;
  const document = workspace.openReport(uri);
  if (!document) return null;
  const target = await service.definition(document, params.position, await settings.forDocument(uri));
  if (!target) return null;
  // Taken before the await below, while the report's own parse still holds it.
  const lines = service.lineIndex(document);
  if (target.path === undefined) return [toLocationLink(target, lines, uri, lines)];
  const { text } = await workspace.fileSystem.read(target.path, 'gazetteer');
  if (text === undefined) return null;
  return [toLocationLink(target, lines, workspace.uriForPath(target.path), new LineIndex(text))];
}
