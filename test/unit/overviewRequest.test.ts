import type { ClientCapabilities } from 'vscode-languageserver';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/runCli.js';
import { startInProcess, tempWorkspace } from '../helpers/lspClient.js';

// The Incidents Overview panel's request (server/src/lsp/features/overview.ts), on the server in process.
const REQUEST = 'incidentMarkup/overview';
const GAZETTEER = `actors:
  - id: gov
    name: Government of Syria
    aliases: [Assad regime]
places:
  - id: syria
    name: Syria
    kind: country
  - id: maarat
    name: Maarat al-Numan
    kind: town
    coordinates: [35.64, 36.67]
    in: syria
`;
const MARKET = `---
title: Market strike
published: 2023-10-10
---
:::incident{#market date=2023-10-05 place=maarat}
:count[46]{type=killed} people were killed by :actor[the Assad regime]{role=perpetrator}.
:::
`;
const BROKEN = `---
published: 2023-10-10
---
:::incident{#strike date=2023-09-31 place=Atlantis}
:count[4]{type=killed} killed.
:::
`;

interface Result {
  model: { reports: { file: string }[]; incidents: { key: string; id: string; file: string; figures: { type: string; low: number }[]; severity: string | null }[] };
  uris: string[];
  unread: unknown[];
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp() {
  const workspace = await tempWorkspace({ 'gazetteer.yaml': GAZETTEER, 'reports/market.md': MARKET, 'reports/old/broken.md': BROKEN });
  cleanups.push(workspace.dispose);
  const client = startInProcess();
  cleanups.push(() => client.shutdown());
  await client.initialize({} as ClientCapabilities, { rootPath: workspace.root });
  const request = (uri: string, scope: string) => client.connection.sendRequest<Result>(REQUEST, { textDocument: { uri }, scope });
  return { workspace, client, request };
}

/** The model the CLI's page holds for the same files, from the workspace folder. */
async function cliModel(args: string[], cwd: string): Promise<unknown> {
  let html = '';
  await runCli(['overview', ...args], { cwd, stdout: (text) => (html += text), stderr: () => undefined });
  return JSON.parse(/<script type="application\/json" id="overview-data">(.*?)<\/script>/s.exec(html)![1]!);
}

describe('the overview request', { timeout: 30_000 }, () => {
  it('answers the overview of an open report from the editor\'s text, unsaved edits included', async () => {
    const { workspace, client, request } = await setUp();
    const uri = workspace.uri('reports/market.md');
    await client.open(uri, MARKET.replace(':count[46]', ':count[47]'));
    const result = await request(uri, 'report');
    expect({ uris: result.uris, unread: result.unread, files: result.model.reports.map((report) => report.file) }).toEqual({ uris: [uri], unread: [], files: ['reports/market.md'] });
    expect(result.model.incidents.map((incident) => [incident.key, incident.id, incident.figures])).toEqual([['0:0', 'market', [{ type: 'killed', low: 47, high: 47, sources: [{ source: null, asWritten: '47', low: 47, high: 47 }] }]]]);
  });

  it('answers the overview of every report of the workspace, the model the CLI puts in its page', async () => {
    const { workspace, request } = await setUp();
    const uri = workspace.uri('reports/market.md');
    const result = await request(uri, 'workspace');
    expect(result.uris).toEqual([uri, workspace.uri('reports/old/broken.md')]);
    expect(result.model).toEqual(await cliModel(['.'], workspace.root));
    expect(result.model.incidents.map((incident) => [incident.file, incident.id, incident.severity])).toEqual([
      ['reports/market.md', 'market', null],
      ['reports/old/broken.md', 'strike', 'error'],
    ]);
  });

  it('says what it takes when the scope is not one it knows', async () => {
    const { workspace, request } = await setUp();
    await expect(request(workspace.uri('reports/market.md'), 'folder')).rejects.toThrow(`${REQUEST} takes {textDocument: {uri}, scope: report | workspace}.`);
  });
});
