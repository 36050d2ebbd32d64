import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/runCli.js';
import { INCIDENT_COLUMNS } from '../../server/src/core/export/incidentFormats.js';

// The built-in layer is loaded once per process, and each test file runs in its own: this file's
// process is pointed at a file that is not the layer's, so that loading it fails.
let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'incident-markup-export-'));
  await writeFile(join(root, 'not-a-layer.bin'), 'not a compact table');
  process.env.INCIDENT_MARKUP_WORLD_GAZETTEER = join(root, 'not-a-layer.bin');
  await writeFile(join(root, 'towns.md'), '---\npublished: 2022-09-12\n---\n:::incident{#b date=2022-09-10 place=Kupiansk}\nRetaken.\n:::\n');
});
afterAll(async () => {
  delete process.env.INCIDENT_MARKUP_WORLD_GAZETTEER;
  await rm(root, { recursive: true, force: true });
});

describe('incident-markup export without the built-in layer', () => {
  it('says once that places only the built-in layer knows have no country, areas or coordinates', async () => {
    let stdout = '';
    let stderr = '';
    const status = await runCli(['export', 'towns.md', '--format', 'csv'], { cwd: root, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
    expect(status).toBe(0);
    expect(stderr).toMatch(
      /^incident-markup: The built-in world gazetteer could not be loaded \(.+\); run `npm run build`, or turn the built-in layer off; places are resolved against the gazetteer files only, and those only the built-in layer knows are exported without country, areas or coordinates\.\n$/,
    );
    // Kupiansk as written, and nothing the gazetteer would have said of it.
    expect(stdout.split('\n')[1]).toBe(`towns.md,4,,2022-09-12,b,2022-09-10,2022-09-10,2022-09-10,day,Kupiansk${','.repeat(INCIDENT_COLUMNS.indexOf('notes') - INCIDENT_COLUMNS.indexOf('location'))}Retaken.`);
  });
});
