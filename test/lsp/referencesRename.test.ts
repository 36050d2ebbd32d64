import { writeFile } from 'node:fs/promises';
import type { ClientCapabilities, DocumentHighlight, Location, Position, Range, SymbolInformation, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterEach, describe, expect, it } from 'vitest';
import { applyEdits, startInProcess, tempWorkspace } from '../helpers/lspClient.js';
import { stripMarkers, type MarkedSpan } from '../helpers/markers.js';

// Every test writes its workspace inline: ⟦…⟧ marks what the answer must hold (in order), ‸ where the request is made.

const CLIENT: ClientCapabilities = {
  window: { workDoneProgress: true },
  workspace: { didChangeWatchedFiles: { dynamicRegistration: true } },
};

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Marked {
  text: string;
  spans: MarkedSpan[];
  cursors: number[];
}

/** The files of a workspace, written without their markers, with the server started on it and `open` opened in the editor. */
async function startWorkspace(marked: Record<string, string>, open: readonly string[] = []) {
  const files: Record<string, Marked> = {};
  for (const [name, text] of Object.entries(marked)) files[name] = stripMarkers(text);
  const workspace = await tempWorkspace(Object.fromEntries(Object.entries(files).map(([name, file]) => [name, file.text])));
  cleanups.push(workspace.dispose);
  const client = startInProcess();
  cleanups.push(() => client.shutdown());
  const initialized = await client.initialize(CLIENT, { rootPath: workspace.root });
  for (const name of open) await client.open(workspace.uri(name), files[name]!.text);
  /** The marked spans of a file, in order, as LSP ranges. */
  const ranges = (name: string): Range[] => files[name]!.spans.map((span) => rangeIn(files[name]!.text, span));
  const cursor = (name: string, which = 0): Position => positionIn(files[name]!.text, files[name]!.cursors[which]!);
  const at = (name: string, which = 0) => ({ textDocument: { uri: workspace.uri(name) }, position: cursor(name, which) });
  return { workspace, client, initialized, files, ranges, cursor, at };
}

function positionIn(text: string, offset: number): Position {
  return TextDocument.create('file:///x', 'markdown', 1, text).positionAt(offset);
}

function rangeIn(text: string, span: MarkedSpan): Range {
  return { start: positionIn(text, span.start), end: positionIn(text, span.end) };
}

/** The texts after a WorkspaceEdit, for every file of the workspace (those it does not touch unchanged). */
function applyWorkspaceEdit(edit: WorkspaceEdit, files: Record<string, Marked>, uri: (name: string) => string): Record<string, string> {
  const known = new Set(Object.keys(files).map(uri));
  for (const target of Object.keys(edit.changes ?? {})) expect(known, `an edit in ${target}, which is no file of the workspace`).toContain(target);
  return Object.fromEntries(Object.entries(files).map(([name, file]) => [name, applyEdits(file.text, edit.changes?.[uri(name)] ?? [])]));
}

const GAZETTEER = `actors:
  - id: ⟦russian-armed-forces⟧
    name: Russian Armed Forces
    aliases: [Russia, Russian forces]
    kind: state-forces
  - id: syrian-government
    name: Government of Syria
    aliases: [Assad regime, regime forces]
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
  - id: saraqib
    name: Saraqib
    kind: town
    in: idlib-governorate
`;

describe('references over LSP', { timeout: 60_000 }, () => {
  it('from an annotation resolved by an alias: the entry, then every name of it in every report', async () => {
    const { client, initialized, ranges, at, workspace } = await startWorkspace(
      {
        'gazetteer.yaml': GAZETTEER,
        'reports/a.md': `:::incident{#strikes date=2023-10-05 place=idlib-governorate}
:actor[⟦Rus‸sia⟧]{role=perpetrator} and :actor[regime forces]{role=perpetrator} shelled :place[Saraqib].
:::
`,
        'reports/b.md': `:::incident{#raid date=2023-10-08 place=saraqib}
:actor[⟦the Russians⟧]{ref=russian-armed-forces role=perpetrator} struck :place[Saraqib].
Later :actor[⟦Russian forces⟧]{role=perpetrator} said so; :actor[Russian troups] is not them.
:::
`,
      },
      ['reports/a.md'],
    );
    expect(initialized.capabilities).toMatchObject({ referencesProvider: true, renameProvider: { prepareProvider: true }, documentHighlightProvider: true });

    const withDeclaration = await client.connection.sendRequest<Location[]>('textDocument/references', { ...at('reports/a.md'), context: { includeDeclaration: true } });
    expect(withDeclaration).toEqual([
      { uri: workspace.uri('gazetteer.yaml'), range: ranges('gazetteer.yaml')[0] },
      { uri: workspace.uri('reports/a.md'), range: ranges('reports/a.md')[0] },
      ...ranges('reports/b.md').map((range) => ({ uri: workspace.uri('reports/b.md'), range })),
    ]);
    const without = await client.connection.sendRequest<Location[]>('textDocument/references', { ...at('reports/a.md'), context: { includeDeclaration: false } });
    expect(without).toEqual(withDeclaration.slice(1));
  });
});

