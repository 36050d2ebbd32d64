import type { ClientCapabilities } from 'vscode-languageserver';
import { afterEach, describe, expect, it } from 'vitest';
import { startInProcess, tempWorkspace } from '../helpers/lspClient.js';

/** A GeoNames dump of `count` villages in Idlib (admin1 12), in the 19-column format. */
function geonamesDump(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    lines.push([9_000_000 + i, `Qaryat ${i}`, `Qaryat ${i}`, '', '35.9', '36.6', 'P', 'PPL', 'SY', '', '12', '', '', '', '0', '', '', 'Asia/Damascus', '2024-01-01'].join('\t'));
  }
  return `${lines.join('\n')}\n`;
}

const CLIENT: ClientCapabilities = { window: { workDoneProgress: true } };

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('loading a large gazetteer', { timeout: 60_000 }, () => {
  it('reports progress to the client, then the report is checked against it', async () => {
    const workspace = await tempWorkspace({ 'gazetteer.yaml': 'import: [SY.txt]\n', 'SY.txt': geonamesDump(120_000) });
    cleanups.push(workspace.dispose);
    const client = startInProcess();
    cleanups.push(() => client.shutdown());
    await client.initialize(CLIENT, { rootPath: workspace.root });

    const uri = workspace.uri('report.md');
    // Published, so that the places are all there is to say of the report.
    await client.open(uri, '---\npublished: 2023-10-10\n---\nShelling in :place[Qaryat 119999] and :place[Qaryat 120000].\n');
    const diagnostics = await client.waitForDiagnostics(uri);
    expect(diagnostics.map((d) => [d.code, d.message.slice(0, 40)])).toEqual([['place-unknown', 'Place "Qaryat 120000" is not in the gaze']]);

    const loading = client.messages
      .filter((m) => m.method === '$/progress')
      .map((m) => (m.params as { value: { kind: string; title?: string; message?: string } }).value)
      .filter((value) => value.kind !== 'begin' || value.title === 'Loading gazetteer');
    const begin = loading.findIndex((value) => value.title === 'Loading gazetteer');
    expect(begin).toBeGreaterThanOrEqual(0);
    const after = loading.slice(begin);
    // Reported about every 100,000 lines, at the end of the chunk the line falls in.
    const reading = after.map((value) => value.message).filter((message) => message?.startsWith('reading'));
    expect(reading.length).toBeGreaterThan(0);
    expect(reading.every((message) => /^reading 1\d\d,\d\d\d places$/.test(message!))).toBe(true);
    expect(after.some((value) => value.message === 'linking 120,000 places')).toBe(true);
    await client.waitFor(
      'the end of the gazetteer progress',
      (m) => m.method === '$/progress',
      (m) => (m.params as { value: { kind: string } }).value.kind === 'end',
    );
  });
});
