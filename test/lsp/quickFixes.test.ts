import { readFile } from 'node:fs/promises';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { applyEdits, startInProcess, tempWorkspace, type LspClient } from '../helpers/lspClient.js';
import { stripMarkers } from '../helpers/markers.js';

const GAZETTEER = `actors:
  - id: russia
    name: Russian Armed Forces
    aliases: [Russia, Russian forces]
    kind: state-forces
places:
  - id: idlib-governorate
    name: Idlib Governorate
    kind: governorate
  - id: idlib-city
    name: Idlib
    kind: city
    in: idlib-governorate
`;

/**
 * One mistake per marked span, in document order: each diagnostic's quick fixes are asked for and
 * applied below. The first is the report's: it has no front matter, so no published date, flagged on
 * its first line.
 */
const REPORT = stripMarkers(`⟦:::incident{#market date=2023-10-05 place=idlib-city}⟧
Strikes by :actor[⟦Russsia⟧]{role=⟦attacker⟧} killed :count[46]{#all type=killed} people, :count[40]{#civ type=killed group=civilians}
of them civilians: :⟦count⟧[9]{group=women} women and :count[3]{type=killed group=children part-of=⟦cvi⟧} children.
A statement by :actor[⟦the army⟧] blamed shelling on :place[⟦Bustan al-Qasr⟧].
:::
`);

/** What the client shows of a quick fix: its title, kind and preference, and the whole report and gazetteer after its edits. */
interface AppliedAction {
  title: string;
  kind: string | undefined;
  isPreferred: boolean | undefined;
  diagnostics: Diagnostic[] | undefined;
  report: string;
  gazetteer: string;
}

