import type { ClientCapabilities, Hover, LocationLink } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterEach, describe, expect, it } from 'vitest';
import { startInProcess, tempWorkspace } from '../helpers/lspClient.js';
import { stripMarkers } from '../helpers/markers.js';

const GAZETTEER = `places:
  - id: syria
    name: Syria
    kind: country
  - id: saraqib
    name: Saraqib
    aliases: [Saraqeb]
    kind: town
    in: syria
`;
const CLIENT: ClientCapabilities = { textDocument: { hover: { contentFormat: ['markdown'] } } };

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('hover and definition over LSP', { timeout: 30_000 }, () => {
  it('shows the gazetteer card and goes to the entry in gazetteer.yaml', async () => {
    const workspace = await tempWorkspace({ 'gazetteer.yaml': GAZETTEER });
    cleanups.push(workspace.dispose);
    const client = startInProcess();
    cleanups.push(() => client.shutdown());
    const result = await client.initialize(CLIENT, { rootPath: workspace.root });
    expect(result.capabilities).toMatchObject({ hoverProvider: true, definitionProvider: true });

    const { text, cursors, spans } = stripMarkers('Shelling in :place[⟦Sara‸qeb⟧].\n');
    const uri = workspace.uri('report.md');
    await client.open(uri, text);
    const document = TextDocument.create(uri, 'markdown', 1, text);
    const position = document.positionAt(cursors[0]!);
    const label = { start: document.positionAt(spans[0]!.start), end: document.positionAt(spans[0]!.end) };

    const hover = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position });
    expect(hover).toEqual({
      contents: { kind: 'markdown', value: '**Saraqib** — town\n\nin Syria\n\nAlso written: Saraqeb\n\nid `saraqib` · gazetteer.yaml' },
      range: label,
    });

    const links = await client.connection.sendRequest<LocationLink[]>('textDocument/definition', { textDocument: { uri }, position });
    const gazetteer = TextDocument.create('g', 'yaml', 1, GAZETTEER);
    const entryStart = GAZETTEER.indexOf('id: saraqib');
    expect(links).toEqual([
      {
        originSelectionRange: label,
        targetUri: workspace.uri('gazetteer.yaml'),
        targetRange: { start: gazetteer.positionAt(entryStart), end: gazetteer.positionAt(GAZETTEER.length) },
        targetSelectionRange: { start: gazetteer.positionAt(entryStart), end: gazetteer.positionAt(GAZETTEER.length) },
      },
    ]);

    const nothing = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
    expect(nothing).toBeNull();
  });
});