describe('references from a gazetteer file and after changes', { timeout: 60_000 }, () => {
  it('from an entry in the gazetteer: its id, then the incidents\u2019 place=, the in= and the labels that resolve to it, not the gazetteer\u2019s own in:', async () => {
    const { client, ranges, at, workspace } = await startWorkspace(
      {
        'gazetteer.yaml': `places:
  - id: syria
    name: Syria
    kind: country
  - id: ⟦idlib-governorate⟧
    name: Idlib Gover‸norate
    aliases: [Idlib province]
    kind: governorate
    in: syria
  - id: saraqib
    name: Saraqib
    kind: town
    in: idlib-governorate
`,
        'reports/a.md': `:::incident{#strikes date=2023-10-05 place=⟦idlib-governorate⟧}
Shelling of :place[Saraqib]{in=⟦idlib-governorate⟧} and of :place[Syria].
:::
`,
        'reports/b.md': `:::incident{#raid date=2023-10-08 place="⟦Idlib Governorate⟧"}
Across :place[⟦Idlib province⟧], and in :place[Saraqib].
:::
`,
      },
      ['gazetteer.yaml'],
    );
    const found = await client.connection.sendRequest<Location[]>('textDocument/references', { ...at('gazetteer.yaml'), context: { includeDeclaration: true } });
    expect(found).toEqual([
      { uri: workspace.uri('gazetteer.yaml'), range: ranges('gazetteer.yaml')[0] },
      ...ranges('reports/a.md').map((range) => ({ uri: workspace.uri('reports/a.md'), range })),
      ...ranges('reports/b.md').map((range) => ({ uri: workspace.uri('reports/b.md'), range })),
    ]);
  });

  it('follows a report changed on disk, and an open report\u2019s unsaved text', async () => {
    const gazetteer = `actors:
  - id: russian-armed-forces
    name: Russian Armed Forces
    aliases: [Russia, Russian forces]
`;
    const { client, at, workspace, files } = await startWorkspace({
      'gazetteer.yaml': gazetteer,
      'reports/a.md': ':::incident{#strikes date=2023-10-05}\n:actor[⟦Rus‸sia⟧]{role=perpetrator} shelled the town.\n:::\n',
      'reports/b.md': ':::incident{#raid date=2023-10-08}\nNo actor named yet.\n:::\n',
    });
    // a.md is not open: the request is made from its text on disk, through a client that has it open from here on.
    await client.open(workspace.uri('reports/a.md'), files['reports/a.md']!.text);
    const references = () => client.connection.sendRequest<Location[]>('textDocument/references', { ...at('reports/a.md'), context: { includeDeclaration: false } });
    const a = { uri: workspace.uri('reports/a.md'), range: { start: { line: 1, character: 7 }, end: { line: 1, character: 13 } } };
    expect(await references()).toEqual([a]);

    const changedB = stripMarkers(':::incident{#raid date=2023-10-08}\nThen :actor[⟦Russian forces⟧]{role=perpetrator} came back.\n:::\n');
    await writeFile(workspace.path('reports/b.md'), changedB.text);
    await client.changeWatchedFiles([{ uri: workspace.uri('reports/b.md'), type: 2 }]);
    const b = { uri: workspace.uri('reports/b.md'), range: rangeIn(changedB.text, changedB.spans[0]!) };
    // The file is read again in the background; ask until it has been (each answer is a real request).
    let answer = await references();
    for (let attempt = 0; attempt < 100 && answer.length < 2; attempt++) answer = await references();
    expect(answer).toEqual([a, b]);

    // Unsaved: the open report's live text counts, at once.
    const unsaved = stripMarkers(':::incident{#strikes date=2023-10-05}\n:actor[⟦Rus‸sia⟧]{role=perpetrator} and :actor[⟦Russian forces⟧] shelled the town.\n:::\n');
    await client.change(workspace.uri('reports/a.md'), 2, unsaved.text);
    const live = await client.connection.sendRequest<Location[]>('textDocument/references', {
      textDocument: { uri: workspace.uri('reports/a.md') },
      position: positionIn(unsaved.text, unsaved.cursors[0]!),
      context: { includeDeclaration: false },
    });
    expect(live).toEqual([...unsaved.spans.map((span) => ({ uri: workspace.uri('reports/a.md'), range: rangeIn(unsaved.text, span) })), b]);
  });
});

