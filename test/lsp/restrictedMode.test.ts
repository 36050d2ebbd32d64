import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startInProcess, tempWorkspace } from '../helpers/lspClient.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A workspace folder `project/` whose report names a gazetteer outside it, in `outside/`. */
async function setUp(workspaceTrusted: boolean) {
  const sandbox = await tempWorkspace({ 'outside/gazetteer.yaml': 'actors:\n  - id: wagner\n    name: Wagner Group\n' });
  cleanups.push(sandbox.dispose);
  const project = join(sandbox.root, 'project');
  await mkdir(project);
  await writeFile(join(project, 'gazetteer.yaml'), 'actors: []\n');
  const client = startInProcess();
  cleanups.push(() => client.shutdown());
  await client.initialize({}, { rootPath: project, initializationOptions: { workspaceTrusted } });
  const uri = sandbox.uri('project/report.md');
  await client.open(uri, '---\ngazetteer: ../outside/gazetteer.yaml\n---\nBy :actor[Wagner Group].\n');
  return { client, uri };
}

describe('Restricted Mode', { timeout: 30_000 }, () => {
  it('reads a gazetteer outside the workspace in a trusted workspace', async () => {
    const { client, uri } = await setUp(true);
    expect(await client.waitForDiagnostics(uri)).toEqual([]);
  });

  it('does not read it in an untrusted one, and says the names are unchecked against it', async () => {
    const { client, uri } = await setUp(false);
    const diagnostics = await client.waitForDiagnostics(uri);
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        'gazetteer-not-found',
        'Gazetteer file "../outside/gazetteer.yaml" was not read: it is outside the workspace folders, and the workspace is not trusted (Restricted Mode). Trust the workspace to use it, or copy it into the workspace.',
      ],
      ['actor-unknown', 'Actor "Wagner Group" is not in the gazetteer; add it to the gazetteer or give ref= with its id.'],
    ]);
  });
});
