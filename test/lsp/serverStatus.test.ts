import type { ClientCapabilities } from 'vscode-languageserver';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWorldLayer } from '../../server/src/core/gazetteer/worldLayer.js';
import type { ServerStatusParams } from '../../server/src/lsp/serverStatus.js';
import { startInProcess, tempWorkspace, type LspClient, type ServerMessage } from '../helpers/lspClient.js';

const GAZETTEER = `actors:
  - id: syrian-government
    name: Government of Syria
    kind: state-forces
places:
  - id: syria
    name: Syria
    kind: country
  - id: saraqib
    name: Saraqib
    kind: town
    in: syria
`;
/** The gazetteer above with a line YAML cannot read: the server keeps the last good version in use. */
const BROKEN = GAZETTEER.replace('    kind: town\n', '    kind: [town\n');
const FIXED = `${GAZETTEER}  - id: idlib
    name: Idlib
    kind: city
    in: syria
`;
const REPORT_A = ':::incident{#a date=2023-10-05 place=saraqib}\n:actor[Government of Syria] shelled :place[Saraqib].\n:::\n';
const REPORT_B = ':::incident{#b date=2023-10-06 place=syria}\nText.\n:::\n';
/** Not a report: no markup, so the index leaves it out. */
const NOTES = 'Notes without markup.\n';

const CLIENT: ClientCapabilities = { workspace: { configuration: true } };
const STATUS = 'incidentMarkup/status';
const INFO = 3;
const WARNING = 2;

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(initializationOptions: unknown, settings: unknown = { builtinGazetteer: false }) {
  const workspace = await tempWorkspace({ 'gazetteer.yaml': GAZETTEER, 'reports/a.md': REPORT_A, 'reports/b.md': REPORT_B, 'notes.md': NOTES });
  cleanups.push(workspace.dispose);
  const client = startInProcess();
  cleanups.push(() => client.shutdown());
  client.configuration = (item) => (item.section === 'incidentMarkup' ? settings : null);
  await client.initialize(CLIENT, { rootPath: workspace.root, initializationOptions });
  return { workspace, client };
}

const isStatus = (message: ServerMessage) => message.kind === 'notification' && message.method === STATUS;

function waitForStatus(client: LspClient, what: string, predicate: (status: ServerStatusParams) => boolean, since = 0): Promise<ServerStatusParams> {
  return client.waitFor(`a status with ${what}`, isStatus, (message) => predicate(message.params as ServerStatusParams), since).then((message) => message.params as ServerStatusParams);
}

/** Waits for a log line; the status of the same turn is sent before it. */
function waitForLog(client: LspClient, line: string, since = 0): Promise<ServerMessage> {
  const isLog = (message: ServerMessage) => message.method === 'window/logMessage';
  return client.waitFor(`the log line "${line}"`, isLog, (message) => (message.params as { message: string }).message === line, since);
}

function logged(client: LspClient, since = 0): [number, string][] {
  return client.messages
    .slice(since)
    .filter((message) => message.method === 'window/logMessage')
    .map((message) => message.params as { type: number; message: string })
    .map(({ type, message }) => [type, message]);
}