describe('references after a gazetteer change', { timeout: 60_000 }, () => {
  it('resolves the reports again against the changed gazetteer: a new alias brings its labels in', async () => {
    const { client, at, workspace, files } = await startWorkspace({
      'gazetteer.yaml': `actors:
  - id: russian-armed-forces
    name: Russian Armed Forces
    aliases: [Russia]
`,
      'reports/a.md': ':::incident{#strikes date=2023-10-05}\n:actor[⟦Rus‸sia⟧]{role=perpetrator} shelled the town.\n:::\n',
      'reports/b.md': ':::incident{#raid date=2023-10-08}\nThen :actor[⟦Russian troops⟧]{role=perpetrator} came back.\n:::\n',
    }, ['reports/a.md']);
    const references = () => client.connection.sendRequest<Location[]>('textDocument/references', { ...at('reports/a.md'), context: { includeDeclaration: false } });
    const [a, b] = [files['reports/a.md']!, files['reports/b.md']!].map((file) => rangeIn(file.text, file.spans[0]!));
    expect(await references()).toEqual([{ uri: workspace.uri('reports/a.md'), range: a }]);

    await writeFile(workspace.path('gazetteer.yaml'), files['gazetteer.yaml']!.text.replace('[Russia]', '[Russia, Russian troops]'));
    await client.changeWatchedFiles([{ uri: workspace.uri('gazetteer.yaml'), type: 2 }]);
    // Both reports used the gazetteer: the next answer resolves them again first.
    expect(await references()).toEqual([
      { uri: workspace.uri('reports/a.md'), range: a },
      { uri: workspace.uri('reports/b.md'), range: b },
    ]);
  });
});

