/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import {
  type CliDiagnostic,
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
/**
 * VS Code shows inlay hints, so the server sends it these hints as inlay hints instead of
 * diagnostics (unless incidentMarkup.inlayHints.asDiagnostics is on); the CLI still lists them.
 */
const SHOWN_AS_INLAY_HINTS = new Set(['actor-alias', 'place-alias', 'date-inferred']);
const asInlayHint = (diagnostic: CliDiagnostic) => diagnostic.severity === 'hint' && SHOWN_AS_INLAY_HINTS.has(diagnostic.code);

/** The label of the inlay hint that stands for a CLI hint: "→ Government of Syria", "= 2023-10-04", read from its message. */
function inlayHintLabel(diagnostic: CliDiagnostic): string {
  const alias = /is an alias of (.*) \([^()]*\)\.$/.exec(diagnostic.message);
  if (alias) return `→ ${alias[1]}`;
  const date = /reads as (\S+?)(?: \(|\.$)/.exec(diagnostic.message);
  if (date) return `= ${date[1]}`;
  throw new Error(`No inlay hint label in "${diagnostic.message}"`);
}

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

    it('shows the same diagnostics as the CLI for the example, none above hint severity, and its alias hints as inlay hints', async () => {
      const uri = workspaceUri(...EXAMPLE);
      const fromCli = await cliDiagnostics(uri.fsPath);
      const expected = fromCli.filter((diagnostic) => !asInlayHint(diagnostic)).map(cliKey).sort();
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

      // What the CLI lists as alias and inferred-date hints, VS Code shows as inlay hints, one each.
      const asHints = fromCli.filter(asInlayHint);
      assert.ok(asHints.length > 0, 'the example has alias hints, so the comparison below means something');
      const whole = new vscode.Range(new vscode.Position(0, 0), editor.document.lineAt(editor.document.lineCount - 1).range.end);
      const inlayHints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, whole);
      const labelOf = (hint: vscode.InlayHint) => (typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join(''));
      assert.deepEqual(inlayHints.map(labelOf).sort(), asHints.map(inlayHintLabel).sort());
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
