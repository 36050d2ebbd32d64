import { existsSync } from 'node:fs';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/runCli.js';
import type { CliDiagnostic } from '../../server/src/cli/formatters.js';
import { spawnServer, tempWorkspace, type LspClient } from '../helpers/lspClient.js';

const ROOT = join(import.meta.dirname, '../..');
const SERVER = join(ROOT, 'dist/server.js');
const EXAMPLES = join(ROOT, 'examples');
const SEVERITY_NAMES = ['', 'error', 'warning', 'information', 'hint'];

/** Mistakes a writer might make, each replacing text that must be in the example. */
const BREAKAGES: [string, string][] = [
  [':count[46]{#idlib-civilians-killed', ':cuont[46]{#idlib-civilians-killed'],
  ['{value=2023-10-07}', '{value=2023-09-31}'],
  [':actor[Russia]{role=perpetrator}', '🔥 :actor[Wagner Group]{role=perpetrator}'],
  [':place[Idlib]{ref=idlib-city}', ':place[Idlib]{ref=idlib-town}'],
  [':count[13]{type=killed', ':count[13]{value=31 type=killed'],
  [':::incident{#fath-al-mubeen-strikes', ':::incident{#idlib-bombardment'],
];

/** An LSP diagnostic as the CLI prints it: 1-based, end exclusive. */
function asCli(file: string, diagnostic: Diagnostic): CliDiagnostic {
  return {
    file,
    line: diagnostic.range.start.line + 1,
    column: diagnostic.range.start.character + 1,
    endLine: diagnostic.range.end.line + 1,
    endColumn: diagnostic.range.end.character + 1,
    severity: SEVERITY_NAMES[diagnostic.severity ?? 0] as CliDiagnostic['severity'],
    code: String(diagnostic.code),
    message: diagnostic.message,
  };
}

let client: LspClient | undefined;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await client?.shutdown();
  client = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('the built server over stdio', { timeout: 60_000 }, () => {
  it('reports exactly what the CLI reports for the example and a broken copy of it', async () => {
    expect(existsSync(SERVER), `${SERVER} is missing; run npm run build first`).toBe(true);
    const workspace = await tempWorkspace({});
    cleanups.push(workspace.dispose);
    await copyFile(join(EXAMPLES, 'gazetteer.yaml'), workspace.path('gazetteer.yaml'));
    const example = await readFile(join(EXAMPLES, 'idlib-2023-10.md'), 'utf8');
    let broken = example;
    for (const [from, to] of BREAKAGES) {
      expect(broken, `the example no longer contains ${from}`).toContain(from);
      broken = broken.replace(from, to);
    }
    const files = { 'idlib-2023-10.md': example, 'broken.md': broken };
    for (const [name, text] of Object.entries(files)) await writeFile(workspace.path(name), text);

    let stdout = '';
    await runCli(['check', ...Object.keys(files), '--format', 'json', '--min-severity', 'hint'], { cwd: workspace.root, stdout: (text) => (stdout += text), stderr: () => undefined });
    const fromCli = JSON.parse(stdout) as CliDiagnostic[];
    // The comparison means something only if the broken copy is caught, and only there
    // (the example itself has hints: names written with an alias).
    const mistakes = fromCli.filter((d) => d.severity === 'error' || d.severity === 'warning');
    expect(new Set(mistakes.map((d) => d.file))).toEqual(new Set(['broken.md']));
    expect(mistakes.length).toBeGreaterThanOrEqual(BREAKAGES.length);

    client = spawnServer(SERVER);
    await client.initialize(
      { workspace: { configuration: true }, general: { positionEncodings: ['utf-16'] } },
      { rootPath: workspace.root },
    );
    const fromServer: CliDiagnostic[] = [];
    for (const [name, text] of Object.entries(files)) {
      const uri = pathToFileURL(workspace.path(name)).href;
      await client.open(uri, text);
      fromServer.push(...(await client.waitForDiagnostics(uri)).map((diagnostic) => asCli(name, diagnostic)));
    }
    const order = (a: CliDiagnostic, b: CliDiagnostic) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code);
    expect(fromServer.sort(order)).toEqual(fromCli.sort(order));
  });

  it('sends a library’s console output to the client’s log, never into the protocol on stdout', async () => {
    const workspace = await tempWorkspace({});
    cleanups.push(workspace.dispose);
    // Loaded before the server: once the server has written its first message (the connection and
    // its console exist by then), it writes to the console as a careless library might.
    const preload = workspace.path('stray-console.mjs');
    await writeFile(
      preload,
      `const write = process.stdout.write.bind(process.stdout);
let first = true;
process.stdout.write = (...args) => {
  const done = write(...args);
  if (first) { first = false; setImmediate(() => { console.log('stray %s from a library', 'output'); console.info({ also: 'info' }); console.warn('a warning'); }); }
  return done;
};
`,
    );
    client = spawnServer(SERVER, [], ['--import', pathToFileURL(preload).href]);
    await client.initialize({ workspace: { configuration: true } }, { rootPath: workspace.root });
    const logged = (text: string) => client!.waitFor(`a log message with ${text}`, (m) => m.method === 'window/logMessage', (m) => (m.params as { message: string }).message.includes(text));
    expect((await logged('stray output from a library')).params).toEqual({ type: 4, message: 'stray output from a library' });
    expect((await logged('also')).params).toEqual({ type: 3, message: "{ also: 'info' }" });
    expect((await logged('a warning')).params).toEqual({ type: 2, message: 'a warning' });
    // The protocol is intact after it: the server answers, and reports.
    const uri = pathToFileURL(workspace.path('report.md')).href;
    await client.open(uri, '---\npublished: 2023-10-10\n---\nOn :date[31 September]{value=2023-09-31}.\n');
    expect((await client.waitForDiagnostics(uri)).map((diagnostic) => diagnostic.code)).toEqual(['date-invalid']);
  });
});
