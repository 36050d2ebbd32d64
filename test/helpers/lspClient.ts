import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import {
  createConnection,
  createMessageConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type CodeAction,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeResult,
  type MessageConnection,
  type MessageWriterOptions,
  type PublishDiagnosticsParams,
  type Range,
  type TextEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startServer, type ServerOptions } from '../../server/src/server.js';

/** How long to wait for the server before failing the test; generous because CI machines are slow. */
export const WAIT_MS = 10_000;

/** A message the server sent: a notification, or a request the harness answered. */
export interface ServerMessage {
  kind: 'notification' | 'request';
  method: string;
  params: unknown;
}

export interface InitializeOptions {
  rootPath?: string;
  initializationOptions?: unknown;
  /** Sent as `workspaceFolders`; defaults to the root folder. */
  workspaceFolders?: string[] | null;
}

/** Answers `workspace/configuration`: the value of one section for one scope uri. */
export type ConfigurationHandler = (item: { scopeUri?: string; section?: string }) => unknown;

export class LspClient {
  /** Everything the server sent, in order; indexes into it serve as marks for "since". */
  readonly messages: ServerMessage[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly texts = new Map<string, TextDocument>();
  configuration: ConfigurationHandler = () => null;

  constructor(
    readonly connection: MessageConnection,
    private readonly close: () => Promise<void>,
    private readonly describe: () => string = () => '',
  ) {
    const record = (kind: ServerMessage['kind'], method: string, params: unknown) => {
      this.messages.push({ kind, method, params });
      for (const listener of [...this.listeners]) listener();
    };
    connection.onNotification((method, params) => record('notification', method, params));
    // vscode-jsonrpc routes $/progress to per-token handlers, never to the catch-all above.
    connection.onUnhandledProgress((params) => record('notification', '$/progress', params));
    connection.onRequest((method, params) => {
      record('request', method, params);
      if (method === 'workspace/configuration') {
        const { items } = params as { items: { scopeUri?: string; section?: string }[] };
        return items.map((item) => this.configuration(item));
      }
      return null;
    });
    connection.listen();
  }

  /** The index the next message will get: pass it as `since` to wait only for later messages. */
  mark(): number {
    return this.messages.length;
  }

  requests(method: string): unknown[] {
    return this.messages.filter((m) => m.kind === 'request' && m.method === method).map((m) => m.params);
  }

  async initialize(capabilities: ClientCapabilities, options: InitializeOptions = {}): Promise<InitializeResult> {
    const rootUri = options.rootPath === undefined ? null : pathToFileURL(options.rootPath).href;
    const folders = options.workspaceFolders === undefined ? (options.rootPath === undefined ? null : [options.rootPath]) : options.workspaceFolders;
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      // No process id: a server in the test's own process must not watch (and exit with) it.
      processId: null,
      rootUri,
      workspaceFolders: folders?.map((path) => ({ uri: pathToFileURL(path).href, name: path })) ?? null,
      capabilities,
      initializationOptions: options.initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  async open(uri: string, text: string, languageId = languageOf(uri), version = 1): Promise<void> {
    this.texts.set(uri, TextDocument.create(uri, languageId, version, text));
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Replaces the whole text through a ranged (incremental) change, as editors send them. */
  async change(uri: string, version: number, text: string): Promise<void> {
    const previous = this.texts.get(uri);
    if (!previous) throw new Error(`change: ${uri} is not open`);
    const range = { start: { line: 0, character: 0 }, end: previous.positionAt(previous.getText().length) };
    this.texts.set(uri, TextDocument.create(uri, previous.languageId, version, text));
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
  }

  async closeDocument(uri: string): Promise<void> {
    this.texts.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async changeConfiguration(settings: unknown): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings });
  }

  async changeWatchedFiles(changes: { uri: string; type: 1 | 2 | 3 }[]): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  /**
   * The first message at or after `since` that satisfies the predicate; fails after WAIT_MS.
   * Only the latest of the messages already received is considered, so an outdated match
   * cannot satisfy a wait for the current state.
   */
  waitFor(
    what: string,
    matches: (message: ServerMessage) => boolean,
    predicate: (message: ServerMessage) => boolean,
    since = 0,
  ): Promise<ServerMessage> {
    return new Promise((resolve, reject) => {
      const latest = this.messages.slice(since).filter(matches).at(-1);
      if (latest && predicate(latest)) {
        resolve(latest);
        return;
      }
      let seen = this.messages.length;
      const check = () => {
        const fresh = this.messages.slice(seen).filter(matches);
        seen = this.messages.length;
        const found = fresh.find(predicate);
        if (!found) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        const last = this.messages.slice(since).filter(matches).at(-1);
        reject(new Error(`Timed out after ${WAIT_MS} ms waiting for ${what}; last seen: ${JSON.stringify(last?.params, null, 1)}${this.describe()}`));
      }, WAIT_MS);
      this.listeners.add(check);
    });
  }

