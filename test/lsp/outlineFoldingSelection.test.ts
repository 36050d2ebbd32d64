// The outline (textDocument/documentSymbol), folding (textDocument/foldingRange) and selection
// ranges (textDocument/selectionRange) over LSP, on reports written here, compared whole.
import { SymbolKind, type ClientCapabilities, type DocumentSymbol, type FoldingRange, type Range, type SelectionRange, type SymbolInformation } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterEach, describe, expect, it } from 'vitest';
import { startInProcess, tempWorkspace } from '../helpers/lspClient.js';
import { stripMarkers } from '../helpers/markers.js';

const GAZETTEER = `actors:
  - id: syrian-government
    name: Government of Syria
    aliases: [Assad regime]
places:
  - id: syria
    name: Syria
    kind: country
  - id: idlib-governorate
    name: Idlib Governorate
    aliases: [Idlib province]
    kind: governorate
    in: syria
`;
const HIERARCHICAL: ClientCapabilities = { textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true } } };

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A server on a workspace with the gazetteer above and without the built-in world layer, so that names resolve only there. */
async function serverWith(capabilities: ClientCapabilities) {
  const workspace = await tempWorkspace({ 'gazetteer.yaml': GAZETTEER });
  cleanups.push(workspace.dispose);
  const client = startInProcess();
  cleanups.push(() => client.shutdown());
  const result = await client.initialize(capabilities, { rootPath: workspace.root, initializationOptions: { settings: { builtinGazetteer: false } } });
  const open = async (name: string, text: string) => {
    const uri = workspace.uri(name);
    await client.open(uri, text);
    return uri;
  };
  return { client, result, open };
}

/** Ranges in `text` by what they hold: `of` a piece of text (its first occurrence), `fromTo` from one piece to the end of a later one. */
function locate(text: string) {
  const document = TextDocument.create('file:///report.md', 'markdown', 1, text);
  const find = (needle: string, from = 0) => {
    const at = text.indexOf(needle, from);
    if (at < 0) throw new Error(`"${needle}" is not in the test document`);
    return at;
  };
  const range = (start: number, end: number): Range => ({ start: document.positionAt(start), end: document.positionAt(end) });
  return {
    of: (needle: string) => range(find(needle), find(needle) + needle.length),
    within: (outer: string, needle: string) => range(find(needle, find(outer)), find(needle, find(outer)) + needle.length),
    fromTo: (first: string, last: string) => range(find(first), find(last, find(first)) + last.length),
    range,
    lineOf: (needle: string) => document.positionAt(find(needle)).line,
  };
}

const REPORT = `Before any heading, on :date[4 October]{value=2023-10-04}.

# Strikes

## Idlib

:::incident{#idlib date=2023-10-04/2023-10-07 place=idlib-governorate}
At least :count[46]{#civ type=killed group=civilians}, including :count[9]{type=killed group=women part-of=civ}
women, were killed and :count[at least 213]{type=injured} injured by :actor[the Assad regime]{role=perpetrator}.
:::

### Sources

Figures from :actor[Civil Defence]{role=source}.

## Elsewhere

:::incident{#market date=2023-10-05 place="Kafr Nowhere"}
:count[3]{type=killed} people died in :place[Kafr Nowhere].
#### Witnesses
None could be reached.
:::

# Unclosed

:::incident{#late date=2023-11}
:count[2]{type=missing} people are missing.
`;

