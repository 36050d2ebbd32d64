import { commands, ProgressLocation, window, workspace } from 'vscode';
import type { ExtensionContext, FileSystemWatcher, OutputChannel } from 'vscode';
import { ExecuteCommandRequest, LanguageClient, State, TransportKind } from 'vscode-languageclient/node';
import type { LanguageClientOptions, Location, Position, ServerOptions } from 'vscode-languageclient/node';
import { IncidentStatusBar, type StatusBarState } from './statusBar';
import { registerOverview, type OverviewApi } from './overview/overviewPanel';
import { STATUS_NOTIFICATION, type ServerStatus } from './statusView';
import { serverNodeFlags } from './serverNodeFlags.js';

// The id is also the settings prefix: vscode-languageclient reads `incidentMarkup.trace.server` itself.
const CLIENT_ID = 'incidentMarkup';
const CLIENT_NAME = 'Incident Markup';
const GAZETTEER_GLOB = '**/gazetteer.{yaml,yml,json}';
const PROJECT_CONFIG_GLOB = '**/.incident-markup.yaml';
// The server's own command ids (server/src/server.ts); the palette commands forward to them.
const EXPORT_INCIDENTS_COMMAND = 'incident-markup.server.exportIncidents';
const RELOAD_GAZETTEER_COMMAND = 'incident-markup.server.reloadGazetteer';
const SHOW_REFERENCES_COMMAND = 'incident-markup.server.showReferences';
const SHOW_OUTPUT_COMMAND = 'incidentMarkup.showOutput';

let client: LanguageClient | undefined;

/** What the extension returns from `activate`: the status bar as shown, for the e2e tests (VS Code's API cannot read another extension's item). */
export interface IncidentMarkupApi {
  statusBar(): StatusBarState;
  onDidChangeStatusBar: IncidentStatusBar['onDidChange'];
  /** The Incidents Overview panel as shown, and a way to send it what its page would. */
  overview: OverviewApi;
}

function createClient(
  context: ExtensionContext,
  outputChannel: OutputChannel,
  fileEvents: FileSystemWatcher[],
  statusBar: IncidentStatusBar,
): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  // Read when the server starts: a change applies after "Restart Language Server".
  const args = workspace.getConfiguration('incidentMarkup').get<boolean>('checkInWorkers', false) ? ['--check-in-workers'] : [];
  const execArgv = serverNodeFlags(serverModule);
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, args, options: { execArgv } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      args,
      options: { execArgv: [...execArgv, '--nolazy', '--inspect=6009'] },
    },
  };

  const clientOptions: LanguageClientOptions = {
    // In Restricted Mode the server reads nothing outside the workspace folders; a function, so a
    // restart after trust is granted sends the new state.
    // statusNotification: this client shows incidentMarkup/status, which other editors are not sent.
    initializationOptions: () => ({ workspaceTrusted: workspace.isTrusted, statusNotification: true }),
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'file', pattern: GAZETTEER_GLOB },
      // So that an unsaved edit to the team's rule settings applies at once, as one to a gazetteer does.
      { scheme: 'file', pattern: PROJECT_CONFIG_GLOB },
    ],
    synchronize: {
      configurationSection: 'incidentMarkup',
      fileEvents,
    },
    // Passing our own channel keeps it, and its history, across server restarts.
    outputChannel,
    // No `markdown: { isTrusted, supportHtml }`: hovers show gazetteer and report text, so they stay
    // untrusted Markdown, where `command:` links and HTML do nothing.
    middleware: {
      // A gazetteer entry's code lens runs the server's showReferences, which answers the entry's
      // mentions as LSP locations (what another editor gets); VS Code shows them in its references
      // peek, whose command takes VS Code's own types, not JSON.
      async executeCommand(command, args, next) {
        const result: unknown = await next(command, args);
        if (command !== SHOW_REFERENCES_COMMAND || !Array.isArray(result)) return result;
        const [uri, position] = args as [string, Position];
        const converter = created.protocol2CodeConverter;
        const locations = await converter.asReferences(result as Location[]);
        await commands.executeCommand('editor.action.showReferences', converter.asUri(uri), converter.asPosition(position), locations);
        return undefined;
      },
    },
  };

  const created = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  // Registered before start, so a restarted server's first status is not missed.
  created.onNotification(STATUS_NOTIFICATION, (status: ServerStatus) => statusBar.show(status));
  created.onDidChangeState(({ newState }) => {
    if (newState === State.Starting) statusBar.show('starting');
    else if (newState === State.Stopped) statusBar.show('stopped');
  });
  return created;
}

/** The server's answer to Export Incidents (server/src/lsp/features/commands.ts, IncidentExport). */
interface IncidentExport {
  content: string;
  reports: number;
  incidents: number;
  errors: { file: string; line: number; column: number; code: string; message: string }[];
  unread: { file: string; message: string }[];
}

const EXPORT_FORMATS = [
  { label: 'CSV', format: 'csv', language: 'plaintext', detail: 'One row per incident, for spreadsheets and databases' },
  { label: 'JSON', format: 'json', language: 'json', detail: "Each report with its front matter and its incidents" },
  { label: 'GeoJSON', format: 'geojson', language: 'json', detail: 'Incidents as points, for QGIS and geojson.io' },
];

/** What Export Incidents would otherwise ask, given by a keybinding's `args` (or a test). */
interface ExportChoice {
  format?: string;
  scope?: string;
}

/**
 * Export Incidents: asks for the format and for this report or the whole workspace (unless
 * `given` says), and opens the server's export in a new editor; the columns are in docs/export.md.
 */
