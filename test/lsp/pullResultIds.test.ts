import { writeFile } from 'node:fs/promises';
import type { ClientCapabilities, DocumentDiagnosticReport, FullDocumentDiagnosticReport } from 'vscode-languageserver';
import { afterEach, describe, expect, it } from 'vitest';
import { startInProcess, tempWorkspace, type LspClient } from '../helpers/lspClient.js';

/** A pulling client like VS Code's: configuration, watched files, diagnostic refresh. */
const PULL_CLIENT: ClientCapabilities = {
  workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true, diagnostics: { refreshSupport: true } },
  textDocument: { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } },
};

const GAZETTEER = `actors:
  - id: syrian-government
    name: Government of Syria
    kind: state-forces
`;
const WITH_WAGNER = `${GAZETTEER}  - id: wagner
    name: Wagner Group
    kind: armed-group
`;
/** An actor missing from GAZETTEER (but in WITH_WAGNER) and a date that does not exist, in a report with its published date. */
const REPORT = '---\npublished: 2023-10-10\n---\nStrikes by :actor[Wagner Group] on :date[31 September]{value=2023-09-31}.\n';
const BOTH = ['actor-unknown', 'date-invalid'];

const RELOAD_GAZETTEER = 'incident-markup.server.reloadGazetteer';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(files: Record<string, string> = {}) {
  const workspace = await tempWorkspace({ 'gazetteer.yaml': GAZETTEER, ...files });
  cleanups.push(workspace.dispose);
  const client = startInProcess();
  cleanups.push(() => client.shutdown());
  let rules: Record<string, string> = {};
  client.configuration = (item) => (item.section === 'incidentMarkup' ? { rules } : null);
  await client.initialize(PULL_CLIENT, { rootPath: workspace.root });
  const uri = workspace.uri('report.md');
  await client.open(uri, REPORT);
  return { workspace, client, uri, setRules: (next: Record<string, string>) => (rules = next) };
}

function pull(client: LspClient, uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
  return client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', {
    textDocument: { uri },
    ...(previousResultId === undefined ? {} : { previousResultId }),
  });
}

/** The report, which must be a full one with a result id. */
function full(report: DocumentDiagnosticReport): FullDocumentDiagnosticReport & { resultId: string } {
  expect(report).toMatchObject({ kind: 'full', resultId: expect.any(String) });
  return report as FullDocumentDiagnosticReport & { resultId: string };
}

const codes = (report: FullDocumentDiagnosticReport) => report.items.map((diagnostic) => diagnostic.code);

