// Hover, definition, completion and code lenses in a gazetteer file, over LSP, on a workspace of a
// gazetteer and two reports written here; every answer compared whole.
import type { ClientCapabilities, CodeLens, Hover, Location, LocationLink, Position, Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterEach, describe, expect, it } from 'vitest';
import { startInProcess, tempWorkspace } from '../helpers/lspClient.js';
import { stripMarkers, type MarkedSpan } from '../helpers/markers.js';

const CLIENT: ClientCapabilities = {
  window: { workDoneProgress: true },
  workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, codeLens: { refreshSupport: true } },
  textDocument: {
    codeLens: {},
    hover: { contentFormat: ['markdown'] },
    definition: { linkSupport: true },
    completion: { completionItem: { labelDetailsSupport: true } },
  },
};

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * The files of a workspace, written without their markers (⟦…⟧ what an answer must hold, in
 * order; ‸ where a request is made), with the server started on it and the gazetteer open.
 */
async function startWorkspace(marked: Record<string, string>, settings: Record<string, unknown> = {}) {
  const files = Object.fromEntries(Object.entries(marked).map(([name, text]) => [name, stripMarkers(text)]));
  const workspace = await tempWorkspace(Object.fromEntries(Object.entries(files).map(([name, file]) => [name, file.text])));
  cleanups.push(workspace.dispose);
  const client = startInProcess();
  cleanups.push(() => client.shutdown());
  client.configuration = (item) => (item.section === 'incidentMarkup' ? settings : null);
  const initialized = await client.initialize(CLIENT, { rootPath: workspace.root });
  await client.open(workspace.uri('gazetteer.yaml'), files['gazetteer.yaml']!.text);
  const ranges = (name: string): Range[] => files[name]!.spans.map((span) => rangeIn(files[name]!.text, span));
  const cursors = (name: string): Position[] => files[name]!.cursors.map((offset) => positionIn(files[name]!.text, offset));
  const at = (position: Position) => ({ textDocument: { uri: workspace.uri('gazetteer.yaml') }, position });
  const request = <T>(method: string, params: object) => client.connection.sendRequest<T>(method, params);
  return { workspace, client, initialized, ranges, cursors, at, request };
}

function positionIn(text: string, offset: number): Position {
  return TextDocument.create('file:///x', 'yaml', 1, text).positionAt(offset);
}

function rangeIn(text: string, span: MarkedSpan): Range {
  return { start: positionIn(text, span.start), end: positionIn(text, span.end) };
}

/**
 * Two reports that name the gazetteer's entries by alias, label, id and in=, with Saraqib's
 * mentions marked; one has an underscore in its name, which a hover must escape.
 */
const REPORTS = {
  'reports/a.md': `:::incident{#strikes date=2023-10-05 place=idlib-governorate}
:actor[Russia]{role=perpetrator} and :actor[the Assad regime]{role=perpetrator} shelled :place[⟦Saraqib⟧].
:::
`,
  'reports/north_front.md': `:::incident{#raid date=2023-10-08 place=⟦saraqib⟧}
:actor[Russian forces]{role=perpetrator} struck :place[⟦Saraqib⟧]{in=idlib-governorate}.
:::
`,
};

