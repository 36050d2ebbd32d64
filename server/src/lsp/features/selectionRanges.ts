import type { SelectionRange, SelectionRangeParams } from 'vscode-languageserver';
import { toSelectionRange } from '../convert.js';
import type { FeatureContext } from './featureContext.js';

export function provideSelectionRanges(params: SelectionRangeParams, { workspace, service }: FeatureContext): SelectionRange[] {
  const document = workspace.openReport(params.textDocument.uri);
  if (!document) return [];
  const chains = service.selectionRanges(document, params.positions);
  const lines = service.lineIndex(document);
  return chains.map((chain) => toSelectionRange(chain, lines));
}
