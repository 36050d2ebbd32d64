/// <reference types="mocha" />
// The Incidents Overview panel in real VS Code: opened from the palette command on a report, its
// page (in the webview) draws the server's model, the model is the CLI's, choosing an incident in
// the page reveals it in the editor, and typing updates the panel.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, extension, openEditor, replaceText, revertActiveEditor, runCli, WAIT_MS, workspaceUri } from '../helpers';

/** What client/src/overview/overviewPanel.ts reports (repeated: the suites import nothing of the client). */
interface Incident {
  key: string;
  id: string | null;
  range: { start: { line: number; character: number } };
  place: { latitude: number | null } | null;
  date: unknown;
  figures: { type: string; low: number }[];
}
interface Shown {
  uri: string;
  result: { model: { incidents: Incident[] }; uris: string[] } | undefined;
  visible: boolean;
  drawn: { mapMarks: number; unlocated: number; timelineMarks: number; rows: number } | undefined;
}
interface OverviewApi {
  shown(): Shown | undefined;
  receive(message: { type: 'reveal'; key: string }): Promise<void>;
  onDidChange: vscode.Event<void>;
}

const EXAMPLE = ['examples', 'idlib-2023-10.md'];

/** Resolves once the panel's state satisfies `accept`: checked now, then on every change. */
function waitForPanel(api: OverviewApi, accept: (shown: Shown) => boolean, what: string): Promise<Shown> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const shown = api.shown();
      if (!shown || !accept(shown)) return;
      cleanup();
      resolve(shown);
    };
    const subscription = api.onDidChange(check);
    const timer = setTimeout(() => {
      cleanup();
      const shown = api.shown();
      reject(new Error(`Timed out after ${WAIT_MS} ms waiting for ${what}; the panel: ${JSON.stringify({ ...shown, result: shown?.result ? `${shown.result.model.incidents.length} incidents` : undefined })}`));
    }, WAIT_MS);
    const cleanup = () => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

export function registerOverviewTests(): void {
  describe('Incidents Overview', () => {
    let api: OverviewApi;

    before(async () => {
      api = ((await extension().activate()) as { overview: OverviewApi }).overview;
      assert.equal(typeof api?.shown, 'function', 'the extension returns its overview panel from activate');
    });

    after(async () => {
      await closeAllEditors();
    });

    it('opens on a report, its page draws the server\'s model, which is the CLI\'s, and a chosen incident is revealed in the editor', async () => {
      const editor = await openEditor(workspaceUri(...EXAMPLE));
      await vscode.commands.executeCommand('incidentMarkup.showOverview');
      const shown = await waitForPanel(api, (state) => state.result !== undefined && state.drawn !== undefined, 'the overview drawn in the panel');
      const cli = await runCli(['overview', EXAMPLE.join('/')]);
      assert.equal(cli.status, 0, cli.stderr);
      const cliModel = JSON.parse(/<script type="application\/json" id="overview-data">(.*?)<\/script>/s.exec(cli.stdout)![1]!) as { incidents: Incident[] };
      const incidents = shown.result!.model.incidents;
      assert.deepEqual(shown.result!.model, cliModel);
      assert.deepEqual(incidents.map((incident) => incident.id), ['idlib-bombardment', 'fath-al-mubeen-strikes']);
      const located = incidents.filter((incident) => incident.place?.latitude != null).length;
      assert.deepEqual(shown.drawn, { mapMarks: located, unlocated: incidents.length - located, timelineMarks: incidents.filter((incident) => incident.date !== null).length, rows: incidents.length });
      assert.equal(shown.uri, editor.document.uri.toString());

      // What the page sends when a row, a mark or a bar is clicked.
      const second = incidents[1]!;
      await vscode.commands.executeCommand('workbench.action.focusFirstEditorGroup');
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      await api.receive({ type: 'reveal', key: second.key });
      const active = vscode.window.activeTextEditor!;
      assert.equal(active.document.uri.toString(), editor.document.uri.toString());
      assert.deepEqual([active.selection.active.line, active.selection.active.character], [second.range.start.line, second.range.start.character]);
    });

    it('follows the writer\'s edits', async () => {
      const editor = await openEditor(workspaceUri(...EXAMPLE));
      await vscode.commands.executeCommand('incidentMarkup.showOverview');
      await waitForPanel(api, (state) => state.result !== undefined, 'the overview');
      const count = (state: Shown) => state.result!.model.incidents.length;
      const before = count(api.shown()!);
      try {
        await replaceText(editor.document, ':::incident', ':::incident{#added date=2023-10-08}\nAnother.\n:::\n\n:::incident');
        const after = await waitForPanel(api, (state) => state.result !== undefined && count(state) === before + 1, 'the added incident in the panel');
        assert.equal(after.result!.model.incidents[0]!.id, 'added');
      } finally {
        await revertActiveEditor();
      }
    });
  });
}