describe('pull diagnostics with result ids', { timeout: 30_000 }, () => {
  it('answers a second pull with nothing changed as unchanged, with the same result id', async () => {
    const { client, uri } = await setUp();
    const first = full(await pull(client, uri));
    expect(codes(first)).toEqual(BOTH);

    expect(await pull(client, uri, first.resultId)).toEqual({ kind: 'unchanged', resultId: first.resultId });
    expect(await pull(client, uri, first.resultId)).toEqual({ kind: 'unchanged', resultId: first.resultId });
    // A client that lost (or never had) the id is answered in full, still without a new check.
    expect(await pull(client, uri)).toEqual(first);
    expect(await pull(client, uri, 'an id this server never gave')).toEqual(first);
  });

  it('answers in full with a new result id after an edit', async () => {
    const { client, uri } = await setUp();
    const first = full(await pull(client, uri));

    await client.change(uri, 2, REPORT.replace('value=2023-09-31', 'value=2023-09-30'));
    const second = full(await pull(client, uri, first.resultId));
    expect(second.resultId).not.toBe(first.resultId);
    expect(codes(second)).toEqual(['actor-unknown']);
    expect(await pull(client, uri, second.resultId)).toEqual({ kind: 'unchanged', resultId: second.resultId });

    // Back to the first text: a new version all the same, and the diagnostics of that text.
    await client.change(uri, 3, REPORT);
    const third = full(await pull(client, uri, second.resultId));
    expect(new Set([first.resultId, second.resultId, third.resultId]).size).toBe(3);
    expect(codes(third)).toEqual(BOTH);
  });

  it('answers unchanged after an edit that leaves every diagnostic as it was, and in full when one moves', async () => {
    const { client, uri } = await setUp();
    const first = full(await pull(client, uri));

    // A new paragraph below every diagnostic: the same diagnostics, so the client's copy is current.
    const below = `${REPORT}\nMore prose.\n`;
    await client.change(uri, 2, below);
    expect(await pull(client, uri, first.resultId)).toEqual({ kind: 'unchanged', resultId: first.resultId });
    await client.change(uri, 3, below.replace('More prose', 'More words of prose'));
    expect(await pull(client, uri, first.resultId)).toEqual({ kind: 'unchanged', resultId: first.resultId });

    // Letters typed before both diagnostics on their line move them: a full answer, with both moved.
    await client.change(uri, 4, below.replace('Strikes by', 'Air strikes by'));
    const second = full(await pull(client, uri, first.resultId));
    expect(second.resultId).not.toBe(first.resultId);
    expect(second.items.map((diagnostic) => [diagnostic.code, diagnostic.range])).toEqual(
      first.items.map((diagnostic) => [
        diagnostic.code,
        { start: { ...diagnostic.range.start, character: diagnostic.range.start.character + 4 }, end: { ...diagnostic.range.end, character: diagnostic.range.end.character + 4 } },
      ]),
    );
    expect(second.items.map((diagnostic) => diagnostic.message)).toEqual(first.items.map((diagnostic) => diagnostic.message));
  });

  it('answers in full after the gazetteer is edited in the editor, and again when the edit is closed unsaved', async () => {
    const { workspace, client, uri } = await setUp();
    const gazetteer = workspace.uri('gazetteer.yaml');
    await client.open(gazetteer, GAZETTEER);
    const first = full(await pull(client, uri));
    expect(codes(first)).toEqual(BOTH);

    let since = client.mark();
    await client.change(gazetteer, 2, WITH_WAGNER);
    await client.waitForRequest('workspace/diagnostic/refresh', since);
    const second = full(await pull(client, uri, first.resultId));
    expect(second.resultId).not.toBe(first.resultId);
    expect(codes(second)).toEqual(['date-invalid']);

    since = client.mark();
    await client.closeDocument(gazetteer);
    await client.waitForRequest('workspace/diagnostic/refresh', since);
    const third = full(await pull(client, uri, second.resultId));
    expect(codes(third)).toEqual(BOTH);
  });

  it('answers in full after the gazetteer changes on disk', async () => {
    const { workspace, client, uri } = await setUp();
    const first = full(await pull(client, uri));

    const since = client.mark();
    await writeFile(workspace.path('gazetteer.yaml'), WITH_WAGNER);
    await client.changeWatchedFiles([{ uri: workspace.uri('gazetteer.yaml'), type: 2 }]);
    await client.waitForRequest('workspace/diagnostic/refresh', since);
    const second = full(await pull(client, uri, first.resultId));
    expect(second.resultId).not.toBe(first.resultId);
    expect(codes(second)).toEqual(['date-invalid']);
  });

  it('finds a gazetteer created after the report was checked: reported by the client, or by Reload Gazetteer', async () => {
    const workspace = await tempWorkspace({ 'reports/report.md': REPORT });
    cleanups.push(workspace.dispose);
    const client = startInProcess();
    cleanups.push(() => client.shutdown());
    await client.initialize(PULL_CLIENT, { rootPath: workspace.root });
    const uri = workspace.uri('reports/report.md');
    await client.open(uri, REPORT);
    const first = full(await pull(client, uri));
    expect(codes(first)).toEqual(['gazetteer-not-found', 'date-invalid']);

    // Made while no gazetteer is in use, and not reported by the client: Reload Gazetteer looks again.
    await writeFile(workspace.path('gazetteer.yaml'), GAZETTEER);
    let since = client.mark();
    await client.connection.sendRequest('workspace/executeCommand', { command: RELOAD_GAZETTEER, arguments: [] });
    await client.waitForRequest('workspace/diagnostic/refresh', since);
    expect(codes(full(await pull(client, uri, first.resultId)))).toEqual(BOTH);

    // One nearer the report, reported by the client.
    since = client.mark();
    await writeFile(workspace.path('reports/gazetteer.yaml'), WITH_WAGNER);
    await client.changeWatchedFiles([{ uri: workspace.uri('reports/gazetteer.yaml'), type: 1 }]);
    await client.waitForRequest('workspace/diagnostic/refresh', since);
    expect(codes(full(await pull(client, uri)))).toEqual(['date-invalid']);
  });

  it('answers in full after Reload Gazetteer picks up a change the client did not report', async () => {
    const { workspace, client, uri } = await setUp();
    const first = full(await pull(client, uri));

    // Gazetteers are read once and then only when told of a change, so without one nothing differs.
    await writeFile(workspace.path('gazetteer.yaml'), WITH_WAGNER);
    expect(await pull(client, uri, first.resultId)).toEqual({ kind: 'unchanged', resultId: first.resultId });

    const since = client.mark();
    await client.connection.sendRequest('workspace/executeCommand', { command: RELOAD_GAZETTEER, arguments: [] });
    await client.waitForRequest('workspace/diagnostic/refresh', since);
    const second = full(await pull(client, uri, first.resultId));
    expect(codes(second)).toEqual(['date-invalid']);
  });

  it('answers in full after a configuration change, even when pulled before the refresh request', async () => {
    const { client, uri, setRules } = await setUp();
    const first = full(await pull(client, uri));
    expect(codes(first)).toEqual(BOTH);

    const since = client.mark();
    setRules({ 'date-invalid': 'off' });
    await client.changeConfiguration({});
    // The refresh is debounced; a pull that arrives first must not be told "unchanged".
    const second = full(await pull(client, uri, first.resultId));
    expect(second.resultId).not.toBe(first.resultId);
    expect(codes(second)).toEqual(['actor-unknown']);
    await client.waitForRequest('workspace/diagnostic/refresh', since);
    expect(await pull(client, uri, second.resultId)).toEqual({ kind: 'unchanged', resultId: second.resultId });
  });

  it('answers in full after .incident-markup.yaml changes', async () => {
    const { workspace, client, uri } = await setUp({ '.incident-markup.yaml': 'rules: {}\n' });
    const first = full(await pull(client, uri));
    expect(codes(first)).toEqual(BOTH);

    const since = client.mark();
    await writeFile(workspace.path('.incident-markup.yaml'), 'rules:\n  actor-unknown: off\n');
    await client.changeWatchedFiles([{ uri: workspace.uri('.incident-markup.yaml'), type: 2 }]);
    await client.waitForRequest('workspace/diagnostic/refresh', since);
    const second = full(await pull(client, uri, first.resultId));
    expect(codes(second)).toEqual(['date-invalid']);
  });

  it('answers in full after the report is closed and opened again at the same version', async () => {
    const { client, uri } = await setUp();
    const first = full(await pull(client, uri));
    await client.closeDocument(uri);
    await client.open(uri, REPORT);
    const second = full(await pull(client, uri, first.resultId));
    expect(second.resultId).not.toBe(first.resultId);
    expect(codes(second)).toEqual(BOTH);
  });
});
