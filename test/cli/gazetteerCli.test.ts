import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/runCli.js';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures/gazetteers');

async function cli(args: string[], cwd = FIXTURES) {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, { cwd, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) }, '9.9.9');
  return { status, stdout, stderr };
}

describe('incident-markup gazetteer lookup', () => {
  it('prints the ranked matches with id, kind and path, from the team file, its import and the built-in layer', async () => {
    expect(await cli(['gazetteer', 'lookup', 'Maarat al-Numan', '--limit', '2'])).toEqual({
      status: 0,
      stdout: [
        '0.80  geo:SY.12:maarrat-an-numan  Ma‘arrat an Nu‘mān — town, Idlib, Syria  (other spelling)',
        "0.68  geo:SY.12.167610            Maarrat al-Nu'man District — district, Idlib, Syria  (completion)",
        '',
      ].join('\n'),
      stderr: '',
    });
    expect((await cli(['gazetteer', 'lookup', 'Tall Mardikh'])).stdout).toBe('0.95  gn:9001002  Tell Mardikh — village, Muḩāfaẓat Idlib, Syria  (alias "Tall Mardikh")\n');
    expect((await cli(['gazetteer', 'lookup', 'white helmets'])).stdout).toBe('0.95  syria-civil-defence  Syria Civil Defence — organisation  (alias "White Helmets")\n');
  });

  it('prints [{id, name, kind, path, score}] with --json, the path innermost first', async () => {
    const result = await cli(['gazetteer', 'lookup', 'Furqan', '--json', '--kind', 'place']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { id: 'furqan-aleppo', name: 'Furqan', kind: 'neighbourhood', path: ['Aleppo', 'Aleppo', 'Syria'], score: 1 },
      { id: 'furqan-homs', name: 'Furqan', kind: 'neighbourhood', path: ['Homs', 'Homs', 'Syria'], score: 1 },
    ]);
  });

  it('narrows to places inside --within, given by name or id', async () => {
    const within = async (place: string) => JSON.parse((await cli(['gazetteer', 'lookup', 'Furqan', '--json', '--within', place])).stdout).map((match: { id: string }) => match.id);
    expect(await within('geo:SY.11')).toEqual(['furqan-homs']);
    expect(await within('Aleppo Governorate')).toEqual(['furqan-aleppo']);
    // The import's Saraqib hides the built-in one of the same name; inside the team's Syria it is found all the same.
    // The built-in one still completes through a GeoNames alternate name the import lacks ("Saraquib"): names hide
    // names, and this sample's made-up geonameid does not tell that it is the same place (issue 11's ranking).
    expect(JSON.parse((await cli(['gazetteer', 'lookup', 'saraq', '--json', '--within', 'syria'])).stdout)).toEqual([
      { id: 'gn:9001001', name: 'Sarāqib', kind: 'town', path: ['Muḩāfaẓat Idlib', 'Syria'], score: 0.849 },
      { id: 'geo:SY.12:saraqib', name: 'Saraqib', kind: 'town', path: ['Idlib', 'Syria'], score: 0.839 },
    ]);
  });

  it('leaves the built-in layer out with --no-builtin-gazetteer, and exits 1 when nothing matches', async () => {
    expect(await cli(['gazetteer', 'lookup', 'Maarat al-Numan', '--no-builtin-gazetteer'])).toEqual({
      status: 1,
      stdout: 'Nothing in the gazetteer matches "Maarat al-Numan".\n',
      stderr: '',
    });
    expect(await cli(['gazetteer', 'lookup', 'Xqzzkw', '--json'])).toEqual({ status: 1, stdout: '[]\n', stderr: '' });
  });

  it.each([
    [['gazetteer', 'lookup'], 'incident-markup: lookup needs a NAME, e.g. incident-markup gazetteer lookup "Maarat al-Numan".\n'],
    [['gazetteer', 'lookup', 'Idlib', '--kind', 'city'], 'incident-markup: --kind must be actor or place, not "city".\n'],
    [['gazetteer', 'lookup', 'Idlib', '--limit', '0'], 'incident-markup: --limit must be a whole number of at least 1, not "0".\n'],
    [['gazetteer', 'lookup', 'Idlib', '--within', 'Furqan'], 'incident-markup: --within "Furqan" could be furqan-aleppo (Furqan — neighbourhood, Aleppo, Aleppo, Syria), or furqan-homs (Furqan — neighbourhood, Homs, Homs, Syria); give the id of the one meant.\n'],
    [['gazetteer', 'lookup', 'Idlib', '--within', 'Xqzzkw'], 'incident-markup: --within "Xqzzkw" is no place in the gazetteer.\n'],
    [['gazetteer', 'lookup', 'Idlib', '--gazetteer', 'none.yaml'], 'incident-markup: gazetteer file none.yaml was not read: it does not exist. Check the --gazetteer path.\n'],
  ])('exits 2 with a message on a usage error: %j', async (args, message) => {
    expect(await cli(args)).toEqual({ status: 2, stdout: '', stderr: message });
  });
});

