import { writeFile } from 'node:fs/promises';
import type { ClientCapabilities } from 'vscode-languageserver';
import { afterEach, describe, expect, it } from 'vitest';
import { startInProcess, tempWorkspace } from '../helpers/lspClient.js';

const CLIENT: ClientCapabilities = { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } };

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A report with its published date, so that the one actor is all there is to say of it. */
const REPORT = '---\npublished: 2023-10-10\n---\nBy :actor[Wagner].\n';

describe('the team configuration over LSP', { timeout: 30_000 }, () => {
  it('applies .incident-markup.yaml, shows its problems in it, and follows changes on disk', async () => {
    const workspace = await tempWorkspace({
      'gazetteer.yaml': 'actors: []\n',
      '.incident-markup.yaml': 'rules:\n  actor-unknown: error\n  actor-unkown: off\n',
      'reports/a.md': REPORT,
    });
    cleanups.push(workspace.dispose);
    const client = startInProcess();
    cleanups.push(() => client.shutdown());
    await client.initialize(CLIENT, { rootPath: workspace.root });

    const report = workspace.uri('reports/a.md');
    const config = workspace.uri('.incident-markup.yaml');
    await client.open(report, REPORT);
    const first = await client.waitForDiagnostics(report);
    expect(first.map((d) => [d.code, d.severity])).toEqual([['actor-unknown', 1]]);
    expect(await client.waitForDiagnostics(config)).toEqual([
      {
        range: { start: { line: 2, character: 2 }, end: { line: 2, character: 14 } },
        severity: 2,
        source: 'incident-markup',
        message: 'Unknown diagnostic code "actor-unkown"; did you mean "actor-unknown"? It is ignored (the codes are listed in docs/rules.md).',
      },
    ]);

    const since = client.mark();
    await writeFile(workspace.path('.incident-markup.yaml'), 'rules:\n  actor-unknown: off\n');
    await client.changeWatchedFiles([{ uri: config, type: 2 }]);
    expect(await client.waitForDiagnostics(report, (diagnostics) => diagnostics.length === 0, since)).toEqual([]);
    expect(await client.waitForDiagnostics(config, () => true, since)).toEqual([]);

    // Edited in the editor and not saved: it applies at once; closed unsaved, what is on disk counts again.
    let mark = client.mark();
    await client.open(config, 'rules:\n  actor-unknown: hint\n');
    expect((await client.waitForDiagnostics(report, (diagnostics) => diagnostics.length > 0, mark)).map((d) => [d.code, d.severity])).toEqual([['actor-unknown', 4]]);
    mark = client.mark();
    await client.closeDocument(config);
    expect(await client.waitForDiagnostics(report, (diagnostics) => diagnostics.length === 0, mark)).toEqual([]);
  });
});
