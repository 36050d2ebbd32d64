import { afterEach, describe, expect, it } from 'vitest';
import { startInProcess, tempWorkspace } from '../helpers/lspClient.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function diagnosticsWith(settings: unknown) {
  const workspace = await tempWorkspace({ 'gazetteer.yaml': 'places: []\n' });
  cleanups.push(workspace.dispose);
  const client = startInProcess();
  cleanups.push(() => client.shutdown());
  await client.initialize({}, { rootPath: workspace.root, initializationOptions: { settings } });
  const uri = workspace.uri('report.md');
  // Published, so that the place is all there is to say of the report.
  await client.open(uri, '---\npublished: 2023-10-10\n---\nShelling of :place[Saraqib].\n');
  return (await client.waitForDiagnostics(uri)).map((d) => d.code);
}

describe('the incidentMarkup.builtinGazetteer setting', { timeout: 30_000 }, () => {
  it('resolves GeoNames places by default and not when turned off', async () => {
    expect(await diagnosticsWith({})).toEqual([]);
    expect(await diagnosticsWith({ builtinGazetteer: 'yes' })).toEqual([]);
    expect(await diagnosticsWith({ builtinGazetteer: false })).toEqual(['place-unknown']);
  });
});
