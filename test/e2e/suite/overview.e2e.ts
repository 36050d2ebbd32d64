/// <reference types="mocha" />
// The Incidents Overview panel in real VS Code: opened from the palette command on a report, its
// page (in the webview) draws the server's model, the model is the CLI's, a click in the page (on a
// row of its table, a mark of its map) reveals the incident in the editor, and typing updates the panel;
// the page's selection, filter and map zoom survive the panel hidden behind another editor (VS Code
// discards its page) and shown again; and the README's screenshots of the panel, in the light and the
// dark theme.
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

/** Has the runner put `value` into the field `target` inside the overview's webview, as typing does (the field's `input` event). */
async function fillInWebview(context: Mocha.Context, target: string, value: string): Promise<void> {
  const driver = webviewDriver(context, 'typing inside the webview');
  const response = await fetch(`${driver}/webview/fill`, { method: 'POST', body: JSON.stringify({ page: OVERVIEW_PAGE, target, value }) });
  const answer = (await response.json()) as { error?: string };
  assert.equal(response.status, 200, `the runner's typing into ${target} in the overview: ${answer.error}`);
}

/**
 * Has the runner wait until every `ready` selector matches in the overview's webview page; answers
 * what the page shows in the `values` fields and when the page was loaded (performance.timeOrigin).
 */
async function waitInWebview(context: Mocha.Context, ready: string[], values: string[] = []): Promise<{ values: Record<string, string>; timeOrigin: number }> {
  const driver = webviewDriver(context, 'waiting inside the webview');
  const response = await fetch(`${driver}/webview/wait`, { method: 'POST', body: JSON.stringify({ page: OVERVIEW_PAGE, ready, values }) });
  const answer = (await response.json()) as { error?: string; values: Record<string, string>; timeOrigin: number };
  assert.equal(response.status, 200, `the overview's page did not show ${ready.join(', ')}: ${answer.error}`);
  return answer;
}

/** Has the runner click `target` in the workbench (outside the webviews), as a user's mouse would. */
async function clickInWorkbench(context: Mocha.Context, target: string): Promise<void> {
  const driver = webviewDriver(context, 'a click in the workbench');
  const response = await fetch(`${driver}/workbench/click`, { method: 'POST', body: JSON.stringify({ target }) });
  const answer = (await response.json()) as { error?: string };
  assert.equal(response.status, 200, `the runner's click on ${target} in the workbench: ${answer.error}`);
}

/** The overview panel's tab and the editor group that holds it. */
function overviewTab(): { tab: vscode.Tab; group: vscode.TabGroup } {
  for (const group of vscode.window.tabGroups.all) {
    const tab = group.tabs.find((candidate) => candidate.input instanceof vscode.TabInputWebview && candidate.input.viewType.endsWith('incidentMarkup.overview'));
    if (tab) return { tab, group };
  }
  throw new Error(`no editor group has the overview's tab; the tabs: ${vscode.window.tabGroups.all.map((one) => one.tabs.map((tab) => tab.label).join(', ')).join(' | ')}`);
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

    it('keeps the selected row, a filter and the map\'s zoom when the panel is hidden behind another editor and shown again, its page discarded and loaded again', async function () {
      webviewDriver(this, 'typing and waiting inside the webview');
      await closeAllEditors();
      const editor = await openEditor(workspaceUri(...EXAMPLE));
      await vscode.commands.executeCommand('incidentMarkup.showOverview');
      const shown = await waitForPanel(api, (state) => state.result !== undefined && state.drawn !== undefined, 'the overview drawn in the panel');
      const [first, second] = shown.result!.model.incidents as [Incident, Incident];
      const row = (incident: Incident) => `.incidents tbody tr[data-key=${JSON.stringify(incident.key)}]`;

      // As a reviewer would: choose the second incident in the table, keep only the incidents of an
      // actor of it (the first has none of that name), and zoom the map in once (k 1.5 about its centre).
      await vscode.commands.executeCommand('workbench.action.focusFirstEditorGroup');
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      await clickInWebview(this, `${row(second)} td:first-child`);
      await waitForCursor(editor.document.uri, second.range.start, 'the clicked row\'s incident at the cursor');
      await fillInWebview(this, '#filter-actor', 'Hayat Tahrir');
      await clickInWebview(this, '.map-controls button[aria-label="Zoom in"]');
      const view = [
        `${row(second)}[aria-selected="true"]:not(.hidden)`,
        `${row(first)}[aria-selected="false"].hidden`,
        '#overview-status:text("1 of 2 incidents shown")',
        '.map .countries[transform="translate(-240 -120) scale(1.5)"]',
      ];
      const before = await waitInWebview(this, view, ['#filter-actor']);
      assert.deepEqual(before.values, { '#filter-actor': 'Hayat Tahrir' });

      // Hide it as a user does: another file opened in the panel's editor group puts its tab behind.
      const { tab, group } = overviewTab();
      const other = await vscode.workspace.openTextDocument(workspaceUri('examples', 'gazetteer.yaml'));
      const hide = async (what: string) => {
        await vscode.window.showTextDocument(other, { viewColumn: group.viewColumn, preview: false });
        await waitForPanel(api, (state) => !state.visible, what);
        assert.equal(overviewTab().tab.isActive, false, 'the overview\'s tab is behind gazetteer.yaml\'s');
      };
      // Shown again as a user does: its tab clicked, then the command run again.
      const shows: [string, () => Promise<unknown>][] = [
        ['its tab clicked', () => clickInWorkbench(this, `.tabs-container .tab:has-text(${JSON.stringify(tab.label)})`)],
        ['the command run again', () => Promise.resolve(vscode.commands.executeCommand('incidentMarkup.showOverview'))],
      ];
      let loaded = before.timeOrigin;
      for (const [how, show] of shows) {
        await hide(`the panel hidden behind gazetteer.yaml, before ${how}`);
        await show();
        await waitForPanel(api, (state) => state.visible, `the panel shown again (${how})`);
        // Waits for the view as it was, in the page VS Code loaded again.
        const after = await waitInWebview(this, view, ['#filter-actor']);
        assert.deepEqual(after.values, before.values, `the actor filter, after ${how}`);
        // VS Code discarded the hidden webview (the panel has no retainContextWhenHidden) and loaded
        // its page anew: what it shows came through the webview state (getState in page/main.ts).
        assert.ok(after.timeOrigin > loaded, `the page was loaded again after ${how} (timeOrigin ${after.timeOrigin}, before ${loaded})`);
        loaded = after.timeOrigin;
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
