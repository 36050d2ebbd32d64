/// <reference types="mocha" />
// The status bar item: VS Code's API cannot read another extension's item, so the extension
// returns what it shows from `activate` (client/src/extension.ts, IncidentMarkupApi).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, extension, openEditor, revertActiveEditor, WAIT_MS, workspaceUri } from '../helpers';

/** What client/src/statusBar.ts reports (repeated: the suites import nothing of the client). */
interface StatusBarState {
  text: string;
  tooltip: string;
  accessibilityLabel: string;
  visible: boolean;
}

interface StatusApi {
  statusBar(): StatusBarState;
  onDidChangeStatusBar: vscode.Event<void>;
}

const REPORT = ['revalidate', 'report.md'];
const GAZETTEER = ['revalidate', 'gazetteer.yaml'];
/**
 * The gazetteers the server holds and their entries (the built-in layer's some 280,000, shortened): the
 * server's state, not the active report's, so the suites before this one (which open reports of other
 * folders with gazetteers of their own) decide how many.
 */
const READY = /^\$\(check\) Incidents: \d+ gazetteers? · \d+K entries$/;

/** Resolves with the item's state once it satisfies `accept`: checked now, then on every change. */
function waitForStatusBar(api: StatusApi, accept: (state: StatusBarState) => boolean, what: string): Promise<StatusBarState> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const state = api.statusBar();
      if (!accept(state)) return;
      cleanup();
      resolve(state);
    };
    const subscription = api.onDidChangeStatusBar(check);
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Timed out after ${WAIT_MS} ms waiting for ${what}; the status bar item is: ${JSON.stringify(api.statusBar(), null, 1)}`));
    }, WAIT_MS);
    const cleanup = () => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

export function registerStatusBarTests(): void {
  describe('The status bar item', () => {
    let api: StatusApi;

    before(async () => {
      api = (await extension().activate()) as StatusApi;
      assert.equal(typeof api?.statusBar, 'function', 'the extension returns its status bar from activate');
    });

    after(async () => {
      await closeAllEditors();
    });

    it("shows the gazetteers the server holds and their entries while a report is active, and hides elsewhere", async () => {
      await openEditor(workspaceUri(...REPORT));
      const ready = await waitForStatusBar(api, (state) => state.visible && READY.test(state.text), 'the gazetteer and its entries');
      // revalidate/gazetteer.yaml holds one place (Syria) and no actor.
      assert.match(ready.tooltip, /^Incident Markup: ready\nGazetteer files: \d+\n(?: {2}.+\n)*? {2}gazetteer\.yaml: 1 place, 0 actors\n(?: {2}.+\n)*? {2}Built-in world gazetteer: [\d,]+ places\n/);
      assert.match(ready.accessibilityLabel, /^Incident Markup: ready, \d+ gazetteer files?, [\d,]+ entries, \d+ reports? indexed\. Show the output\.$/);

      // A file on disk, not an untitled one: closing all editors must not ask whether to save it.
      await openEditor(workspaceUri('.vscode', 'settings.json'));
      await waitForStatusBar(api, (state) => !state.visible, 'the item to hide for a settings file');
      await openEditor(workspaceUri(...REPORT));
      await waitForStatusBar(api, (state) => state.visible, 'the item to show again for the report');
    });

    it('counts an error in the gazetteer, shown while the gazetteer file is active, until it is fixed', async () => {
      await openEditor(workspaceUri(...REPORT));
      await waitForStatusBar(api, (state) => READY.test(state.text), 'the ready state');
      const gazetteer = await openEditor(workspaceUri(...GAZETTEER));
      const edit = new vscode.WorkspaceEdit();
      edit.insert(gazetteer.document.uri, gazetteer.document.positionAt(gazetteer.document.getText().length), '  - id: [unclosed\n');
      assert.ok(await vscode.workspace.applyEdit(edit), 'the edit of the gazetteer was applied');
      const failing = await waitForStatusBar(api, (state) => state.visible && state.text === '$(warning) Incidents: 1 error', 'one error');
      assert.match(failing.tooltip, /\nErrors \(1\):\n {2}gazetteer\.yaml:\d+: .+\nClick to show the output \(Incident Markup\)\.$/);
      // Throwing the edit away makes the file on disk count again.
      await revertActiveEditor();
      await waitForStatusBar(api, (state) => READY.test(state.text), 'the error to go');
    });
  });
}
