/// <reference types="mocha" />
import { readFile, writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { closeAllEditors, extension, hasCode, lacksCode, openEditor, revertActiveEditor, waitForDiagnostics, workspaceUri } from '../helpers';

const REPORT = ['revalidate', 'report.md'];
const GAZETTEER = ['revalidate', 'gazetteer.yaml'];
/** A place no gazetteer knows, so that only this entry resolves it. */
const FIXTUREVILLE = `  - id: fixtureville
    name: Fixtureville
    kind: town
    in: syria
`;

export function registerGazetteerTests(): void {
  describe('Editing the gazetteer revalidates the open report', () => {
    let original = '';
    const reportUri = () => workspaceUri(...REPORT);

    before(async () => {
      await extension().activate();
      original = await readFile(workspaceUri(...GAZETTEER).fsPath, 'utf8');
      await openEditor(reportUri());
      await waitForDiagnostics(reportUri(), hasCode('place-unknown'), 'place-unknown for Fixtureville, which the gazetteer lacks');
    });

    after(async () => {
      await closeAllEditors();
      await writeFile(workspaceUri(...GAZETTEER).fsPath, original);
    });

    it('when another program changes the gazetteer file on disk', async () => {
      // Written behind the editor's back, as a `git pull` would: the change reaches the server
      // through the client's file watcher.
      await writeFile(workspaceUri(...GAZETTEER).fsPath, original + FIXTUREVILLE);
      await waitForDiagnostics(reportUri(), lacksCode('place-unknown'), 'place-unknown to go once Fixtureville is in the gazetteer');
      await writeFile(workspaceUri(...GAZETTEER).fsPath, original);
      await waitForDiagnostics(reportUri(), hasCode('place-unknown'), 'place-unknown to come back once Fixtureville is gone');
    });

    it('when the gazetteer is edited in the editor, before it is saved', async () => {
      const gazetteer = await openEditor(workspaceUri(...GAZETTEER));
      const edit = new vscode.WorkspaceEdit();
      edit.insert(gazetteer.document.uri, gazetteer.document.positionAt(gazetteer.document.getText().length), FIXTUREVILLE);
      await vscode.workspace.applyEdit(edit);
      await waitForDiagnostics(reportUri(), lacksCode('place-unknown'), 'place-unknown to go once the unsaved gazetteer has Fixtureville');
      // Throwing the edit away makes the file on disk count again.
      await revertActiveEditor();
      await waitForDiagnostics(reportUri(), hasCode('place-unknown'), 'place-unknown to come back once the edit is reverted');
    });
  });
}
