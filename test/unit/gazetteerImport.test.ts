import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../server/src/core/gazetteer/gazetteer.js';
import { importGeoNames, kindOfFeature } from '../../server/src/core/gazetteer/geonamesImport.js';
import { readGazetteerFile } from '../../server/src/core/gazetteer/readGazetteerFile.js';
import { loadWorldLayer } from '../../server/src/core/gazetteer/worldLayer.js';

/** One dump line: the 19 GeoNames columns. */
function line(id: number, name: string, ascii: string, alternates: string[], lat: number, lon: number, featureClass: string, featureCode: string, admin: string[], population = 0): string {
  const [admin1 = '', admin2 = '', admin3 = ''] = admin;
  return [id, name, ascii, alternates.join(','), lat, lon, featureClass, featureCode, 'SY', '', admin1, admin2, admin3, '', population, '', 300, 'Asia/Damascus', '2024-01-01'].join('\t');
}

// Shaped like SY.txt, with made-up ids above 9,000,000 for all but Syria's.
const DUMP = [
  line(163843, 'Syria', 'Syria', ['Syrian Arab Republic', 'SY', 'سوريا'], 35, 38, 'A', 'PCLI', ['00'], 22933531),
  line(9000012, 'Muḩāfaẓat Idlib', 'Muhafazat Idlib', ['Idlib Governorate', 'Idleb'], 35.75, 36.6, 'A', 'ADM1', ['12']),
  line(9000101, 'Saraqib District', 'Saraqib District', [], 35.85, 36.8, 'A', 'ADM2', ['12', 'SY1203']),
  line(9001001, 'Saraqib', 'Saraqib', ['Saraqeb', 'Sarakib', 'سراقب'], 35.86447, 36.80591, 'P', 'PPL', ['12', 'SY1203'], 34000),
  line(9001002, 'Al Ḩārah', 'Al Harah', [], 35.86, 36.81, 'P', 'PPLX', ['12', 'SY1203']),
  line(9001003, 'Taftanāz', 'Taftanaz', ['TFZ'], 35.99, 36.78, 'P', 'PPL', ['12'], 2500),
  line(9001004, 'Jabal az Zāwiyah', 'Jabal az Zawiyah', ['Jebel Zawiya'], 35.65, 36.55, 'T', 'MTS', ['12']),
  line(9001005, 'Aţmah Camp', 'Atmah Camp', [], 36.2, 36.65, 'S', 'CMPRF', ['12']),
  line(9002001, 'Ḩamāh', 'Hamah', ['Hama'], 35.13, 36.75, 'P', 'PPLA', ['10'], 460000),
  line(9001001, 'Saraqib again', 'Saraqib again', [], 35.86, 36.8, 'P', 'PPL', ['12']),
].join('\n');

