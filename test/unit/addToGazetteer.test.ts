import { describe, expect, it } from 'vitest';
import type { TextEdit } from '../../server/src/core/diagnostics.js';
import { actorKindFor, addEntryEdit, entryNameFor, idFor, placeKindFor } from '../../server/src/core/gazetteer/addEntryEdit.js';
import { createLanguageService, type ServiceSettings } from '../../server/src/core/languageService.js';
import { LineIndex } from '../../server/src/core/text.js';
import { MemoryFileSystem } from '../helpers/memoryFileSystem.js';

function apply(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  return [...edits]
    .sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start))
    .reduce((result, edit) => `${result.slice(0, lines.offsetAt(edit.range.start))}${edit.newText}${result.slice(lines.offsetAt(edit.range.end))}`, text);
}

const wagner = { id: 'wagner-group', name: 'Wagner Group', kind: undefined };

describe('addEntryEdit', () => {
  it.each([
    [
      'after the last entry, in the file\'s indentation, before trailing comments',
      'actors:\n    - id: gov\n      name: Government of Syria\n\n# places follow\nplaces: []\n',
      'actors:\n    - id: gov\n      name: Government of Syria\n    - id: wagner-group\n      name: Wagner Group\n\n# places follow\nplaces: []\n',
    ],
    ['into an empty flow list', 'actors: []\n', 'actors:\n  - id: wagner-group\n    name: Wagner Group\n'],
    ['into an empty key', 'actors:\nplaces: []\n', 'actors:\n  - id: wagner-group\n    name: Wagner Group\nplaces: []\n'],
    ['as a new section', 'places: []', 'places: []\nactors:\n  - id: wagner-group\n    name: Wagner Group\n'],
  ])('adds an entry %s', (_, before, after) => {
    const edit = addEntryEdit({ path: '/g.yaml', text: before }, 'actor', wagner);
    expect(apply(before, edit!.edits)).toBe(after);
  });

  it('quotes a name YAML would misread and writes in=', () => {
    const edit = addEntryEdit({ path: '/g.yaml', text: 'places: []\n' }, 'place', { id: 'camp-3', name: 'Camp #3: north', kind: 'camp', parent: 'idlib-governorate' });
    expect(apply('places: []\n', edit!.edits)).toBe('places:\n  - id: camp-3\n    name: "Camp #3: north"\n    kind: camp\n    in: idlib-governorate\n');
  });

  it('places each entry by the file as it is now, whichever was asked about before', () => {
    // The insertion point of a file is kept between calls: a second entry, the other list and the file after an edit.
    const first = 'actors:\n  - id: gov\n    name: Government of Syria\nplaces:\n  - id: idlib\n    name: Idlib\n';
    const edited = `${first}  - id: saraqib\n    name: Saraqib\n`;
    const asked: [string, 'actor' | 'place', { id: string; name: string; kind: string | undefined }, string][] = [
      [first, 'actor', wagner, 'actors:\n  - id: gov\n    name: Government of Syria\n  - id: wagner-group\n    name: Wagner Group\nplaces:\n  - id: idlib\n    name: Idlib\n'],
      [first, 'place', { id: 'binnish', name: 'Binnish', kind: 'town' }, `${first}  - id: binnish\n    name: Binnish\n    kind: town\n`],
      [first, 'actor', { id: 'hts', name: 'HTS', kind: 'armed-group' }, 'actors:\n  - id: gov\n    name: Government of Syria\n  - id: hts\n    name: HTS\n    kind: armed-group\nplaces:\n  - id: idlib\n    name: Idlib\n'],
      [edited, 'place', { id: 'binnish', name: 'Binnish', kind: 'town' }, `${edited}  - id: binnish\n    name: Binnish\n    kind: town\n`],
      [first, 'place', { id: 'binnish', name: 'Binnish', kind: 'town' }, `${first}  - id: binnish\n    name: Binnish\n    kind: town\n`],
    ];
    for (const [text, category, entry, after] of asked) {
      const edit = addEntryEdit({ path: '/g.yaml', text }, category, entry);
      expect(apply(text, edit!.edits), `${entry.id} into ${text === first ? 'the file' : 'the edited file'}`).toBe(after);
    }
    // Each edit has positions of its own: moving one moves no other.
    const [a, b] = [addEntryEdit({ path: '/g.yaml', text: first }, 'actor', wagner)!, addEntryEdit({ path: '/g.yaml', text: first }, 'actor', wagner)!];
    a.edits[0]!.range.start.line = 99;
    expect(b.edits[0]!.range.start.line).toBe(2);
  });

  it('leaves JSON files and non-empty flow lists alone rather than rewrite them', () => {
    expect(addEntryEdit({ path: '/g.json', text: '{"actors": []}' }, 'actor', wagner)).toBeUndefined();
    expect(addEntryEdit({ path: '/g.yaml', text: 'actors: [{id: a, name: A}]\n' }, 'actor', wagner)).toBeUndefined();
  });

  it('makes readable, unique ids', () => {
    expect(idFor('the Ma‘arrat an Nu‘mān camp', () => false)).toBe('ma-arrat-an-nu-man-camp');
    expect(idFor('Wagner Group', (id) => id === 'wagner-group')).toBe('wagner-group-2');
  });
});

