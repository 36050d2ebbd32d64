/// <reference types="vscode" />
// Helpers for the suites that run inside VS Code's extension host. Every wait is for an event
// (diagnostics changing, a document changing) with a deadline whose failure message says
// what was awaited and what was seen instead; nothing sleeps for a fixed time.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CliDiagnostic } from '../../server/src/cli/formatters.js';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver/node';

export const EXTENSION_ID = 'incident-markup.incident-markup';
export const SOURCE = 'incident-markup';
/** How long an awaited event may take: far above the 1.4–2.3 s a diagnostic takes here. */
export const WAIT_MS = 30_000;

export function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  if (!found) {
    const ids = vscode.extensions.all.map((candidate) => candidate.id).filter((id) => !id.startsWith('vscode.'));
    throw new Error(`Extension ${EXTENSION_ID} is not installed; non-built-in extensions: ${ids.join(', ') || 'none'}`);
  }
  return found;
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The tests need a workspace folder; the runner opens a copy of examples/.');
  return folder.uri.fsPath;
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  return vscode.Uri.file(join(workspaceRoot(), ...segments));
}

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === SOURCE);
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const { code } = diagnostic;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

const SEVERITY_NAMES = ['error', 'warning', 'information', 'hint'] as const;

export function describeDiagnostic(diagnostic: vscode.Diagnostic): string {
  const { start, end } = diagnostic.range;
  return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${SEVERITY_NAMES[diagnostic.severity]} ${codeOf(diagnostic)}: ${diagnostic.message}`;
}

function describeAll(diagnostics: vscode.Diagnostic[]): string {
  return diagnostics.length === 0 ? '(none)' : diagnostics.map((diagnostic) => `  ${describeDiagnostic(diagnostic)}`).join('\n');
}

/**
 * Resolves with the document's incident-markup diagnostics as soon as they satisfy `accept`:
 * checked now, then on every change of the document's diagnostics.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = ourDiagnostics(uri);
      if (!accept(diagnostics)) return false;
      cleanup();
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what} in ${uri.fsPath}; its diagnostics are:\n${describeAll(ourDiagnostics(uri))}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

export function hasCode(code: string) {
  return (diagnostics: vscode.Diagnostic[]) => diagnostics.some((diagnostic) => codeOf(diagnostic) === code);
}

export function lacksCode(code: string) {
  return (diagnostics: vscode.Diagnostic[]) => !diagnostics.some((diagnostic) => codeOf(diagnostic) === code);
}

export async function openEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Replaces the first occurrence of `search` in the document (unsaved) and returns the new range. */
export async function replaceText(document: vscode.TextDocument, search: string, replacement: string): Promise<vscode.Range> {
  const offset = document.getText().indexOf(search);
  if (offset < 0) throw new Error(`"${search}" is not in ${document.uri.fsPath}`);
  const range = new vscode.Range(document.positionAt(offset), document.positionAt(offset + search.length));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, range, replacement);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`The edit of ${document.uri.fsPath} was not applied`);
  return new vscode.Range(range.start, document.positionAt(offset + replacement.length));
}

/** Throws away the unsaved changes of the document shown in the active editor. */
export async function revertActiveEditor(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export type { CliDiagnostic };

/** Runs the bundled CLI of the extension under test, in Node (also when the host is Electron). */
export function runCli(args: string[], cwd = workspaceRoot()): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const cli = join(extension().extensionPath, 'dist', 'cli.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

export async function cliDiagnostics(path: string): Promise<CliDiagnostic[]> {
  const { status, stdout, stderr } = await runCli(['check', path, '--format', 'json', '--min-severity', 'hint']);
  if (status === 2 || !stdout.trim().startsWith('[')) throw new Error(`incident-markup check ${path} failed (${status}): ${stderr}${stdout}`);
  return JSON.parse(stdout) as CliDiagnostic[];
}

/** The same `line:column-line:column severity code` text for a CLI and an editor diagnostic. */
export function cliKey(diagnostic: CliDiagnostic): string {
  return `${diagnostic.line}:${diagnostic.column}-${diagnostic.endLine}:${diagnostic.endColumn} ${diagnostic.severity} ${diagnostic.code}`;
}

export function editorKey(diagnostic: vscode.Diagnostic): string {
  const { start, end } = diagnostic.range;
  return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${SEVERITY_NAMES[diagnostic.severity]} ${codeOf(diagnostic)}`;
}

let capabilities: Promise<ServerCapabilities> | undefined;

/**
 * What the extension's own server (its bundled dist/server.js) advertises to a client with
 * VS Code's capabilities, asked over stdio in a short-lived process: the suites assert that a
 * feature is advertised before they try it.
 */
export function serverCapabilities(): Promise<ServerCapabilities> {
  capabilities ??= (async () => {
    const server = join(extension().extensionPath, 'dist', 'server.js');
    const child = spawn(process.execPath, [server, '--stdio'], {
      cwd: workspaceRoot(),
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.listen();
    try {
      const result = (await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: vscode.Uri.file(workspaceRoot()).toString(),
        workspaceFolders: [{ uri: vscode.Uri.file(workspaceRoot()).toString(), name: 'e2e' }],
        capabilities: {
          textDocument: {
            synchronization: { dynamicRegistration: true, didSave: true },
            completion: { dynamicRegistration: false, completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
            hover: { dynamicRegistration: false, contentFormat: ['markdown', 'plaintext'] },
            codeAction: { dynamicRegistration: false },
            diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
            publishDiagnostics: { relatedInformation: true, versionSupport: true },
          },
          workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        },
      })) as InitializeResult;
      await connection.sendRequest('shutdown');
      connection.sendNotification('exit');
      return result.capabilities;
    } finally {
      connection.dispose();
      child.kill();
    }
  })();
  return capabilities;
}

/** The label text of a completion item, whatever its form. */
export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}
