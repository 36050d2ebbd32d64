import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ClientCapabilities, Diagnostic, DocumentSymbol, Hover, Location, SymbolInformation } from 'vscode-languageserver';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnServer, startInProcess, tempWorkspace, type LspClient } from '../helpers/lspClient.js';

const ROOT = join(import.meta.dirname, '../..');
/** The bundles `npm test` builds before vitest runs: the server's check worker, and the server itself. */
const CHECK_WORKER = join(ROOT, 'dist/serverCheckWorker.js');
const SERVER = join(ROOT, 'dist/server.js');

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
const LINE = 'Shelling in :place[Saraqeb].\n';
const SMALL = `---\npublished: 2023-10-08\n---\n\n${LINE}`;
/**
 * A loose list (a blank line between items) of 390 KB to the end of the report (under the 500,000
 * characters the background index reads, for the index test below), after 17 KB of one paragraph.
 * The chunked parse reads the paragraph as a region of its own (fast), then the list from its first
 * line, line 302, again and again further, since nothing can end it before the end of the text:
 * seconds over the limit set below on any machine (about 20 s at load 10 here), and always stopped
 * in a region that starts there. (A list whose items have sub-items is slower per byte, but the
 * pre-scan of hostile shapes leaves a long one unparsed, so it had to come in regions, and where
 * the time ran out was then a matter of the machine's load.)
 */
const NOTES = 'Notes on the list below, one line after another of them.\n'.repeat(300);
const SLOW_LINE = 302;
const SLOW = `${NOTES}\n${'- item text\n\n'.repeat(30_000)}`;
/** One second, whatever the report's length (no more per MiB). */
const LIMIT = { checkTimeLimitMs: 1000, checkTimeLimitPerMiBMs: 0 };
const CLIENT: ClientCapabilities = { textDocument: { hover: { contentFormat: ['markdown'] } } };
const SARAQIB_HOVER: Hover = {
  contents: { kind: 'markdown', value: '**Saraqib** — town\n\nin Syria\n\nAlso written: Saraqeb\n\nid `saraqib` · gazetteer.yaml' },
  range: { start: { line: 4, character: 19 }, end: { line: 4, character: 26 } },
};
const STOPPED: Diagnostic = {
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  severity: 2,
  code: 'check-time-limit',
  source: 'incident-markup',
  message:
    `Checking stopped after 1 s at line ${SLOW_LINE}, the time a check of this report may take: this report is not checked. ` +
    'The Markdown parser was reading the part from that line on; some of it takes the Markdown parser too long (lists or quotes nested very deep, long runs of brackets, a container left open above a long text): ' +
    'fix or split that part, and the report is checked again at the next edit.',
};

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function workspaceWithGazetteer() {
  const workspace = await tempWorkspace({ 'gazetteer.yaml': GAZETTEER });
  cleanups.push(workspace.dispose);
  return workspace;
}

function started(client: LspClient): LspClient {
  cleanups.push(() => client.shutdown());
  return client;
}

const publishedFor = (client: LspClient, uri: string, since: number) =>
  client.messages.slice(since).filter((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === uri);

describe('a server that keeps answering while a report is slow to check', { timeout: 60_000 }, () => {
  it('stops a check that runs over its time with one diagnostic, and answers another report meanwhile', async () => {
    expect(existsSync(CHECK_WORKER), `${CHECK_WORKER} is missing; run npm run build first`).toBe(true);
    const workspace = await workspaceWithGazetteer();
    const client = started(startInProcess({ checkWorker: CHECK_WORKER }));
    await client.initialize(CLIENT, { rootPath: workspace.root, initializationOptions: LIMIT });
    const small = workspace.uri('small.md');
    const slow = workspace.uri('slow.md');
    await client.open(small, SMALL);
    const smallDiagnostics = await client.waitForDiagnostics(small);
    // The first hover loads this thread's gazetteer and parse of the report: the one below is the request alone.
    expect(await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: small }, position: { line: 4, character: 22 } })).toEqual(SARAQIB_HOVER);

    const beforeSlow = client.mark();
    await client.open(slow, SLOW);
    // Answered from this thread while a worker is still parsing the slow report: its diagnostics have not come yet.
    const hover = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: small }, position: { line: 4, character: 22 } });
    expect(hover).toEqual(SARAQIB_HOVER);
    expect(publishedFor(client, slow, beforeSlow)).toEqual([]);
    // Another report's edit is checked in the second worker meanwhile.
    await client.change(small, 2, `${SMALL}\n${LINE}`);
    const edited = await client.waitForDiagnostics(small, (_, params) => params.version === 2, beforeSlow);
    expect(edited).toEqual([...smallDiagnostics, ...smallDiagnostics.map((d) => ({ ...d, range: { start: { ...d.range.start, line: 6 }, end: { ...d.range.end, line: 6 } } }))]);

    expect(await client.waitForDiagnostics(slow, () => true, beforeSlow)).toEqual([STOPPED]);
    // Features that would parse the slow report on the server's thread leave it alone.
    expect(await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: slow } })).toEqual([]);
    // And so do the workspace features, which read the open reports from their live text.
    const symbols = await client.connection.sendRequest<SymbolInformation[]>('workspace/symbol', { query: 'saraqib' });
    expect(symbols.map((symbol) => [symbol.name, symbol.location.uri])).toEqual([['Saraqib', workspace.uri('gazetteer.yaml')]]);
    // The worker that was stopped is replaced: the small report is still checked.
    const afterStop = client.mark();
    await client.change(small, 3, SMALL);
    expect(await client.waitForDiagnostics(small, (_, params) => params.version === 3, afterStop)).toEqual(smallDiagnostics);
  });

  it('does the same in the built server over stdio with --check-in-workers, its workers started from dist/', async () => {
    expect(existsSync(SERVER), `${SERVER} is missing; run npm run build first`).toBe(true);
    const workspace = await workspaceWithGazetteer();
    const client = started(spawnServer(SERVER, ['--check-in-workers']));
    await client.initialize(CLIENT, { rootPath: workspace.root, initializationOptions: LIMIT });
    const small = workspace.uri('small.md');
    const slow = workspace.uri('slow.md');
    await client.open(small, SMALL);
    const smallDiagnostics = await client.waitForDiagnostics(small);
    expect(await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: small }, position: { line: 4, character: 22 } })).toEqual(SARAQIB_HOVER);
    const beforeSlow = client.mark();
    await client.open(slow, SLOW);
    expect(await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: small }, position: { line: 4, character: 22 } })).toEqual(SARAQIB_HOVER);
    expect(publishedFor(client, slow, beforeSlow)).toEqual([]);
    expect(await client.waitForDiagnostics(slow, () => true, beforeSlow)).toEqual([STOPPED]);
    expect(smallDiagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['place-alias', 4]]);
  });
});