describe('quick fixes over LSP', { timeout: 30_000 }, () => {
  let client: LspClient;
  let workspace: Awaited<ReturnType<typeof tempWorkspace>>;
  let uri: string;
  let diagnostics: Diagnostic[];

  beforeAll(async () => {
    // Today, which markup-missing-published's fix writes, is fixed: only Date is faked, the server's timers run as usual.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2023, 9, 12, 12));
    workspace = await tempWorkspace({ 'gazetteer.yaml': GAZETTEER });
    client = startInProcess();
    // The team's gazetteer only: the built-in world layer would add nothing here but loading time.
    await client.initialize({ textDocument: { publishDiagnostics: { relatedInformation: true } } }, { rootPath: workspace.root, initializationOptions: { settings: { builtinGazetteer: false } } });
    uri = workspace.uri('report.md');
    await client.open(uri, REPORT.text);
    diagnostics = (await client.waitForDiagnostics(uri)).filter((diagnostic) => diagnostic.severity !== 4);
  });

  afterAll(async () => {
    vi.useRealTimers();
    await client.shutdown();
    await workspace.dispose();
  });

  /** The diagnostic of `code` at the n-th marked span. */
  function diagnosticAt(code: string, spanIndex: number): Diagnostic {
    const document = TextDocument.create(uri, 'markdown', 1, REPORT.text);
    const span = REPORT.spans[spanIndex]!;
    const range = { start: document.positionAt(span.start), end: document.positionAt(span.end) };
    const diagnostic = diagnostics.find((candidate) => candidate.code === code && JSON.stringify(candidate.range) === JSON.stringify(range));
    expect(diagnostic, `${code} at span ${spanIndex}`).toBeDefined();
    return diagnostic!;
  }

  /** The code actions for one diagnostic, each applied as a client applies it. */
  async function fixesFor(diagnostic: Diagnostic): Promise<AppliedAction[]> {
    const actions = (await client.codeActions(uri, diagnostic.range, [diagnostic])) ?? [];
    const gazetteerUri = workspace.uri('gazetteer.yaml');
    const onDisk = await readFile(workspace.path('gazetteer.yaml'), 'utf8');
    return actions.map((action: CodeAction) => {
      const changes = action.edit?.changes ?? {};
      // Nothing but the report and the team's gazetteer is ever edited.
      expect(Object.keys(changes).filter((changed) => changed !== uri && changed !== gazetteerUri)).toEqual([]);
      return {
        title: action.title,
        kind: action.kind,
        isPreferred: action.isPreferred,
        diagnostics: action.diagnostics,
        report: applyEdits(REPORT.text, changes[uri] ?? []),
        gazetteer: applyEdits(onDisk, changes[gazetteerUri] ?? []),
      };
    });
  }

  function fix(diagnostic: Diagnostic, title: string, isPreferred: boolean, report: string, gazetteer = GAZETTEER): AppliedAction {
    return { title, kind: 'quickfix', isPreferred, diagnostics: [diagnostic], report, gazetteer };
  }

  it('flags exactly the marked mistakes', () => {
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual([
      'markup-missing-published',
      'actor-unknown',
      'markup-invalid-value',
      'markup-missing-attribute',
      'count-unknown-ref',
      'actor-unknown',
      'place-unknown',
    ]);
  });

  it('adds published: with today\'s date in new front matter, not preferred, since the date is a guess to check', async () => {
    const diagnostic = diagnosticAt('markup-missing-published', 0);
    expect(diagnostic.severity).toBe(2);
    expect(await fixesFor(diagnostic)).toEqual([fix(diagnostic, 'Add published: 2023-10-12', false, `---\npublished: 2023-10-12\n---\n${REPORT.text}`)]);
  });

  it('corrects a misspelt actor to the alias it misspells, or adds it to the gazetteer with a kind', async () => {
    const diagnostic = diagnosticAt('actor-unknown', 1);
    expect(await fixesFor(diagnostic)).toEqual([
      fix(diagnostic, 'Change to "Russia"', true, REPORT.text.replace(':actor[Russsia]', ':actor[Russia]')),
      fix(
        diagnostic,
        'Add "Russsia" to gazetteer.yaml as a new actor (other, id russsia)',
        false,
        REPORT.text,
        GAZETTEER.replace('places:\n', '  - id: russsia\n    name: Russsia\n    kind: other\nplaces:\n'),
      ),
    ]);
  });

  it('offers every role for an invalid one, the one meant first', async () => {
    const diagnostic = diagnosticAt('markup-invalid-value', 2);
    const roles = ['perpetrator', 'other', 'source', 'victim', 'claimant'];
    expect(await fixesFor(diagnostic)).toEqual(
      roles.map((role, index) => fix(diagnostic, `Change to "${role}"`, index === 0, REPORT.text.replace('role=attacker', `role=${role}`))),
    );
  });

  it('offers every type for a count without one, first in its braces', async () => {
    const diagnostic = diagnosticAt('markup-missing-attribute', 3);
    const types = ['killed', 'injured', 'missing', 'detained', 'displaced', 'affected'];
    expect(await fixesFor(diagnostic)).toEqual(
      types.map((type) => fix(diagnostic, `Add type=${type}`, false, REPORT.text.replace('{group=women}', `{type=${type} group=women}`))),
    );
  });

  it('offers the counts of the incident that can be the total of a part, the one misspelt first', async () => {
    const diagnostic = diagnosticAt('count-unknown-ref', 4);
    expect(await fixesFor(diagnostic)).toEqual([
      fix(diagnostic, 'Change to civ', true, REPORT.text.replace('part-of=cvi', 'part-of=civ')),
      fix(diagnostic, 'Change to all', false, REPORT.text.replace('part-of=cvi', 'part-of=all')),
    ]);
  });

  it('adds "the army" as Army, a state force, and a place inside a city as its neighbourhood', async () => {
    const army = diagnosticAt('actor-unknown', 5);
    expect(await fixesFor(army)).toEqual([
      fix(
        army,
        'Add "Army" to gazetteer.yaml as a new actor (state-forces, id army)',
        false,
        REPORT.text,
        GAZETTEER.replace('places:\n', '  - id: army\n    name: Army\n    kind: state-forces\nplaces:\n'),
      ),
    ]);
    const place = diagnosticAt('place-unknown', 6);
    expect(await fixesFor(place)).toEqual([
      fix(
        place,
        'Add "Bustan al-Qasr" to gazetteer.yaml as a new place (neighbourhood, id bustan-al-qasr)',
        false,
        REPORT.text,
        `${GAZETTEER}  - id: bustan-al-qasr\n    name: Bustan al-Qasr\n    kind: neighbourhood\n    in: idlib-city\n`,
      ),
    ]);
  });

  it('answers several diagnostics of one request with the fixes of each, in order', async () => {
    const document = TextDocument.create(uri, 'markdown', 1, REPORT.text);
    const line = { start: { line: 1, character: 0 }, end: document.positionAt(REPORT.text.indexOf('\nof them')) };
    const onTheLine = diagnostics.filter((diagnostic) => diagnostic.range.start.line === 1);
    const actions = (await client.codeActions(uri, line, onTheLine)) ?? [];
    expect(actions.map((action) => [action.diagnostics?.[0]?.code, action.title])).toEqual([
      ['actor-unknown', 'Change to "Russia"'],
      ['actor-unknown', 'Add "Russsia" to gazetteer.yaml as a new actor (other, id russsia)'],
      ['markup-invalid-value', 'Change to "perpetrator"'],
      ['markup-invalid-value', 'Change to "other"'],
      ['markup-invalid-value', 'Change to "source"'],
      ['markup-invalid-value', 'Change to "victim"'],
      ['markup-invalid-value', 'Change to "claimant"'],
    ]);
  });
});
