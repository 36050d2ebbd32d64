// Semantic tokens, inlay hints and code lenses over LSP, on reports written here, compared whole;
// and the alias and inferred-date hints, which inlay hints show instead of diagnostics unless the
// client has no inlay hints or the writer asks for them.
import type { ClientCapabilities, CodeLens, Diagnostic, InlayHint, SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterEach, describe, expect, it } from 'vitest';
import { applyEdits, startInProcess, tempWorkspace, type LspClient } from '../helpers/lspClient.js';
import { stripMarkers, type MarkedSpan } from '../helpers/markers.js';

const GAZETTEER = `actors:
  - id: syrian-government
    name: Government of Syria
    aliases: [Assad regime]
    kind: state-forces
places:
  - id: syria
    name: Syria
    kind: country
  - id: idlib-governorate
    name: Idlib Governorate
    aliases: [Idlib province]
    kind: governorate
    in: syria
  - id: harim
    name: Harim
    kind: city
    in: idlib-governorate
  - id: raqqa-governorate
    name: Raqqa Governorate
    kind: governorate
    in: syria
  - id: tell-abyad-raqqa
    name: Tell Abyad
    kind: town
    in: raqqa-governorate
  - id: aleppo-governorate
    name: Aleppo Governorate
    kind: governorate
    in: syria
  - id: tell-abyad-aleppo
    name: Tell Abyad
    kind: town
    in: aleppo-governorate
groups:
  civilians: [women, men, children]
`;

/** A client like VS Code's: it shows semantic tokens, inlay hints and code lenses, and can be asked to ask again for them. */
const EDITOR: ClientCapabilities = {
  workspace: { configuration: true, semanticTokens: { refreshSupport: true }, inlayHint: { refreshSupport: true }, codeLens: { refreshSupport: true } },
  textDocument: {
    publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true },
    semanticTokens: { requests: { full: true, range: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] },
    inlayHint: {},
    codeLens: {},
  },
};

/**
 * One without inlay hints, as Neovim before 0.10 and eglot before 1.11, which do not read a
 * diagnostic's link to its documentation either (Neovim 0.7.2 declares `publishDiagnostics:
 * { relatedInformation: true, tagSupport }`, eglot 1.9 `codeDescriptionSupport: :json-false`).
 */
const WITHOUT_INLAY_HINTS: ClientCapabilities = {
  ...EDITOR,
  textDocument: { ...EDITOR.textDocument, publishDiagnostics: { relatedInformation: true, tagSupport: { valueSet: [1, 2] } }, inlayHint: undefined },
};

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * A server on a workspace with the gazetteer above, without the built-in world layer (so that names
 * resolve only there), whose settings are `settings` until the test changes them.
 */
async function serverWith(capabilities: ClientCapabilities, settings: Record<string, unknown> = {}, files: Record<string, string> = {}) {
  const workspace = await tempWorkspace({ 'gazetteer.yaml': GAZETTEER, ...files });
  cleanups.push(workspace.dispose);
  const client = startInProcess();
  cleanups.push(() => client.shutdown());
  const configuration: { current: Record<string, unknown> } = { current: { builtinGazetteer: false, ...settings } };
  client.configuration = (item) => (item.section === 'incidentMarkup' ? configuration.current : null);
  const result = await client.initialize(capabilities, { rootPath: workspace.root });
  const open = async (name: string, text: string) => {
    const uri = workspace.uri(name);
    await client.open(uri, text);
    return uri;
  };
  return { client, result, open, configuration };
}

const request = <T>(client: LspClient, method: string, params: object) => client.connection.sendRequest<T>(method, params);

