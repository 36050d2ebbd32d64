import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLanguageService, type ServiceSettings } from '../../server/src/core/languageService.js';
import { nodeFileSystem } from '../../server/src/core/workspace/fileSystem.js';
import { stripMarkers } from '../helpers/markers.js';
import { MemoryFileSystem } from '../helpers/memoryFileSystem.js';

const settings: ServiceSettings = { gazetteerPaths: [], root: '/team', rules: {}, builtinGazetteer: false };

/** The problems shown in one gazetteer file, as [code, span, message]. */
async function problemsIn(marked: string, options: { builtin?: boolean } = {}) {
  const { text, spans } = stripMarkers(marked);
  const service = createLanguageService({ fileSystem: new MemoryFileSystem({ '/team/gazetteer.yaml': text }) });
  const problems = await service.gazetteerProblems('/team/gazetteer.yaml', { ...settings, builtinGazetteer: options.builtin ?? false });
  return { problems: problems.map((problem) => [problem.code, problem.span, problem.message]), spans };
}

describe('problems shown in the gazetteer file', () => {
  it('gazetteer-syntax: YAML that does not parse, at the place it breaks', async () => {
    const { problems, spans } = await problemsIn('places:\n  - id: idlib\n    ⟦i⟧d: idlib-city\n    name: Idlib\n');
    expect(problems).toEqual([['gazetteer-syntax', spans[0], 'Map keys must be unique. Fix the YAML/JSON syntax; until then the last good version stays in use.']]);
    expect((await problemsIn('places:\n  - id: idlib-city\n    name: Idlib\n')).problems).toEqual([]);
  });

  it('gazetteer-duplicate-id: a second entry with a taken id, at its id', async () => {
    const { problems, spans } = await problemsIn('places:\n  - id: idlib\n    name: Idlib\n  - id: ⟦idlib⟧\n    name: Idleb\n');
    expect(problems).toEqual([
      ['gazetteer-duplicate-id', spans[0], 'The id "idlib" is already used by "Idlib" (earlier in this file); ids must be unique across all gazetteer files.'],
    ]);
    expect((await problemsIn('places:\n  - id: idlib\n    name: Idlib\n  - id: idlib-governorate\n    name: Idlib Governorate\n')).problems).toEqual([]);
  });

  it('gazetteer-alias-conflict: one kind and parent, and a name that folds the same', async () => {
    const { problems, spans } = await problemsIn(
      [
        'places:',
        '  - id: aleppo',
        '    name: Aleppo',
        '  - id: furqan-1',
        '    name: Furqan',
        '    kind: neighbourhood',
        '    in: aleppo',
        '  - id: furqan-2',
        '    name: ⟦Al-Furqān⟧',
        '    kind: neighbourhood',
        '    in: aleppo',
        '  - id: hamdaniya',
        '    name: Hamdaniya',
        '    aliases: [⟦Furqan⟧]',
        '    kind: neighbourhood',
        '    in: aleppo',
        '',
      ].join('\n'),
    );
    expect(problems).toEqual([
      ['gazetteer-alias-conflict', spans[0], '"Al-Furqān" (furqan-2) is, spelling variants aside, the name of "Furqan" (furqan-1) too, and both are of kind neighbourhood in aleppo: nothing tells them apart. Give one another `in:` parent or kind, or merge them.'],
      ['gazetteer-alias-conflict', spans[1], 'The alias "Furqan" of hamdaniya is, spelling variants aside, the name of "Furqan" (furqan-1), and both are of kind neighbourhood in aleppo: a report\'s "Furqan" could mean either. Remove the alias, or give one of them another `in:` parent or kind.'],
    ]);
    // Another parent tells two Furqans apart; two actors sharing an alias ("the army") are an ambiguity reports resolve with ref=.
    expect(
      (
        await problemsIn(
          'places:\n  - id: aleppo\n    name: Aleppo\n  - id: homs\n    name: Homs\n  - id: f1\n    name: Furqan\n    in: aleppo\n  - id: f2\n    name: Furqan\n    in: homs\nactors:\n  - id: saa\n    name: Syrian Arab Army\n    aliases: [the army]\n  - id: rgf\n    name: Russian Ground Forces\n    aliases: [the army]\n',
        )
      ).problems,
    ).toEqual([]);
  });

  it('gazetteer-unknown-parent: in: names no place, in any layer', async () => {
    const { problems, spans } = await problemsIn('places:\n  - ⟦id: saraqib-market\n    name: Saraqib market\n    in: geo:SY.12:saraqb\n⟧');
    expect(problems).toEqual([['gazetteer-unknown-parent', spans[0], '"Saraqib market" is in "geo:SY.12:saraqb", which is not a place id in the gazetteer.']]);
    // A built-in id is a valid parent while the built-in layer is on.
    expect((await problemsIn('places:\n  - id: saraqib-market\n    name: Saraqib market\n    in: geo:SY.12:saraqib\n', { builtin: true })).problems).toEqual([]);
  });

  it('gazetteer-cycle: in: chains that come back, at each link', async () => {
    const { problems, spans } = await problemsIn('places:\n  - id: a\n    name: A\n    in: ⟦b⟧\n  - id: b\n    name: B\n    in: ⟦a⟧\n  - id: c\n    name: C\n    in: a\n');
    expect(problems).toEqual([
      ['gazetteer-cycle', spans[0], '"A" ends up inside itself: a → b → a. Remove or correct one of these `in:` links.'],
      ['gazetteer-cycle', spans[1], '"B" ends up inside itself: b → a → b. Remove or correct one of these `in:` links.'],
    ]);
    expect((await problemsIn('places:\n  - id: a\n    name: A\n  - id: b\n    name: B\n    in: a\n  - id: c\n    name: C\n    in: b\n')).problems).toEqual([]);
  });

  it('gazetteer-invalid-coordinates: latitude first, within range', async () => {
    const { problems, spans } = await problemsIn('places:\n  - id: a\n    name: A\n    coordinates: ⟦[95, 36.63]⟧\n');
    expect(problems).toEqual([
      ['gazetteer-invalid-coordinates', spans[0], 'Coordinates must be [latitude, longitude] in degrees, latitude within ±90 and longitude within ±180.'],
    ]);
    expect((await problemsIn('places:\n  - id: a\n    name: A\n    coordinates: [35.93, 36.63]\n')).problems).toEqual([]);
  });

  it('gazetteer-import-failed: a missing dump, and each malformed line with its number, at the import', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'im-import-'));
    const good = '9100001\tSaraqib\tSaraqib\tSaraqeb\t35.86447\t36.80591\tP\tPPL\tSY\t\t12\t\t\t\t34000\t\t368\tAsia/Damascus\t2024-01-01';
    writeFileSync(join(folder, 'SY.txt'), [good, '9100002\tBroken line', `x91\tNo id${'\tx'.repeat(17)}`, '9100003\tNowhere\tNowhere\t\t95\t10\tP\tPPL\tSY\t\t12\t\t\t\t0\t\t\t\t', ''].join('\n'));
    const { text, spans } = stripMarkers('import: [⟦SY.txt⟧, ⟦missing/IQ.txt⟧]\n');
    writeFileSync(join(folder, 'gazetteer.yaml'), text);
    const service = createLanguageService({ fileSystem: nodeFileSystem });
    const problems = await service.gazetteerProblems(join(folder, 'gazetteer.yaml'), settings);
    expect(problems.map((problem) => [problem.code, problem.span, problem.message])).toEqual([
      ['gazetteer-import-failed', spans[0], 'GeoNames import "SY.txt" line 2: expected 19 tab-separated columns (geonameid, name, asciiname, alternatenames, latitude, longitude, feature class, feature code, country code, cc2, admin1–4, population, elevation, dem, timezone, modification date), found 2; the line was skipped.'],
      ['gazetteer-import-failed', spans[0], 'GeoNames import "SY.txt" line 3: the geonameid "x91" is not a number; the line was skipped.'],
      ['gazetteer-import-failed', spans[0], 'GeoNames import "SY.txt" line 4: latitude "95" / longitude "10" are not within ±90 / ±180; the line was skipped.'],
      ['gazetteer-import-failed', spans[1], `GeoNames import "missing/IQ.txt" was not found at ${join(folder, 'missing/IQ.txt')}; the path is relative to this gazetteer file.`],
    ]);
    // The good line is in use all the same.
    const { gazetteer } = await service.analyze({ path: join(folder, 'a.md'), text: '' }, settings);
    expect(gazetteer.get('place', 'gn:9100001')).toMatchObject({ name: 'Saraqib', aliases: ['Saraqeb'], kind: 'town', coordinates: [35.86447, 36.80591] });

    writeFileSync(join(folder, 'ok.yaml'), 'import: SY.txt\n');
    writeFileSync(join(folder, 'SY.txt'), `${good}\n`);
    expect(await createLanguageService({ fileSystem: nodeFileSystem }).gazetteerProblems(join(folder, 'ok.yaml'), settings)).toEqual([]);
  });
});

