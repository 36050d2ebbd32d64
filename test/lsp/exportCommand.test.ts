import type { ClientCapabilities } from 'vscode-languageserver';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/runCli.js';
import { startInProcess, tempWorkspace } from '../helpers/lspClient.js';

const COMMAND = 'incident-markup.server.exportIncidents';
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
Elsewhere :count[5]{type=killed} died.

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
  const run = (args: unknown[]) => client.connection.sendRequest('workspace/executeCommand', { command: COMMAND, arguments: args });
  return { workspace, client, run };
}

/** The CLI's output for the same files from the workspace folder: the editor and CI export the same. */
async function cliExport(args: string[], cwd: string): Promise<string> {
  let stdout = '';
  await runCli(['export', ...args], { cwd, stdout: (text) => (stdout += text), stderr: () => undefined });
  return stdout;
}

describe('Export Incidents on the server', { timeout: 30_000 }, () => {
  it('exports this report as CSV, one row per incident, the text outside incidents left out, as the CLI does', async () => {
    const { workspace, run } = await setUp();
    const exported = (await run([workspace.uri('reports/market.md'), { format: 'csv', scope: 'report' }])) as { content: string };
    expect({ ...exported, content: undefined }).toEqual({ content: undefined, reports: 1, incidents: 1, errors: [], unread: [] });
    expect(exported.content).toBe(await cliExport(['reports/market.md', '--format', 'csv'], workspace.root));
    const rows = parseCsv(exported.content, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => [row.file, row.incident, row.location, row.latitude, row.longitude, row.actor1, row.fatalities])).toEqual([
      ['reports/market.md', 'market', 'Maarat al-Numan', '35.64', '36.67', 'Government of Syria', '46'],
    ]);
  });

  it('reads an open report from the editor, unsaved edits included', async () => {
    const { workspace, client, run } = await setUp();
    const uri = workspace.uri('reports/market.md');
    await client.open(uri, MARKET.replace(':count[46]', ':count[47]'));
    const exported = (await run([uri, { format: 'json', scope: 'report' }])) as { content: string };
    const [report] = JSON.parse(exported.content) as { title: string; incidents: { figures: { killed: { low: number } } }[] }[];
    expect([report!.title, report!.incidents[0]!.figures.killed.low]).toEqual(['Market strike', 47]);
  });

  it('exports every report of the workspace as GeoJSON, naming each error with its file and line', async () => {
    const { workspace, run } = await setUp();
    const exported = (await run([null, { format: 'geojson', scope: 'workspace' }])) as { content: string };
    expect({ ...exported, content: undefined }).toEqual({
      content: undefined,
      reports: 2,
      incidents: 2,
      errors: [{ file: 'reports/old/broken.md', line: 4, column: 26, code: 'date-invalid', message: '"2023-09-31" is not a calendar date: September 2023 has 30 days.' }],
      unread: [],
    });
    const collection = JSON.parse(exported.content) as { features: { geometry: { coordinates: number[] }; properties: { incident: string } }[]; unlocated: { incident: string; location: string }[] };
    expect(collection.features.map((feature) => [feature.properties.incident, feature.geometry.coordinates])).toEqual([['market', [36.67, 35.64]]]);
    expect(collection.unlocated.map((row) => [row.incident, row.location])).toEqual([['strike', 'Atlantis']]);
    expect(exported.content).toBe(await cliExport(['.', '--format', 'geojson'], workspace.root));
  });

  it('answers options it does not know with what it takes, and keeps the count-level answer without options', async () => {
    const { workspace, run } = await setUp();
    // Errors of the request itself: sent back to the client, which shows them.
    await expect(run([workspace.uri('reports/market.md'), { format: 'xlsx', scope: 'report' }])).rejects.toThrow(
      `${COMMAND} takes a uri and {format: json | csv | geojson, scope: report | workspace}.`,
    );
    await expect(run([null, { format: 'csv', scope: 'report' }])).rejects.toThrow(`${COMMAND} needs the uri of the report to export.`);
    const counts = (await run([workspace.uri('reports/market.md')])) as { id: string | null }[];
    expect(counts.map((incident) => incident.id)).toEqual(['market', null]);
  });
});