describe('what a new entry is called, and what kind it is', () => {
  it.each([
    ['the army', 'Army'],
    ['The Assad regime', 'Assad regime'],
    ['Wagner group', 'Wagner group'],
    ['al-Nusra Front', 'al-Nusra Front'],
    ['the el-Fasher\nresistance committee', 'el-Fasher resistance committee'],
    ['theatre guards', 'Theatre guards'],
  ])('names %j %j: without the sentence\'s "the", a capital first, the rest as written', (label, name) => {
    expect(entryNameFor(label)).toBe(name);
  });

  it.each([
    ['Wagner Group', undefined, 'armed-group'],
    ['Free Syrian Army', undefined, 'armed-group'],
    ['Global Coalition against Daesh', undefined, 'coalition'],
    ['Syrian Observatory for Human Rights', 'perpetrator', 'organisation'],
    ['Army', undefined, 'state-forces'],
    ['Russian military police', undefined, 'state-forces'],
    ['Syrian Democratic Forces', undefined, 'other'],
    ['SOHR', 'source', 'organisation'],
    ['SAF', 'perpetrator', 'other'],
  ])('takes %j with role %j for %j', (name, role, kind) => {
    expect(actorKindFor(name, role)).toBe(kind);
  });

  it.each([
    ['Kharkiv', 'governorate', undefined, 'governorate'],
    ['Zamzam camp', 'city', undefined, 'city'],
    ['Zamzam IDP camp', undefined, 'city', 'camp'],
    ['Kharkiv oblast', undefined, undefined, 'governorate'],
    ['al-Shifa hospital', undefined, 'city', 'site'],
    ['Bustan al-Qasr', undefined, 'city', 'neighbourhood'],
    ['Kafr Takharim', undefined, 'governorate', 'town'],
    ['Kafr Takharim', 'hamlet', undefined, 'town'],
  ])('takes %j with kind= %j inside a %j for a %j', (name, asked, parentKind, kind) => {
    expect(placeKindFor(name, asked, parentKind)).toBe(kind);
  });
});

describe('the add-to-gazetteer quick fix', () => {
  it('adds an unknown place to the team gazetteer inside the incident\'s place, after which it resolves', async () => {
    const gazetteer = 'places:\n  - id: syria\n    name: Syria\n  - id: idlib-governorate\n    name: Idlib Governorate\n    in: syria\n';
    const fileSystem = new MemoryFileSystem({ '/team/gazetteer.yaml': gazetteer });
    const service = createLanguageService({ fileSystem });
    const settings: ServiceSettings = { gazetteerPaths: [], root: '/team', rules: {}, builtinGazetteer: false };
    // Published, so that the place is all there is to say about the report.
    const report = { path: '/team/a.md', text: '---\npublished: 2023-10-06\n---\n:::incident{place=idlib-governorate}\nShelling in :place[Kafr Takharim].\n:::\n' };
    const [diagnostic] = (await service.check(report, settings)).diagnostics;
    expect(diagnostic?.code).toBe('place-unknown');
    const fix = diagnostic!.fixes.find((candidate) => candidate.fileEdits);
    expect(fix?.title).toBe('Add "Kafr Takharim" to gazetteer.yaml as a new place (town, id kafr-takharim)');
    expect(fix?.edits).toEqual([]);
    const edited = apply(gazetteer, fix!.fileEdits![0]!.edits);
    expect(edited).toBe(`${gazetteer}  - id: kafr-takharim\n    name: Kafr Takharim\n    kind: town\n    in: idlib-governorate\n`);

    fileSystem.files.set('/team/gazetteer.yaml', edited);
    service.invalidateGazetteer('/team/gazetteer.yaml');
    expect((await service.check(report, settings)).diagnostics).toEqual([]);
  });
});