describe('code lenses in a gazetteer file', { timeout: 60_000 }, () => {
  it('stand above each entry with its mentions in the workspace\u2019s reports, and open them', async () => {
    // ⟦…⟧ each entry (what its lens spans), ‸ its id (where the lens asks for its references).
    const { workspace, initialized, ranges, cursors, request } = await startWorkspace({
      'gazetteer.yaml': `actors:
  - ⟦id: ‸russian-armed-forces
    name: Russian Armed Forces
    aliases: [Russia, Russian forces]
    kind: state-forces⟧
  - ⟦id: ‸syrian-government
    name: Government of Syria
    aliases: [Assad regime]
    kind: state-forces⟧
  - ⟦id: ‸pro-government-forces
    name: Pro-government forces
    kind: coalition
    members: [russian-armed-forces, syrian-government]⟧
places:
  - ⟦id: ‸idlib-governorate
    name: Idlib Governorate
    kind: governorate⟧
  - ⟦id: "‸saraqib"
    name: Saraqib
    kind: town
    in: idlib-governorate⟧
`,
      ...REPORTS,
    });
    expect(initialized.capabilities.codeLensProvider).toEqual({ resolveProvider: false });
    expect(initialized.capabilities.executeCommandProvider?.commands).toContain('incident-markup.server.showReferences');

    const uri = workspace.uri('gazetteer.yaml');
    const showReferences = (position: Position) => ({ title: expect.any(String), command: 'incident-markup.server.showReferences', arguments: [uri, position] });
    const lenses = await request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const [entries, ids] = [ranges('gazetteer.yaml'), cursors('gazetteer.yaml')];
    expect(lenses).toEqual([
      { range: entries[0], command: { ...showReferences(ids[0]!), title: '2 mentions in 2 reports' } },
      { range: entries[1], command: { ...showReferences(ids[1]!), title: '1 mention in 1 report' } },
      // Named by no report: the lens only says so, with nothing to open.
      { range: entries[2], command: { title: 'no mentions', command: '' } },
      // The incident's place= and an in= count, as references lists them.
      { range: entries[3], command: { ...showReferences(ids[3]!), title: '2 mentions in 2 reports' } },
      // Two in one report: the label and the incident's place=.
      { range: entries[4], command: { ...showReferences(ids[4]!), title: '3 mentions in 2 reports' } },
    ]);

    // What a client that is not VS Code gets from the lens's command: the mentions the title counts, as references lists them.
    const saraqib = lenses[4]!.command!;
    const mentions = await request<Location[]>('workspace/executeCommand', { command: saraqib.command, arguments: saraqib.arguments });
    expect(mentions).toEqual(
      ['reports/a.md', 'reports/north_front.md'].flatMap((name) => ranges(name).map((range) => ({ uri: workspace.uri(name), range }))),
    );
    expect(await request<Location[]>('textDocument/references', { textDocument: { uri }, position: ids[4], context: { includeDeclaration: false } })).toEqual(mentions);
  });
});

describe('hover in a gazetteer file', { timeout: 60_000 }, () => {
  it('shows the card of the entry at an id, a name, an in: or a members item, with its mentions; a built-in place\u2019s card too', async () => {
    // ⟦…⟧ the value each hover is for, ‸ where it is asked, in the same order (the last on no id: no hover).
    const { ranges, cursors, at, request } = await startWorkspace({
      'gazetteer.yaml': `actors:
  - id: russian-armed-forces
    name: ⟦Russian *Armed* ‸Forces⟧
    aliases: [Russia, Russian forces]
    kind: state-forces
  - id: syrian-government
    name: Government of Syria
    aliases: [Assad regime]
    kind: state-forces
  - id: pro-government-forces
    name: Pro-government forces
    kind: coalition
    members: [russian-armed-forces, ⟦syrian-gov‸ernment⟧]
places:
  - id: idlib-governorate
    name: Idlib Governorate
    kind: governorate
    in: ⟦geo:‸SY⟧
  - id: ⟦sar‸aqib⟧
    name: Saraqib
    kind: town
    in: ⟦idlib-‸governorate⟧
    coordinates: [35.‸86, 36.8]
    note: Held by the opposition until <2020>.
`,
      ...REPORTS,
    });
    const hovers = await Promise.all(cursors('gazetteer.yaml').map((position) => request<Hover | null>('textDocument/hover', at(position))));
    const markdown = (value: string) => ({ kind: 'markdown', value });
    const [name, member, builtIn, id, parent] = ranges('gazetteer.yaml');
    expect(hovers).toEqual([
      {
        // The name as written, its asterisks escaped; the report whose name has an underscore too.
        contents: markdown(
          [
            '**Russian \\*Armed\\* Forces** — state-forces',
            'Also written: Russia, Russian forces',
            'id `russian-armed-forces` · gazetteer.yaml',
            '2 mentions in 2 reports: reports/a.md (1), reports/north\\_front.md (1)',
          ].join('\n\n'),
        ),
        range: name,
      },
      {
        contents: markdown(['**Government of Syria** — state-forces', 'Also written: Assad regime', 'id `syrian-government` · gazetteer.yaml', '1 mention in 1 report: reports/a.md (1)'].join('\n\n')),
        range: member,
      },
      // A built-in place has no file to go to, but a card like any other.
      { contents: markdown(['**Syria** — country', 'id `geo:SY` · built-in', 'No report in the workspace mentions it.'].join('\n\n')), range: builtIn },
      {
        // The report that mentions it most first; the note's angle brackets escaped.
        contents: markdown(
          [
            '**Saraqib** — town',
            'in Idlib Governorate › Syria',
            '35.86, 36.8',
            '_Held by the opposition until \\<2020>._',
            'id `saraqib` · gazetteer.yaml',
            '3 mentions in 2 reports: reports/north\\_front.md (2), reports/a.md (1)',
          ].join('\n\n'),
        ),
        range: id,
      },
      {
        contents: markdown(
          ['**Idlib Governorate** — governorate', 'in Syria', 'id `idlib-governorate` · gazetteer.yaml', '2 mentions in 2 reports: reports/a.md (1), reports/north\\_front.md (1)'].join('\n\n'),
        ),
        range: parent,
      },
      // Coordinates, kinds, aliases and notes are the YAML editor's to explain.
      null,
    ]);
  });
  it('names the five reports that mention the entry most, then counts the rest', async () => {
    const report = (times: number) => `:::incident{#raid date=2023-10-08}\n${':place[Saraqib] '.repeat(times)}was shelled.\n:::\n`;
    const reports = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((number) => [`reports/r${number}.md`, report(number === 3 ? 2 : 1)]));
    const { ranges, cursors, at, request } = await startWorkspace(
      { 'gazetteer.yaml': 'places:\n  - id: ⟦sara‸qib⟧\n    name: Saraqib\n    kind: town\n', ...reports },
      { builtinGazetteer: false },
    );
    expect(await request<Hover | null>('textDocument/hover', at(cursors('gazetteer.yaml')[0]!))).toEqual({
      contents: {
        kind: 'markdown',
        value: [
          '**Saraqib** — town',
          'id `saraqib` · gazetteer.yaml',
          // The most first, then by path.
          '8 mentions in 7 reports: reports/r3.md (2), reports/r1.md (1), reports/r2.md (1), reports/r4.md (1), reports/r5.md (1), and 2 more',
        ].join('\n\n'),
      },
      range: ranges('gazetteer.yaml')[0],
    });
  });
});

