import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { LineIndex } from '../../core/text.js';
import { toCodeLens, toEntryCodeLens } from '../convert.js';
import { SHOW_REFERENCES_COMMAND } from './commands.js';
import type { FeatureContext } from './featureContext.js';
import { namingDocument } from './references.js';

/**
 * Above each incident with counts, its figures per type; above each entry of a gazetteer file, its
 * number of mentions, which opens them (the server's showReferences command).
 */
export async function provideCodeLenses(params: CodeLensParams, { workspace, settings, service }: FeatureContext): Promise<CodeLens[]> {
  const { uri } = params.textDocument;
  const document = namingDocument(uri, workspace);
  if (!document) return [];
  if ('gazetteerPath' in document) {
    const lenses = await service.gazetteerCodeLenses(document, { openReports: workspace.openReports() });
    const lines = new LineIndex(document.text);
    return lenses.map((lens) => toEntryCodeLens(lens, lines, uri, SHOW_REFERENCES_COMMAND));
  }
  const lenses = await service.codeLenses(document, await settings.forDocument(uri));
  const lines = service.lineIndex(document);
  return lenses.map((lens) => toCodeLens(lens, lines));
}
