import { randomBytes } from 'node:crypto';
import {
  CodeLens,
  commands,
  EventEmitter,
  languages,
  Position,
  Range,
  Selection,
  TextEditorRevealType,
  Uri,
  ViewColumn,
  window,
  workspace,
  type CodeLensProvider,
  type Disposable,
  type ExtensionContext,
  type TextDocument,
  type WebviewPanel,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { OverviewModel } from './page/overviewData';
import type { FromPanel, ToPanel } from './page/panelMessages';

export const SHOW_OVERVIEW_COMMAND = 'incidentMarkup.showOverview';
export const SHOW_WORKSPACE_OVERVIEW_COMMAND = 'incidentMarkup.showWorkspaceOverview';
/** The server's request (server/src/lsp/features/overview.ts). */
const OVERVIEW_REQUEST = 'incidentMarkup/overview';
const VIEW_TYPE = 'incidentMarkup.overview';
/** How long the writer pauses before the panel asks for the overview again. */
const UPDATE_DELAY_MS = 400;
const INCIDENT_LINE = /^[ \t]*:{3,}[ \t]*incident\b/m;

interface OverviewResult {
  model: OverviewModel;
  uris: string[];
  unread: { file: string; message: string }[];
}

/** What the e2e tests read of the panel, and the messages they send it as its page would. */
export interface OverviewApi {
  shown(): PanelShown | undefined;
  receive(message: FromPanel): Promise<void>;
  /** Fires when the panel has a newer model, or its page has drawn one. */
  onDidChange: EventEmitter<void>['event'];
}

interface PanelShown {
  scope: 'report' | 'workspace';
  uri: string;
  result: OverviewResult | undefined;
  visible: boolean;
  /** What the page drew of the last model it was sent (its own count of marks and rows). */
  drawn: Extract<FromPanel, { type: 'rendered' }>['drawn'] | undefined;
}

/**
 * The Incidents Overview panel: a webview showing the page of client/src/overview/page/ (the same
 * as `incident-markup overview` writes), its model from the server, asked again when the report
 * changes (after a pause in typing). One panel, for one report or the whole workspace.
 */
class OverviewPanel {
  private result: OverviewResult | undefined;
  private drawn: PanelShown['drawn'];
  private timer: NodeJS.Timeout | undefined;
  private readonly disposables: Disposable[] = [];

  constructor(
    readonly panel: WebviewPanel,
    private readonly client: () => LanguageClient | undefined,
    public uri: string,
    public scope: 'report' | 'workspace',
    extensionUri: Uri,
    private readonly changed: EventEmitter<void>,
    onDispose: () => void,
  ) {
    panel.webview.html = webviewHtml(panel, extensionUri);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: FromPanel) => this.receive(message)),
      workspace.onDidChangeTextDocument(({ document }) => {
        if (this.covers(document)) this.scheduleUpdate();
      }),
      window.onDidChangeTextEditorSelection(({ textEditor, selections }) => this.followCursor(textEditor.document.uri.toString(), selections[0]?.active.line)),
      panel.onDidDispose(() => {
        clearTimeout(this.timer);
        for (const disposable of this.disposables) disposable.dispose();
        onDispose();
      }),
    );
  }

  shown(): PanelShown {
    return { scope: this.scope, uri: this.uri, result: this.result, visible: this.panel.visible, drawn: this.drawn };
  }

  async receive(message: FromPanel): Promise<void> {
    if (message.type === 'ready') await this.update();
    else if (message.type === 'reveal') await this.reveal(message.key);
    else if (message.type === 'rendered') {
      this.drawn = message.drawn;
      this.changed.fire();
    }
  }

  private covers(document: TextDocument): boolean {
    if (document.languageId !== 'markdown') return false;
    return this.scope === 'workspace' || document.uri.toString() === this.uri;
  }

  private scheduleUpdate(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), UPDATE_DELAY_MS);
  }

  async update(): Promise<void> {
    const client = this.client();
    if (!client?.isRunning()) return;
    const result = await client.sendRequest<OverviewResult | null>(OVERVIEW_REQUEST, { textDocument: { uri: this.uri }, scope: this.scope });
    // Null: the report's check ran over its time limit; the panel keeps what it shows.
    if (!result) return;
    this.result = result;
    this.changed.fire();
    this.panel.title = this.scope === 'workspace' ? 'Incidents Overview: workspace' : `Incidents Overview: ${result.model.reports[0]?.file ?? ''}`;
    await this.post({ type: 'model', model: result.model });
  }

  private post(message: ToPanel): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  /** The editor's cursor, in a report the panel shows: the incident it is in, highlighted in the three views. */
  private followCursor(uri: string, line: number | undefined): void {
    const report = this.result?.uris.indexOf(uri) ?? -1;
    if (report < 0 || line === undefined || !this.panel.visible) return;
    const incident = this.result!.model.incidents.find((one) => one.key.startsWith(`${report}:`) && one.range.start.line <= line && line <= one.range.end.line);
    void this.post({ type: 'select', key: incident?.key ?? null });
  }

  /** Shows the incident in its report, in the editor column beside the panel (the one it was opened from). */
  private async reveal(key: string): Promise<void> {
    const incident = this.result?.model.incidents.find((one) => one.key === key);
    const uri = this.result?.uris[Number(key.split(':')[0])];
    if (!incident || uri === undefined) return;
    const document = await workspace.openTextDocument(Uri.parse(uri));
    const open = window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri);
    const editor = await window.showTextDocument(document, { viewColumn: open?.viewColumn ?? ViewColumn.One, preserveFocus: false });
    const start = editor.document.validatePosition(new Position(incident.range.start.line, incident.range.start.character));
    editor.selection = new Selection(start, start);
    editor.revealRange(new Range(start, start), TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

/**
 * The page in the webview under a strict Content-Security-Policy: nothing from outside the
 * extension's dist/ folder, and only the one script with this load's nonce.
 */
function webviewHtml(panel: WebviewPanel, extensionUri: Uri): string {
  const { webview } = panel;
  const nonce = randomBytes(16).toString('base64');
  const asset = (name: string) => webview.asWebviewUri(Uri.joinPath(extensionUri, 'dist', name)).toString();
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}; img-src ${webview.cspSource} data:; font-src ${webview.cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${asset('overviewPage.css')}">
<title>Incidents Overview</title>
</head>
<body>
<main id="overview"><p>Reading the report…</p></main>
<script nonce="${nonce}" src="${asset('overviewPage.js')}"></script>
</body>
</html>`;
}

/** "Incidents Overview" above the first incident of a report. */
const overviewLenses: CodeLensProvider = {
  provideCodeLenses(document) {
    const match = INCIDENT_LINE.exec(document.getText());
    if (!match) return [];
    const line = document.positionAt(match.index + match[0].length - match[0].trimStart().length).line;
    return [new CodeLens(new Range(line, 0, line, 0), { title: 'Incidents Overview', command: SHOW_OVERVIEW_COMMAND, arguments: [document.uri] })];
  },
};

/** The commands, the code lens and the panel; `client` gives the running language client. */
export function registerOverview(context: ExtensionContext, client: () => LanguageClient | undefined): OverviewApi {
  let current: OverviewPanel | undefined;
  const changed = new EventEmitter<void>();
  const show = async (scope: 'report' | 'workspace', given?: Uri) => {
    const editorUri = window.activeTextEditor?.document.languageId === 'markdown' ? window.activeTextEditor.document.uri : undefined;
    const uri = (given instanceof Uri ? given : editorUri)?.toString() ?? current?.uri;
    if (uri === undefined) {
      void window.showInformationMessage('Open a report (a Markdown file) to see its Incidents Overview.');
      return;
    }
    if (current) {
      current.uri = uri;
      current.scope = scope;
      current.panel.reveal(undefined, true);
      await current.update();
      return;
    }
    const panel = window.createWebviewPanel(VIEW_TYPE, 'Incidents Overview', { viewColumn: ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [Uri.joinPath(context.extensionUri, 'dist')],
    });
    current = new OverviewPanel(panel, client, uri, scope, context.extensionUri, changed, () => (current = undefined));
    await current.update();
  };
  context.subscriptions.push(
    commands.registerCommand(SHOW_OVERVIEW_COMMAND, (uri?: Uri) => show('report', uri)),
    commands.registerCommand(SHOW_WORKSPACE_OVERVIEW_COMMAND, (uri?: Uri) => show('workspace', uri)),
    languages.registerCodeLensProvider({ language: 'markdown' }, overviewLenses),
    changed,
  );
  return {
    shown: () => current?.shown(),
    receive: async (message) => current?.receive(message),
    onDidChange: changed.event,
  };
}
