import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../server/src/core/gazetteer/gazetteer.js';
import { readGazetteerFile } from '../../server/src/core/gazetteer/readGazetteerFile.js';
import { createLanguageService, type ServiceSettings } from '../../server/src/core/languageService.js';
import { EXAMPLE_GAZETTEER } from '../../server/src/core/rules/rule.js';
import { stripMarkers } from '../helpers/markers.js';
import { MemoryFileSystem } from '../helpers/memoryFileSystem.js';

const settings: ServiceSettings = { gazetteerPaths: [], root: '/team', rules: {} };

describe('Gazetteer.resolve', () => {
  const gazetteer = new Gazetteer([readGazetteerFile('/g.yaml', EXAMPLE_GAZETTEER)]);
  const resolvedId = (category: 'actor' | 'place', label: string) => {
    const resolution = gazetteer.resolve(category, label);
    return resolution.status === 'resolved' ? [resolution.entry.id, resolution.match] : [resolution.status];
  };

  it.each([
    ['actor', 'Government of Syria', 'syrian-government', 'name'],
    ['actor', 'the Assad regime', 'syrian-government', 'alias'],
    ['actor', 'THE ASSAD REGIME', 'syrian-government', 'alias'],
    ['place', 'Ma‘arrat an Nu‘mān', 'maarat-al-numan', 'name'],
    ['place', 'Maarat al-Numan', 'maarat-al-numan', 'alias'],
    // As written but for the article and the marks: the name and the alias themselves.
    ['place', "Ma'arrat al-Nu'man", 'maarat-al-numan', 'name'],
    ['place', 'Maarat an-Numan', 'maarat-al-numan', 'alias'],
    ['place', 'Maarrat Numan', 'maarat-al-numan', 'name'],
    // Spelled otherwise: a variant spelling.
    ['place', 'Maaret al-Numan', 'maarat-al-numan', 'normalised'],
  ] as const)('%s "%s" resolves to %s by %s', (category, label, id, match) => {
    expect(resolvedId(category, label)).toEqual([id, match]);
  });

  it('lists each candidate of an ambiguous name with its path', () => {
    const resolution = gazetteer.resolve('place', 'Furqan');
    expect(resolution.status).toBe('ambiguous');
    if (resolution.status !== 'ambiguous') return;
    expect(resolution.candidates.map((candidate) => gazetteer.describe(candidate.entry))).toEqual([
      'Furqan — neighbourhood, Aleppo, Aleppo Governorate, Syria',
      'Furqan — neighbourhood, Homs, Syria',
    ]);
  });

  it('suggests at most three near names for an unknown one', () => {
    const resolution = gazetteer.resolve('place', 'Idlip');
    expect(resolution).toMatchObject({ status: 'unknown' });
    if (resolution.status !== 'unknown') return;
    expect(resolution.suggestions.map((candidate) => candidate.entry.id)).toEqual(['idlib-city']);
    expect(gazetteer.resolve('actor', 'Wagner Group')).toEqual({ status: 'unknown', suggestions: [] });
  });

  it('skips the near names when asked only what a name resolves to, and resolves as before', () => {
    const fresh = new Gazetteer([readGazetteerFile('/g.yaml', EXAMPLE_GAZETTEER)]);
    expect(fresh.resolve('place', 'Idlip', { suggest: false })).toEqual({ status: 'unknown', suggestions: [] });
    // Kept apart: the question with suggestions still gets them, and then answers both.
    expect(fresh.resolve('place', 'Idlip')).toMatchObject({ status: 'unknown', suggestions: [{ entry: { id: 'idlib-city' } }] });
    expect(fresh.resolve('place', 'Idlip', { suggest: false })).toBe(fresh.resolve('place', 'Idlip'));
    expect(fresh.resolve('place', 'Maaret al-Numan', { suggest: false })).toEqual(gazetteer.resolve('place', 'Maaret al-Numan'));
    expect(fresh.resolve('place', 'Furqan', { suggest: false })).toEqual(gazetteer.resolve('place', 'Furqan'));
  });
});

