import type { ClientCapabilities, PublishDiagnosticsParams } from 'vscode-languageserver';
import { afterEach, describe, expect, it } from 'vitest';
import { startInProcess, tempWorkspace } from '../helpers/lspClient.js';

const REPORT = ':::incident{#strike date=2023-10-04}\n:count[3]{#strike-killed type=killed} people were killed.\n:::\n';
const OTHER = ':::incident{#raid date=2023-10-05}\n:count[2]{#raid-killed type=killed} people were killed.\n:::\n';
const CLIENT: ClientCapabilities = { window: { workDoneProgress: true } };

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the background index and the first report', { timeout: 30_000 }, () => {
  it('starts indexing the folder only once the opened report has its diagnostics', async () => {
    const workspace = await tempWorkspace({ 'opened.md': REPORT, 'other.md': OTHER, 'third.md': OTHER.replaceAll('raid', 'siege') });
    cleanups.push(workspace.dispose);
    const client = startInProcess();
    cleanups.push(() => client.shutdown());
    await client.initialize(CLIENT, { rootPath: workspace.root });
    await client.open(workspace.uri('opened.md'), REPORT);

    const created = (await client.waitForRequest('window/workDoneProgress/create')) as { token: string };
    await client.waitFor(
      'indexing done',
      (m) => m.method === '$/progress' && (m.params as { token: string }).token === created.token,
      (m) => (m.params as { value: { kind: string } }).value.kind === 'end',
    );
    const order = client.messages
      .filter((m) => m.method === 'window/workDoneProgress/create' || (m.method === 'textDocument/publishDiagnostics' && (m.params as PublishDiagnosticsParams).uri === workspace.uri('opened.md')))
      .map((m) => m.method);
    expect(order[0]).toBe('textDocument/publishDiagnostics');
    expect(order).toContain('window/workDoneProgress/create');
    // The opened report's own diagnostics were complete the first time: the index changes nothing of them.
    const published = client.messages.filter((m) => m.method === 'textDocument/publishDiagnostics').map((m) => (m.params as PublishDiagnosticsParams).diagnostics);
    expect(published.every((diagnostics) => JSON.stringify(diagnostics) === JSON.stringify(published[0]))).toBe(true);

    const symbols = await client.connection.sendRequest<{ name: string }[]>('workspace/symbol', { query: 'killed' });
    expect(symbols.map((symbol) => symbol.name).sort()).toEqual(['raid-killed — 2 killed', 'siege-killed — 2 killed', 'strike-killed — 3 killed']);
  });

  it('indexes at once when no document is opened', async () => {
    const workspace = await tempWorkspace({ 'other.md': OTHER });
    cleanups.push(workspace.dispose);
    const client = startInProcess();
    cleanups.push(() => client.shutdown());
    await client.initialize(CLIENT, { rootPath: workspace.root });
    const symbols = await client.connection.sendRequest<{ name: string }[]>('workspace/symbol', { query: 'raid' });
    expect(symbols.map((symbol) => symbol.name).sort()).toEqual(['raid — 2023-10-05', 'raid-killed — 2 killed']);
  });
});
