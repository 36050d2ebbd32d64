import { writeFile } from 'node:fs/promises';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ClientCapabilities, Diagnostic, Range } from 'vscode-languageserver';
import { afterEach, describe, expect, it } from 'vitest';
import { applyEdits, startInProcess, tempWorkspace, type LspClient } from '../helpers/lspClient.js';
import { stripMarkers } from '../helpers/markers.js';

const DOCS = 'https://github.com/incident-markup/incident-markup/blob/main/docs/rules.md';
const ERROR = 1;
const WARNING = 2;
const HINT = 4;

const GAZETTEER = `actors:
  - id: syrian-government
    name: Government of Syria
    aliases: [Assad regime]
    kind: state-forces
places:
  - id: idlib-city
    name: Idlib
    kind: city
`;

const WITH_WAGNER = `${GAZETTEER.replace('places:', `  - id: wagner
    name: Wagner Group
    kind: armed-group
places:`)}`;

/**
 * Front matter with the published date, which every report here has: a report without one gets
 * markup-missing-published besides the findings each test is about.
 */
const PUBLISHED = '---\npublished: 2023-10-10\n---\n';

/** Three mistakes, marked in the order the server reports them. */
const MISTAKES = stripMarkers(`${PUBLISHED}:::incident{#strike date=2023-10-05 place=idlib-city}
Strikes by :actor[⟦Wagner Group⟧] killed :⟦cuont⟧[3]{type=killed} civilians on :date[31 September]{value=⟦2023-09-31⟧}.
:::
`);

const WAGNER_MESSAGE = 'Actor "Wagner Group" is not in the gazetteer; add it to the gazetteer or give ref= with its id.';
const CUONT_MESSAGE = 'Unknown directive ":cuont"; did you mean ":count"?';
const DATE_MESSAGE = '"2023-09-31" is not a calendar date: September 2023 has 30 days.';

/** A client like VS Code's, but that pushes: configuration, dynamic registration, no pull. */
const PUSH_CLIENT: ClientCapabilities = {
  workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
  textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true } },
  general: { positionEncodings: ['utf-16'] },
};

const PULL_CLIENT: ClientCapabilities = {
  ...PUSH_CLIENT,
  workspace: { ...PUSH_CLIENT.workspace, diagnostics: { refreshSupport: true } },
  textDocument: { ...PUSH_CLIENT.textDocument, diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } },
};

function rangeOf(text: string, span: { start: number; end: number }): Range {
  const document = TextDocument.create('file:///x.md', 'markdown', 0, text);
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}

/** A diagnostic as sent: its fixes stay in the server, which answers code actions from them (tested below). */
function expected(range: Range, code: string, severity: number, message: string): Diagnostic {
  return { range, severity: severity as Diagnostic['severity'], code, codeDescription: { href: `${DOCS}#${code}` }, source: 'incident-markup', message };
}

/** The fix that adds Wagner Group, an armed group by its name, to the workspace's gazetteer.yaml, after the last actor (line 5, column 23). */
function addWagnerFix(gazetteerPath: string) {
  const at = { line: 4, character: 22 };
  return {
    title: 'Add "Wagner Group" to gazetteer.yaml as a new actor (armed-group, id wagner-group)',
    edits: [],
    fileEdits: [{ path: gazetteerPath, edits: [{ range: { start: at, end: at }, newText: '\n  - id: wagner-group\n    name: Wagner Group\n    kind: armed-group' }] }],
  };
}