describe('rename over LSP', { timeout: 60_000 }, () => {
  it('renames an actor\u2019s id in its entry, the coalitions\u2019 members and every ref= of every report; never a label, an alias or a note', async () => {
    const { client, at, files, workspace, ranges } = await startWorkspace(
      {
        'gazetteer.yaml': `actors:
  - id: russian-armed-forces
    name: Russian Armed Forces
    aliases: [Russia, Russian forces, russian-armed-forces]
    note: Not the same as russian-armed-forces-reserve.
  - id: syrian-government
    name: Government of Syria
    aliases: [Assad regime, regime forces]
  - id: pro-government-forces
    name: Pro-government forces
    kind: coalition
    members: [syrian-government, russian-armed-forces]
`,
        'reports/a.md': `:::incident{#strikes date=2023-10-05}
:actor[Russia]{role=perpetrator} and :actor[the army]{ref=russian-armed-forces role=perpetrator} shelled the town.
:actor[russian-armed-forces]{role=other} is how one source wrote it.
:::
`,
        'reports/b.md': `:::incident{#raid date=2023-10-08}
:actor[the Russians]{ref=⟦russian-armed-‸forces⟧ role=perpetrator} struck; :actor[Pro-government forces]{role=perpetrator} said so.
:::
`,
      },
      ['reports/b.md'],
    );
    const prepared = await client.connection.sendRequest('textDocument/prepareRename', at('reports/b.md'));
    expect(prepared).toEqual({ range: ranges('reports/b.md')[0], placeholder: 'russian-armed-forces' });

    const edit = await client.connection.sendRequest<WorkspaceEdit>('textDocument/rename', { ...at('reports/b.md'), newName: 'russian-military' });
    expect(applyWorkspaceEdit(edit, files, workspace.uri)).toEqual({
      'gazetteer.yaml': `actors:
  - id: russian-military
    name: Russian Armed Forces
    aliases: [Russia, Russian forces, russian-armed-forces]
    note: Not the same as russian-armed-forces-reserve.
  - id: syrian-government
    name: Government of Syria
    aliases: [Assad regime, regime forces]
  - id: pro-government-forces
    name: Pro-government forces
    kind: coalition
    members: [syrian-government, russian-military]
`,
      'reports/a.md': `:::incident{#strikes date=2023-10-05}
:actor[Russia]{role=perpetrator} and :actor[the army]{ref=russian-military role=perpetrator} shelled the town.
:actor[russian-armed-forces]{role=other} is how one source wrote it.
:::
`,
      'reports/b.md': `:::incident{#raid date=2023-10-08}
:actor[the Russians]{ref=russian-military role=perpetrator} struck; :actor[Pro-government forces]{role=perpetrator} said so.
:::
`,
    });
  });

  it('renames a place\u2019s id from the gazetteer file: the in: of the places it holds, place= and in= in reports; not a place= by name, nor a label', async () => {
    const { client, at, files, workspace, ranges } = await startWorkspace(
      {
        'gazetteer.yaml': `places:
  - id: syria
    name: Syria
    kind: country
  - id: ⟦idlib-gov‸ernorate⟧
    name: Idlib Governorate
    aliases: [Idlib province]
    kind: governorate
    in: syria
  - id: saraqib
    name: Saraqib
    kind: town
    in: "idlib-governorate"
`,
        'reports/a.md': `:::incident{#strikes date=2023-10-05 place=idlib-governorate}
Shelling of :place[Saraqib]{in=idlib-governorate} in :place[Idlib Governorate].
:::

:::incident{#raid date=2023-10-06 place="Idlib Governorate"}
:place[idlib-governorate] again, said the idlib-governorate office.
:::
`,
      },
      ['gazetteer.yaml'],
    );
    const prepared = await client.connection.sendRequest('textDocument/prepareRename', at('gazetteer.yaml'));
    expect(prepared).toEqual({ range: ranges('gazetteer.yaml')[0], placeholder: 'idlib-governorate' });
    const edit = await client.connection.sendRequest<WorkspaceEdit>('textDocument/rename', { ...at('gazetteer.yaml'), newName: 'idlib-province' });
    expect(applyWorkspaceEdit(edit, files, workspace.uri)).toEqual({
      'gazetteer.yaml': `places:
  - id: syria
    name: Syria
    kind: country
  - id: idlib-province
    name: Idlib Governorate
    aliases: [Idlib province]
    kind: governorate
    in: syria
  - id: saraqib
    name: Saraqib
    kind: town
    in: "idlib-province"
`,
      'reports/a.md': `:::incident{#strikes date=2023-10-05 place=idlib-province}
Shelling of :place[Saraqib]{in=idlib-province} in :place[Idlib Governorate].
:::

:::incident{#raid date=2023-10-06 place="Idlib Governorate"}
:place[idlib-governorate] again, said the idlib-governorate office.
:::
`,
    });
  });

  it('renames a count\u2019s id and its part-of= in its report alone, where ids are local', async () => {
    const { client, at, files, workspace, ranges } = await startWorkspace(
      {
        'reports/a.md': `:::incident{#strikes date=2023-10-05}
:count[5]{#⟦c‸iv⟧ type=killed group=civilians}, of them :count[2]{type=killed group=children part-of=civ}
and :count[3]{type=killed group=women part-of=civ}; the civ total.
:::
`,
        'reports/b.md': `:::incident{#raid date=2023-10-08}
:count[7]{#civ type=killed group=civilians}, :count[1]{type=killed group=children part-of=civ}
:::
`,
      },
      ['reports/a.md'],
    );
    const prepared = await client.connection.sendRequest('textDocument/prepareRename', at('reports/a.md'));
    expect(prepared).toEqual({ range: ranges('reports/a.md')[0], placeholder: 'civ' });
    const edit = await client.connection.sendRequest<WorkspaceEdit>('textDocument/rename', { ...at('reports/a.md'), newName: 'civilians-killed' });
    expect(applyWorkspaceEdit(edit, files, workspace.uri)).toEqual({
      'reports/a.md': `:::incident{#strikes date=2023-10-05}
:count[5]{#civilians-killed type=killed group=civilians}, of them :count[2]{type=killed group=children part-of=civilians-killed}
and :count[3]{type=killed group=women part-of=civilians-killed}; the civ total.
:::
`,
      'reports/b.md': files['reports/b.md']!.text,
    });
  });

  it('refuses, with the reason, a label, a built-in place (geo:, geonames:), a taken id and an invalid one', async () => {
    const { client, at } = await startWorkspace(
      {
        'gazetteer.yaml': `actors:
  - id: russian-armed-forces
    name: Russian Armed Forces
    aliases: [Russia]
  - id: syrian-government
    name: Government of Syria
places:
  - id: syria
    name: Syria
    kind: country
`,
        'report.md': `:::incident{#a date=2023-10-05}
:actor[Rus‸sia]{role=perpetrator} shelled :place[Aleppo]{ref=geo:SY.09:al‸eppo} and :place[the city]{ref=geonames:17‸0063}.
:actor[them]{ref=russian-armed-f‸orces} killed :count[5]{#civ type=killed}, :count[2]{#chi‸ldren type=killed part-of=civ}.
:::
`,
      },
      ['report.md'],
    );
    const refused = (request: Promise<unknown>, message: string) => expect(request).rejects.toMatchObject({ code: -32803, message });
    const prepare = (cursor: number) => client.connection.sendRequest('textDocument/prepareRename', at('report.md', cursor));
    const rename = (cursor: number, newName: string) => client.connection.sendRequest('textDocument/rename', { ...at('report.md', cursor), newName });

    await refused(prepare(0), '"Russia" is the report\'s own wording, not an id: a label is not renamed. Rename its id (russian-armed-forces) at ref= or in the gazetteer file.');
    const fixed = 'is a place of the built-in world layer: its id is fixed and cannot be renamed. Add the place to the team\'s gazetteer to give it an id of your own.';
    await refused(prepare(1), `geo:SY.09:aleppo ${fixed}`);
    await refused(prepare(2), `geonames:170063 ${fixed}`);
    await refused(rename(1, 'aleppo'), `geo:SY.09:aleppo ${fixed}`);
    await refused(rename(3, 'syria'), 'syria is already the id of "Syria" in gazetteer.yaml: ids must be unique across all actors and places.');
    await refused(rename(3, 'syrian-government'), 'syrian-government is already the id of "Government of Syria" in gazetteer.yaml: ids must be unique across all actors and places.');
    await refused(rename(3, 'Russian Forces'), '"Russian Forces" is not a valid gazetteer id: use lower case letters and digits, with hyphens between words (e.g. idlib-city).');
    await refused(rename(4, 'civ'), 'civ is already an id in this report: ids of incidents and counts must be unique in it.');
    await refused(rename(4, 'children killed'), '"children killed" is not a valid id: use letters, digits and hyphens (e.g. civ-killed).');
  });
});