describe('the server status notification', { timeout: 30_000 }, () => {
  it('tells a client that opted in what is loaded and indexed, an error in the gazetteer, and its fix; and logs each', async () => {
    const { workspace, client } = await setUp({ statusNotification: true });
    const gazetteer = workspace.uri('gazetteer.yaml');
    // a.md and b.md are indexed, notes.md has no markup; no report is open, so no gazetteer is in use.
    await waitForLog(client, 'Indexed 2 reports');
    expect(client.messages.filter(isStatus).at(-1)?.params).toEqual({
      state: 'ready',
      loading: null,
      gazetteerFiles: 0,
      entries: 0,
      reportsIndexed: 2,
      layers: [],
      errors: [],
      errorCount: 0,
    });

    // Open, a.md is checked against the gazetteer: 2 places and 1 actor.
    const report = workspace.uri('reports/a.md');
    await client.open(report, REPORT_A);
    const ready = await waitForStatus(client, 'the gazetteer', (status) => status.gazetteerFiles === 1);
    expect(ready).toEqual({
      state: 'ready',
      loading: null,
      gazetteerFiles: 1,
      entries: 3,
      reportsIndexed: 2,
      layers: [{ kind: 'team', files: [gazetteer], places: 2, actors: 1 }],
      errors: [],
      errorCount: 0,
    });
    await waitForLog(client, `Loaded gazetteer ${workspace.path('gazetteer.yaml')}: 2 places, 1 actor`);
    expect(logged(client).sort()).toEqual([
      [INFO, 'Indexed 2 reports'],
      [INFO, `Loaded gazetteer ${workspace.path('gazetteer.yaml')}: 2 places, 1 actor`],
    ]);

    // Typing changes nothing the status shows, so it sends none.
    const typing = client.mark();
    for (let version = 2; version <= 4; version++) await client.change(report, version, REPORT_A.replace('shelled', `shelled${' again'.repeat(version)}`));
    await client.waitForDiagnostics(report, (_, params) => params.version === 4, typing);

    // Broken in the editor: the last good version stays in use, and the error is counted.
    const broken = client.mark();
    await client.open(gazetteer, GAZETTEER, 'yaml');
    await client.change(gazetteer, 2, BROKEN);
    const failing = await waitForStatus(client, 'an error', (status) => status.state === 'error', broken);
    const syntaxError = {
      uri: gazetteer,
      // YAML finds the unclosed [ on the line after it (0-based, as in LSP).
      line: 11,
      message: 'Flow sequence in block collection must be sufficiently indented and end with a ]. Fix the YAML/JSON syntax; until then the last good version stays in use.',
    };
    expect(failing).toEqual({
      state: 'error',
      loading: null,
      gazetteerFiles: 1,
      entries: 3,
      reportsIndexed: 2,
      layers: [{ kind: 'team', files: [gazetteer], places: 2, actors: 1 }],
      errors: [syntaxError],
      errorCount: 1,
    });
    await waitForLog(client, `${workspace.path('gazetteer.yaml')}:12: ${syntaxError.message}`, broken);
    expect(client.messages.slice(typing).filter(isStatus).map((message) => message.params)).toEqual([failing]);

    // Fixed, with one more place.
    const fixed = client.mark();
    await client.change(gazetteer, 3, FIXED);
    expect(await waitForStatus(client, 'no error', (status) => status.state === 'ready', fixed)).toEqual({
      state: 'ready',
      loading: null,
      gazetteerFiles: 1,
      entries: 4,
      reportsIndexed: 2,
      layers: [{ kind: 'team', files: [gazetteer], places: 3, actors: 1 }],
      errors: [],
      errorCount: 0,
    });
    await waitForLog(client, 'No errors left', fixed);
    expect(logged(client, broken)).toEqual([
      [WARNING, `${workspace.path('gazetteer.yaml')}:12: ${syntaxError.message}`],
      [INFO, `Loaded gazetteer ${workspace.path('gazetteer.yaml')}: 3 places, 1 actor`],
      [INFO, 'No errors left'],
    ]);
    // Coalesced: one status per state seen here, none repeated.
    const sent = client.messages.filter(isStatus).map((message) => JSON.stringify(message.params));
    expect(sent.filter((status, index) => status === sent[index - 1])).toEqual([]);
  });

  it('counts the places of the built-in layer among the entries', async () => {
    const { workspace, client } = await setUp({ statusNotification: true }, {});
    await waitForLog(client, 'Indexed 2 reports');
    await client.open(workspace.uri('reports/a.md'), REPORT_A);
    const builtinPlaces = loadWorldLayer().table.size;
    expect(await waitForStatus(client, 'the built-in layer', (status) => status.layers.length === 2)).toEqual({
      state: 'ready',
      loading: null,
      gazetteerFiles: 1,
      entries: 3 + builtinPlaces,
      reportsIndexed: 2,
      layers: [
        { kind: 'team', files: [workspace.uri('gazetteer.yaml')], places: 2, actors: 1 },
        { kind: 'built-in', files: [], places: builtinPlaces, actors: 0 },
      ],
      errors: [],
      errorCount: 0,
    });
    await waitForLog(client, `Loaded the built-in world gazetteer: ${builtinPlaces.toLocaleString('en')} places`);
  });

  it('sends nothing of it to a client that did not opt in, which is still told of loads in the log', async () => {
    const { workspace, client } = await setUp({ workspaceTrusted: true });
    // The status would have been sent before each of these lines, in the same turn.
    await waitForLog(client, 'Indexed 2 reports');
    await client.open(workspace.uri('reports/a.md'), REPORT_A);
    await waitForLog(client, `Loaded gazetteer ${workspace.path('gazetteer.yaml')}: 2 places, 1 actor`);
    expect(client.messages.filter(isStatus)).toEqual([]);
  });
});
