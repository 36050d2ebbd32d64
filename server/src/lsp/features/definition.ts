import type { DefinitionParams, LocationLink } from 'vscode-languageserver';
import type { DefinitionTarget } from '../../core/languageFeatures/definition.js';
import { LineIndex } from '../../core/text.js';
import { toLocationLink } from '../convert.js';
import type { Workspace } from '../workspace.js';
import type { FeatureContext } from './featureContext.js';
import { namingDocument } from './references.js';

/**
 * From an actor or place to its gazetteer entry, or from `part-of` to the count it names; in a
 * gazetteer file, from an `in:` or `members` item to the entry it names.
 */
export async function provideDefinition(params: DefinitionParams, { workspace, settings, service }: FeatureContext): Promise<LocationLink[] | null> {
  const { uri } = params.textDocument;
  const document = namingDocument(uri, workspace);
  if (!document) return null;
  if ('gazetteerPath' in document) {
    const target = await service.gazetteerDefinition(document, params.position, { openReports: workspace.openReports() });
    return target ? linkTo(target, new LineIndex(document.text), uri, workspace) : null;
  }
  const target = await service.definition(document, params.position, await settings.forDocument(uri));
  if (!target) return null;
  // The line index is taken before linkTo awaits anything, while the report's own parse still holds it.
  return linkTo(target, service.lineIndex(document), uri, workspace);
}

/**
 * A link to a target in the document asked about (no path; `lines` index it) or in a gazetteer
 * file, read as the editor has it (an unsaved edit too).
 */
async function linkTo(target: DefinitionTarget, lines: LineIndex, uri: string, workspace: Workspace): Promise<LocationLink[] | null> {
  if (target.path === undefined) return [toLocationLink(target, lines, uri, lines)];
  const { text } = await workspace.fileSystem.read(target.path, 'gazetteer');
  if (text === undefined) return null;
  return [toLocationLink(target, lines, workspace.uriForPath(target.path), new LineIndex(text))];
}
