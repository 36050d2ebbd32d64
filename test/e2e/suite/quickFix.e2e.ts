/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, describeDiagnostic, extension, hasCode, openEditor, waitForDiagnostics, workspaceUri } from '../helpers';

const REPORT = ['reports', 'quickfix.md'];

export function registerQuickFixTests(): void {
  describe('Quick fixes', () => {
    before(async () => {
      await extension().activate();
    });

    after(async () => {
      await closeAllEditors();
    });

    it('turns :cuont[3]{…} into :count[3]{…} through vscode.executeCodeActionProvider', async () => {
      const uri = workspaceUri(...REPORT);
      const { document } = await openEditor(uri);
      const diagnostics = await waitForDiagnostics(uri, hasCode('markup-unknown-directive'), 'markup-unknown-directive on ":cuont"');
      const diagnostic = diagnostics.find((candidate) => codeOf(candidate) === 'markup-unknown-directive')!;
      assert.equal(document.getText(diagnostic.range), 'cuont', describeDiagnostic(diagnostic));

      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        uri,
        diagnostic.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fixes = actions.filter((action): action is vscode.CodeAction => 'edit' in action && action.edit !== undefined);
      const fix = fixes.find((action) => action.title.includes('"count"'));
      assert.ok(fix, `a quick fix to "count"; offered: ${actions.map((action) => action.title).join(', ') || 'nothing'}`);
      assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
      assert.equal(fix.isPreferred, true, 'the fix for a near-miss directive name is the preferred one');

      assert.ok(await vscode.workspace.applyEdit(fix.edit!), 'the fix applied');
      assert.equal(
        document.lineAt(diagnostic.range.start.line).text,
        'At least :count[3]{type=killed group=civilians} civilians were killed in :place[Saraqib].',
      );
      await waitForDiagnostics(uri, (current) => !hasCode('markup-unknown-directive')(current), 'the fixed diagnostic to go');
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });
  });
}
