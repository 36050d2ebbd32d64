import type { ClientCapabilities, CompletionList, Hover } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startInProcess, tempWorkspace } from '../helpers/lspClient.js';
import { stripMarkers } from '../helpers/markers.js';

const NAME = '**b** [z](command:workbench.action.quit)';
const NOTE = '<img src=x onerror=alert(1)> &amp; https://evil.example';
const GAZETTEER = stringify({ actors: [{ id: 'hostile', name: NAME, aliases: ['Hostile force'], kind: 'state-forces', wikidata: 'Q1](command:x)', note: NOTE }] });
const CLIENT: ClientCapabilities = {
  textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] }, completion: { completionItem: { documentationFormat: ['markdown'] } } },
};

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('file text in hovers and completions over LSP', { timeout: 30_000 }, () => {
  it('sends a hostile entry\'s hover as escaped, untrusted Markdown, and its completion as plain text', async () => {
    const workspace = await tempWorkspace({ 'gazetteer.yaml': GAZETTEER });
    cleanups.push(workspace.dispose);
    const client = startInProcess();
    cleanups.push(() => client.shutdown());
    await client.initialize(CLIENT, { rootPath: workspace.root });

    const { text, cursors, spans } = stripMarkers('By :actor[⟦The‸m⟧]{ref=hostile} and :actor[Them]{ref=Hostile‸}.\n');
    const uri = workspace.uri('report.md');
    await client.open(uri, text);
    const document = TextDocument.create(uri, 'markdown', 1, text);

    const hover = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position: document.positionAt(cursors[0]!) });
    // Equal as a whole: `{kind, value}` and nothing else, so no `isTrusted` or `supportHtml` either.
    expect(hover).toStrictEqual({
      contents: {
        kind: 'markdown',
        value: [
          '**\\*\\*b\\*\\* \\[z\\](command\\:workbench.action.quit)** — state-forces',
          'Also written: Hostile force',
          'Wikidata Q1\\](command\\:x)',
          '_\\<img src=x onerror=alert(1)> \\&amp; https\\://evil.example_',
          'id `hostile` · gazetteer.yaml',
        ].join('\n\n'),
      },
      range: { start: document.positionAt(spans[0]!.start), end: document.positionAt(spans[0]!.end) },
    });

    const completion = await client.connection.sendRequest<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: document.positionAt(cursors[1]!),
    });
    const item = completion.items.find((candidate) => candidate.label === 'hostile');
    expect(item).toMatchObject({ label: 'hostile', detail: `${NAME} — state-forces` });
    expect(item).not.toHaveProperty('documentation');
    expect(item).not.toHaveProperty('labelDetails');
  });
});
