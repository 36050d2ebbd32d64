import { writeFile } from 'node:fs/promises';
import type { ClientCapabilities } from 'vscode-languageserver';
import { afterEach, describe, expect, it } from 'vitest';
import { startInProcess, tempWorkspace } from '../helpers/lspClient.js';

const CLIENT: ClientCapabilities = {};
const GAZETTEER = 'actors:\n  - id: gov\n    name: Government of Syria\n';
/** Published, so that the unknown actor is all there is to say of it; its incident starts on line 4. */
const REPORT = '---\npublished: 2023-10-10\n---\n:::incident{#strike date=2023-10-05}\n:count[3]{type=killed group=civilians} killed by :actor[Government of Syria] and :actor[Wagner Group].\n:::\n';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp() {
  const workspace = await tempWorkspace({ 'gazetteer.yaml': GAZETTEER, 'report.md': REPORT });
  cleanups.push(workspace.dispose);
  const client = startInProcess();
  cleanups.push(() => client.shutdown());
  const result = await client.initialize(CLIENT, { rootPath: workspace.root });
  return { workspace, client, result };
}

describe('server commands', { timeout: 30_000 }, () => {
  it('advertises its commands and exports the incidents of a report that is not open', async () => {
    const { workspace, client, result } = await setUp();
    expect(result.capabilities.executeCommandProvider).toEqual({
      commands: ['incident-markup.server.exportIncidents', 'incident-markup.server.reloadGazetteer', 'incident-markup.server.showReferences'],
    });
    const exported = await client.connection.sendRequest('workspace/executeCommand', {
      command: 'incident-markup.server.exportIncidents',
      arguments: [workspace.uri('report.md')],
    });
    expect(exported).toEqual([
      {
        id: 'strike',
        line: 4,
        date: { value: '2023-10-05', start: '2023-10-05', end: '2023-10-05' },
        place: null,
        counts: [
          {
            label: '3', type: 'killed', group: 'civilians', id: null, partOf: null, min: 3, max: 3, precision: 'exact',
            source: null, sourceId: null, asOf: null, superseded: false, line: 5,
          },
        ],
        figures: [{ type: 'killed', min: 3, max: 3, sources: [{ source: null, sourceId: null, min: 3, max: 3 }] }],
        dates: [],
        actors: [
          { label: 'Government of Syria', id: 'gov', name: 'Government of Syria', path: [], role: null },
          { label: 'Wagner Group', id: null, name: null, path: [], role: null },
        ],
        places: [],
      },
    ]);
  });

  it('reloads a gazetteer changed on disk without a file event, and revalidates open reports', async () => {
    const { workspace, client } = await setUp();
    const uri = workspace.uri('report.md');
    await client.open(uri, REPORT);
    const before = await client.waitForDiagnostics(uri);
    expect(before.map((diagnostic) => diagnostic.code)).toEqual(['actor-unknown']);

    await writeFile(workspace.path('gazetteer.yaml'), `${GAZETTEER}  - id: wagner\n    name: Wagner Group\n`);
    const since = client.mark();
    const reloaded = await client.connection.sendRequest('workspace/executeCommand', { command: 'incident-markup.server.reloadGazetteer', arguments: [] });
    expect(reloaded).toEqual({ reloaded: [workspace.path('gazetteer.yaml')] });
    expect(await client.waitForDiagnostics(uri, (diagnostics) => diagnostics.length === 0, since)).toEqual([]);
  });
});
