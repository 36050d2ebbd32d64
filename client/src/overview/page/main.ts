/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The Incidents Overview page (docs/overview.md), bundled by scripts/build.mjs into
// dist/overviewPage.js (a browser IIFE) and dist/overviewPage.css. The static page of
// `incident-markup overview` inlines both, with the model as JSON in #overview-data; the VS Code
// panel (client/src/overview/overviewPanel.ts) loads them and sends the model in messages.
import './overview.css';
import type { OverviewModel } from './overviewData.js';
import { renderOverview, type OverviewView } from './renderOverview.js';
import type { FromPanel, ToPanel } from './panelMessages.js';

interface VsCodeApi {
  postMessage(message: FromPanel): void;
  getState(): PanelState | undefined;
  setState(state: PanelState): void;
}

/** What the webview keeps across hiding and showing (VS Code's webview state): the last model and the view of it. */
interface PanelState {
  model: OverviewModel;
  view: OverviewView;
}

declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

const root = document.getElementById('overview');
const data = document.getElementById('overview-data')?.textContent;
if (root && data) {
  // Marks for bench/overviewBench.mjs: what of the opening is this script's.
  performance.mark('overview-start');
  renderOverview(root, JSON.parse(data) as OverviewModel, {
    // Every row of the table is in (most are added after the first paint).
    complete: () => {
      performance.mark('overview-complete');
      root.setAttribute('data-complete', 'true');
    },
  });
  performance.mark('overview-rendered');
  root.setAttribute('data-ready', 'true');
  // The first frame with the overview in it has been painted: what a reader waits for.
  requestAnimationFrame(() => setTimeout(() => performance.mark('overview-painted'), 0));
} else if (root && typeof acquireVsCodeApi === 'function') {
  runInPanel(root, acquireVsCodeApi());
}

function runInPanel(root: HTMLElement, vscode: VsCodeApi): void {
  let saved = vscode.getState();
  let state: ReturnType<typeof renderOverview> | undefined;
  const draw = (model: OverviewModel, view: OverviewView | undefined) => {
    saved = { model, view: view ?? { selected: null, filters: { actor: '', place: '', type: '' }, zoom: { k: 1, x: 0, y: 0 } } };
    vscode.setState(saved);
    state = renderOverview(root, model, {
      // A selection made in the page shows the incident in the editor; one that follows the editor's cursor does not move it back.
      selected: (key, origin) => {
        if (key !== null && origin !== 'host' && origin !== 'restore') vscode.postMessage({ type: 'reveal', key });
      },
      changed: (current) => {
        saved = { model, view: current };
        vscode.setState(saved);
      },
      // What was drawn, once the table has all its rows.
      complete: () => {
        const count = (selector: string) => root.querySelectorAll(selector).length;
        vscode.postMessage({ type: 'rendered', drawn: { mapMarks: count('.map .mark'), unlocated: count('.unlocated button'), timelineMarks: count('.timeline .mark'), rows: count('.incidents tbody tr') } });
      },
    }, saved.view);
    root.setAttribute('data-ready', 'true');
  };
  window.addEventListener('message', (event: MessageEvent<ToPanel>) => {
    const message = event.data;
    if (message.type === 'model') draw(message.model, saved?.view);
    else if (message.type === 'select' && state && state.selected !== message.key) state.select(message.key, 'host');
  });
  if (saved) draw(saved.model, saved.view);
  vscode.postMessage({ type: 'ready' });
}
