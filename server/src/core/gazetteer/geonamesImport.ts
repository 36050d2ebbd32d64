/**
 * Reads a GeoNames dump (allCountries.txt or a per-country file such as
 * SY.txt: 19 tab-separated columns, one place a line) into a PlaceTable.
 *
 * The file is streamed, never held whole: a million-line dump is about
 * 150 MB of text, more than the server's whole memory budget.
 */
import { nodeFileSystem, ReadFailureError, type OpenedStream } from '../workspace/fileSystem.js';
import type { PlaceKind } from './gazetteerModel.js';
import { PlaceTable, PlaceTableBuilder, placeWeight } from './placeTable.js';

export interface ImportProblem {
  /** 1-based line in the dump; undefined for the file as a whole. */
  line: number | undefined;
  message: string;
}

export interface ImportedTable {
  file: string;
  table: PlaceTable;
  problems: ImportProblem[];
  /** Lines that were skipped as malformed (only the first few are listed in `problems`). */
  skipped: number;
  loadMs: number;
}

export interface ImportOptions {
  /** Called every 100,000 lines and at each stage, for progress reports. */
  onProgress?: (progress: { lines: number; bytes: number; totalBytes: number | undefined; stage: string }) => void;
  /** How many malformed lines to name one by one. */
  maxListedProblems?: number;
}

const COLUMNS = 19;
const COUNTRY_CODES = new Set(['PCLI', 'PCLD', 'PCLF', 'PCLS', 'PCL', 'PCLIX', 'PCLH', 'TERR']);
const CAMP_CODES = new Set(['CMPRF', 'CMP', 'CMPL', 'CMPLA', 'CMPMN', 'CMPQ', 'INSM']);
/** Admin levels by feature code: 0 country, 1 ADM1, … */
// A Map: the feature code comes from the dump, and `constructor` must not find Object's.
const ADMIN_LEVEL: ReadonlyMap<string, number> = new Map(Object.entries({ ADM1: 1, ADM1H: 1, ADM2: 2, ADM2H: 2, ADM3: 3, ADM3H: 3, ADM4: 4, ADM4H: 4, ADM5: 5, ADM5H: 5 }));

/** The place kind for a GeoNames feature class and code; population splits towns from villages. */
export function kindOfFeature(featureClass: string, featureCode: string, population: number): PlaceKind {
  if (COUNTRY_CODES.has(featureCode)) return 'country';
  const level = ADMIN_LEVEL.get(featureCode);
  if (level === 1) return 'governorate';
  if (level === 2) return 'district';
  if (level !== undefined || featureCode === 'ADMD') return 'subdistrict';
  if (featureClass === 'P') {
    if (featureCode === 'PPLX') return 'neighbourhood';
    if (featureCode === 'PPLC' || featureCode === 'PPLA' || featureCode === 'PPLG') return 'city';
    if (population >= 100_000) return 'city';
    return population >= 5_000 ? 'town' : 'village';
  }
  if (CAMP_CODES.has(featureCode)) return 'camp';
  return 'site';
}

/**
 * Alternate names that are codes (IATA "ALP", ISO "SY-ID"), not names a
 * writer would type, are left out of the aliases.
 */
export function isCode(name: string): boolean {
  return /^[A-Z0-9-]{2,5}$/.test(name) && !/^[A-Z][a-z]/.test(name);
}

/** One line of a GeoNames dump, its columns parsed (the import and the built-in layer's build share it). */
export interface GeoNamesLine {
  geonameId: number;
  name: string;
  asciiName: string;
  /** The alternate names as the dump has them, comma-separated ('' for none). */
  alternates: string;
  lat: number;
  lon: number;
  featureClass: string;
  featureCode: string;
  country: string;
  admin1: string;
  admin2: string;
  admin3: string;
  admin4: string;
  population: number;
}

const COLUMN_LIST =
  'geonameid, name, asciiname, alternatenames, latitude, longitude, feature class, feature code, country code, cc2, admin1–4, population, elevation, dem, timezone, modification date';

