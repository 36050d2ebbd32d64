import type { FoldingRange, FoldingRangeParams } from 'vscode-languageserver';
import { toFoldingRanges } from '../convert.js';
import type { FeatureContext } from './featureContext.js';

export function provideFoldingRanges(params: FoldingRangeParams, { workspace, service }: FeatureContext): FoldingRange[] {
  const document = workspace.openReport(params.textDocument.uri);
  if (!document) return [];
  return toFoldingRanges(service.foldingRanges(document), service.lineIndex(document));
}