async function exportIncidents(outputChannel: OutputChannel, given: ExportChoice = {}): Promise<void> {
  if (!client?.isRunning()) {
    void window.showErrorMessage('The Incident Markup server is not running; run "Incident Markup: Restart Language Server".');
    return;
  }
  const editor = window.activeTextEditor;
  const report = editor?.document.languageId === 'markdown' ? editor.document.uri : undefined;
  const scopes = [
    ...(report ? [{ label: 'This report', scope: 'report', description: workspace.asRelativePath(report) }] : []),
    ...(workspace.workspaceFolders?.length ? [{ label: 'All reports in the workspace', scope: 'workspace', description: '' }] : []),
  ];
  if (scopes.length === 0) {
    void window.showInformationMessage('Open a Markdown report or a folder of reports to export their incidents.');
    return;
  }
  const format =
    EXPORT_FORMATS.find((candidate) => candidate.format === given.format) ??
    (await window.showQuickPick(EXPORT_FORMATS, { title: 'Export Incidents', placeHolder: 'Format' }));
  if (!format) return;
  const scope =
    scopes.find((candidate) => candidate.scope === given.scope) ??
    (scopes.length === 1 ? scopes[0] : await window.showQuickPick(scopes, { title: `Export Incidents as ${format.label}`, placeHolder: 'Which reports' }));
  if (!scope) return;
  const running = client;
  let exported: IncidentExport | null;
  try {
    exported = (await window.withProgress({ location: ProgressLocation.Notification, title: 'Exporting incidents…' }, () =>
      running.sendRequest(ExecuteCommandRequest.type, {
        command: EXPORT_INCIDENTS_COMMAND,
        arguments: [report?.toString() ?? null, { format: format.format, scope: scope.scope }],
      }),
    )) as IncidentExport | null;
  } catch (error) {
    exported = null;
    outputChannel.appendLine(`Export Incidents: ${error instanceof Error ? error.message : String(error)}`);
  }
  // The server answers null when the export failed, and logs why.
  if (!exported) {
    void window.showErrorMessage('The export failed; the Output panel says why.', 'Show Output').then((choice) => choice && outputChannel.show(true));
    return;
  }
  const document = await workspace.openTextDocument({ language: format.language, content: exported.content });
  await window.showTextDocument(document, { preview: false });
  const problems = [
    ...exported.errors.map((error) => `${error.file}:${error.line}:${error.column}: ${error.code}: ${error.message} (exported, with the fields it touches empty)`),
    ...exported.unread.map((unread) => `${unread.file}: not read, left out: ${unread.message}`),
  ];
  if (problems.length === 0) return;
  outputChannel.appendLine(`Export Incidents: ${exported.incidents} incidents of ${exported.reports} reports.`);
  for (const problem of problems) outputChannel.appendLine(problem);
  const choice = await window.showWarningMessage(
    `Exported ${exported.incidents} incidents; ${problems.length} problem${problems.length === 1 ? '' : 's'} in the reports left fields empty or reports out.`,
    'Show Problems',
  );
  if (choice) outputChannel.show(true);
}

export async function activate(context: ExtensionContext): Promise<IncidentMarkupApi> {
  const outputChannel = window.createOutputChannel(CLIENT_NAME);
  const fileEvents = [
    workspace.createFileSystemWatcher(GAZETTEER_GLOB),
    workspace.createFileSystemWatcher(PROJECT_CONFIG_GLOB),
  ];
  const statusBar = new IncidentStatusBar([{ language: 'markdown' }, { pattern: GAZETTEER_GLOB }], SHOW_OUTPUT_COMMAND);
  context.subscriptions.push(outputChannel, ...fileEvents, statusBar);

  context.subscriptions.push(
    commands.registerCommand('incidentMarkup.exportIncidents', (options?: ExportChoice) => exportIncidents(outputChannel, options ?? {})),
    commands.registerCommand('incidentMarkup.reloadGazetteer', async () => {
      if (!client?.isRunning()) return;
      await client.sendRequest(ExecuteCommandRequest.type, { command: RELOAD_GAZETTEER_COMMAND, arguments: [] });
    }),
    commands.registerCommand('incidentMarkup.restartServer', async () => {
      if (client?.state === State.Starting) {
        // Let an in-flight start settle first so it cannot leave a server process behind.
        await client.start().catch(() => undefined);
      }
      if (client?.isRunning()) {
        await client.restart();
        return;
      }
      // A client whose start failed can be neither stopped nor restarted, so it is replaced.
      await client?.dispose().catch(() => undefined);
      client = createClient(context, outputChannel, fileEvents, statusBar);
      await client.start();
    }),
    commands.registerCommand(SHOW_OUTPUT_COMMAND, () => {
      outputChannel.show(true);
    }),
  );

  const overview = registerOverview(context, () => client);

  // Trust is passed at start-up, so a workspace trusted later gets a server that may read outside it.
  context.subscriptions.push(
    workspace.onDidGrantWorkspaceTrust(() => {
      void commands.executeCommand('incidentMarkup.restartServer');
    }),
  );

  client = createClient(context, outputChannel, fileEvents, statusBar);
  try {
    await client.start();
  } catch {
    // The client has already logged and shown the failure; activation still succeeds so that
    // the restart and show-output commands stay available.
  }
  return { statusBar: () => statusBar.state(), onDidChangeStatusBar: statusBar.onDidChange, overview };
}

export async function deactivate(): Promise<void> {
  // stop() rejects for a client that never reached the running state; nothing is left to stop then.
  if (client?.isRunning()) {
    await client.stop();
  }
  client = undefined;
}