describe('semantic tokens over LSP', { timeout: 30_000 }, () => {
  interface Token extends MarkedSpan {
    type: string;
    modifiers: string[];
  }

  /** The relative encoding read back: each token as offsets in the text, its type and its modifiers by name. */
  function decode({ data }: SemanticTokens, text: string, legend: SemanticTokensLegend): Token[] {
    const document = TextDocument.create('file:///report.md', 'markdown', 1, text);
    const tokens: Token[] = [];
    let line = 0;
    let character = 0;
    for (let index = 0; index < data.length; index += 5) {
      const [deltaLine, deltaStart, length, type, modifiers] = data.slice(index, index + 5) as [number, number, number, number, number];
      character = deltaLine === 0 ? character + deltaStart : deltaStart;
      line += deltaLine;
      const start = document.offsetAt({ line, character });
      tokens.push({
        start,
        end: start + length,
        type: legend.tokenTypes[type]!,
        modifiers: legend.tokenModifiers.filter((_, bit) => (modifiers & (1 << bit)) !== 0),
      });
    }
    return tokens;
  }

  const UNRESOLVED = ['deprecated', 'unresolved'];

  // Only directives' labels: not code, not an escaped or misspelt directive, not the names, attributes or prose.
  const REPORT = stripMarkers(`---
published: 2023-10-10
---
Not read: \`:count[3]{type=killed}\`, \\:count[4], :cuont[5]{type=killed}.

:::incident{#idlib date=2023-10-04/2023-10-07 place=idlib-governorate}
On :date[⟦4 October⟧] and :date[⟦the day of the funeral⟧], at least :count[⟦46⟧]{#civ type=killed group=civilians}
civilians, :count[⟦9⟧]{type=killed group=women part-of=civ} of them women, and :count[⟦a great many⟧]{type=injured}
others were hurt by :actor[⟦the Assad⟧
⟦regime⟧]{role=perpetrator} and :actor[⟦Wagner Group⟧] in :place[⟦Idlib province⟧], :place[⟦Harim⟧],
:place[⟦Tell Abyad⟧] and :place[⟦Kafr Nowhere⟧].
:::
`);

  /** What each marked label is, in order: a label over two lines is a token on each. */
  const CLASSES: [string, string[]][] = [
    ['enumMember', []], // a date read from its label
    ['enumMember', UNRESOLVED], // one no calendar can place
    ['number', ['declaration']], // #civ
    ['number', []],
    ['number', UNRESOLVED], // no number to read
    ['function', []], // an alias, resolved, on two lines
    ['function', []],
    ['function', UNRESOLVED], // not in the gazetteer
    ['namespace', []], // an alias
    ['namespace', []],
    ['namespace', UNRESOLVED], // two towns of that name, neither in the incident's place
    ['namespace', UNRESOLVED], // not in the gazetteer
  ];

  it('classifies every label, and tells resolved names from unresolved ones', async () => {
    const { client, result, open } = await serverWith(EDITOR);
    const legend = { tokenTypes: ['number', 'enumMember', 'function', 'namespace'], tokenModifiers: ['declaration', 'deprecated', 'unresolved'] };
    expect(result.capabilities.semanticTokensProvider).toEqual({ legend, full: true, range: true });

    const uri = await open('report.md', REPORT.text);
    const tokens = await request<SemanticTokens>(client, 'textDocument/semanticTokens/full', { textDocument: { uri } });
    expect(REPORT.spans).toHaveLength(CLASSES.length);
    const expected = REPORT.spans.map((span, index) => ({ ...span, type: CLASSES[index]![0], modifiers: CLASSES[index]![1] }));
    expect(decode(tokens, REPORT.text, legend)).toEqual(expected);

    // A range: the labels that overlap it, encoded from the start of the document as LSP wants.
    const document = TextDocument.create(uri, 'markdown', 1, REPORT.text);
    const line = document.positionAt(REPORT.text.indexOf('others were hurt')).line;
    const inRange = await request<SemanticTokens>(client, 'textDocument/semanticTokens/range', {
      textDocument: { uri },
      range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } },
    });
    expect(decode(inRange, REPORT.text, legend)).toEqual(expected.slice(5, 7));
  });

  it('answers nothing for a file that is not a report', async () => {
    const { client, open } = await serverWith(EDITOR);
    const uri = await open('gazetteer.yaml', GAZETTEER);
    expect(await request(client, 'textDocument/semanticTokens/full', { textDocument: { uri } })).toEqual({ data: [] });
    expect(await request(client, 'textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } } })).toEqual([]);
    // A gazetteer file's code lenses (each entry's mentions) are test/lsp/gazetteerFileFeatures.test.ts's.
  });
});

