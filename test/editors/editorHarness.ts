/**
 * What the Neovim and Emacs tests share: the README's configuration text, a copy of the example
 * report, the CLI's diagnostics and the server's hover for it (the oracles the editors are compared
 * with), and running an editor headless until its driver script writes its results.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover } from 'vscode-languageserver';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import type { CliDiagnostic } from '../../server/src/cli/formatters.js';

export const ROOT = join(import.meta.dirname, '../..');
export const SERVER = join(ROOT, 'dist/server.js');
const CLI = join(ROOT, 'dist/cli.js');
const EXAMPLES = join(ROOT, 'examples');
export const REPORT = 'idlib-2023-10.md';

/** The command the README's configurations run; the tests run the built server of this checkout instead. */
export const README_COMMAND = 'incident-markup-server';

/**
 * The label the editors hover, found by each driver script as the user would put the cursor on
 * it: the cursor goes on its first character.
 */
export const HOVER_TARGET = 'Idlib province]';

/** How long a driver script waits for any one event (diagnostics, a hover) before it gives up. */
export const EVENT_TIMEOUT_S = 30;
/** How long the test lets the editor run in all before killing it: the driver's waits plus start-up. */
const EDITOR_TIMEOUT_MS = 2 * EVENT_TIMEOUT_S * 1000 + 10_000;
/** A vitest timeout for a test that runs an editor. */
export const TEST_TIMEOUT_MS = EDITOR_TIMEOUT_MS + 20_000;

/**
 * Fails, rather than skips, when the editor is not installed: CI installs it (.ci/run), so a
 * missing editor there is a broken CI, and here it says what to install.
 */
export function requireEditor(binary: string, debianPackages: string[]): string {
  const probe = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `${binary} is not installed (${probe.error?.message ?? `--version exited ${probe.status}`}). ` +
        `Install it with: apt-get install -y ${debianPackages.join(' ')} (CI's .ci/run installs them).`,
    );
  }
  if (!existsSync(SERVER) || !existsSync(CLI)) throw new Error(`${SERVER} or ${CLI} is missing; run npm run build first`);
  return probe.stdout.split('\n')[0]!;
}

/**
 * The code block of the README's "Other editors" section that follows the paragraph beginning with
 * `intro`: the tests run the configuration as the README gives it, so the two cannot drift apart.
 */
export async function readmeBlock(intro: string, language: string): Promise<string> {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  const section = /^## Other editors\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1];
  if (section === undefined) throw new Error('README.md has no "## Other editors" section');
  const starts = section.split('\n').filter((line) => line.startsWith(intro));
  if (starts.length !== 1) throw new Error(`README's "Other editors" has ${starts.length} lines beginning with ${intro}, not 1`);
  const block = new RegExp('^```' + language + '\\n([\\s\\S]*?)^```$', 'm').exec(section.slice(section.indexOf(starts[0]!)));
  if (!block) throw new Error(`README's "Other editors" has no \`\`\`${language} block after ${intro}`);
  return block[1]!;
}

/** `text` with its one occurrence of `from` replaced; fails if there is not exactly one. */
export function replaceOnce(text: string, from: string, to: string): string {
  const count = text.split(from).length - 1;
  if (count !== 1) throw new Error(`expected one ${JSON.stringify(from)} in:\n${text}\nfound ${count}`);
  return text.replace(from, () => to);
}

export interface ExampleCopy {
  root: string;
  report: string;
  /** Where the driver script writes its results. */
  results: string;
  dispose: () => Promise<void>;
}

/** The example report and its gazetteer in a fresh temporary folder, with nothing else. */
export async function copyExample(): Promise<ExampleCopy> {
  const root = await mkdtemp(join(tmpdir(), 'incident-markup-editor-'));
  for (const name of [REPORT, 'gazetteer.yaml']) await copyFile(join(EXAMPLES, name), join(root, name));
  return {
    root,
    report: join(root, REPORT),
    results: join(root, 'results.json'),
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}

/** What the built CLI reports for the copy, hints included: the same language service as the server. */
export function cliDiagnostics(copy: ExampleCopy): Promise<CliDiagnostic[]> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, 'check', REPORT, '--format', 'json', '--min-severity', 'hint'], { cwd: copy.root }, (error, stdout, stderr) => {
      // Exit status 1 only means an error-severity diagnostic; anything else is a failure to check.
      if (error && error.code !== 1) reject(new Error(`incident-markup check failed: ${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as CliDiagnostic[]);
    });
  });
}

/** Where the cursor goes for the hover, as an LSP position (the line's text before it is ASCII, so UTF-16 = index). */
export async function hoverPosition(copy: ExampleCopy): Promise<{ line: number; character: number }> {
  const text = await readFile(copy.report, 'utf8');
  const offset = text.indexOf(HOVER_TARGET);
  if (offset < 0 || text.indexOf(HOVER_TARGET, offset + 1) >= 0) throw new Error(`the example must contain ${HOVER_TARGET} exactly once`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before.at(-1)!.length };
}

/**
 * The built server's hover at the hover target, asked over stdio by a bare client. (Not through
 * test/helpers/lspClient.ts, which imports the server's sources: these tests need only dist/.)
 */
export async function serverHover(copy: ExampleCopy): Promise<Hover | null> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.listen();
  try {
    const uri = pathToFileURL(copy.report).href;
    const rootUri = pathToFileURL(copy.root).href;
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'example' }],
      capabilities: { textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } } },
    });
    await connection.sendNotification('initialized', {});
    const text = await readFile(copy.report, 'utf8');
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const hover = await connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: await hoverPosition(copy) });
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    await exited;
    return hover;
  } finally {
    connection.dispose();
    child.kill();
  }
}

/**
 * Runs an editor to the end and returns what its driver script wrote to `copy.results`. The
 * driver waits for each event itself; the kill after EDITOR_TIMEOUT_MS is only for a hung editor.
 */
export function runEditor(copy: ExampleCopy, command: string, args: string[], env: NodeJS.ProcessEnv, logs: () => Promise<string>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: copy.root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, EDITOR_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      void (async () => {
        const results = await readFile(copy.results, 'utf8').catch(() => undefined);
        const parsed = results === undefined ? undefined : (JSON.parse(results) as { error?: string });
        if (!killed && status === 0 && parsed && parsed.error === undefined) return parsed;
        const why = killed ? `was killed after ${EDITOR_TIMEOUT_MS} ms` : `exited with ${status}`;
        throw new Error(
          `${command} ${why}; driver: ${parsed?.error ?? 'wrote no results'}\n--- editor output ---\n${output}\n--- logs ---\n${await logs()}`,
        );
      })().then(resolve, reject);
    });
  });
}

/** A CLI diagnostic without its file, the part an editor shows for the open file. */
export type EditorDiagnostic = Omit<CliDiagnostic, 'file'>;

/** The same diagnostics in one order, since each editor keeps its own. */
export function sorted<T extends { line: number; column: number; endLine: number; endColumn: number }>(list: T[]): T[] {
  const text = (d: T) => JSON.stringify(d);
  return [...list].sort(
    (a, b) => a.line - b.line || a.column - b.column || a.endLine - b.endLine || a.endColumn - b.endColumn || (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0),
  );
}