describe('document symbols over LSP', { timeout: 30_000 }, () => {
  it('nests headings by level, incidents under their heading and annotations under their incident or heading', async () => {
    const { client, result, open } = await serverWith(HIERARCHICAL);
    expect(result.capabilities).toMatchObject({ documentSymbolProvider: { label: 'Incident Markup' }, foldingRangeProvider: true, selectionRangeProvider: true });
    const uri = await open('report.md', REPORT);
    const symbols = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });

    const { of, within, fromTo } = locate(REPORT);
    const annotation = (name: string, kind: SymbolKind, directive: string, label: string, detail?: string): DocumentSymbol => ({
      name,
      ...(detail ? { detail } : {}),
      kind,
      range: of(directive),
      selectionRange: within(directive, label),
      children: [],
    });
    const heading = (name: string, marks: string, last: string, children: DocumentSymbol[]): DocumentSymbol => ({
      name,
      kind: SymbolKind.String,
      range: fromTo(`${marks} ${name}`, last),
      selectionRange: of(`${marks} ${name}`),
      children,
    });
    const incident = (name: string, id: string, opening: string, last: string, children: DocumentSymbol[]): DocumentSymbol => ({
      name,
      detail: `#${id}`,
      kind: SymbolKind.Event,
      range: fromTo(opening, last),
      selectionRange: of(opening),
      children,
    });

    expect(symbols).toEqual([
      annotation('4 October', SymbolKind.Constant, ':date[4 October]{value=2023-10-04}', '4 October', '2023-10-04'),
      heading('Strikes', '#', 'reached.\n:::', [
        heading('Idlib', '##', '{role=source}.', [
          // Headline figures: a total per type, the parts (9 women) inside their total (46).
          incident('2023-10-04 – 07 · Idlib Governorate · 46 killed, 213 injured', 'idlib', ':::incident{#idlib date=2023-10-04/2023-10-07 place=idlib-governorate}', '.\n:::', [
            annotation('46 civilians killed', SymbolKind.Number, ':count[46]{#civ type=killed group=civilians}', '46', '#civ'),
            annotation('9 women killed', SymbolKind.Number, ':count[9]{type=killed group=women part-of=civ}', '9', 'part of #civ'),
            annotation('at least 213 injured', SymbolKind.Number, ':count[at least 213]{type=injured}', 'at least 213'),
            annotation('Government of Syria', SymbolKind.Constructor, ':actor[the Assad regime]{role=perpetrator}', 'the Assad regime', 'the Assad regime · perpetrator'),
          ]),
          heading('Sources', '###', '{role=source}.', [
            annotation('Civil Defence', SymbolKind.Constructor, ':actor[Civil Defence]{role=source}', 'Civil Defence', 'source · not in the gazetteer'),
          ]),
        ]),
        // The heading inside the incident is the incident's prose, not a heading of the outline.
        heading('Elsewhere', '##', 'reached.\n:::', [
          incident('2023-10-05 · Kafr Nowhere · 3 killed', 'market', ':::incident{#market date=2023-10-05 place="Kafr Nowhere"}', 'reached.\n:::', [
            annotation('3 killed', SymbolKind.Number, ':count[3]{type=killed}', '3'),
            annotation('Kafr Nowhere', SymbolKind.Namespace, ':place[Kafr Nowhere]', 'Kafr Nowhere', 'not in the gazetteer'),
          ]),
        ]),
      ]),
      // Never closed: the incident runs to the end of the report, as the parser reads it.
      heading('Unclosed', '#', 'are missing.\n', [
        incident('2023-11 · 2 missing', 'late', ':::incident{#late date=2023-11}', 'are missing.\n', [
          annotation('2 missing', SymbolKind.Number, ':count[2]{type=missing}', '2'),
        ]),
      ]),
    ]);
  });

  it('answers a flat list to a client without hierarchical symbols, and nothing for an empty report', async () => {
    const { client, open } = await serverWith({});
    const text = '# Strikes\n\n:::incident{#a date=2023-10-05}\nShelling of :place[Idlib province].\n:::\n';
    const uri = await open('report.md', text);
    const { of, fromTo } = locate(text);
    const symbols = await client.connection.sendRequest<SymbolInformation[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(symbols).toEqual([
      { name: 'Strikes', kind: SymbolKind.String, location: { uri, range: fromTo('# Strikes', ':::\n') } },
      { name: '2023-10-05', kind: SymbolKind.Event, location: { uri, range: fromTo(':::incident', '.\n:::') }, containerName: 'Strikes' },
      { name: 'Idlib Governorate', kind: SymbolKind.Namespace, location: { uri, range: of(':place[Idlib province]') }, containerName: '2023-10-05' },
    ]);

    const empty = await open('empty.md', '');
    const textDocument = { uri: empty };
    expect(await client.connection.sendRequest('textDocument/documentSymbol', { textDocument })).toEqual([]);
    expect(await client.connection.sendRequest('textDocument/foldingRange', { textDocument })).toEqual([]);
    const start = { line: 0, character: 0 };
    expect(await client.connection.sendRequest('textDocument/selectionRange', { textDocument, positions: [start] })).toEqual([{ range: { start, end: start } }]);
  });
});

