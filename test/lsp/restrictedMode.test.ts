import { execFileSync } from 'node:child_process';
import { mkdir, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CompletionList, Diagnostic, SymbolInformation } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterEach, describe, expect, it } from 'vitest';
import { startInProcess, tempWorkspace } from '../helpers/lspClient.js';
import { stripMarkers } from '../helpers/markers.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A GeoNames line (19 tab-separated columns) for a place no built-in layer has. */
const QALBZORR = ['99000001', 'Qalbzorr', 'Qalbzorr', '', '35.9', '36.6', 'P', 'PPL', 'SY', '', '12', '', '', '', '4000', '', '300', 'Asia/Damascus', '2024-01-01'].join('\t');
const OUTSIDE_GAZETTEER = 'actors:\n  - id: wagner\n    name: Wagner Group\n';
const REFUSED = 'outside the workspace folders, and the workspace is not trusted (Restricted Mode). Trust the workspace to use it, or copy it into the workspace.';
const ACTOR_UNKNOWN = 'Actor "Wagner Group" is not in the gazetteer; add it to the gazetteer or give ref= with its id.';

/**
 * A sandbox with a workspace folder `project/` and, beside it, `outside/`: a gazetteer naming the
 * Wagner Group and a GeoNames dump with Qalbzorr. The server is started trusted or not.
 */
async function setUp(workspaceTrusted: boolean, projectFiles: Record<string, string> = {}) {
  const sandbox = await tempWorkspace({ 'outside/gazetteer.yaml': OUTSIDE_GAZETTEER, 'outside/XX.txt': `${QALBZORR}\n`, 'project/.keep': '' });
  cleanups.push(sandbox.dispose);
  const project = join(sandbox.root, 'project');
  for (const [name, text] of Object.entries(projectFiles)) {
    await mkdir(join(project, name, '..'), { recursive: true });
    await writeFile(join(project, name), text);
  }
  const start = async () => {
    const client = startInProcess();
    cleanups.push(() => client.shutdown());
    await client.initialize({}, { rootPath: project, initializationOptions: { workspaceTrusted } });
    return client;
  };
  return { sandbox, project, outside: join(sandbox.root, 'outside'), start };
}

// Every report here has its published date, so that what is said of it is about the files read.
const codesAndMessages = (diagnostics: Diagnostic[]) => diagnostics.map((d) => [d.code, d.message]);

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