describe('keeping the last good version', () => {
  it('keeps the last good import when the dump disappears, and says so', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'im-import-'));
    const dump = join(folder, 'SY.txt');
    writeFileSync(dump, '9100001\tSaraqib\tSaraqib\t\t35.86447\t36.80591\tP\tPPL\tSY\t\t12\t\t\t\t34000\t\t368\tAsia/Damascus\t2024-01-01\n');
    writeFileSync(join(folder, 'gazetteer.yaml'), 'import: [SY.txt]\n');
    const service = createLanguageService({ fileSystem: nodeFileSystem });
    const saraqib = async () => (await service.analyze({ path: join(folder, 'a.md'), text: '' }, settings)).gazetteer.resolve('place', 'Saraqib').status;
    expect(await saraqib()).toBe('resolved');

    writeFileSync(dump, '');
    const { unlinkSync } = await import('node:fs');
    unlinkSync(dump);
    service.invalidateGazetteer(dump);
    expect(await saraqib()).toBe('resolved');
    expect((await service.gazetteerProblems(join(folder, 'gazetteer.yaml'), settings)).map((problem) => problem.message)).toEqual([
      `GeoNames import "SY.txt" was not found at ${dump}; the path is relative to this gazetteer file. The last good SY.txt stays in use.`,
    ]);
  });
});