function mistakesDiagnostics(): Diagnostic[] {
  const [wagner, cuont, date] = MISTAKES.spans.map((span) => rangeOf(MISTAKES.text, span));
  return [
    expected(wagner!, 'actor-unknown', WARNING, WAGNER_MESSAGE),
    expected(cuont!, 'markup-unknown-directive', WARNING, CUONT_MESSAGE),
    expected(date!, 'date-invalid', ERROR, DATE_MESSAGE),
  ];
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(capabilities: ClientCapabilities, files: Record<string, string> = { 'gazetteer.yaml': GAZETTEER }, options: { initializationOptions?: unknown; configure?: (client: LspClient) => void } = {}) {
  const workspace = await tempWorkspace(files);
  cleanups.push(workspace.dispose);
  const client = startInProcess();
  cleanups.push(() => client.shutdown());
  options.configure?.(client);
  const result = await client.initialize(capabilities, { rootPath: workspace.root, initializationOptions: options.initializationOptions });
  return { workspace, client, result };
}

describe('the language server', { timeout: 30_000 }, () => {
  it('pushes the diagnostics of a report to a client without pull support', async () => {
    const { workspace, client, result } = await setUp(PUSH_CLIENT);
    expect(result.capabilities.diagnosticProvider).toBeUndefined();
    expect(result.capabilities.positionEncoding).toBe('utf-16');
    expect(result.capabilities.codeActionProvider).toEqual({ codeActionKinds: ['quickfix'] });

    const uri = workspace.uri('report.md');
    await client.open(uri, MISTAKES.text);
    const diagnostics = await client.waitForDiagnostics(uri);
    expect(diagnostics).toEqual(mistakesDiagnostics());
    // The gazetteer watcher is registered because this client can take it.
    expect(client.requests('client/registerCapability')).toEqual([
      { registrations: [expect.objectContaining({ method: 'workspace/didChangeWatchedFiles', registerOptions: { watchers: [{ globPattern: '**/gazetteer.{yaml,yml,json}' }, { globPattern: '**/*.{md,markdown}' }, { globPattern: '**/.incident-markup.yaml' }] } })] },
    ]);
  });

  it('turns a related location into relatedInformation in the same document', async () => {
    const { workspace, client } = await setUp(PUSH_CLIENT);
    const { text, spans } = stripMarkers(`${PUBLISHED}At least :count[1]{#⟦a⟧ type=killed} and :count[2]{#⟦a⟧ type=injured}.\n`);
    const uri = workspace.uri('ids.md');
    await client.open(uri, text);
    expect(await client.waitForDiagnostics(uri)).toEqual([
      {
        ...expected(rangeOf(text, spans[1]!), 'markup-duplicate-id', ERROR, 'The id "a" is already used on line 4; ids must be unique within a report.'),
        relatedInformation: [{ message: '"a" is first used here', location: { uri, range: rangeOf(text, spans[0]!) } }],
      },
    ]);
  });

  it('answers pull requests for a client with pull support, and asks for a refresh when the gazetteer changes on disk', async () => {
    const { workspace, client, result } = await setUp(PULL_CLIENT);
    expect(result.capabilities.diagnosticProvider).toEqual({ interFileDependencies: true, workspaceDiagnostics: false });

    const uri = workspace.uri('report.md');
    await client.open(uri, MISTAKES.text);
    expect(await client.pullDiagnostics(uri)).toEqual({ kind: 'full', resultId: expect.any(String), items: mistakesDiagnostics() });

    const since = client.mark();
    await writeFile(workspace.path('gazetteer.yaml'), WITH_WAGNER);
    await client.changeWatchedFiles([{ uri: workspace.uri('gazetteer.yaml'), type: 2 }]);
    await client.waitForRequest('workspace/diagnostic/refresh', since);
    expect(await client.pullDiagnostics(uri)).toEqual({ kind: 'full', resultId: expect.any(String), items: mistakesDiagnostics().slice(1) });
    // A pull client gets nothing pushed for its reports.
    expect(client.messages.filter((m) => m.method === 'textDocument/publishDiagnostics')).toEqual([]);
  });

  it('offers the rule\'s fix as a quick fix whose edit corrects the report', async () => {
    const { workspace, client } = await setUp(PUSH_CLIENT);
    const uri = workspace.uri('report.md');
    await client.open(uri, MISTAKES.text);
    const diagnostics = await client.waitForDiagnostics(uri);
    const unknownDirective = diagnostics.find((d) => d.code === 'markup-unknown-directive')!;
    const cuont = rangeOf(MISTAKES.text, MISTAKES.spans[1]!);

    const actions = await client.codeActions(uri, unknownDirective.range, [unknownDirective]);
    expect(actions).toEqual([
      {
        title: 'Change to "count"',
        kind: 'quickfix',
        diagnostics: [unknownDirective],
        isPreferred: true,
        edit: { changes: { [uri]: [{ range: cuont, newText: 'count' }] } },
      },
    ]);
    const fixed = applyEdits(MISTAKES.text, actions![0]!.edit!.changes![uri]!);
    expect(fixed).toBe(MISTAKES.text.replace(':cuont[3]', ':count[3]'));

    // A fix that edits another file: the new actor goes into the team's gazetteer.
    const unknownActor = diagnostics.find((d) => d.code === 'actor-unknown')!;
    const gazetteerUri = workspace.uri('gazetteer.yaml');
    const addActor = await client.codeActions(uri, unknownActor.range, [unknownActor]);
    expect(addActor).toEqual([
      {
        title: 'Add "Wagner Group" to gazetteer.yaml as a new actor (armed-group, id wagner-group)',
        kind: 'quickfix',
        diagnostics: [unknownActor],
        isPreferred: false,
        edit: { changes: { [uri]: [], [gazetteerUri]: addWagnerFix(workspace.path('gazetteer.yaml')).fileEdits[0]!.edits } },
      },
    ]);
    expect(applyEdits(GAZETTEER, addActor![0]!.edit!.changes![gazetteerUri]!)).toBe(WITH_WAGNER.replace('id: wagner\n', 'id: wagner-group\n'));

    // Asked right after an edit, before that version's diagnostics (debounced) were worked out.
    const moved = MISTAKES.text.replace(PUBLISHED, `${PUBLISHED}Two lines\nabove.\n\n`);
    await client.change(uri, 2, moved);
    const shift = moved.length - MISTAKES.text.length;
    const movedCuont = rangeOf(moved, { start: MISTAKES.spans[1]!.start + shift, end: MISTAKES.spans[1]!.end + shift });
    const early = await client.codeActions(uri, movedCuont, [{ ...unknownDirective, range: movedCuont }]);
    expect(early?.map((action) => action.edit?.changes?.[uri])).toEqual([[{ range: movedCuont, newText: 'count' }]]);

    // Diagnostics without fixes, and a request for other kinds, get no actions.
    const others = diagnostics.filter((d) => d.code === 'date-invalid');
    expect(await client.codeActions(uri, others[0]!.range, others)).toEqual([]);
    expect(await client.codeActions(uri, unknownDirective.range, [unknownDirective], ['refactor'])).toEqual([]);
  });

  it('updates the diagnostics to the new version after an edit, skipping versions replaced while pending, and clears them on close', async () => {
    const { workspace, client } = await setUp(PUSH_CLIENT);
    const uri = workspace.uri('report.md');
    await client.open(uri, MISTAKES.text);
    expect(await client.waitForDiagnostics(uri, (_, params) => params.version === 1)).toHaveLength(3);

    const edited = stripMarkers(`${PUBLISHED}:::incident{#strike date=2023-10-05 place=idlib-city}
Strikes by :actor[Government of Syria] killed :⟦cuont⟧[3]{type=killed} civilians on :date[5 October]{value=2023-10-05}.
:::
`);
    // Sent together: version 2 is replaced while its check is pending, so only 3 is published.
    const second = client.change(uri, 2, MISTAKES.text.replace('2023-09-31', '2023-09-30'));
    await client.change(uri, 3, edited.text);
    await second;
    const diagnostics = await client.waitForDiagnostics(uri, (_, params) => params.version === 3);
    const cuont = rangeOf(edited.text, edited.spans[0]!);
    expect(diagnostics).toEqual([expected(cuont, 'markup-unknown-directive', WARNING, CUONT_MESSAGE)]);
    // The fix is the one of this version, where the directive sits elsewhere.
    expect((await client.codeActions(uri, cuont, diagnostics))?.map((action) => action.edit?.changes?.[uri])).toEqual([[{ range: cuont, newText: 'count' }]]);
    const versions = client.messages
      .filter((m) => m.method === 'textDocument/publishDiagnostics')
      .map((m) => (m.params as { version?: number }).version);
    expect(versions).toEqual([1, 3]);

    const since = client.mark();
    await client.closeDocument(uri);
    expect(await client.waitForDiagnostics(uri, () => true, since)).toEqual([]);
  });

  it('gives a minimal client push diagnostics with the default settings, in UTF-16', async () => {
    const { workspace, client, result } = await setUp({ general: { positionEncodings: ['utf-8', 'utf-16'] } });
    expect(result.capabilities.positionEncoding).toBe('utf-16');
    expect(result.capabilities.diagnosticProvider).toBeUndefined();

    // The emoji is two UTF-16 code units (and four UTF-8 bytes) before the mistake.
    const { text, spans } = stripMarkers(`${PUBLISHED}🔥 On :date[31 September]{value=⟦2023-09-31⟧} the town was shelled.\n`);
    const uri = workspace.uri('report.md');
    await client.open(uri, text);
    const diagnostics = await client.waitForDiagnostics(uri);
    // Without the link to the rule's documentation: the client did not say it reads one (codeDescriptionSupport, LSP 3.16).
    const { codeDescription: _, ...unlinked } = expected(rangeOf(text, spans[0]!), 'date-invalid', ERROR, DATE_MESSAGE);
    expect(diagnostics).toEqual([unlinked]);
    // In UTF-8 the value would start at byte 34, in code points at 31.
    expect(diagnostics[0]!.range).toEqual({ start: { line: 3, character: 32 }, end: { line: 3, character: 42 } });
    expect(client.requests('workspace/configuration')).toEqual([]);
    expect(client.requests('client/registerCapability')).toEqual([]);
  });

  describe('a gazetteer edited in the editor', () => {
    it('revalidates the open reports, keeps the last good version when the edit breaks it, and shows its problems', async () => {
      const { workspace, client } = await setUp(PUSH_CLIENT);
      const report = workspace.uri('report.md');
      const gazetteer = workspace.uri('gazetteer.yaml');
      await client.open(report, `${PUBLISHED}Strikes by :actor[Wagner Group].\n`);
      expect((await client.waitForDiagnostics(report)).map((d) => d.message)).toEqual([WAGNER_MESSAGE]);

      await client.open(gazetteer, GAZETTEER);
      await client.change(gazetteer, 2, WITH_WAGNER);
      expect(await client.waitForDiagnostics(report, (diagnostics) => diagnostics.length === 0)).toEqual([]);

      const since = client.mark();
      const broken = WITH_WAGNER.replace('name: Wagner Group', 'name: [Wagner Group');
      await client.change(gazetteer, 3, broken);
      const problems = await client.waitForDiagnostics(gazetteer, (diagnostics) => diagnostics.length > 0, since);
      expect(problems.map((d) => [d.code, d.severity, d.source, d.codeDescription?.href])).toContainEqual([
        'gazetteer-syntax',
        ERROR,
        'incident-markup',
        `${DOCS}#gazetteer-syntax`,
      ]);
      for (const problem of problems) expect(problem.range.start.line).toBeLessThan(broken.split('\n').length);
      // The report was checked again after the break, against the last good gazetteer.
      expect(await client.waitForDiagnostics(report, () => true, since)).toEqual([]);

      const fixedSince = client.mark();
      await client.change(gazetteer, 4, WITH_WAGNER);
      expect(await client.waitForDiagnostics(gazetteer, () => true, fixedSince)).toEqual([]);
    });

    it('revalidates reports when a configured gazetteer with another name is edited', async () => {
      const { workspace, client } = await setUp(
        PUSH_CLIENT,
        { 'data/names.yaml': GAZETTEER, 'reports/report.md': '' },
        { configure: (c) => (c.configuration = () => ({ gazetteer: { paths: ['data/names.yaml'] } })) },
      );
      const report = workspace.uri('reports/report.md');
      await client.open(report, `${PUBLISHED}Strikes by :actor[Wagner Group].\n`);
      expect((await client.waitForDiagnostics(report)).map((d) => d.code)).toEqual(['actor-unknown']);

      await client.open(workspace.uri('data/names.yaml'), GAZETTEER);
      await client.change(workspace.uri('data/names.yaml'), 2, WITH_WAGNER);
      expect(await client.waitForDiagnostics(report, (diagnostics) => diagnostics.length === 0)).toEqual([]);
    });
  });

  describe('settings', () => {
    it('reads rules from workspace/configuration per document, ignores invalid entries, and rereads after a change', async () => {
      let rules: Record<string, unknown> = { 'actor-unknown': 'off', 'date-invalid': 'hint', 'markup-unknown-directive': 'loud' };
      const { workspace, client } = await setUp(PUSH_CLIENT, undefined, { configure: (c) => (c.configuration = (item) => (item.section === 'incidentMarkup' ? { rules } : null)) });
      const uri = workspace.uri('report.md');
      await client.open(uri, MISTAKES.text);
      const [, cuont, date] = mistakesDiagnostics();
      expect(await client.waitForDiagnostics(uri)).toEqual([cuont, { ...date!, severity: HINT }]);
      expect(client.requests('workspace/configuration')).toEqual([{ items: [{ scopeUri: uri, section: 'incidentMarkup' }] }]);

      rules = {};
      const since = client.mark();
      await client.changeConfiguration({ incidentMarkup: { rules } });
      expect(await client.waitForDiagnostics(uri, () => true, since)).toEqual(mistakesDiagnostics());
    });

    it('takes initializationOptions.settings from a client without workspace/configuration', async () => {
      const { workspace, client } = await setUp({ textDocument: { publishDiagnostics: { codeDescriptionSupport: true } } }, undefined, {
        initializationOptions: { settings: { rules: { 'actor-unknown': 'off', 'date-invalid': 'off' } } },
      });
      const uri = workspace.uri('report.md');
      await client.open(uri, MISTAKES.text);
      expect(await client.waitForDiagnostics(uri)).toEqual([mistakesDiagnostics()[1]]);
    });
  });

  it('survives garbage and keeps answering', async () => {
    const { workspace, client } = await setUp(PUSH_CLIENT);
    const notes = workspace.uri('notes.txt');
    const nested = workspace.uri('nested.md');
    const empty = workspace.uri('empty.md');
    const unterminated = workspace.uri('unterminated.md');
    await client.open(notes, ':cuont[1] [[[[');
    await client.open(nested, `${':actor['.repeat(50)}x${']'.repeat(50)} ${'['.repeat(50)}${']{'.repeat(50)}`);
    await client.open(empty, '');
    await client.open(unterminated, ':::incident{#a date=2023-13\n:count[');
    expect(Array.isArray(await client.waitForDiagnostics(nested))).toBe(true);
    expect(await client.waitForDiagnostics(empty)).toEqual([]);
    await client.waitForDiagnostics(unterminated);

    // Diagnostics the server did not make, or with fixes of the wrong shape, get no actions.
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const forged: Diagnostic[] = [
      { range, message: 'x', source: 'other', data: { fixes: [{ title: 'x', edits: [] }] } },
      { range, message: 'x', source: 'incident-markup', data: { fixes: 'nope' } },
      { range, message: 'x', source: 'incident-markup', data: { fixes: [{ title: 1, edits: [] }, { title: 'y', edits: [], fileEdits: 'bad' }] } },
      { range, message: 'x', source: 'incident-markup' },
    ];
    expect(await client.codeActions(empty, range, forged)).toEqual([]);
    expect(await client.codeActions(workspace.uri('never-opened.md'), range, [])).toEqual([]);
    expect(await client.pullDiagnostics(workspace.uri('never-opened.md'))).toEqual({ kind: 'full', items: [] });

    // Still alive: a real report is checked as usual.
    const report = workspace.uri('report.md');
    await client.open(report, MISTAKES.text);
    expect(await client.waitForDiagnostics(report)).toEqual(mistakesDiagnostics());
    expect(client.messages.filter((m) => (m.params as { uri?: string } | null)?.uri === notes)).toEqual([]);
    expect(client.errorsLogged()).toEqual([]);
  });
});