describe('Restricted Mode', { timeout: 30_000 }, () => {
  it.each([
    ['../outside/gazetteer.yaml', 'a path that leads up and out'],
    ['sub/../../outside/gazetteer.yaml', 'a path through a folder inside, then out with ..'],
  ])('reads %s (%s) only in a trusted workspace', async (gazetteerPath) => {
    for (const workspaceTrusted of [true, false]) {
      const { start, sandbox } = await setUp(workspaceTrusted, { 'gazetteer.yaml': 'actors: []\n', 'sub/.keep': '' });
      const client = await start();
      const uri = sandbox.uri('project/report.md');
      await client.open(uri, `---\ngazetteer: ${gazetteerPath}\npublished: 2023-10-10\n---\nBy :actor[Wagner Group].\n`);
      const diagnostics = await client.waitForDiagnostics(uri);
      expect(codesAndMessages(diagnostics)).toEqual(
        workspaceTrusted
          ? []
          : [
              ['gazetteer-not-found', `Gazetteer file "${gazetteerPath}" was not read: it is ${REFUSED}`],
              ['actor-unknown', ACTOR_UNKNOWN],
            ],
      );
      if (!workspaceTrusted) expect(diagnostics[0]!.range).toEqual({ start: { line: 1, character: 11 }, end: { line: 1, character: 11 + gazetteerPath.length } });
    }
  });

  it('does not use a GeoNames import outside the workspace: no names, no completions, a diagnostic on each import', async () => {
    for (const workspaceTrusted of [true, false]) {
      const { start, sandbox, outside } = await setUp(workspaceTrusted);
      const absolute = join(outside, 'XX.txt');
      await writeFile(join(sandbox.root, 'project/gazetteer.yaml'), `import:\n  - ../outside/XX.txt\n  - ${absolute}\nactors: []\n`);
      const client = await start();
      const uri = sandbox.uri('project/report.md');
      const { text, cursors } = stripMarkers('---\npublished: 2023-10-10\n---\nShelling in :place[Qalbzorr] and :place[Qalbz‸\n');
      await client.open(uri, text);
      const reportDiagnostics = codesAndMessages(await client.waitForDiagnostics(uri));
      // Gazetteer problems are published once the report's check has loaded the file; none when it has none.
      const gazetteerUri = sandbox.uri('project/gazetteer.yaml');
      const gazetteerDiagnostics = workspaceTrusted
        ? client.messages.filter((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === gazetteerUri)
        : codesAndMessages(await client.waitForDiagnostics(gazetteerUri, (d) => d.length > 0));
      const document = TextDocument.create(uri, 'markdown', 1, text);
      const completion = await client.connection.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri }, position: document.positionAt(cursors[0]!) });
      const offered = completion.items.map((item) => item.label);
      if (workspaceTrusted) {
        expect(gazetteerDiagnostics).toEqual([]);
        expect(reportDiagnostics).toEqual([]);
        expect(offered[0]).toBe('Qalbzorr');
      } else {
        expect(gazetteerDiagnostics).toEqual([
          ['gazetteer-import-failed', `GeoNames import "../outside/XX.txt" was not read: it is ${REFUSED}`],
          ['gazetteer-import-failed', `GeoNames import "${absolute}" was not read: it is ${REFUSED}`],
        ]);
        expect(reportDiagnostics).toEqual([['place-unknown', 'Place "Qalbzorr" is not in the gazetteer; add it to the gazetteer or give ref= with its id.']]);
        expect(offered).not.toContain('Qalbzorr');
      }
    }
  });

  it('judges a link by where it leads: a gazetteer.yaml linked to a file outside', async () => {
    for (const workspaceTrusted of [true, false]) {
      const { start, sandbox, outside, project } = await setUp(workspaceTrusted);
      await symlink(join(outside, 'gazetteer.yaml'), join(project, 'gazetteer.yaml'));
      const client = await start();
      // The nearest gazetteer is the link itself.
      const uri = sandbox.uri('project/report.md');
      await client.open(uri, '---\npublished: 2023-10-10\n---\nBy :actor[Wagner Group].\n');
      const diagnostics = await client.waitForDiagnostics(uri);
      expect(diagnostics).toEqual(
        workspaceTrusted
          ? []
          : [
              {
                range: { start: { line: 3, character: 10 }, end: { line: 3, character: 22 } },
                severity: 3,
                code: 'gazetteer-not-found',
                // No link to the rule's documentation: this client does not say it reads one (codeDescriptionSupport).
                source: 'incident-markup',
                message: `Gazetteer file "gazetteer.yaml" was not read: it is a link to ${join(outside, 'gazetteer.yaml')}, which is ${REFUSED}`,
              },
            ],
      );
    }
  });

  it('judges a link by where it leads: a front-matter gazetteer reached through a linked folder', async () => {
    for (const workspaceTrusted of [true, false]) {
      const { start, sandbox, outside, project } = await setUp(workspaceTrusted, { 'gazetteer.yaml': 'actors: []\n' });
      await symlink(outside, join(project, 'shared'));
      const client = await start();
      const uri = sandbox.uri('project/report.md');
      await client.open(uri, '---\ngazetteer: shared/gazetteer.yaml\npublished: 2023-10-10\n---\nBy :actor[Wagner Group].\n');
      expect(codesAndMessages(await client.waitForDiagnostics(uri))).toEqual(
        workspaceTrusted
          ? []
          : [
              ['gazetteer-not-found', `Gazetteer file "shared/gazetteer.yaml" was not read: it is a link to ${join(outside, 'gazetteer.yaml')}, which is ${REFUSED}`],
              ['actor-unknown', ACTOR_UNKNOWN],
            ],
      );
    }
  });

  it('does not take a file outside from the editor either, when it is open there', async () => {
    const { start, sandbox } = await setUp(false, { 'gazetteer.yaml': 'actors: []\n' });
    const client = await start();
    await client.open(sandbox.uri('outside/gazetteer.yaml'), OUTSIDE_GAZETTEER);
    const uri = sandbox.uri('project/report.md');
    await client.open(uri, '---\ngazetteer: ../outside/gazetteer.yaml\npublished: 2023-10-10\n---\nBy :actor[Wagner Group].\n');
    expect(codesAndMessages(await client.waitForDiagnostics(uri))).toEqual([
      ['gazetteer-not-found', `Gazetteer file "../outside/gazetteer.yaml" was not read: it is ${REFUSED}`],
      ['actor-unknown', ACTOR_UNKNOWN],
    ]);
  });
});