describe('importGeoNames', () => {
  const folder = mkdtempSync(join(tmpdir(), 'im-geonames-'));
  const file = join(folder, 'SY.txt');
  writeFileSync(file, `${DUMP}\n`);

  it('turns rows into places: kinds from feature codes, aliases from alternate names, parents from admin codes', async () => {
    const stages: string[] = [];
    const imported = await importGeoNames(file, { onProgress: (progress) => stages.push(progress.stage) });
    expect(imported.problems).toEqual([]);
    expect(stages).toEqual(['linking', 'sorting names']);
    const gazetteer = new Gazetteer([{ ...readGazetteerFile(join(folder, 'g.yaml'), ''), importedTables: [imported] }], { builtin: loadWorldLayer().table });
    const show = (id: string) => {
      const entry = gazetteer.get('place', id)!;
      return `${gazetteer.describe(entry)} | ${entry.aliases.join(', ')} | ${entry.geonames}`;
    };
    expect(['gn:163843', 'gn:9000012', 'gn:9000101', 'gn:9001001', 'gn:9001002', 'gn:9001003', 'gn:9001004', 'gn:9001005', 'gn:9002001'].map(show)).toEqual([
      // Codes such as "SY" are not names a writer types; an ASCII name that only drops diacritics adds nothing.
      'Syria — country | Syrian Arab Republic, سوريا | 163843',
      'Muḩāfaẓat Idlib — governorate, Syria | Idlib Governorate, Idleb | 9000012',
      'Saraqib District — district, Muḩāfaẓat Idlib, Syria |  | 9000101',
      'Saraqib — town, Saraqib District, Muḩāfaẓat Idlib, Syria | Saraqeb, Sarakib, سراقب | 9001001',
      'Al Ḩārah — neighbourhood, Saraqib District, Muḩāfaẓat Idlib, Syria |  | 9001002',
      'Taftanāz — village, Muḩāfaẓat Idlib, Syria |  | 9001003',
      'Jabal az Zāwiyah — site, Muḩāfaẓat Idlib, Syria | Jebel Zawiya | 9001004',
      'Aţmah Camp — camp, Muḩāfaẓat Idlib, Syria |  | 9001005',
      // Hama governorate is not in this dump: the built-in area of the same admin code stands in.
      'Ḩamāh — city, Hama, Syria | Hama | 9002001',
    ]);
    // A repeated geonameid is the same place: the first line wins.
    expect(imported.table.size).toBe(9);
  });

  it('ranks an import above the built-in layer: its Saraqib hides GeoNames\' built-in one', async () => {
    const imported = await importGeoNames(file);
    const gazetteer = new Gazetteer([{ ...readGazetteerFile(join(folder, 'g.yaml'), ''), importedTables: [imported] }], { builtin: loadWorldLayer().table });
    const resolution = gazetteer.resolve('place', 'Sarakib');
    expect(resolution.status === 'resolved' && [resolution.entry.id, resolution.match]).toEqual(['gn:9001001', 'alias']);
    // The import's Syria and the built-in Syria are the same place (one admin code), so either narrows both layers.
    const builtinSyria = gazetteer.get('place', 'geo:SY')!;
    expect(gazetteer.contains(builtinSyria, gazetteer.get('place', 'gn:9001001')!)).toBe(true);
    expect(gazetteer.contains(gazetteer.get('place', 'gn:163843')!, gazetteer.get('place', 'geo:SY.12:saraqib')!)).toBe(true);
  });

  it('makes ids from the geonameid instead of storing them, and skips an id too large for it', async () => {
    const wide = join(folder, 'wide.txt');
    writeFileSync(wide, `${DUMP}\n${line(4294967297, 'Too Far', 'Too Far', [], 35, 36, 'P', 'PPL', ['12'])}\n`);
    const imported = await importGeoNames(wide);
    const table = imported.table;
    expect(table.idsFromGeonames).toBe(true);
    const row = table.rowOfId('gn:9001001');
    expect(table.id(row)).toBe('gn:9001001');
    expect(table.row(row)).toEqual({ id: 'gn:9001001', name: 'Saraqib', aliases: ['Saraqeb', 'Sarakib', 'سراقب'] });
    expect(table.text.toString('utf8', table.textStarts[row]!, table.textStarts[row + 1]!)).not.toContain('9001001');
    expect([table.rowOfId('gn:12345'), table.rowOfId('geo:SY'), table.rowOfId('gn:4294967297')]).toEqual([-1, -1, -1]);
    expect(imported.problems).toEqual([{ line: 11, message: 'the geonameid "4294967297" is out of range' }]);
    expect(table.size).toBe(9);
  });

  it.each([
    ['P', 'PPLC', 0, 'city'],
    ['P', 'PPL', 150_000, 'city'],
    ['P', 'PPL', 12_000, 'town'],
    ['P', 'PPL', 0, 'village'],
    ['P', 'PPLX', 0, 'neighbourhood'],
    ['A', 'PCLI', 0, 'country'],
    ['A', 'ADM1', 0, 'governorate'],
    ['A', 'ADM2', 0, 'district'],
    ['A', 'ADM3', 0, 'subdistrict'],
    ['S', 'CMPRF', 0, 'camp'],
    ['H', 'STM', 0, 'site'],
    // Feature codes come from the dump: none may find a property of Object.prototype.
    ['A', 'constructor', 0, 'site'],
    ['A', 'toString', 0, 'site'],
  ] as const)('feature %s.%s with population %d is a %s', (featureClass, featureCode, population, kind) => {
    expect(kindOfFeature(featureClass, featureCode, population)).toBe(kind);
  });

  it('rejects a path that is not a readable file, saying why', async () => {
    await expect(importGeoNames(join(folder, 'none.txt'))).rejects.toMatchObject({ failure: { reason: 'missing', message: 'it does not exist.' } });
    await expect(importGeoNames(folder)).rejects.toMatchObject({ failure: { reason: 'not-a-file', message: 'it is a folder, not a regular file; name a file.' } });
  });
});