describe('inlay hints over LSP', { timeout: 30_000 }, () => {
  // ‸ marks where each hint stands: after the whole directive.
  const REPORT = stripMarkers(`---
published: 2023-10-10
---
On :date[4 October]‸ and :date[12 October 2022]{}‸, none for :date[5 October]{value=2023-10-05} or :date[the funeral].

:::incident{#idlib date=2023-10-04/2023-10-07 place=idlib-governorate}
On :date[Thursday]‸, :actor[the Assad regime]{role=perpetrator}‸ shelled :place[Idlib province]‸ and :place[Harim].
Not for a name, a ref=, an unknown name: :actor[Government of Syria], :actor[Damascus]{ref=syrian-government},
:actor[Wagner Group], :place[Tell Abyad].
:::
`);

  it('gives the value read from each date without one and the gazetteer name of each alias, each once', async () => {
    const { client, result, open } = await serverWith(EDITOR);
    expect(result.capabilities.inlayHintProvider).toBe(true);
    const uri = await open('report.md', REPORT.text);
    const document = TextDocument.create(uri, 'markdown', 1, REPORT.text);
    const all = { start: { line: 0, character: 0 }, end: document.positionAt(REPORT.text.length) };
    const hints = await request<InlayHint[]>(client, 'textDocument/inlayHint', { textDocument: { uri }, range: all });

    const at = (index: number) => document.positionAt(REPORT.cursors[index]!);
    /** An insertion at a hint's position, or `back` characters before it (inside the closing brace). */
    const insert = (index: number, newText: string, back = 0) => {
      const position = document.positionAt(REPORT.cursors[index]! - back);
      return [{ range: { start: position, end: position }, newText }];
    };
    expect(hints).toEqual([
      {
        position: at(0),
        label: '= 2023-10-04',
        kind: 1,
        paddingLeft: true,
        tooltip: 'No value: "4 October" reads as 2023-10-04 (the year from published 2023-10-10).',
        textEdits: insert(0, '{value=2023-10-04}'),
      },
      {
        // Into the attributes there are, before the closing brace.
        position: at(1),
        label: '= 2022-10-12',
        kind: 1,
        paddingLeft: true,
        tooltip: 'No value: "12 October 2022" reads as 2022-10-12.',
        textEdits: insert(1, 'value=2022-10-12', 1),
      },
      {
        position: at(2),
        label: '= 2023-10-05',
        kind: 1,
        paddingLeft: true,
        tooltip: 'No value: "Thursday" reads as 2023-10-05 (the Thursday within the incident\'s date 2023-10-04/2023-10-07).',
        textEdits: insert(2, '{value=2023-10-05}'),
      },
      {
        position: at(3),
        label: '→ Government of Syria',
        kind: 1,
        paddingLeft: true,
        tooltip: '"the Assad regime" is an alias of Government of Syria (syrian-government).',
      },
      {
        position: at(4),
        label: '→ Idlib Governorate',
        kind: 1,
        paddingLeft: true,
        tooltip: '"Idlib province" is an alias of Idlib Governorate (idlib-governorate).',
      },
    ]);

    // Accepting the date hints writes exactly their values, and nothing else.
    const accepted = applyEdits(REPORT.text, hints.flatMap((hint) => hint.textEdits ?? []));
    expect(accepted).toBe(
      REPORT.text
        .replace(':date[4 October]', ':date[4 October]{value=2023-10-04}')
        .replace(':date[12 October 2022]{}', ':date[12 October 2022]{value=2022-10-12}')
        .replace(':date[Thursday]', ':date[Thursday]{value=2023-10-05}'),
    );

    // Asked for the incident's first line only: its hints alone.
    const line = at(2).line;
    const inRange = await request<InlayHint[]>(client, 'textDocument/inlayHint', {
      textDocument: { uri },
      range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } },
    });
    expect(inRange).toEqual(hints.slice(2));
  });

  it('gives none for a check turned off, by the team or by the writer', async () => {
    const { client, open } = await serverWith(EDITOR, { rules: { 'place-alias': 'off' } }, { '.incident-markup.yaml': 'rules:\n  date-inferred: off\n' });
    const uri = await open('report.md', REPORT.text);
    const document = TextDocument.create(uri, 'markdown', 1, REPORT.text);
    const all = { start: { line: 0, character: 0 }, end: document.positionAt(REPORT.text.length) };
    const hints = await request<InlayHint[]>(client, 'textDocument/inlayHint', { textDocument: { uri }, range: all });
    expect(hints.map((hint) => [document.offsetAt(hint.position), hint.label])).toEqual([[REPORT.cursors[3], '→ Government of Syria']]);
  });
});