describe('incident-markup gazetteer check', () => {
  it('validates gazetteer files with the codes the editor shows, and exits 1 on errors', async () => {
    const result = await cli(['gazetteer', 'check', 'broken.yaml', 'gazetteer.yaml', '--format', 'json']);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual([
      { file: 'broken.yaml', line: 1, column: 10, endLine: 1, endColumn: 30, severity: 'error', code: 'gazetteer-import-failed', message: `GeoNames import "geonames/missing.txt" was not found at ${join(FIXTURES, 'geonames/missing.txt')}; the path is relative to this gazetteer file.` },
      { file: 'broken.yaml', line: 5, column: 9, endLine: 5, endColumn: 10, severity: 'error', code: 'gazetteer-cycle', message: '"A" ends up inside itself: a → b → a. Remove or correct one of these `in:` links.' },
      { file: 'broken.yaml', line: 8, column: 9, endLine: 8, endColumn: 10, severity: 'error', code: 'gazetteer-cycle', message: '"B" ends up inside itself: b → a → b. Remove or correct one of these `in:` links.' },
      { file: 'broken.yaml', line: 9, column: 9, endLine: 9, endColumn: 10, severity: 'error', code: 'gazetteer-duplicate-id', message: 'The id "a" is already used by "A" (earlier in this file); ids must be unique across all gazetteer files.' },
      { file: 'broken.yaml', line: 11, column: 18, endLine: 11, endColumn: 26, severity: 'error', code: 'gazetteer-invalid-coordinates', message: 'Coordinates must be [latitude, longitude] in degrees, latitude within ±90 and longitude within ±180.' },
    ]);
  });

  it('finds every gazetteer.yaml below the current folder when given none', async () => {
    expect(await cli(['gazetteer', 'check'])).toEqual({ status: 0, stdout: '✔ 1 file checked, no problems.\n', stderr: '' });
    expect(await cli(['gazetteer', 'check'], join(ROOT, 'examples'))).toEqual({ status: 0, stdout: '✔ 1 file checked, no problems.\n', stderr: '' });
  });

  it('runs as the built bin, with the same result as in process', async () => {
    const spawned = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'gazetteer', 'lookup', 'Saraqeb', '--json', '--within', 'Syria'], { cwd: ROOT, encoding: 'utf8' });
    expect({ status: spawned.status, stderr: spawned.stderr }).toEqual({ status: 0, stderr: '' });
    expect(JSON.parse(spawned.stdout)[0]).toEqual({ id: 'geo:SY.12:saraqib', name: 'Saraqib', kind: 'town', path: ['Idlib', 'Syria'], score: 0.85 });
  });
});

describe('incident-markup check --no-builtin-gazetteer', () => {
  it('checks place names against the team\'s files only', async () => {
    const report = join(FIXTURES, 'report.md');
    const run = (extra: string[]) => cli(['check', report, '--format', 'json', ...extra], ROOT);
    const codes = async (extra: string[]) => JSON.parse((await run(extra)).stdout).map((d: { code: string; message: string }) => `${d.code}: ${d.message}`);
    expect(await codes([])).toEqual([]);
    expect(await codes(['--no-builtin-gazetteer'])).toEqual([
      'place-unknown: Place "Ariha" is not in the gazetteer; add it to the gazetteer or give ref= with its id.',
      // The team's file places its neighbourhoods in built-in towns, which are then missing too.
      'gazetteer-unknown-parent: "Furqan" is in "geo:SY.09:aleppo", which is not a place id in the gazetteer.',
      'gazetteer-unknown-parent: "Furqan" is in "geo:SY.11:homs", which is not a place id in the gazetteer.',
    ]);
  });
});