describe('Files that are not regular files, or too large', { timeout: 30_000 }, () => {
  it.each([true, false])('names a FIFO, a device and an oversized file as such and goes on checking (trusted: %s)', async (workspaceTrusted) => {
    const { start, sandbox, project } = await setUp(workspaceTrusted, { 'gazetteer.yaml': 'actors: []\n' });
    mkfifo(join(project, 'pipe.yaml'));
    // 17 MiB without writing them: the size is checked before a byte is read.
    await writeFile(join(project, 'big.yaml'), '');
    await truncate(join(project, 'big.yaml'), 17 * 1024 * 1024);
    await writeFile(join(project, 'gazetteer.yaml'), 'import: [pipe.txt, /dev/zero]\nactors: []\n');
    mkfifo(join(project, 'pipe.txt'));
    const client = await start();
    const uri = sandbox.uri('project/report.md');
    await client.open(uri, '---\ngazetteer: [pipe.yaml, /dev/zero, big.yaml, .]\npublished: 2023-10-10\n---\nBy :actor[Wagner Group].\n');
    expect(codesAndMessages(await client.waitForDiagnostics(uri))).toEqual([
      ['gazetteer-not-found', 'Gazetteer file "pipe.yaml" was not read: it is a FIFO (named pipe), not a regular file; name a file.'],
      ['gazetteer-not-found', `Gazetteer file "/dev/zero" was not read: ${workspaceTrusted ? 'it is a device, not a regular file; name a file.' : `it is ${REFUSED}`}`],
      [
        'gazetteer-not-found',
        'Gazetteer file "big.yaml" was not read: it is 17.0 MiB, over the 16.0 MiB limit for gazetteer files (see docs/configuration.md, "Size limits"); split it into smaller files.',
      ],
      ['gazetteer-not-found', 'Gazetteer file "." was not read: it is a folder, not a regular file; name a file.'],
      ['actor-unknown', ACTOR_UNKNOWN],
    ]);
    expect(codesAndMessages(await client.waitForDiagnostics(sandbox.uri('project/gazetteer.yaml'), (d) => d.length > 0))).toEqual([
      ['gazetteer-import-failed', 'GeoNames import "pipe.txt" was not read: it is a FIFO (named pipe), not a regular file; name a file.'],
      ['gazetteer-import-failed', `GeoNames import "/dev/zero" was not read: ${workspaceTrusted ? 'it is a device, not a regular file; name a file.' : `it is ${REFUSED}`}`],
    ]);
  });

  it('reports a .incident-markup.yaml that is a FIFO in the file itself, and checks with the default severities', async () => {
    const { start, sandbox, project } = await setUp(true, { 'gazetteer.yaml': 'actors: []\n' });
    mkfifo(join(project, '.incident-markup.yaml'));
    const client = await start();
    const uri = sandbox.uri('project/report.md');
    await client.open(uri, '---\npublished: 2023-10-10\n---\nBy :actor[Wagner Group].\n');
    expect(codesAndMessages(await client.waitForDiagnostics(uri))).toEqual([['actor-unknown', ACTOR_UNKNOWN]]);
    expect(await client.waitForDiagnostics(sandbox.uri('project/.incident-markup.yaml'))).toEqual([
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: 1,
        source: 'incident-markup',
        message: '.incident-markup.yaml was not read, so the default severities apply: it is a FIFO (named pipe), not a regular file; name a file.',
      },
    ]);
  });

  it('indexes the workspace past a FIFO named like a report', async () => {
    const { sandbox, project } = await setUp(true, { 'a.md': ':::incident{#a-strike date=2023-10-05}\nText.\n:::\n', 'z.md': ':::incident{#z-strike date=2023-10-06}\nText.\n:::\n' });
    mkfifo(join(project, 'pipe.md'));
    const client = startInProcess();
    cleanups.push(() => client.shutdown());
    await client.initialize({ window: { workDoneProgress: true } }, { rootPath: project });
    const created = (await client.waitForRequest('window/workDoneProgress/create')) as { token: string };
    await client.waitFor(
      'indexing done',
      (m) => m.kind === 'notification' && m.method === '$/progress' && (m.params as { token: string }).token === created.token,
      (m) => (m.params as { value: { kind: string } }).value.kind === 'end',
    );
    const symbols = await client.connection.sendRequest<SymbolInformation[]>('workspace/symbol', { query: 'strike' });
    expect(symbols.map((symbol) => [symbol.name, symbol.location.uri])).toEqual([
      ['a-strike — 2023-10-05', sandbox.uri('project/a.md')],
      ['z-strike — 2023-10-06', sandbox.uri('project/z.md')],
    ]);
  });
});