describe('the hints inlay hints show, as diagnostics', { timeout: 30_000 }, () => {
  const REPORT = stripMarkers(`---
published: 2023-10-10
---
On :date[⟦4 October⟧], :actor[⟦the Assad regime⟧] shelled :place[⟦Idlib province⟧], and :actor[⟦Wagner Group⟧] too.
`);
  const [date, actor, place, unknown] = REPORT.spans.map((span) => {
    const document = TextDocument.create('file:///x.md', 'markdown', 1, REPORT.text);
    return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
  });
  const DOCS = 'https://github.com/incident-markup/incident-markup/blob/main/docs/rules.md';
  const diagnostic = (range: typeof date, code: string, severity: number, message: string): Diagnostic => ({
    range: range!,
    severity: severity as Diagnostic['severity'],
    code,
    codeDescription: { href: `${DOCS}#${code}` },
    source: 'incident-markup',
    message,
  });
  const UNKNOWN = diagnostic(unknown, 'actor-unknown', 2, 'Actor "Wagner Group" is not in the gazetteer; add it to the gazetteer or give ref= with its id.');
  const HINTS = [
    diagnostic(date, 'date-inferred', 4, 'No value: "4 October" reads as 2023-10-04 (the year from published 2023-10-10).'),
    diagnostic(actor, 'actor-alias', 4, '"the Assad regime" is an alias of Government of Syria (syrian-government).'),
    diagnostic(place, 'place-alias', 4, '"Idlib province" is an alias of Idlib Governorate (idlib-governorate).'),
  ];
  const byPosition = (diagnostics: Diagnostic[]) =>
    [...diagnostics].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);

  it('are left out for a client that shows inlay hints', async () => {
    const { client, open } = await serverWith(EDITOR);
    const uri = await open('report.md', REPORT.text);
    expect(await client.waitForDiagnostics(uri)).toEqual([UNKNOWN]);
  });

  it('are sent to a client without inlay hints, without the link to their documentation, which it does not read', async () => {
    const { client, open } = await serverWith(WITHOUT_INLAY_HINTS);
    const uri = await open('report.md', REPORT.text);
    const unlinked = ({ codeDescription: _, ...rest }: Diagnostic): Diagnostic => rest;
    expect(byPosition(await client.waitForDiagnostics(uri))).toEqual(byPosition([...HINTS, UNKNOWN].map(unlinked)));
  });

  it('come back with incidentMarkup.inlayHints.asDiagnostics, and go when it is turned off again', async () => {
    const { client, open, configuration } = await serverWith(EDITOR, { inlayHints: { asDiagnostics: true } });
    const uri = await open('report.md', REPORT.text);
    expect(byPosition(await client.waitForDiagnostics(uri))).toEqual(byPosition([...HINTS, UNKNOWN]));

    const since = client.mark();
    configuration.current = { builtinGazetteer: false, inlayHints: { asDiagnostics: false } };
    await client.changeConfiguration({});
    expect(await client.waitForDiagnostics(uri, (diagnostics) => diagnostics.length === 1, since)).toEqual([UNKNOWN]);
    // What the client shows besides diagnostics is asked for again too (a setting may change what a name resolves to).
    for (const method of ['workspace/semanticTokens/refresh', 'workspace/inlayHint/refresh', 'workspace/codeLens/refresh']) {
      await client.waitForRequest(method, since);
    }
  });

  it('are sent when the team raised them above hint: then they are problems to list', async () => {
    const { client, open } = await serverWith(EDITOR, {}, { '.incident-markup.yaml': 'rules:\n  place-alias: warning\n' });
    const uri = await open('report.md', REPORT.text);
    expect(byPosition(await client.waitForDiagnostics(uri))).toEqual(byPosition([{ ...HINTS[2]!, severity: 2 }, UNKNOWN]));
  });
});

describe('code lenses over LSP', { timeout: 30_000 }, () => {
  // ⟦…⟧ marks each incident's opening line, where its lens stands.
  const REPORT = stripMarkers(`---
published: 2023-10-10
---
⟦:::incident{#parts date=2023-10-04 place=idlib-governorate}⟧
At least :count[46]{#civ type=killed group=civilians} civilians, among them :count[9]{type=killed group=women part-of=civ}
women and :count[13]{type=killed group=children part-of=civ} children, were killed and :count[at least 213]{type=injured}
injured; :count[two]{type=missing} are missing.
:::

⟦:::incident{#sources date=2023-10-05 killed=50}⟧
The observatory counted :count[46]{type=killed group=civilians} dead, the civil defence :count[52]{type=killed group=civilians}.
:::

⟦:::incident{#agreeing date=2023-10-06}⟧
One source says :count[at least 46]{type=killed}, another :count[48]{type=killed}; :count[about 50]{type=injured} were hurt
and :count[up to 10]{type=detained} detained.
:::

⟦:::incident{#groups date=2023-10-07}⟧
:count[9]{type=killed group=women} women and :count[30]{type=killed group=men} men were killed.
:::

:::incident{#none date=2023-10-08}
No figures, and :count[a great many]{type=injured} is no number.
:::
`);

  it('puts the figures of each incident with counts above its opening line: totals, not parts; ranges where sources conflict', async () => {
    const { client, result, open } = await serverWith(EDITOR);
    expect(result.capabilities.codeLensProvider).toEqual({ resolveProvider: false });
    const uri = await open('report.md', REPORT.text);
    const lenses = await request<CodeLens[]>(client, 'textDocument/codeLens', { textDocument: { uri } });
    const document = TextDocument.create(uri, 'markdown', 1, REPORT.text);
    const titles = ['46 killed · 213 injured · 2 missing', '46–52 killed', '48 killed · 45–55 injured · at most 10 detained', '39 killed'];
    expect(lenses).toEqual(
      REPORT.spans.map((span, index) => ({
        range: { start: document.positionAt(span.start), end: document.positionAt(span.end) },
        // No command to run: VS Code shows a lens without a command id as plain text.
        command: { title: titles[index], command: '' },
      })),
    );
  });
});