/** Parses one line of a dump (without its newline); a malformed line gives the reason. */
export function parseGeoNamesLine(line: string): GeoNamesLine | { problem: string } {
  const fields = line.endsWith('\r') ? line.slice(0, -1).split('\t') : line.split('\t');
  if (fields.length < COLUMNS) return { problem: `expected ${COLUMNS} tab-separated columns (${COLUMN_LIST}), found ${fields.length}` };
  const [idText, name, asciiName, alternates, latText, lonText, featureClass, featureCode, country, , admin1, admin2, admin3, admin4, populationText] = fields as [string, ...string[]] & string[];
  if (!/^\d+$/.test(idText)) return { problem: `the geonameid "${idText}" is not a number` };
  const geonameId = Number(idText);
  // The geonames column holds 32-bit numbers, and the id is made from it (GeoNames' own are below 20 million).
  if (geonameId > 0x7fffffff) return { problem: `the geonameid "${idText}" is out of range` };
  if (!name || name.trim() === '') return { problem: 'the name column is empty' };
  const lat = Number(latText);
  const lon = Number(lonText);
  if (latText!.trim() === '' || !Number.isFinite(lat) || Math.abs(lat) > 90 || lonText!.trim() === '' || !Number.isFinite(lon) || Math.abs(lon) > 180) {
    return { problem: `latitude "${latText}" / longitude "${lonText}" are not within ±90 / ±180` };
  }
  return {
    geonameId,
    name,
    asciiName: asciiName ?? '',
    alternates: alternates ?? '',
    lat,
    lon,
    featureClass: featureClass ?? '',
    featureCode: featureCode ?? '',
    country: country ?? '',
    admin1: admin1 ?? '',
    admin2: admin2 ?? '',
    admin3: admin3 ?? '',
    admin4: admin4 ?? '',
    population: Number(populationText) || 0,
  };
}

/**
 * Streams the dump at `file` into a table; never throws for a bad line, only for a file that cannot
 * be read (a `ReadFailureError` saying why). `source` is the file already opened through the
 * workspace's file system; without it the file is opened with the CLI's.
 */
export async function importGeoNames(file: string, options: ImportOptions = {}, source?: OpenedStream): Promise<ImportedTable> {
  if (!source) {
    const opened = await nodeFileSystem.stream(file, 'import');
    if (opened.failure) throw new ReadFailureError(opened.failure);
    source = opened.stream;
  }
  try {
    return await importFrom(file, source, options);
  } finally {
    await source.close();
  }
}