  async waitForDiagnostics(
    uri: string,
    predicate: (diagnostics: Diagnostic[], params: PublishDiagnosticsParams) => boolean = () => true,
    since = 0,
  ): Promise<Diagnostic[]> {
    const message = await this.waitFor(
      `diagnostics for ${uri}`,
      (m) => m.kind === 'notification' && m.method === 'textDocument/publishDiagnostics' && (m.params as PublishDiagnosticsParams).uri === uri,
      (m) => {
        const params = m.params as PublishDiagnosticsParams;
        return predicate(params.diagnostics, params);
      },
      since,
    );
    return (message.params as PublishDiagnosticsParams).diagnostics;
  }

  async waitForRequest(method: string, since = 0): Promise<unknown> {
    const message = await this.waitFor(method, (m) => m.kind === 'request' && m.method === method, () => true, since);
    return message.params;
  }

  pullDiagnostics(uri: string): Promise<DocumentDiagnosticReport> {
    return this.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[] | null> {
    return this.connection.sendRequest<CodeAction[] | null>('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: only ? { diagnostics, only } : { diagnostics },
    });
  }

  /** Log messages the server wrote with connection.console at error level. */
  errorsLogged(): string[] {
    return this.messages
      .filter((m) => m.method === 'window/logMessage' && (m.params as { type: number }).type === 1)
      .map((m) => (m.params as { message: string }).message);
  }

  async shutdown(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
    } finally {
      await this.close();
    }
  }
}

function languageOf(uri: string): string {
  if (/\.(md|markdown)$/i.test(uri)) return 'markdown';
  if (/\.ya?ml$/i.test(uri)) return 'yaml';
  if (/\.json$/i.test(uri)) return 'json';
  return 'plaintext';
}

/**
 * The server in this process, talking over two in-memory pipes (what the server writes encoded
 * by `writer`'s encoder when one is given). The `exit` notification is never sent, because the
 * server answers it by exiting the process.
 */
export function startInProcess(options: ServerOptions = {}, writer: MessageWriterOptions = {}): LspClient {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient, { charset: 'utf-8', ...writer }));
  startServer(serverConnection, options);
  const clientConnection = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  return new LspClient(clientConnection, async () => {
    clientConnection.dispose();
    serverConnection.dispose();
    // Drained to nowhere, not destroyed: a notification the server began writing before the dispose (a log message, a progress
    // end) must still complete. Destroying the pipes failed that write, and jsonrpc's logger then tried to report it on
    // the disposed connection: an unhandled "Connection is disposed" rejection that failed CI at 006e7e4.
    for (const pipe of [toServer, toClient]) pipe.removeAllListeners('data').resume();
  });
}

/** The built server as a child process over stdio, as editors other than VS Code run it; `nodeArgs` go to Node. */
export function spawnServer(serverPath: string, serverArgs: readonly string[] = [], nodeArgs: readonly string[] = []): LspClient {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, serverPath, '--stdio', ...serverArgs], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  return new LspClient(
    connection,
    async () => {
      await connection.sendNotification('exit').catch(() => undefined);
      const timer = setTimeout(() => child.kill(), WAIT_MS);
      await exited;
      clearTimeout(timer);
      connection.dispose();
    },
    () => (stderr ? `\nserver stderr:\n${stderr}` : ''),
  );
}

/** A temporary workspace folder with the given files; remove it with `dispose`. */
export async function tempWorkspace(files: Record<string, string>) {
  const root = await mkdtemp(join(tmpdir(), 'incident-markup-lsp-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, name)), { recursive: true });
    await writeFile(join(root, name), text);
  }
  return {
    root,
    path: (name: string) => join(root, name),
    uri: (name: string) => pathToFileURL(join(root, name)).href,
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}

/** Applies LSP edits to a text, as a client applies a WorkspaceEdit's changes. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'markdown', 0, text), edits);
}