describe('folding ranges over LSP', { timeout: 30_000 }, () => {
  it('folds the front matter and each incident, an unclosed one to the end of the report, and not headings', async () => {
    const { client, open } = await serverWith({});
    const text = [
      '---',
      'title: Strikes',
      'published: 2023-10-10',
      '---',
      '',
      '# Strikes',
      '',
      ':::incident{#a date=2023-10-04}',
      'Shelling of :place[Idlib province].',
      '',
      'More shelling.',
      ':::',
      '',
      ':::incident{#b date=2023-10-05}',
      'A strike.',
      '',
    ].join('\n');
    const uri = await open('report.md', text);
    const { lineOf } = locate(text);
    const ranges = await client.connection.sendRequest<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    expect(ranges).toEqual([
      { startLine: 0, endLine: lineOf('---\n\n') },
      { startLine: lineOf(':::incident{#a'), endLine: lineOf(':::\n') },
      // Unclosed: to its last line, not the empty line after the final line break.
      { startLine: lineOf(':::incident{#b'), endLine: lineOf('A strike.') },
    ]);
  });
});

describe('selection ranges over LSP', { timeout: 30_000 }, () => {
  it('grows from a value or a label to its directive, the block in the incident, the incident, the sections and the report', async () => {
    const { client, open } = await serverWith({});
    const { text, cursors } = stripMarkers(
      [
        '---',
        'title: Str‸ikes',
        '---',
        '',
        '# Strikes',
        '',
        '## Idlib',
        '',
        ':::incident{#idlib date=2023-10-04 place=idlib-gov‸ernorate}',
        'At least :count[4‸6]{#civ type=killed} were killed',
        'by :actor[the Assad regime]{role=perpetrator}.',
        '',
        '- witnesses named :actor[the Assad regime]{role=perp‸etrator}',
        ':::',
        '',
        'Figures from the ‸ministry.',
        '',
      ].join('\n'),
    );
    const uri = await open('report.md', text);
    const document = TextDocument.create(uri, 'markdown', 1, text);
    const { range, fromTo } = locate(text);
    const positions = cursors.map((offset) => document.positionAt(offset));
    const ranges = await client.connection.sendRequest<SelectionRange[]>('textDocument/selectionRange', { textDocument: { uri }, positions });

    /** `inner` is the first occurrence of its text at or after the start of `outer`'s. */
    const inside = (outer: string, inner: string) => {
      const start = text.indexOf(inner, text.indexOf(outer));
      return range(start, start + inner.length);
    };
    const chain = (...innermostFirst: Range[]): SelectionRange =>
      innermostFirst.reduceRight<SelectionRange | undefined>((parent, current) => ({ range: current, ...(parent ? { parent } : {}) }), undefined)!;
    const opening = ':::incident{#idlib date=2023-10-04 place=idlib-governorate}';
    const incident = fromTo(opening, '\n:::');
    const sections = [fromTo('## Idlib', 'ministry.\n'), fromTo('# Strikes', 'ministry.\n')];
    const report = range(0, text.length);
    expect(ranges).toEqual([
      chain(inside('title:', 'Strikes'), fromTo('---', 'Strikes\n---'), report),
      chain(inside(opening, 'idlib-governorate'), inside(opening, 'place=idlib-governorate'), inside(opening, '{#idlib date=2023-10-04 place=idlib-governorate}'), inside(opening, opening), incident, ...sections, report),
      chain(inside('At least', '46'), inside('At least', ':count[46]{#civ type=killed}'), fromTo('At least', 'perpetrator}.'), incident, ...sections, report),
      chain(
        inside('- witnesses', 'perpetrator'),
        inside('- witnesses', 'role=perpetrator'),
        inside('- witnesses', '{role=perpetrator}'),
        inside('- witnesses', ':actor[the Assad regime]{role=perpetrator}'),
        fromTo('- witnesses', '{role=perpetrator}'),
        incident,
        ...sections,
        report,
      ),
      chain(of(text, 'Figures from the ministry.'), ...sections, report),
    ]);
  });
});

function of(text: string, needle: string): Range {
  return locate(text).of(needle);
}