async function importFrom(file: string, source: OpenedStream, options: ImportOptions): Promise<ImportedTable> {
  const started = performance.now();
  const totalBytes = source.size;
  // A dump line is at least about 40 bytes (19 columns, an id, coordinates): bounds for the builder.
  const maxRows = Math.ceil(totalBytes / 40) + 1;
  const builder = new PlaceTableBuilder({ rows: maxRows, textBytes: totalBytes + (1 << 16), idsFromGeonames: true });
  const problems: ImportProblem[] = [];
  const maxListed = options.maxListedProblems ?? 10;
  let skipped = 0;
  let lineNumber = 0;
  let bytes = 0;

  // Rows share few admin paths: intern them so a million rows keep one small number each.
  const pathIds = new Map<string, number>();
  const paths: string[][] = [];
  let rowPaths = new Int32Array(maxRows);
  let rowLevels = new Int8Array(maxRows);
  const adminRows = new Map<string, number>();
  // One bit per geonameid (a few MB for GeoNames' ~13 million ids), not a Set of a million numbers on the heap.
  let seenIds = new Uint8Array(1 << 20);
  const seen = (id: number): boolean => {
    const byte = id >>> 3;
    if (byte >= seenIds.length) {
      const grown = new Uint8Array(Math.max(seenIds.length * 2, byte + 1));
      grown.set(seenIds);
      seenIds = grown;
    }
    const bit = 1 << (id & 7);
    const was = (seenIds[byte]! & bit) !== 0;
    seenIds[byte]! |= bit;
    return was;
  };

  const fail = (message: string) => {
    skipped++;
    if (problems.length < maxListed) problems.push({ line: lineNumber, message });
  };

  const readLine = (line: string) => {
    lineNumber++;
    if (line === '' || line.startsWith('#')) return;
    const parsed = parseGeoNamesLine(line);
    if ('problem' in parsed) return fail(parsed.problem);
    const { geonameId, name, asciiName, alternates, lat, lon, featureClass, featureCode, country, admin1, admin2, admin3, admin4, population } = parsed;
    // One place imported twice (two dumps that overlap, or a repeated line) is the same place: keep the first.
    if (seen(geonameId)) return;
    const kind = kindOfFeature(featureClass, featureCode, population);
    const aliases: string[] = [];
    if (asciiName && asciiName !== name) aliases.push(asciiName);
    if (alternates) for (const alternate of alternates.split(',')) if (alternate !== '' && !isCode(alternate)) aliases.push(alternate);

    // "00" is GeoNames' code for "no first-level area".
    let path = [country, admin1 === '00' ? '' : admin1, admin2, admin3, admin4];
    const level = kind === 'country' ? 0 : (ADMIN_LEVEL.get(featureCode) ?? -1);
    if (level >= 0) path = path.slice(0, level + 1);
    while (path.length > 0 && path[path.length - 1] === '') path.pop();
    const pathKey = path.join('.');
    let pathId = pathIds.get(pathKey);
    if (pathId === undefined) {
      pathId = paths.length;
      paths.push(path);
      pathIds.set(pathKey, pathId);
    }
    const row = builder.add({
      id: `gn:${geonameId}`,
      name,
      aliases,
      kind,
      parent: undefined,
      lat,
      lon,
      geonames: geonameId,
      population,
      weight: placeWeight(kind, population),
      adminCode: level >= 0 && path.length === level + 1 ? pathKey : undefined,
    });
    if (row >= rowPaths.length) {
      const grownPaths = new Int32Array(rowPaths.length * 2);
      grownPaths.set(rowPaths);
      rowPaths = grownPaths;
      const grownLevels = new Int8Array(rowLevels.length * 2);
      grownLevels.set(rowLevels);
      rowLevels = grownLevels;
    }
    rowPaths[row] = pathId;
    rowLevels[row] = level;
    if (level >= 0 && path.length === level + 1 && !adminRows.has(pathKey)) adminRows.set(pathKey, row);
  };

  // Read with the stream's async iterator rather than 'data' listeners: a listener would
  // hold this function's closures (and through them the builders' buffers, some 40 MB
  // at a million lines) for as long as the stream object lives, which is until its file
  // is closed, after the import has returned.
  let rest = '';
  let nextReport = 100_000;
  for await (const chunk of source.chunks) {
    const text = rest + chunk;
    bytes += Buffer.byteLength(chunk, 'utf8');
    let start = 0;
    for (let end = text.indexOf('\n', start); end !== -1; end = text.indexOf('\n', start)) {
      readLine(text.slice(start, end));
      start = end + 1;
      if (lineNumber === nextReport) {
        nextReport += 100_000;
        const read = bytes - Buffer.byteLength(text, 'utf8') + Buffer.byteLength(text.slice(0, start), 'utf8');
        options.onProgress?.({ lines: lineNumber, bytes: read, totalBytes, stage: 'reading' });
      }
    }
    rest = text.slice(start);
  }
  if (rest !== '') readLine(rest);

  // Parents: the deepest administrative area above each row that the file has; else the
  // built-in layer's area with the same code (`geo:SY.12`), which shares GeoNames' admin codes.
  options.onProgress?.({ lines: lineNumber, bytes, totalBytes, stage: 'linking' });
  const parentOfPath = new Map<string, number | string | undefined>();
  const parentFor = (path: string[], above: number): number | string | undefined => {
    const cacheKey = `${above}|${path.join('.')}`;
    if (parentOfPath.has(cacheKey)) return parentOfPath.get(cacheKey);
    let parent: number | string | undefined;
    for (let depth = Math.min(above, path.length) - 1; depth >= 0 && parent === undefined; depth--) {
      if (path[depth] === '') continue;
      parent = adminRows.get(path.slice(0, depth + 1).join('.'));
      // The built-in layer has every country and first-level area: better than a shallower one from the file.
      if (parent === undefined && depth <= 1 && path.slice(0, depth + 1).every((part) => part !== '')) parent = `geo:${path.slice(0, depth + 1).join('.')}`;
    }
    parentOfPath.set(cacheKey, parent);
    return parent;
  };
  for (let row = 0; row < builder.size; row++) {
    const path = paths[rowPaths[row]!]!;
    const level = rowLevels[row]!;
    builder.setParent(row, parentFor(path, level >= 0 ? level : path.length));
  }
  const table = builder.build((stage) => options.onProgress?.({ lines: lineNumber, bytes, totalBytes, stage }));
  if (skipped > problems.length) problems.push({ line: undefined, message: `${skipped - problems.length} more malformed lines were skipped` });
  return { file, table, problems, skipped, loadMs: performance.now() - started };
}