describe('readGazetteerFile problems', () => {
  it('reports each problem at its place in the file', () => {
    const { text, spans } = stripMarkers(
      'places:\n  - id: a\n    name: A\n    kind: ⟦city-state⟧\n    coordinates: ⟦[12]⟧\n  - ⟦id: b⟧\n  - id: c\n    name: C\n    ⟦colour⟧: red\n',
    );
    const file = readGazetteerFile('/g.yaml', text);
    expect(file.problems.map((problem) => [problem.code, problem.span, problem.message])).toEqual([
      ['gazetteer-invalid-entry', spans[0], 'Unknown place kind "city-state"; expected one of country, governorate, district, subdistrict, city, town, village, neighbourhood, camp, site.'],
      ['gazetteer-invalid-coordinates', spans[1], 'Coordinates must be [latitude, longitude] in degrees, latitude within ±90 and longitude within ±180.'],
      ['gazetteer-invalid-entry', { start: spans[2]!.start, end: spans[2]!.end + 1 }, 'This place needs both `id` and `name`.'],
      ['gazetteer-invalid-entry', spans[3], 'Unknown field `colour`; an entry has id, name, aliases, kind, in, coordinates, geonames, wikidata, members, note.'],
    ]);
    expect(file.entries.map((entry) => entry.id)).toEqual(['a', 'c']);
  });

  it('finds duplicate ids across files and unknown parents', () => {
    const gazetteer = new Gazetteer([
      readGazetteerFile('/a.yaml', 'places:\n  - id: x\n    name: X\n'),
      readGazetteerFile('/b.yaml', 'places:\n  - id: x\n    name: Other X\n  - id: y\n    name: Y\n    in: z\n'),
    ]);
    expect(gazetteer.problems.map((problem) => [problem.code, problem.file, problem.message])).toEqual([
      ['gazetteer-duplicate-id', '/b.yaml', 'The id "x" is already used by "X" (/a.yaml); ids must be unique across all gazetteer files.'],
      ['gazetteer-unknown-parent', '/b.yaml', '"Y" is in "z", which is not a place id in the gazetteer.'],
    ]);
  });
});

describe('createLanguageService', () => {
  // Reports with their published date, so that the gazetteer's findings are all there is to say.
  const report = '---\npublished: 2023-10-10\n---\nStrikes by :actor[Wagner Group].\n';

  it('finds the nearest gazetteer above the report, and adds the front-matter ones', async () => {
    const fileSystem = new MemoryFileSystem({
      '/team/gazetteer.yaml': 'actors:\n  - id: wagner\n    name: Wagner Group\n',
      '/team/reports/2023/extra.yaml': 'actors:\n  - id: hts\n    name: Hayat Tahrir al-Sham\n',
    });
    const service = createLanguageService({ fileSystem });
    const result = await service.check(
      { path: '/team/reports/2023/a.md', text: '---\npublished: 2023-10-10\ngazetteer: extra.yaml\n---\n:actor[Wagner Group] and :actor[Hayat Tahrir al-Sham]\n' },
      settings,
    );
    expect(result.gazetteerFiles).toEqual(['/team/gazetteer.yaml', '/team/reports/2023/extra.yaml']);
    expect(result.diagnostics).toEqual([]);
  });

  it('keeps the last good gazetteer while the file does not parse, and reports the syntax error', async () => {
    const fileSystem = new MemoryFileSystem({ '/team/gazetteer.yaml': 'actors:\n  - id: wagner\n    name: Wagner Group\n' });
    const service = createLanguageService({ fileSystem });
    const check = async () => (await service.check({ path: '/team/a.md', text: report }, settings)).diagnostics.map((d) => d.code);
    expect(await check()).toEqual([]);

    fileSystem.files.set('/team/gazetteer.yaml', 'actors:\n  - id: wagner\n    name: [Wagner Group\n');
    service.invalidateGazetteer('/team/gazetteer.yaml');
    expect(await check()).toEqual([]);
    expect((await service.gazetteerProblems('/team/gazetteer.yaml')).map((problem) => problem.code)).toContain('gazetteer-syntax');

    fileSystem.files.set('/team/gazetteer.yaml', 'actors: []\n');
    service.invalidateGazetteer('/team/gazetteer.yaml');
    expect(await check()).toEqual(['actor-unknown']);
    expect(await service.gazetteerProblems('/team/gazetteer.yaml')).toEqual([]);
  });

  it('says once that names are unchecked when no gazetteer exists', async () => {
    const service = createLanguageService({ fileSystem: new MemoryFileSystem() });
    const result = await service.check({ path: '/nowhere/a.md', text: '---\npublished: 2023-10-10\n---\n:actor[A] and :place[B]\n' }, settings);
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.range])).toEqual([
      ['gazetteer-not-found', 'information', { start: { line: 3, character: 7 }, end: { line: 3, character: 8 } }],
    ]);
  });

  it('turns rules off or changes their severity from settings', async () => {
    const service = createLanguageService({ fileSystem: new MemoryFileSystem({ '/team/gazetteer.yaml': 'actors: []\n' }) });
    const check = async (rules: ServiceSettings['rules']) =>
      (await service.check({ path: '/team/a.md', text: report }, { ...settings, rules })).diagnostics.map((d) => [d.code, d.severity]);
    expect(await check({})).toEqual([['actor-unknown', 'warning']]);
    expect(await check({ 'actor-unknown': 'error' })).toEqual([['actor-unknown', 'error']]);
    expect(await check({ 'actor-unknown': 'off' })).toEqual([]);
  });
});
