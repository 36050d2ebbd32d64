/// <reference types="mocha" />
// The Incidents Overview panel in real VS Code: opened from the palette command on a report, its
// page (in the webview) draws the server's model, the model is the CLI's, a click in the page (on a
// row of its table, a mark of its map) reveals the incident in the editor, and typing updates the panel;
// and the README's screenshots of the panel, in the light and the dark theme.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, extension, openEditor, replaceText, revertActiveEditor, runCli, WAIT_MS, workspaceUri } from '../helpers';
import { skipBecause } from '../runMocha';
import { currentSettings, pngSize, savePng, SCREENSHOT_SIZE, screenshotFolder, screenshotSettings, takeScreenshot, THEMES, updateSettings } from './overviewScreenshots';

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

/** Where scripts/e2e/webviewDriver.mjs listens (set by scripts/e2e/run.mjs): the runner clicks inside webviews for the suite. */
const DRIVER_ENV = 'INCIDENT_MARKUP_E2E_DRIVER';
/** What the overview page sets once it has drawn: tells its webview from any other. */
const OVERVIEW_PAGE = '#overview[data-ready="true"]';

/** The runner's driver's address; skips the test under a runner with no browser to drive (scripts/e2e/electron.mjs). */
function webviewDriver(context: Mocha.Context, what: string): string {
  const driver = process.env[DRIVER_ENV];
  if (!driver) skipBecause(context, `${what} needs the code-server runner (npm run test:e2e), which sets ${DRIVER_ENV}`);
  return driver!;
}

/**
 * Has the runner click `target` inside the overview's webview with the browser's mouse. Skips the
 * test under a runner with no browser to drive (scripts/e2e/electron.mjs).
 */
async function clickInWebview(context: Mocha.Context, target: string): Promise<void> {
  const driver = webviewDriver(context, 'a click inside the webview');
  const response = await fetch(`${driver}/webview/click`, { method: 'POST', body: JSON.stringify({ page: OVERVIEW_PAGE, target }) });
  const answer = (await response.json()) as { error?: string };
  assert.equal(response.status, 200, `the runner's click on ${target} in the overview: ${answer.error}`);
}

/**
 * Resolves once an editor of `uri` has its cursor at `position` and shows its line: checked now,
 * then on every change of the editors' selections, visible ranges or the active editor.
 */
function waitForCursor(uri: vscode.Uri, position: { line: number; character: number }, what: string): Promise<void> {
  const editors = () => vscode.window.visibleTextEditors.filter((editor) => editor.document.uri.toString() === uri.toString());
  const at = () =>
    editors().some(
      (editor) =>
        editor.selection.active.line === position.line &&
        editor.selection.active.character === position.character &&
        editor.visibleRanges.some((range) => range.start.line <= position.line && position.line <= range.end.line),
    );
  return new Promise((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    const check = () => {
      if (!at()) return;
      cleanup();
      resolve();
    };
    subscriptions.push(
      vscode.window.onDidChangeTextEditorSelection(check),
      vscode.window.onDidChangeTextEditorVisibleRanges(check),
      vscode.window.onDidChangeActiveTextEditor(check),
    );
    const timer = setTimeout(() => {
      cleanup();
      const seen = editors().map((editor) => `cursor ${editor.selection.active.line}:${editor.selection.active.character}, lines ${editor.visibleRanges.map((range) => `${range.start.line}-${range.end.line}`).join(' ')} shown`).join('; ') || 'no editor of it';
      reject(new Error(`Timed out after ${WAIT_MS} ms waiting for ${what} (${position.line}:${position.character}); the editors: ${seen}`));
    }, WAIT_MS);
    const cleanup = () => {
      clearTimeout(timer);
      for (const subscription of subscriptions) subscription.dispose();
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

    it('opens on a report, its page draws the server\'s model, which is the CLI\'s, and a click on a row or a map mark reveals the incident in the editor', async function () {
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

      // A click inside the webview, by the runner's mouse: on the second incident's row, then on
      // the first incident's mark on the map. Each moves the editor's cursor to the incident.
      const [first, second] = incidents as [Incident, Incident];
      await vscode.commands.executeCommand('workbench.action.focusFirstEditorGroup');
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      await clickInWebview(this, `.incidents tbody tr[data-key=${JSON.stringify(second.key)}] td:first-child`);
      await waitForCursor(editor.document.uri, second.range.start, 'the clicked row\'s incident at the cursor');
      await clickInWebview(this, `.map .mark[data-key=${JSON.stringify(first.key)}]`);
      await waitForCursor(editor.document.uri, first.range.start, 'the clicked map mark\'s incident at the cursor');
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

    it('takes the README\'s screenshots of the panel beside the report, an incident chosen in its table, in the light and the dark theme', async function () {
      const driver = webviewDriver(this, 'a screenshot of the workbench');
      const saved = currentSettings(Object.keys(screenshotSettings('light')));
      const { folder, done } = await screenshotFolder();
      try {
        await updateSettings(screenshotSettings('light'));
        await closeAllEditors();
        const editor = await openEditor(workspaceUri(...EXAMPLE));
        await vscode.commands.executeCommand('workbench.action.closeSidebar');
        await vscode.commands.executeCommand('workbench.action.closePanel');
        await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
        await vscode.commands.executeCommand('incidentMarkup.showOverview');
        const shown = await waitForPanel(api, (state) => state.result !== undefined && state.drawn !== undefined, 'the overview drawn in the panel');
        // Choose the second incident in the table, as a reviewer would: the editor shows it.
        const second = shown.result!.model.incidents[1]!;
        await vscode.commands.executeCommand('workbench.action.focusFirstEditorGroup');
        editor.selection = new vscode.Selection(0, 0, 0, 0);
        const row = `.incidents tbody tr[data-key=${JSON.stringify(second.key)}]`;
        await clickInWebview(this, `${row} td:first-child`);
        await waitForCursor(editor.document.uri, second.range.start, 'the clicked row\'s incident at the cursor');
        const cursor = `.statusbar-item:has-text("Ln ${second.range.start.line + 1}, Col ${second.range.start.character + 1}")`;
        const pictures: Buffer[] = [];
        for (const theme of ['light', 'dark'] as const) {
          await updateSettings({ 'workbench.colorTheme': THEMES[theme].name });
          // The driver waits until the workbench and the webview's page both wear the theme, the
          // status bar shows the cursor at the incident and the row is selected in the page.
          const png = await takeScreenshot(driver, {
            page: OVERVIEW_PAGE,
            area: 'workbench',
            workbenchReady: [THEMES[theme].workbench, cursor],
            webviewReady: [THEMES[theme].webview, `${row}[aria-selected="true"]`],
            scrollToTop: true,
          });
          await savePng(join(folder, `overview-panel-${theme}.png`), png);
          pictures.push(png);
        }
        assert.notDeepEqual(pictures[0], pictures[1], 'the light and the dark pictures differ');
        // The panel's area alone: the webview, right of the editor, inside the workbench.
        const panel = pngSize(await takeScreenshot(driver, { page: OVERVIEW_PAGE, area: 'webview', workbenchReady: [], webviewReady: [THEMES.dark.webview], scrollToTop: false }));
        assert.ok(panel.width > 300 && panel.width < SCREENSHOT_SIZE.width && panel.height > 300 && panel.height < SCREENSHOT_SIZE.height, `the panel's picture is ${panel.width} × ${panel.height}, inside the ${SCREENSHOT_SIZE.width} × ${SCREENSHOT_SIZE.height} workbench`);
      } finally {
        await updateSettings(saved);
        await done();
      }
    });
  });
}