describe('a server checking on its own thread (the default) while a long report is parsed', { timeout: 60_000 }, () => {
  it('answers a hover on another report between the regions of the long report\'s whole parse', async () => {
    const workspace = await workspaceWithGazetteer();
    const client = started(startInProcess());
    await client.initialize(CLIENT, { rootPath: workspace.root });
    const small = workspace.uri('small.md');
    await client.open(small, SMALL);
    await client.waitForDiagnostics(small);
    const hoverOnSmall = () => client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: small }, position: { line: 4, character: 22 } });
    // The first hover loads this thread's gazetteer: the one below is the request alone.
    expect(await hoverOnSmall()).toEqual(SARAQIB_HOVER);

    // About 250 KB: some sixty regions of the parse (STEP_REGION_SIZE), each a step between messages.
    const prose = 'Witnesses described the shelling of the market in the morning, and the fire that followed it.\n\n'.repeat(2600);
    const LONG = `# First part\n\n${prose}# Second part\n\n${LINE}`;
    const secondPart = LONG.split('\n').indexOf('# Second part');
    const long = workspace.uri('long.md');
    await client.open(long, LONG);
    const answered: string[] = [];
    const outline = client.connection
      .sendRequest<SymbolInformation[]>('textDocument/documentSymbol', { textDocument: { uri: long } })
      .then((symbols) => (answered.push('outline of the long report'), symbols));
    const hover = hoverOnSmall().then((result) => (answered.push('hover on the small report'), result));
    expect(await hover).toEqual(SARAQIB_HOVER);
    const at = (line: number, character: number) => ({ line, character });
    const location = (start: { line: number; character: number }, end: { line: number; character: number }) => ({ uri: long, range: { start, end } });
    expect(await outline).toEqual([
      { name: 'First part', kind: 15, location: location(at(0, 0), at(secondPart - 2, prose.indexOf('\n'))) },
      { name: 'Second part', kind: 15, location: location(at(secondPart, 0), at(secondPart + 3, 0)) },
      { name: 'Saraqib', kind: 3, containerName: 'Second part', location: location(at(secondPart + 2, 12), at(secondPart + 2, 27)) },
    ]);
    // The outline waited for the long report's parse; the hover, asked after it, did not.
    expect(answered).toEqual(['hover on the small report', 'outline of the long report']);
  });
});

describe('a server whose check workers cannot start', { timeout: 30_000 }, () => {
  it('checks reports on its own thread, saying so once in the log', async () => {
    const workspace = await workspaceWithGazetteer();
    const missing = join(ROOT, 'dist/no-such-worker.js');
    const client = started(startInProcess({ checkWorker: missing }));
    await client.initialize(CLIENT, { rootPath: workspace.root, initializationOptions: LIMIT });
    const small = workspace.uri('small.md');
    await client.open(small, SMALL);
    const diagnostics = await client.waitForDiagnostics(small);
    expect(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character])).toEqual([['place-alias', 4, 19]]);
    await client.change(small, 2, `${SMALL}\n${LINE}`);
    const edited = await client.waitForDiagnostics(small, (_, params) => params.version === 2);
    expect(edited.map((d) => [d.code, d.range.start.line, d.range.start.character])).toEqual([['place-alias', 4, 19], ['place-alias', 6, 19]]);
    expect(client.errorsLogged()).toEqual([
      `The check workers cannot start: Cannot find module '${missing}'. Reports are checked on the server's own thread from now on, without a time limit.`,
    ]);
  });
});

