import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import { toCodeAction } from '../convert.js';
import type { QuickFixes } from '../quickFixes.js';
import type { Workspace } from '../workspace.js';

function wantsQuickFixes(only: string[] | undefined): boolean {
  return !only || only.some((kind) => kind === CodeActionKind.Empty || kind === CodeActionKind.QuickFix);
}

/** The quick fixes of the diagnostics the client shows, from the check that found them. */
export async function provideCodeActions(params: CodeActionParams, quickFixes: QuickFixes, workspace: Workspace): Promise<CodeAction[]> {
  if (!wantsQuickFixes(params.context.only)) return [];
  const { uri } = params.textDocument;
  const actions: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics) {
    for (const fix of await quickFixes.fixesFor(uri, diagnostic)) actions.push(toCodeAction(fix, diagnostic, uri, workspace.uriForPath));
  }
  return actions;
}