describe('document highlight and workspace symbols over LSP', { timeout: 60_000 }, () => {
  it('highlights the other names of the same actor in the report, and an id with its part-of=', async () => {
    const { client, at, files } = await startWorkspace(
      {
        'gazetteer.yaml': GAZETTEER,
        'report.md': `:::incident{#strikes date=2023-10-05}
:actor[⟦Rus‸sia⟧]{role=perpetrator} and :actor[⟦the army⟧]{ref=⟦russian-armed-forces⟧ role=perpetrator} and :actor[regime forces]{role=perpetrator}.
:count[5]{#⟦c‸iv⟧ type=killed} and :count[2]{type=killed part-of=⟦civ⟧}; :actor[⟦Russian forces⟧] said so.
:::
`,
      },
      ['report.md'],
    );
    const ranges = files['report.md']!.spans.map((span) => rangeIn(files['report.md']!.text, span));
    const actor = await client.connection.sendRequest<DocumentHighlight[]>('textDocument/documentHighlight', at('report.md', 0));
    expect(actor).toEqual([ranges[0], ranges[1], ranges[2], ranges[5]].map((range) => ({ range, kind: 2 })));
    const id = await client.connection.sendRequest<DocumentHighlight[]>('textDocument/documentHighlight', at('report.md', 1));
    expect(id).toEqual([
      { range: ranges[3], kind: 3 },
      { range: ranges[4], kind: 2 },
    ]);
  });

  it('finds "Russia": the actor once, with its mentions, then the incidents that name it', async () => {
    const { client, workspace } = await startWorkspace({
      'gazetteer.yaml': GAZETTEER,
      'reports/a.md': ':::incident{#strikes date=2023-10-05}\n:actor[Russia]{role=perpetrator} and :actor[regime forces]{role=perpetrator}.\n:::\n',
      'reports/b.md': ':::incident{#raid date=2023-10-08}\n:actor[Russian forces] and :actor[them]{ref=russian-armed-forces}.\n:::\n\n:::incident{#other date=2023-10-09}\n:actor[regime forces].\n:::\n',
    });
    const symbols = await client.connection.sendRequest<SymbolInformation[]>('workspace/symbol', { query: 'Russia' });
    const line = (number: number, end: number): Range => ({ start: { line: number, character: 0 }, end: { line: number, character: end } });
    expect(symbols).toEqual([
      {
        name: 'Russian Armed Forces',
        kind: 19,
        containerName: 'actor russian-armed-forces · 3 mentions in 2 reports',
        location: { uri: workspace.uri('gazetteer.yaml'), range: { start: { line: 1, character: 8 }, end: { line: 1, character: 28 } } },
      },
      { name: 'strikes — 2023-10-05', kind: 24, containerName: 'names Russian Armed Forces', location: { uri: workspace.uri('reports/a.md'), range: line(0, 37) } },
      { name: 'raid — 2023-10-08', kind: 24, containerName: 'names Russian Armed Forces', location: { uri: workspace.uri('reports/b.md'), range: line(0, 34) } },
    ]);
  });
});
