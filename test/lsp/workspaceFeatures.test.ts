import { writeFile } from 'node:fs/promises';
import type { ClientCapabilities, CompletionList, SymbolInformation } from 'vscode-languageserver';
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
const REPORT_A = ':::incident{#saraqib-shelling date=2023-10-05 place=saraqib}\n:count[4]{#saraqib-killed type=killed group=civilians} died.\n:::\n';
const REPORT_B = ':::incident{#idlib-strikes date=2023-10-04}\nText.\n:::\n';

const CLIENT: ClientCapabilities = {
  window: { workDoneProgress: true },
  workspace: { didChangeWatchedFiles: { dynamicRegistration: true } },
};

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('workspace features over LSP', { timeout: 30_000 }, () => {
  it('indexes every report in the background with progress, answers workspace symbols, and re-indexes on change', async () => {
    const workspace = await tempWorkspace({ 'gazetteer.yaml': GAZETTEER, 'reports/a.md': REPORT_A, 'reports/b.md': REPORT_B, 'notes.md': 'No markup here.\n' });
    cleanups.push(workspace.dispose);
    const client = startInProcess();
    cleanups.push(() => client.shutdown());
    const initialized = await client.initialize(CLIENT, { rootPath: workspace.root });
    expect(initialized.capabilities.workspaceSymbolProvider).toBe(true);

    const created = (await client.waitForRequest('window/workDoneProgress/create')) as { token: string };
    const done = await client.waitFor(
      'indexing done',
      (m) => m.kind === 'notification' && m.method === '$/progress' && (m.params as { token: string }).token === created.token,
      (m) => (m.params as { value: { kind: string } }).value.kind === 'end',
    );
    expect(done).toBeDefined();
    const progress = client.messages
      .filter((m) => m.method === '$/progress')
      .map((m) => (m.params as { value: { kind: string; message?: string; percentage?: number } }).value);
    expect(progress[0]).toEqual({ kind: 'begin', title: 'Indexing reports', percentage: 0, message: '0/3', cancellable: false });
    expect(progress.at(-2)).toEqual({ kind: 'report', percentage: 100, message: '3/3' });

    const symbols = await client.connection.sendRequest<SymbolInformation[]>('workspace/symbol', { query: 'saraqib' });
    // The place first, once, at its entry, with how often the workspace names it; then the incidents and counts by name.
    expect(symbols).toEqual([
      {
        name: 'Saraqib',
        kind: 3,
        containerName: 'place saraqib · 1 mention in 1 report',
        location: { uri: workspace.uri('gazetteer.yaml'), range: { start: { line: 4, character: 8 }, end: { line: 4, character: 15 } } },
      },
      { name: 'saraqib-shelling — 2023-10-05, saraqib', kind: 24, location: { uri: workspace.uri('reports/a.md'), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 60 } } } },
      { name: 'saraqib-killed — 4 civilians killed', kind: 16, containerName: 'saraqib-shelling', location: { uri: workspace.uri('reports/a.md'), range: { start: { line: 1, character: 0 }, end: { line: 1, character: 54 } } } },
    ]);

    await writeFile(workspace.path('reports/b.md'), REPORT_B.replace('idlib-strikes', 'saraqib-strikes'));
    await client.changeWatchedFiles([{ uri: workspace.uri('reports/b.md'), type: 2 }]);
    const names = async () => (await client.connection.sendRequest<SymbolInformation[]>('workspace/symbol', { query: 'strikes' })).map((s) => s.name);
    // The change is applied when the file has been read again; ask until then (each answer is a real request).
    let answer = await names();
    for (let attempt = 0; attempt < 100 && answer[0] !== 'saraqib-strikes — 2023-10-04'; attempt++) {
      await client.connection.sendRequest('workspace/symbol', { query: '' });
      answer = await names();
    }
    expect(answer).toEqual(['saraqib-strikes — 2023-10-04']);
  });

  it('answers workspace symbols for an open report from its unsaved text, and from disk again once it is closed', async () => {
    const workspace = await tempWorkspace({ 'gazetteer.yaml': GAZETTEER, 'reports/a.md': REPORT_A });
    cleanups.push(workspace.dispose);
    const client = startInProcess();
    cleanups.push(() => client.shutdown());
    await client.initialize(CLIENT, { rootPath: workspace.root });
    const uri = workspace.uri('reports/a.md');
    await client.open(uri, REPORT_A);
    await client.change(uri, 2, REPORT_A.replace('#saraqib-shelling', '#saraqib-unsaved'));
    const names = async () => (await client.connection.sendRequest<SymbolInformation[]>('workspace/symbol', { query: 'saraqib' })).map((s) => s.name);
    // Asked right after the change, before any diagnostics: the open text counts.
    expect(await names()).toEqual(['Saraqib', 'saraqib-unsaved — 2023-10-05, saraqib', 'saraqib-killed — 4 civilians killed']);

    await client.closeDocument(uri);
    // Closing re-reads the file; ask until then (each answer is a real request).
    let answer = await names();
    for (let attempt = 0; attempt < 100 && answer[1] !== 'saraqib-shelling — 2023-10-05, saraqib'; attempt++) answer = await names();
    expect(answer).toEqual(['Saraqib', 'saraqib-shelling — 2023-10-05, saraqib', 'saraqib-killed — 4 civilians killed']);
  });

  it('completes a place in a label and an id in place=', async () => {
    const workspace = await tempWorkspace({ 'gazetteer.yaml': GAZETTEER });
    cleanups.push(workspace.dispose);
    const client = startInProcess();
    cleanups.push(() => client.shutdown());
    const initialized = await client.initialize({}, { rootPath: workspace.root });
    expect(initialized.capabilities.completionProvider).toEqual({ triggerCharacters: ['[', '=', ':', '{', ' '] });

    const { text, cursors } = stripMarkers('Shelling in :place[Saraq‸\n');
    const uri = workspace.uri('report.md');
    await client.open(uri, text);
    const document = TextDocument.create(uri, 'markdown', 1, text);
    const list = await client.connection.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri }, position: document.positionAt(cursors[0]!) });
    expect(list.isIncomplete).toBe(true);
    // The team's Saraqib first: places in the team's countries rank before GeoNames alternates abroad
    // (Zaragoza's "Saraqosa"); its population is its GeoNames twin's.
    expect(list.items[0]).toEqual({
      label: 'Saraqib',
      kind: 19,
      detail: 'town, Syria · pop. 34,231',
      filterText: 'Saraq',
      sortText: '00000',
      insertTextFormat: 1,
      textEdit: { range: { start: { line: 0, character: 19 }, end: { line: 0, character: 24 } }, newText: 'Saraqib]' },
    });
  });
});
