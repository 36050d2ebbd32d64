/// <reference types="mocha" />
// Semantic tokens and code lenses as VS Code takes them from the server, on the example report.
// The inlay hints are asserted with the diagnostics they replace (diagnostics.e2e.ts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, extension, openEditor, workspaceUri } from '../helpers';

const EXAMPLE = ['examples', 'idlib-2023-10.md'];
const FIRST_INCIDENT = ':::incident{#idlib-bombardment';

export function registerTokensLensesTests(): void {
  describe('Semantic tokens and code lenses of the example report', () => {
    before(async () => {
      await extension().activate();
    });

    after(async () => {
      await closeAllEditors();
    });

    it('colours only the labels of annotations, actors and places by what they resolved to', async () => {
      const { document } = await openEditor(workspaceUri(...EXAMPLE));
      const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend | undefined>('vscode.provideDocumentSemanticTokensLegend', document.uri);
      assert.ok(legend, 'the server gives semantic tokens for a report');
      assert.deepEqual([...legend.tokenTypes], ['number', 'enumMember', 'function', 'namespace']);
      assert.deepEqual([...legend.tokenModifiers], ['declaration', 'deprecated', 'unresolved']);

      const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', document.uri);
      assert.ok(tokens && tokens.data.length > 0, 'the example has labels to colour');
      const decoded: { text: string; before: string; after: string; type: string; modifiers: string[] }[] = [];
      let line = 0;
      let character = 0;
      for (let index = 0; index < tokens.data.length; index += 5) {
        const [deltaLine, deltaStart, length, type, modifiers] = Array.from(tokens.data.slice(index, index + 5));
        character = deltaLine === 0 ? character + deltaStart! : deltaStart!;
        line += deltaLine!;
        const range = new vscode.Range(line, character, line, character + length!);
        decoded.push({
          text: document.getText(range),
          before: document.getText(new vscode.Range(range.start.translate(0, -1), range.start)),
          after: document.getText(new vscode.Range(range.end, range.end.translate(0, 1))),
          type: legend.tokenTypes[type!]!,
          modifiers: legend.tokenModifiers.filter((_, bit) => (modifiers! & (1 << bit)) !== 0),
        });
      }
      for (const token of decoded) assert.equal(`${token.before}${token.after}`, '[]', `"${token.text}" is a whole label, between its brackets`);
      const find = (text: string) => decoded.find((token) => token.text === text);
      assert.deepEqual(find('Idlib province'), { text: 'Idlib province', before: '[', after: ']', type: 'namespace', modifiers: [] });
      assert.deepEqual(find('the Assad regime'), { text: 'the Assad regime', before: '[', after: ']', type: 'function', modifiers: [] });
      assert.deepEqual(find('46'), { text: '46', before: '[', after: ']', type: 'number', modifiers: ['declaration'] });
    });

    it('puts the figures of the incident above its opening line', async () => {
      const { document } = await openEditor(workspaceUri(...EXAMPLE));
      const line = document.positionAt(document.getText().indexOf(FIRST_INCIDENT)).line;
      assert.ok(document.getText().includes(FIRST_INCIDENT), `the example no longer contains ${FIRST_INCIDENT}; update the suite`);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
      // The second incident has no counts, so no lens of figures; the client's "Incidents Overview"
      // lens stands above the first incident only.
      assert.deepEqual(
        lenses.map((lens) => ({ line: lens.range.start.line, title: lens.command?.title })),
        [
          { line, title: '46 killed · 213 injured' },
          { line, title: 'Incidents Overview' },
        ],
      );
    });
  });
}