describe('definition in a gazetteer file', { timeout: 60_000 }, () => {
  it('goes from an in: or members item to the entry it names, in this file or in one loaded with it; not from a built-in place or an entry\u2019s own id', async () => {
    // ⟦…⟧ the entries gone to, then the items gone from, in file order; ‸ where each request is made.
    const { workspace, ranges, cursors, at, request } = await startWorkspace({
      'gazetteer.yaml': `actors:
  - ⟦id: syrian-government
    name: Government of Syria
    kind: state-forces
⟧  - id: pro-government-forces
    name: Pro-government forces
    kind: coalition
    members: [⟦syrian-‸government⟧, "⟦national-‸defence-forces⟧"]
places:
  - ⟦id: idlib-governorate
    name: Idlib Governorate
    kind: governorate
    in: geo:‸SY
⟧  - id: sar‸aqib
    name: Saraqib
    kind: town
    in: ⟦idlib-‸governorate⟧
`,
      // The report's own gazetteer, loaded with the team's: the team's entries name its actor.
      'reports/extra.yaml': `actors:
  - ⟦id: national-defence-forces
    name: National Defence Forces
    kind: armed-group
⟧`,
      'reports/a.md': `---
gazetteer: [extra.yaml]
---
:::incident{#strikes date=2023-10-05 place=saraqib}
:actor[National Defence Forces]{role=perpetrator} shelled :place[Saraqib].
:::
`,
    });
    const answers = await Promise.all(cursors('gazetteer.yaml').map((position) => request<LocationLink[] | null>('textDocument/definition', at(position))));
    const [government, governmentItem, defenceItem, idlib, idlibItem] = ranges('gazetteer.yaml');
    // As from a report: the whole entry is the target.
    const link = (origin: Range | undefined, file: string, entry: Range | undefined): LocationLink[] => [
      { originSelectionRange: origin!, targetUri: workspace.uri(file), targetRange: entry!, targetSelectionRange: entry! },
    ];
    expect(answers).toEqual([
      link(governmentItem, 'gazetteer.yaml', government),
      link(defenceItem, 'reports/extra.yaml', ranges('reports/extra.yaml')[0]),
      // A built-in place is in no file: its hover shows it instead.
      null,
      // An entry's own id is where it is defined.
      null,
      link(idlibItem, 'gazetteer.yaml', idlib),
    ]);
  });
});

