import { commands, window, workspace } from 'vscode';
import type { ExtensionContext, FileSystemWatcher, OutputChannel } from 'vscode';
import { ExecuteCommandRequest, LanguageClient, State, TransportKind } from 'vscode-languageclient/node';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';

// The id is also the settings prefix: vscode-languageclient reads `incidentMarkup.trace.server` itself.
const CLIENT_ID = 'incidentMarkup';
const CLIENT_NAME = 'Incident Markup';
const GAZETTEER_GLOB = '**/gazetteer.{yaml,yml,json}';
const PROJECT_CONFIG_GLOB = '**/.incident-markup.yaml';
// The server's own command ids (server/src/server.ts); the palette commands forward to them.
const EXPORT_INCIDENTS_COMMAND = 'incident-markup.server.exportIncidents';
const RELOAD_GAZETTEER_COMMAND = 'incident-markup.server.reloadGazetteer';

let client: LanguageClient | undefined;

function createClient(
  context: ExtensionContext,
  outputChannel: OutputChannel,
  fileEvents: FileSystemWatcher[],
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
    initializationOptions: () => ({ workspaceTrusted: workspace.isTrusted }),
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
    // No `markdown: { isTrusted, supportHtml }` and no middleware: hovers show gazetteer and report
    // text, so they stay untrusted Markdown, where `command:` links and HTML do nothing.
  };

  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}

export async function activate(context: ExtensionContext): Promise<void> {
  const outputChannel = window.createOutputChannel(CLIENT_NAME);
  const fileEvents = [
    workspace.createFileSystemWatcher(GAZETTEER_GLOB),
    workspace.createFileSystemWatcher(PROJECT_CONFIG_GLOB),
  ];
  context.subscriptions.push(outputChannel, ...fileEvents);

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
      client = createClient(context, outputChannel, fileEvents);
      await client.start();
    }),
    commands.registerCommand('incidentMarkup.showOutput', () => {
      outputChannel.show(true);
    }),
  );

  // Trust is passed at start-up, so a workspace trusted later gets a server that may read outside it.
  context.subscriptions.push(
    workspace.onDidGrantWorkspaceTrust(() => {
      void commands.executeCommand('incidentMarkup.restartServer');
    }),
  );

  client = createClient(context, outputChannel, fileEvents);
  try {
    await client.start();
  } catch {
    // The client has already logged and shown the failure; activation still succeeds so that
    // the restart and show-output commands stay available.
  }
}

export async function deactivate(): Promise<void> {
  // stop() rejects for a client that never reached the running state; nothing is left to stop then.
  if (client?.isRunning()) {
    await client.stop();
  }
  client = undefined;
}