describe('the workspace index beside slow reports', { timeout: 60_000 }, () => {
  it('leaves out a report it cannot read within the time limit, with a line in the log, and indexes the others', async () => {
    expect(existsSync(CHECK_WORKER), `${CHECK_WORKER} is missing; run npm run build first`).toBe(true);
    const workspace = await tempWorkspace({
      'gazetteer.yaml': GAZETTEER,
      'slow.md': `:::incident{#shelling-slow}\n${LINE}:::\n\n${SLOW}`,
      'small.md': `:::incident{#shelling-small}\n${LINE}:::\n`,
      'other.md': 'Fighting near :place[Saraqib].\n',
    });
    cleanups.push(workspace.dispose);
    const client = started(startInProcess({ checkWorker: CHECK_WORKER }));
    await client.initialize(CLIENT, { rootPath: workspace.root, initializationOptions: LIMIT });
    const note = await client.waitFor(
      'the index leaving slow.md out',
      (m) => m.method === 'window/logMessage' && (m.params as { message: string }).message.startsWith('Workspace index:'),
      () => true,
    );
    expect(note.params).toEqual({
      type: 3,
      message: `Workspace index: ${workspace.path('slow.md')} is left out (no workspace symbols, references or renames from it until it changes): reading it took longer than 1 s, the time a check of it may take.`,
    });
    const symbols = await client.connection.sendRequest<SymbolInformation[]>('workspace/symbol', { query: 'shelling' });
    expect(symbols.map((symbol) => [symbol.name, symbol.location.uri])).toEqual([['shelling-small', workspace.uri('small.md')]]);
    // The names the worker resolved for the index are found from an open report.
    await client.open(workspace.uri('small.md'), `:::incident{#shelling-small}\n${LINE}:::\n`);
    const references = await client.connection.sendRequest<Location[]>('textDocument/references', {
      textDocument: { uri: workspace.uri('small.md') },
      position: { line: 1, character: 22 },
      context: { includeDeclaration: false },
    });
    expect(references.map((location) => [location.uri, location.range.start.line, location.range.start.character]).sort()).toEqual([
      [workspace.uri('other.md'), 0, 21],
      [workspace.uri('small.md'), 1, 19],
    ]);
    expect(client.errorsLogged()).toEqual([]);
  });
});

describe('edits the server cannot apply as given', { timeout: 30_000 }, () => {
  it('clamps a range beyond the end to the end, logs it once, and checks the resulting text', async () => {
    const workspace = await workspaceWithGazetteer();
    const client = started(startInProcess());
    await client.initialize(CLIENT, { rootPath: workspace.root });
    const uri = workspace.uri('edited.md');
    const start = 'Shelling in :place[Saraqib].';
    await client.open(uri, start);
    await client.waitForDiagnostics(uri);
    const mark = client.mark();
    const beyond = { start: { line: 5, character: 0 }, end: { line: 6, character: 3 } };
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      // One line break for the one line the range spans: the case that left vscode-languageserver-textdocument's line table with holes.
      contentChanges: [{ range: beyond, text: '\nFighting in :place[Saraqeb].' }],
    });
    // A second edit beyond the end, and one inside, read against the text the first left.
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [
        { range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } }, text: '\n' },
        { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 8 } }, text: 'Shelling' },
      ],
    });
    const expectedText = 'Shelling in :place[Saraqib].\nShelling in :place[Saraqeb].\n';
    const edited = await client.waitForDiagnostics(uri, (_, params) => params.version === 3, mark);

    // The same diagnostics as the text it should be, opened as such.
    const reference = workspace.uri('reference.md');
    await client.open(reference, expectedText);
    expect(edited).toEqual(await client.waitForDiagnostics(reference));
    expect(edited.map((d) => [d.code, d.range.start.line, d.range.start.character])).toEqual([
      ['markup-missing-published', 0, 0],
      ['place-alias', 1, 19],
    ]);
    const warnings = client.messages
      .slice(mark)
      .filter((m) => m.method === 'window/logMessage' && (m.params as { type: number }).type === 2)
      .map((m) => (m.params as { message: string }).message);
    expect(warnings).toEqual([
      `An edit of ${uri} (version 2) reaches outside the document (range 5:0-6:3); it was applied at the nearest place inside it, as VS Code does, and the document is checked from the resulting text. Later edits of this document that do so are not logged.`,
    ]);
    expect(client.errorsLogged()).toEqual([]);
  });
});
