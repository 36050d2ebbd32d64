/// <reference types="mocha" />
// Completion and hover come from the gazetteer. Each test fails when the server does not
// advertise the feature, and when it answers wrongly.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, extension, hoverText, labelOf, openEditor, replaceText, serverCapabilities, workspaceUri } from '../helpers';

export function registerCompletionHoverTests(): void {
  describe('Completion and hover from the gazetteer', () => {
    before(async () => {
      await extension().activate();
    });

    after(async () => {
      await closeAllEditors();
    });

    it('offers Saraqib inside :place[Saraq', async function () {
      assert.ok((await serverCapabilities()).completionProvider, 'the language server advertises completionProvider');
      const { document } = await openEditor(workspaceUri('reports', 'completion.md'));
      const typed = await replaceText(document, 'PLACE', ':place[Saraq');
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        document.uri,
        typed.end,
      );
      const labels = list.items.map(labelOf);
      const saraqib = list.items.find((item) => labelOf(item) === 'Saraqib' || item.insertText === 'Saraqib');
      // What the item would replace, read before the typing is thrown away.
      const range = saraqib?.range;
      const replaced = range === undefined ? undefined : document.getText(range instanceof vscode.Range ? range : range.replacing);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      if (!saraqib) assert.fail(`Inside ":place[Saraq" the server offered: ${labels.join(', ') || 'nothing'}`);
      if (replaced !== undefined) {
        assert.ok('Saraq'.endsWith(replaced), `the item replaces part of the typed label only, not "${replaced}"`);
      }
    });

    it('shows the gazetteer card when hovering over a place', async function () {
      assert.ok((await serverCapabilities()).hoverProvider, 'the language server advertises hoverProvider');
      const { document } = await openEditor(workspaceUri('reports', 'hover.md'));
      const text = document.getText();
      // "Sarakeb" is an alias: the card must bring the gazetteer's name, which the report lacks.
      assert.ok(!text.includes('Saraqib'));
      const position = document.positionAt(text.indexOf('Sarakeb') + 3);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
      const card = hoverText(hovers);
      assert.ok(card.includes('Saraqib'), `over "Sarakeb" the card names Saraqib; the server showed: ${card || 'nothing'}`);
      // More than the name: the card shows what the gazetteer says about the place.
      assert.match(card, /city|M4 and M5|35\.86/, `the card shows the entry's kind, note or coordinates:\n${card}`);
    });
  });
}
