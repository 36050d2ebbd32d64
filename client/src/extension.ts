import { commands, window, workspace } from 'vscode';
import type { ExtensionContext, FileSystemWatcher, OutputChannel } from 'vscode';
import { ExecuteCommandRequest, LanguageClient, State, TransportKind } from 'vscode-languageclient/node';
import type { LanguageClientOptions, Location, Position, ServerOptions } from 'vscode-languageclient/node';
import { IncidentStatusBar, type StatusBarState } from './statusBar';
import { STATUS_NOTIFICATION, type ServerStatus } from './statusView';

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
}

function createClient(
  context: ExtensionContext,
  outputChannel: OutputChannel,
  fileEvents: FileSystemWatcher[],
  statusBar: IncidentStatusBar,
): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
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

export async function activate(context: ExtensionContext): Promise<IncidentMarkupApi> {
  const outputChannel = window.createOutputChannel(CLIENT_NAME);
  const fileEvents = [
    workspace.createFileSystemWatcher(GAZETTEER_GLOB),
    workspace.createFileSystemWatcher(PROJECT_CONFIG_GLOB),
  ];
  const statusBar = new IncidentStatusBar([{ language: 'markdown' }, { pattern: GAZETTEER_GLOB }], SHOW_OUTPUT_COMMAND);
  context.subscriptions.push(outputChannel, ...fileEvents, statusBar);

  context.subscriptions.push(
    commands.registerCommand('incidentMarkup.exportIncidents', async () => {
      const editor = window.activeTextEditor;
      if (!editor || editor.document.languageId !== 'markdown') {
        void window.showInformationMessage('Open a Markdown report to export its incidents.');
        return;
      }
      if (!client?.isRunning()) {
        void window.showErrorMessage('The Incident Markup server is not running; run "Incident Markup: Restart Language Server".');
        return;
      }
      const incidents: unknown = await client.sendRequest(ExecuteCommandRequest.type, {
        command: EXPORT_INCIDENTS_COMMAND,
        arguments: [editor.document.uri.toString()],
      });
      const exported = await workspace.openTextDocument({ language: 'json', content: `${JSON.stringify(incidents, null, 2)}\n` });
      await window.showTextDocument(exported, { preview: false });
    }),
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
  return { statusBar: () => statusBar.state(), onDidChangeStatusBar: statusBar.onDidChange };
}

export async function deactivate(): Promise<void> {
  // stop() rejects for a client that never reached the running state; nothing is left to stop then.
  if (client?.isRunning()) {
    await client.stop();
  }
  client = undefined;
}