describe('completion in a gazetteer file', { timeout: 60_000 }, () => {
  type Offered = [label: string, detail: string, kind: 'actor' | 'place', labelDetails: { detail?: string; description?: string }];
  /**
   * A whole completion list as the server sends it: each id replaces the marked span; the client
   * shows what it is given (the server matched it); the entry's name and kind beside the id, its
   * containing areas apart, as a report's ref= shows them.
   */
  const list = (range: Range | undefined, typed: string, offered: Offered[]) => ({
    isIncomplete: true,
    items: offered.map(([label, detail, kind, labelDetails], rank) => ({
      label,
      labelDetails,
      kind: kind === 'actor' ? 4 : 19,
      detail,
      filterText: typed,
      sortText: String(rank).padStart(5, '0'),
      insertTextFormat: 1,
      textEdit: { range, newText: label },
    })),
  });

  it('offers places for in: and actors for members, by id, name or alias; not the entry itself, a place inside it or a member listed already', async () => {
    // ⟦…⟧ the id each completion replaces, ‸ where it is asked, in the same order. The built-in layer is off: only the team's entries.
    const { ranges, cursors, at, request } = await startWorkspace(
      {
        'gazetteer.yaml': `actors:
  - id: russian-armed-forces
    name: Russian Armed Forces
    aliases: [Russia]
  - id: wagner-group
    name: Wagner Group
  - id: syrian-government
    name: Government of Syria
  - id: pro-government-forces
    name: Pro-government forces
    kind: coalition
    members: [syrian-government, ⟦‸⟧]
  - id: russian-forces-in-syria
    name: Russian forces in Syria
    kind: coalition
    members:
      - russian-armed-forces
      # and the contractors
      - ⟦wa‸⟧
places:
  - id: syria
    name: Syria
    kind: country
  - id: idlib-governorate
    name: Idlib Governorate
    kind: governorate
    in: ⟦‸syria⟧
  - id: saraqib
    name: Saraqib
    kind: town
    in: idlib-governorate
  - id: maarrat-al-numan
    name: Maarrat al-Numan
    kind: town
    in: "⟦Idl‸⟧"
`,
      },
      { builtinGazetteer: false },
    );
    const lists = await Promise.all(cursors('gazetteer.yaml').map((position) => request('textDocument/completion', at(position))));
    const [coalitionItem, blockItem, governorateIn, townIn] = ranges('gazetteer.yaml');
    expect(lists).toEqual([
      // Every actor but the coalition itself and the member it lists already; a coalition may be a member.
      list(coalitionItem, '', [
        ['russian-armed-forces', 'Russian Armed Forces', 'actor', { detail: ' (Russian Armed Forces)' }],
        ['russian-forces-in-syria', 'Russian forces in Syria — coalition', 'actor', { detail: ' (Russian forces in Syria) coalition' }],
        ['wagner-group', 'Wagner Group', 'actor', { detail: ' (Wagner Group)' }],
      ]),
      // An item of a block list under members: (a comment between), by its id.
      list(blockItem, 'wa', [['wagner-group', 'Wagner Group', 'actor', { detail: ' (Wagner Group)' }]]),
      // The whole id under the cursor is replaced; not Saraqib, which lies inside the governorate (a cycle).
      list(governorateIn, '', [
        ['maarrat-al-numan', 'Maarrat al-Numan — town', 'place', { detail: ' (Maarrat al-Numan) town' }],
        ['syria', 'Syria — country', 'place', { detail: ' (Syria) country' }],
      ]),
      // By name, quoted.
      list(townIn, 'Idl', [['idlib-governorate', 'Idlib Governorate — governorate, Syria', 'place', { detail: ' (Idlib Governorate) governorate', description: 'Syria' }]]),
    ]);
  });

  it('offers built-in places for in: by their id as written, or by a name', async () => {
    // The built-in layer is on: what the team's gazetteer hangs its own places under.
    const { ranges, cursors, at, request } = await startWorkspace({
      'gazetteer.yaml': `places:
  - id: abu-al-duhur-airbase
    name: Abu al-Duhur airbase
    kind: site
    in: ⟦geo:SY‸⟧
  - id: kafr-nabl-hospital
    name: Kafr Nabl hospital
    kind: site
    in: ⟦Kafr Nab‸⟧
`,
    });
    const lists = await Promise.all(cursors('gazetteer.yaml').map((position) => request('textDocument/completion', at(position))));
    const [byId, byName] = ranges('gazetteer.yaml');
    expect(lists).toEqual([
      // An id is not a name to search the world for ("geo:SY" is no spelling of Geusa or Giussano).
      list(byId, 'geo:SY', [['geo:SY', 'Syria — country', 'place', { detail: ' (Syria) country' }]]),
      // A name with spaces, looked up as a report's label is: GeoNames' Kafranbel, whose alias is Kafr Nabl.
      list(byName, 'Kafr Nab', [
        [
          'geo:SY.12:kafranbel',
          "Kafranbel — town, Maarrat al-Nu'man District, Idlib, Syria · pop. 45,652",
          'place',
          { detail: ' (Kafranbel) town', description: "Maarrat al-Nu'man District, Idlib, Syria · pop. 45,652" },
        ],
      ]),
    ]);
  });
});
