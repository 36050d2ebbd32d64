/**
 * A lean LSP client for the benchmarks: spawns a server as its own process over
 * stdio and times requests and notifications from this (the editor's) side.
 * test/helpers/lspClient.ts does the same for tests, with waits and timeouts
 * tuned for assertions rather than timing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type MessageConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node.js';

export interface ServerCommand {
  label: string;
  args: string[];
}

export type DiagnosticMode = 'pull' | 'push';

/**
 * Which editor the client stands for, as far as it changes what the server sends: VS Code 1.96 with
 * this project's extension (vscode-languageclient 9 declares `textDocument.inlayHint`, so the alias
 * and inferred-date hints come as inlay hints for the lines on screen, not as diagnostics), or an
 * editor without inlay hints (Debian 12's Neovim 0.7 and Emacs 28's eglot), which is sent every hint
 * as a diagnostic, without the link to its rule (it declares no `codeDescriptionSupport`): at 1 MiB
 * 1,268 diagnostics (282 KB of JSON) instead of 23.
 */
export type ClientKind = 'vscode' | 'without-inlay-hints';

/**
 * What an editor says it can do; pull mode adds `textDocument.diagnostic`. With `workDoneProgress`
 * the server reports its background indexing as `$/progress` (begin, report, end), which the
 * workspace section waits for.
 */
export function capabilities(mode: DiagnosticMode, workDoneProgress = false, kind: ClientKind = 'vscode'): ClientCapabilities {
  return {
    general: { positionEncodings: ['utf-16'] },
    workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
    textDocument: {
      synchronization: { dynamicRegistration: false, didSave: true },
      // As VS Code declares it; an editor without inlay hints as Neovim 0.7.2 does (checked with make_client_capabilities()),
      // which reads no `codeDescription` (nor does eglot 1.9).
      publishDiagnostics:
        kind === 'vscode' ? { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true } : { relatedInformation: true, tagSupport: { valueSet: [1, 2] } },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      rename: { prepareSupport: true },
      // As vscode-languageclient 9 declares it (lib/common/inlayHint.js).
      ...(kind === 'vscode' ? { inlayHint: { dynamicRegistration: true, resolveSupport: { properties: ['tooltip', 'textEdits', 'label.tooltip', 'label.location', 'label.command'] } } } : {}),
      ...(mode === 'pull' ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
    },
    ...(workDoneProgress ? { window: { workDoneProgress: true } } : {}),
  };
}

export const now = () => performance.now();

export class BenchClient {
  readonly connection: MessageConnection;
  readonly child: ChildProcess;
  /** Milliseconds from spawn to the `initialize` answer. */
  startToReady = NaN;
  initializeResult: InitializeResult | undefined;
  private stderr = '';
  private readonly published = new Map<string, ((params: PublishDiagnosticsParams) => void)[]>();
  private readonly exited: Promise<void>;
  private readonly spawnedAt: number;

  constructor(command: ServerCommand) {
    this.spawnedAt = now();
    this.child = spawn(process.execPath, command.args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      if (this.stderr.length < 20_000) this.stderr += chunk;
    });
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const waiting = this.published.get(params.uri);
      if (!waiting) return;
      for (const listener of [...waiting]) listener(params);
    });
    this.connection.onNotification(() => undefined);
    this.connection.onRequest((method, params) => {
      // An empty section, as editors answer for settings left at their defaults.
      if (method === 'workspace/configuration') return (params as { items: unknown[] }).items.map(() => ({}));
      return null;
    });
    this.connection.listen();
  }

  /** Rejects with the server's stderr if it exits before `promise` settles. */
  guard<T>(promise: Promise<T>): Promise<T> {
    return Promise.race([
      promise,
      this.exited.then(() => {
        throw new Error(`server exited (code ${this.child.exitCode}, signal ${this.child.signalCode}): ${this.stderr.slice(-2000)}`);
      }),
    ]);
  }

  get pid(): number {
    return this.child.pid!;
  }

  get errors(): string {
    return this.stderr;
  }

  async initialize(mode: DiagnosticMode, root: string, workDoneProgress = false, kind: ClientKind = 'vscode'): Promise<InitializeResult> {
    const rootUri = pathToFileURL(root).href;
    this.initializeResult = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: capabilities(mode, workDoneProgress, kind),
    });
    this.startToReady = now() - this.spawnedAt;
    await this.connection.sendNotification('initialized', {});
    return this.initializeResult;
  }

  /** Incremental (ranged) changes if the server asked for them, else the whole text, as editors do. */
  get incrementalSync(): boolean {
    const sync = this.initializeResult?.capabilities.textDocumentSync;
    const kind = typeof sync === 'number' ? sync : sync?.change;
    return kind === 2;
  }

  /** Resolves with the next diagnostics published for `uri` whose version is `version` (or any, if the server sends none). */
  nextPublish(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => {
      const list = this.published.get(uri) ?? [];
      this.published.set(uri, list);
      const listener = (params: PublishDiagnosticsParams) => {
        if (version !== undefined && params.version !== undefined && params.version !== version) return;
        list.splice(list.indexOf(listener), 1);
        resolve(params);
      };
      list.push(listener);
    });
  }

  open(uri: string, text: string, version = 1, languageId = 'markdown'): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  insert(uri: string, version: number, line: number, character: number, inserted: string, fullText: string): Promise<void> {
    const contentChanges = this.incrementalSync
      ? [{ range: { start: { line, character }, end: { line, character } }, text: inserted }]
      : [{ text: fullText }];
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  /** As VS Code pulls: naming the result it holds, which the server may answer `unchanged`. */
  pull(uri: string, previousResultId?: string): Promise<{ kind: string; items?: unknown[]; resultId?: string }> {
    return this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}) });
  }

  hover(uri: string, line: number, character: number): Promise<unknown> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  }

  /**
   * CPU time (user + system) the server process has used so far, in ms (Linux; 10 ms ticks).
   * Unlike wall time it hardly moves when other work shares the machine.
   */
  cpuMs(): number {
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  }

  /** VmRSS and VmHWM of the server process, in MB (Linux). */
  memory(): { rssMB: number; hwmMB: number } {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMB: kb('VmRSS') / 1024, hwmMB: kb('VmHWM') / 1024 };
  }

  async close(): Promise<void> {
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 3_000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone.
    }
    await this.exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

/** Line and character (UTF-16) of offsets in a text, for positions sent over LSP. */
export class Lines {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) this.starts.push(index + 1);
  }
  position(offset: number): { line: number; character: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low, character: offset - this.starts[low]! };
  }
}
