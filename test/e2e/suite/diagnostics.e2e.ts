/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import {
  cliDiagnostics,
  cliKey,
  closeAllEditors,
  describeDiagnostic,
  editorKey,
  extension,
  hasCode,
  openEditor,
  replaceText,
  revertActiveEditor,
  waitForDiagnostics,
  workspaceUri,
} from '../helpers';

const EXAMPLE = ['examples', 'idlib-2023-10.md'];
const MISTAKE_COPY = ['examples', 'idlib-2023-10-with-a-mistake.md'];
/** One known mistake: a misspelt directive name, which the server flags with a quick fix. */
const CORRECT = ':place[Idlib province]';
const MISTAKE = ':pleace[Idlib province]';

export function registerDiagnosticsTests(): void {
  describe('Diagnostics of the example report', () => {
    before(async () => {
      await extension().activate();
      const text = await readFile(workspaceUri(...EXAMPLE).fsPath, 'utf8');
      assert.ok(text.includes(CORRECT), `the example report no longer contains ${CORRECT}; update the suite`);
      await writeFile(workspaceUri(...MISTAKE_COPY).fsPath, text.replace(CORRECT, MISTAKE));
    });

    after(async () => {
      await closeAllEditors();
      await rm(workspaceUri(...MISTAKE_COPY).fsPath, { force: true });
    });

    it('flags the one mistake in a copy of the example', async () => {
      const uri = workspaceUri(...MISTAKE_COPY);
      const editor = await openEditor(uri);
      const diagnostics = await waitForDiagnostics(uri, hasCode('markup-unknown-directive'), 'markup-unknown-directive');
      const flagged = diagnostics.filter((diagnostic) => diagnostic.severity !== vscode.DiagnosticSeverity.Hint);
      assert.equal(flagged.length, 1, `expected exactly one diagnostic above hint severity:\n${flagged.map(describeDiagnostic).join('\n')}`);
      const offset = editor.document.getText().indexOf(MISTAKE) + 1;
      assert.deepEqual(
        flagged[0]!.range,
        new vscode.Range(editor.document.positionAt(offset), editor.document.positionAt(offset + 'pleace'.length)),
        'the diagnostic covers the misspelt name exactly',
      );
    });

    it('shows the same diagnostics as the CLI for the example, none above hint severity', async () => {
      const uri = workspaceUri(...EXAMPLE);
      const expected = (await cliDiagnostics(uri.fsPath)).map(cliKey).sort();
      await openEditor(uri);

      // A clean document publishes nothing, so "no diagnostics yet" proves nothing. Put a
      // mistake in the open buffer, wait for it to be flagged, then revert the buffer: the
      // diagnostics that follow are the server's verdict on the file as it is on disk.
      const editor = vscode.window.activeTextEditor!;
      await replaceText(editor.document, CORRECT, MISTAKE);
      await waitForDiagnostics(uri, hasCode('markup-unknown-directive'), 'the mistake typed into the example');
      await revertActiveEditor();
      const diagnostics = await waitForDiagnostics(
        uri,
        (current) => current.map(editorKey).sort().join('\n') === expected.join('\n'),
        `the diagnostics the CLI reports:\n${expected.join('\n') || '(none)'}\n`,
      );
      assert.equal(editor.document.isDirty, false, 'the revert restored the file as it is on disk');
      const aboveHint = diagnostics.filter((diagnostic) => diagnostic.severity !== vscode.DiagnosticSeverity.Hint);
      assert.deepEqual(aboveHint.map(describeDiagnostic), [], 'the example report checks clean');
      for (const diagnostic of diagnostics) {
        assert.ok(
          diagnostic.code && typeof diagnostic.code === 'object' && String(diagnostic.code.target).includes('docs/rules.md'),
          `${describeDiagnostic(diagnostic)} links to its rule in docs/rules.md`,
        );
      }
    });

    it('keeps diagnostics of a report it opened from a copy on disk in step with the file', async () => {
      // The copy with the mistake, overwritten on disk by another program (as git would): once
      // the editor reloads it, the server checks the new text.
      const uri = workspaceUri(...MISTAKE_COPY);
      await openEditor(uri);
      await waitForDiagnostics(uri, hasCode('markup-unknown-directive'), 'markup-unknown-directive');
      await copyFile(workspaceUri(...EXAMPLE).fsPath, uri.fsPath);
      await waitForDiagnostics(
        uri,
        (current) => !hasCode('markup-unknown-directive')(current),
        'the mistake to disappear once the file on disk was fixed',
      );
    });
  });
}
