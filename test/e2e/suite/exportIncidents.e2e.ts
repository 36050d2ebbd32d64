/// <reference types="mocha" />
// Export Incidents in VS Code: the palette command, given the format and scope it would otherwise
// ask with two quick picks (which no extension can answer in another's place), opens the export in
// a new editor, the same text as the CLI's.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, extension, openEditor, runCli, workspaceUri } from '../helpers';

const EXAMPLE = ['examples', 'idlib-2023-10.md'];

async function exportedText(options: { format: string; scope: string }): Promise<{ text: string; untitled: boolean }> {
  await vscode.commands.executeCommand('incidentMarkup.exportIncidents', options);
  const document = vscode.window.activeTextEditor?.document;
  assert.ok(document, 'Export Incidents opened no editor');
  return { text: document.getText(), untitled: document.isUntitled };
}

export function registerExportIncidentsTests(): void {
  describe('Export Incidents', () => {
    before(async () => {
      await extension().activate();
    });

    after(async () => {
      await closeAllEditors();
    });

    it('opens this report\'s incidents as CSV in a new editor, as the CLI exports them', async () => {
      await openEditor(workspaceUri(...EXAMPLE));
      const exported = await exportedText({ format: 'csv', scope: 'report' });
      const cli = await runCli(['export', EXAMPLE.join('/'), '--format', 'csv']);
      assert.equal(cli.status, 0, cli.stderr);
      assert.deepEqual(exported, { text: cli.stdout, untitled: true });
      assert.deepEqual(
        exported.text.split('\n').slice(1, -1).map((row) => row.split(',').slice(0, 5).join(',')),
        [
          'examples/idlib-2023-10.md,32,"Bombardment of Idlib Governorate, 4-7 October 2023",2023-10-10',
          'examples/idlib-2023-10.md,54,"Bombardment of Idlib Governorate, 4-7 October 2023",2023-10-10',
        ],
      );
    });

    it('maps every report of the workspace in GeoJSON, the incidents without coordinates listed beside the points', async () => {
      await openEditor(workspaceUri(...EXAMPLE));
      const exported = await exportedText({ format: 'geojson', scope: 'workspace' });
      const collection = JSON.parse(exported.text) as { type: string; features: { properties: { file: string; incident: string } }[]; unlocated: { file: string; incident: string }[] };
      const cli = JSON.parse((await runCli(['export', '.', '--format', 'geojson'])).stdout) as typeof collection;
      const names = (rows: { file: string; incident: string }[]) => rows.map((row) => `${row.file}#${row.incident}`).sort();
      const incidents = (features: { properties: { file: string; incident: string } }[]) => names(features.map((feature) => feature.properties));
      assert.equal(collection.type, 'FeatureCollection');
      assert.deepEqual(incidents(collection.features), incidents(cli.features));
      assert.deepEqual(names(collection.unlocated), names(cli.unlocated));
      assert.ok(incidents(collection.features).includes('examples/kharkiv-oblast-2022-2024/report.md#izium-burial-site'), incidents(collection.features).join(', '));
    });
  });
}
