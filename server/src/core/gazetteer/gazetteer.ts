import { detached } from '../text.js';
import { distance } from 'fastest-levenshtein';
import { checkFileEntries } from './gazetteerChecks.js';
import {
  DEFAULT_GROUPS,
  PLACE_NESTING_LIMIT,
  type EntryCategory,
  type GazetteerEntry,
  type GazetteerProblem,
  type GroupTree,
  type LayerKind,
} from './gazetteerModel.js';
import type { ImportedTable } from './geonamesImport.js';
import { FileLayer, TableLayer, type Layer } from './layers.js';
import { NameIndex, refIsName, refRow } from './nameIndex.js';
import { AREA_PREFIXES, AREA_SUFFIXES, kindClass, splitGenericWord, wantedForKind, type GenericLabel, type WantedKind } from './genericWords.js';
import { asWrittenKey, foldArticles, foldName, foldSimplified, simplifyName } from './normalizeName.js';
import { KIND_WEIGHT, type PlaceTable } from './placeTable.js';
import { KeySubset } from './keySubset.js';
import { RowCountries } from './rowCountries.js';
import { BestKeys, prefixKeyCost, PrefixShortlists, SHORTLIST_MIN_RANGE, sortedIncludes } from './prefixShortlists.js';
import type { GazetteerFile } from './readGazetteerFile.js';

export type MatchKind = 'name' | 'alias' | 'normalised' | 'fuzzy';
export type SearchMatch = MatchKind | 'prefix';

export interface Candidate {
  entry: GazetteerEntry;
  match: MatchKind;
  /** The name or alias that matched. */
  matched: string;
}

export type Resolution =
  | { status: 'resolved'; entry: GazetteerEntry; match: MatchKind; matched: string }
  /** `more` counts further equally good candidates left out of a very long list. */
  | { status: 'ambiguous'; candidates: Candidate[]; more?: number }
  /**
   * `held`: the suggestions fit the name but were not taken as its meaning: a variant spelling, or a town abroad,
   * out of the report's context (its countries, the incident's place); or an actor's name spelled otherwise.
   */
  | { status: 'unknown'; suggestions: Candidate[]; held?: boolean };

/** Resolutions a gazetteer keeps; a long report names a few thousand distinct labels. */
const MAX_KEPT_RESOLUTIONS = 50_000;

export interface ResolveOptions {
  /** Only places inside this one (an `in=` attribute, `--within`): a hard restriction. */
  within?: GazetteerEntry | undefined;
  /** Candidates inside this place (the incident's place) come first: a preference. */
  prefer?: GazetteerEntry | undefined;
  /**
   * The report's countries (ISO 3166 codes, see reportScope.ts). Among the bulk layers' places,
   * those in these countries come first; a place outside them resolves only by its exact name or
   * alternate name, and only when no place inside them fits.
   */
  countries?: readonly string[] | undefined;
  /** The kind of place the annotation asks for (`kind=`): an area, a settlement or a camp of that kind is meant. */
  kind?: string | undefined;
  /**
   * False for a caller that asks only what the name resolves to (the report's countries, an
   * incident's place): an unknown name then gets no near misses. Their search is the dearest part
   * of a name that resolves to nothing: at 1 MiB, a keystroke that made a place name unknown spent
   * 6 ms of its 20 on the near misses of the report's countries' question, before the rule's own.
   */
  suggest?: boolean;
}

export interface SearchOptions {
  /** At most this many results (default 20). */
  limit?: number;
  within?: GazetteerEntry | undefined;
  /** Also names that start with the query (default true): completion while typing. */
  prefix?: boolean;
  /** Places inside this one first (the incident's place). */
  prefer?: GazetteerEntry | undefined;
  /** Places in these countries (ISO 3166 codes) next, then the rest of the world. */
  countries?: readonly string[] | undefined;
}

export interface SearchResult {
  entry: GazetteerEntry;
  match: SearchMatch;
  matched: string;
  /** 0–1, higher first within a tier (the preferred place, the countries, the world): 1 the name, 0.95 an alias, 0.6–0.9 a variant spelling (closer higher), 0.55–0.89 a name that starts with the query, 0.1–0.5 a near miss. */
  score: number;
}

export interface GazetteerOptions {
  /** The built-in world layer, lowest of all. */
  builtin?: PlaceTable | undefined;
  /** The report's own front-matter gazetteers, highest of all. */
  frontMatter?: readonly GazetteerFile[];
}

const MATCH_RANK: Record<SearchMatch, number> = { name: 0, alias: 1, normalised: 2, prefix: 3, fuzzy: 4 };
const SETTLEMENTS = new Set(['city', 'town', 'village', 'neighbourhood', 'camp']);
const AREAS = new Set(['country', 'governorate', 'district', 'subdistrict']);
/** The areas inside a country, which are often named after a town (namesakes). */
const SUBDIVISIONS = new Set(['governorate', 'district', 'subdistrict']);
/** Candidates materialised for one ambiguous name; a longer list is cut with a count. */
const MAX_CANDIDATES = 20;
/** Rows of one key read in full by a lookup; the rest of a longer list are only counted. */
const EXACT_HIT_CAP = 200;
/** Near misses of one distance read in full; a longer list is cut in key order. */
const NEAR_MISS_CAP = 300;
const AREA_WORDS = /\b(governorate|province|district|subdistrict|sub-district|city|town|village|region|municipality|countryside|muhafazat|mintaqat|nahiyat)\b/gi;

/**
 * Edit distance a near miss may be from the folded label: one edit up to
 * seven letters, two up to fifteen, three beyond. (Three edits on a
 * twelve-letter key reach too far into a million names to be quick, or useful.)
 */
export function fuzzyBound(key: string): number {
  return key.length < 8 ? 1 : key.length < 16 ? 2 : 3;
}

interface Query {
  simple: string;
  key: string;
  bytes: Buffer;
  /** Without articles and spaces, every letter as written (foldArticles): how far an actor's name may be folded. */
  articles: string;
  /** The label as written (`asWrittenKey`: without a leading "the" and the article): what a name or an alias matches exactly. */
  written: string;
  /** The label without a generic word ("Kharkiv oblast" → "Kharkiv"), looked up when the whole label fits nothing. */
  generic?: GenericLabel & { query: Query };
}

function prepare(label: string, generic = true): Query {
  const simple = simplifyName(label);
  const key = foldSimplified(simple);
  const query: Query = { simple, key, bytes: Buffer.from(key, 'utf8'), articles: foldArticles(simple), written: asWrittenKey(simple) };
  const split = generic ? splitGenericWord(simple) : undefined;
  if (split && foldSimplified(split.core) !== '') query.generic = { ...split, query: prepare(split.core, false) };
  return query;
}

/**
 * The tier of a place (see `tiers`), with what lets prefixHits read only the rows that may rank
 * above the rest of the world.
 */
interface Tiers {
  (layer: Layer, row: number): number;
  /**
   * The countries of the bulk rows of a tier below `outside`: the given ones and the preferred
   * place's. Undefined when the preferred place's country is unknown: any row may lie inside it.
   */
  readonly countries: readonly string[] | undefined;
  /** The tier of every other bulk row. */
  readonly outside: number;
  /** The only country whose rows may be of tier 0 (inside the preferred place), if any. */
  readonly preferCountry: string | undefined;
  /** The tier of a bulk row in this country that is not inside the preferred place. */
  inCountry(code: string): number;
  /** The names of a bulk layer's rows inside the preferred place, when its country is known. */
  insideKeys(layer: TableLayer): KeySubset | undefined;
}

/** The rows of a bulk layer inside one place, and their names: see `Gazetteer.placeInside`. */
interface PlaceInside {
  readonly keys: KeySubset;
  hasRow(row: number): boolean;
}

/** Places whose rows `placeInside` keeps: a report's incidents name a few areas; each costs about 4 bytes a row inside. */
const MAX_PLACES_INSIDE = 64;
const INSIDE = 1;
const NOT = 2;

/** How a resolution among places is narrowed: see `ResolveOptions`. */
interface PlaceContext {
  wanted: WantedKind | undefined;
  /** The candidates were restricted to a place (`in=`, `--within`): they are all in context. */
  within: boolean;
  prefer: GazetteerEntry | undefined;
  countries: ReadonlySet<string> | undefined;
}

/** What one layer group makes of a name: a resolution, or nothing it may resolve to (and what to suggest instead). */
type Decision = { resolution: Resolution } | { resolution?: undefined; suggest: Hit[] };

/** Weight by which a settlement must outweigh the next of the same name to be meant by it: a city over a town. */
const DOMINANCE = 30;

/** One candidate row before it becomes an entry. */
interface Hit {
  layer: Layer;
  row: number;
  match: SearchMatch;
  matched: string;
  /** Lower is better: MATCH_RANK of the match, raised for a town named like an area (see withoutNamesakeAreas). */
  rank: number;
  /** Within a rank, lower is closer: edit distance of the spelling, or letters still to type. */
  closeness: number;
  /** The layer group it was found in, 1 the highest. */
  group?: number;
  /** For near misses, how far apart the consonants are: transliterations differ in vowels, typos in anything. */
  consonants?: number;
  /** Set by search: the order results are listed in (see `score`). */
  score?: number;
  /** For prefixes: the name as written starts with the query as written (not only once folded). */
  literal?: boolean;
  weight: number;
  key: string;
  /** An actor's name that agrees only once transliteration variants are folded: a suggestion, never a resolution. */
  loose?: boolean;
}

/** The team's names for actors and places, in layers, with the one resolution every feature uses. */
export class Gazetteer {
  readonly groups: GroupTree;
  readonly problems: GazetteerProblem[];
  /** The gazetteer files (team and front matter); the built-in layer and imports are not files of the team. */
  readonly files: string[];
  /** Highest layer first. */
  private readonly layers: Layer[];
  private readonly fileLayers: FileLayer[];
  private readonly placeOf = new WeakMap<GazetteerEntry, { layer: Layer; row: number }>();
  private readonly equivalentCache = new Map<string, Set<number>>();

  constructor(files: readonly GazetteerFile[], options: GazetteerOptions = {}) {
    const frontMatter = options.frontMatter ?? [];
    const all = [...files, ...frontMatter];
    this.problems = all.flatMap((file) => file.problems);
    this.files = all.map((file) => file.file);

    const team = new FileLayer('team', files, this.problems);
    const own = new FileLayer('front-matter', frontMatter, this.problems, team);
    this.fileLayers = [own, team];
    const tables = new Map<PlaceTable, ImportedTable>();
    for (const file of all) for (const imported of file.importedTables ?? []) tables.set(imported.table, imported);
    this.layers = [
      own,
      team,
      ...[...tables.values()].map((imported) => new TableLayer('import', imported.table, imported.file)),
      ...(options.builtin ? [new TableLayer('built-in', options.builtin, 'built-in')] : []),
    ];
    for (const layer of this.layers) layer.onEntry = (entry, row) => this.placeOf.set(entry, { layer, row });
    for (const layer of this.fileLayers) layer.registerAll();

    const groups = new Map<string, readonly string[]>(DEFAULT_GROUPS);
    for (const file of all) for (const [group, subgroups] of file.groups) groups.set(group, subgroups);
    this.groups = groups;
    this.problems.push(...checkFileEntries(this, [team, own]));
  }

  static empty(): Gazetteer {
    return new Gazetteer([]);
  }

  /** The entries of the gazetteer files (team and front matter); the bulk layers are reached through search. */
  *entries(category: EntryCategory): IterableIterator<GazetteerEntry> {
    const seen = new Set<string>();
    for (const layer of [...this.fileLayers].reverse()) {
      for (const entry of layer.all(category)) {
        if (!seen.has(entry.id)) yield entry;
        seen.add(entry.id);
      }
    }
  }

  private teamCountryList: readonly string[] | undefined;

  /** The countries (ISO 3166 codes, sorted) of the places in the team's and the report's own gazetteers. */
  teamCountries(): readonly string[] {
    if (!this.teamCountryList) {
      const codes = new Set<string>();
      for (const layer of this.fileLayers) {
        for (const entry of layer.all('place')) {
          const code = this.countryOf(entry);
          if (code) codes.add(code);
        }
      }
      this.teamCountryList = [...codes].sort();
    }
    return this.teamCountryList;
  }

  /** Which layers are loaded, lowest first, with their sizes. */
  layerSummary(): { kind: LayerKind; source: string; places: number; actors: number }[] {
    return [...this.layers].reverse().map((layer) => ({ kind: layer.kind, source: layer.source, places: layer.size('place'), actors: layer.size('actor') }));
  }

  /** The bulk layers' tables (built-in, imports), for tools and benchmarks that read them whole. */
  bulkTables(): { kind: LayerKind; source: string; table: PlaceTable }[] {
    return this.layers.filter((layer) => layer instanceof TableLayer).map((layer) => ({ kind: layer.kind, source: layer.source, table: layer.table }));
  }

  get(category: EntryCategory, id: string): GazetteerEntry | undefined {
    for (const layer of this.layers) {
      const row = layer.rowOf(category, id);
      if (row >= 0) return layer.entry(category, row);
    }
    return undefined;
  }

  /** The layer an entry comes from. */
  layerOf(entry: GazetteerEntry): LayerKind | undefined {
    return this.locate(entry)?.layer.kind;
  }

  private locate(entry: GazetteerEntry): { layer: Layer; row: number } | undefined {
    const known = this.placeOf.get(entry);
    if (known) return known;
    for (const layer of this.layers) {
      const row = layer.rowOf(entry.category, entry.id);
      if (row >= 0) return { layer, row };
    }
    return undefined;
  }

  private parentOf(place: GazetteerEntry): GazetteerEntry | undefined {
    const located = this.locate(place);
    if (located) {
      const parent = located.layer.parentRow(located.row);
      if (typeof parent === 'number') return located.layer.entry('place', parent);
    }
    return place.parent === undefined ? undefined : this.get('place', place.parent);
  }

  /** The containing places, innermost first; stops at a cycle, a missing parent or PLACE_NESTING_LIMIT places up. */
  ancestors(place: GazetteerEntry): GazetteerEntry[] {
    const chain: GazetteerEntry[] = [];
    const seen = new Set([place.id]);
    let parent = this.parentOf(place);
    while (parent && !seen.has(parent.id) && chain.length < PLACE_NESTING_LIMIT) {
      chain.push(parent);
      seen.add(parent.id);
      parent = this.parentOf(parent);
    }
    return chain;
  }

  /** "Furqan — neighbourhood, Aleppo, Syria": how a candidate is shown to writers. */
  describe(entry: GazetteerEntry): string {
    const path = entry.category === 'place' ? this.ancestors(entry).map((place) => place.name) : [];
    const details = [entry.kind, ...path].filter((part) => part !== undefined);
    return details.length > 0 ? `${entry.name} — ${details.join(', ')}` : entry.name;
  }

  /**
   * True when `entry` is `ancestor` or lies inside it. Across layers a place
   * counts as the same when it has the same id, the same GeoNames id or
   * administrative code, or (a team entry) when its name and kind match a
   * single bulk place: so a team's `syria` contains the built-in Saraqib.
   */
  contains(ancestor: GazetteerEntry, entry: GazetteerEntry): boolean {
    if (this.same(ancestor, entry)) return true;
    return this.ancestors(entry).some((place) => this.same(ancestor, place));
  }

  /** One place in two layers (see `contains`), such as a team's entry and its GeoNames twin: completion offers it once. */
  isSamePlace(a: GazetteerEntry, b: GazetteerEntry): boolean {
    return this.same(a, b);
  }

  private same(a: GazetteerEntry, b: GazetteerEntry): boolean {
    if (a === b || (a.id === b.id && a.category === b.category)) return true;
    if (a.category !== 'place' || b.category !== 'place') return false;
    if (a.geonames !== undefined && a.geonames === b.geonames) return true;
    const whereA = this.locate(a);
    const whereB = this.locate(b);
    if (!whereA || !whereB) return false;
    const codeA = whereA.layer.adminCode(whereA.row);
    if (codeA !== undefined && codeA === whereB.layer.adminCode(whereB.row)) return true;
    if (whereB.layer instanceof TableLayer && !(whereA.layer instanceof TableLayer)) return this.equivalentRows(a, whereB.layer).has(whereB.row);
    if (whereA.layer instanceof TableLayer && !(whereB.layer instanceof TableLayer)) return this.equivalentRows(b, whereA.layer).has(whereA.row);
    return false;
  }

  /** The rows of a bulk layer that are the same place as a team entry (see `contains`). */
  private equivalentRows(entry: GazetteerEntry, layer: TableLayer): Set<number> {
    const cacheKey = `${layer.source}\0${entry.id}`;
    const cached = this.equivalentCache.get(cacheKey);
    if (cached) return cached;
    const rows = new Set<number>();
    this.equivalentCache.set(cacheKey, rows);
    const own = this.locate(entry);
    if (own?.layer === layer) {
      rows.add(own.row);
      return rows;
    }
    const table = layer.table;
    if (entry.geonames !== undefined) {
      const row = table.rowOfGeonameId(entry.geonames);
      if (row >= 0) rows.add(row);
    }
    const code = own?.layer.adminCode(own.row);
    if (code !== undefined && table.adminCodes.has(code)) rows.add(table.adminCodes.get(code)!);
    if (rows.size > 0 || !(own?.layer instanceof FileLayer)) return rows;

    // By name: the entry's name and aliases, also without words such as "Governorate", of a compatible kind.
    const names = new Set<string>();
    for (const text of [entry.name, ...entry.aliases]) {
      names.add(foldName(text));
      names.add(foldName(text.replace(AREA_WORDS, ' ')));
    }
    names.delete('');
    const compatible = (row: number) => {
      const kind = table.kind(row);
      if (entry.kind === undefined) return true;
      return kind === entry.kind || (SETTLEMENTS.has(kind) && SETTLEMENTS.has(entry.kind)) || (AREAS.has(kind) && AREAS.has(entry.kind) && kind !== 'country' && entry.kind !== 'country');
    };
    let found: number[] = [];
    for (const name of names) {
      const [start, end] = table.names.equalRange(Buffer.from(name, 'utf8'));
      for (let index = start; index < end && index - start < 200; index++) {
        const row = refRow(table.names.refs[index]!);
        if (compatible(row) && !found.includes(row)) found.push(row);
      }
    }
    const parent = this.parentOf(entry);
    if (found.length > 1 && parent) {
      const inside = found.filter((row) => this.contains(parent, layer.entry('place', row)));
      if (inside.length > 0) found = inside;
    }
    if (found.length > 1 && entry.coordinates) {
      const [lat, lon] = entry.coordinates;
      const near = found.filter((row) => {
        const at = table.coordinates(row);
        return at !== undefined && Math.abs(at[0] - lat) < 0.3 && Math.abs(at[1] - lon) < 0.3;
      });
      if (near.length > 0) found = near;
    }
    if (found.length <= 3) for (const row of found) rows.add(row);
    return rows;
  }

  /** A fast test of "inside `within`" for rows of one layer, used while scanning many candidates. */
  private insideTest(within: GazetteerEntry): (layer: Layer, row: number) => boolean {
    const perLayer = new Map<Layer, (row: number) => boolean>();
    const externalAnswers = new Map<string, boolean>();
    return (layer, row) => {
      let test = perLayer.get(layer);
      if (!test) {
        if (layer instanceof TableLayer) {
          const targets = this.equivalentRows(within, layer);
          const table = layer.table;
          test = (candidate) => {
            for (const target of targets) if (table.chainIncludes(candidate, target)) return true;
            const external = table.externalAncestor(candidate);
            if (external === undefined) return false;
            let answer = externalAnswers.get(external);
            if (answer === undefined) {
              const outside = this.get('place', external);
              answer = outside !== undefined && this.contains(within, outside);
              externalAnswers.set(external, answer);
            }
            return answer;
          };
        } else {
          test = (candidate) => this.contains(within, layer.entry('place', candidate));
        }
        perLayer.set(layer, test);
      }
      return test(row);
    };
  }

  /** Groups of layers by kind, highest first: a name found in one group is not looked up in the lower ones. */
  private *layerGroups(category: EntryCategory): Generator<Layer[]> {
    let group: Layer[] = [];
    for (const layer of this.layers) {
      if (layer.size(category) === 0) continue;
      if (group.length > 0 && group[0]!.kind !== layer.kind) {
        yield group;
        group = [];
      }
      group.push(layer);
    }
    if (group.length > 0) yield group;
  }

  /**
   * The rows whose key is the query's, classified. A key shared by more rows
   * than `cap` (a short GeoNames name can be), keeps the `cap` most prominent
   * and counts the rest, so that one lookup never reads thousands of rows.
   */
  private exactHits(layer: Layer, category: EntryCategory, query: Query, inside: ((layer: Layer, row: number) => boolean) | undefined, cap: number): { hits: Hit[]; more: number } {
    const index = layer.index(category);
    const [start, end] = index.equalRange(query.bytes);
    let refs: number[] = [];
    for (let i = start; i < end; i++) {
      const ref = index.refs[i]!;
      if (!inside || inside(layer, refRow(ref))) refs.push(ref);
    }
    let more = 0;
    if (refs.length > cap) {
      more = refs.length - cap;
      if (layer instanceof TableLayer) {
        // The most prominent first, then by ref, as numbers: (255 - weight) above the ref's 32 bits. A comparator
        // calling layer.weight took 600 ms of the 11 s of the in-process profile (bench's import: keys of thousands of rows).
        const weights = layer.table.weights;
        const order = new Float64Array(refs.length);
        for (let i = 0; i < refs.length; i++) order[i] = (255 - weights[refRow(refs[i]!)]!) * 2 ** 32 + refs[i]!;
        order.sort();
        refs = Array.from(order.subarray(0, cap), (packed) => packed % 2 ** 32);
      } else refs = refs.sort((a, b) => layer.weight(category, refRow(b)) - layer.weight(category, refRow(a)) || a - b).slice(0, cap);
    }
    // Classified when first read (ExactHit): a resolution in the report's countries reads the match of the few rows
    // in them, not of the 200.
    return { hits: refs.map((ref) => new ExactHit(layer, category, refRow(ref), query, refIsName(ref))), more };
  }

  /** Resolves prose such as "the Assad regime" or "Maarat al-Numan" to an entry. */
  resolve(category: EntryCategory, label: string, options: ResolveOptions = {}): Resolution {
    // A gazetteer never changes (a changed file makes a new one), so a resolution holds for its
    // life. Completion resolves each of its candidates (to know whether the name alone is enough),
    // hover and definition the same labels again and again: with a million-place import one
    // resolution can take a millisecond.
    const key = `${category}\u0000${label}\u0000${options.within?.id ?? ''}\u0000${options.prefer?.id ?? ''}\u0000${options.kind ?? ''}\u0000${options.countries?.join(',') ?? ''}`;
    const cached = this.resolutions.get(key);
    if (cached) return cached;
    // Without suggestions: the same resolution, kept apart only while it is not known with them.
    const withoutSuggestions = options.suggest === false ? `${key}\u0000-` : undefined;
    const cachedWithout = withoutSuggestions === undefined ? undefined : this.resolutions.get(withoutSuggestions);
    if (cachedWithout) return cachedWithout;
    const resolution = this.resolveUncached(category, label, options);
    if (this.resolutions.size >= MAX_KEPT_RESOLUTIONS) this.resolutions.clear();
    // Detached: the key holds the label, a slice of a parsed region that it would otherwise keep alive.
    this.resolutions.set(detached(withoutSuggestions ?? key), resolution);
    return resolution;
  }

  private readonly resolutions = new Map<string, Resolution>();

  private resolveUncached(category: EntryCategory, label: string, options: ResolveOptions): Resolution {
    const query = prepare(label);
    if (query.key === '') return { status: 'unknown', suggestions: [] };
    const places = category === 'place';
    const inside = options.within && places ? this.insideTest(options.within) : undefined;
    const context: PlaceContext = {
      wanted: places ? (options.kind !== undefined ? wantedForKind(options.kind) : query.generic?.wanted) : undefined,
      within: inside !== undefined,
      prefer: places ? options.prefer : undefined,
      countries: undefined,
    };
    // The team's own places tell which countries its reports are about, when the caller does not say.
    const countries = places ? (options.countries ?? this.teamCountries()) : [];
    if (countries.length > 0) context.countries = new Set(countries);
    // Names that fit but may not be resolved to (a variant spelling abroad, an actor's near spelling): suggested first.
    const near: Hit[] = [];
    for (const group of this.layerGroups(category)) {
      let found = this.groupFits(group, category, query, inside);
      // "Kharkiv oblast", "Gaza City": the name without its generic word, and the areas written with one.
      if (found.hits.length === 0 && places && query.generic) found = this.groupFits(group, category, query.generic.query, inside, true);
      if (found.hits.length === 0) continue;
      const decision =
        group[0] instanceof TableLayer ? this.decideAmongPlaces(found.hits, found.more, context) : this.decideInFiles(category, found.hits, found.more, context);
      if (decision.resolution) return decision.resolution;
      near.push(...decision.suggest);
    }
    // A name that fits but may not resolve here is a better suggestion than any near miss: it alone is offered.
    if (near.length === 0 && options.suggest === false) return { status: 'unknown', suggestions: [] };
    const offered = near.length > 0 ? near.sort(bySettlementFirst) : suggestionsAcrossLayers(this.rank(category, query, { limit: 3, inside, exact: false, prefix: true, fill: false, prefer: context.prefer, countries: context.countries }));
    const seen = new Set<string>();
    const suggestions: Candidate[] = [];
    for (const hit of offered) {
      const id = hit.layer.id(category, hit.row);
      if (seen.has(id) || suggestions.length >= 3) continue;
      seen.add(id);
      suggestions.push({ ...this.candidate(category, hit), match: 'fuzzy' });
    }
    return near.length > 0 ? { status: 'unknown', suggestions, held: true } : { status: 'unknown', suggestions };
  }

  /** The rows of one layer group whose key is the query's (with `affixed`, also "<query> Oblast", "Muhafazat <query>"…), one hit per entry. */
  private groupFits(group: Layer[], category: EntryCategory, query: Query, inside: ((layer: Layer, row: number) => boolean) | undefined, affixed = false): { hits: Hit[]; more: number } {
    const queries = affixed
      ? [query, ...AREA_SUFFIXES.map((word) => prepare(`${query.simple} ${word}`, false)), ...AREA_PREFIXES.map((word) => prepare(`${word} ${query.simple}`, false))]
      : [query];
    const hits: Hit[] = [];
    let more = 0;
    for (const layer of group) {
      for (const asked of queries) {
        const exact = this.exactHits(layer, category, asked, inside, EXACT_HIT_CAP);
        hits.push(...exact.hits);
        more += exact.more;
      }
    }
    return { hits: this.uniqueHits(hits, category), more };
  }

  /**
   * Team and front-matter entries: the best match (name, then alias, then variant
   * spelling; the closest spelling among variants), the incident's place first
   * among equals. An actor's name resolves only as written (case, diacritics, a
   * leading "the" and the article aside): a variant spelling is a suggestion.
   */
  private decideInFiles(category: EntryCategory, fits: Hit[], uncounted: number, context: PlaceContext): Decision {
    let hits = fits;
    if (category === 'actor') {
      hits = fits.filter((hit) => !hit.loose);
      if (hits.length === 0) return { suggest: fits };
    } else {
      const kinds = this.preferredKinds(hits, context.wanted);
      if (!kinds) return { suggest: [] };
      hits = kinds;
    }
    hits = bestMatches(hits);
    if (hits.length > 1 && context.prefer) {
      const preferred = context.prefer;
      const insidePreferred = hits.filter((hit) => this.contains(preferred, hit.layer.entry(category, hit.row)));
      if (insidePreferred.length > 0) hits = insidePreferred;
    }
    return { resolution: this.outcome(category, hits, uncounted, false) };
  }

  /**
   * Places of the bulk layers (built-in, imports), where one name fits places
   * all over the world. In order:
   * - the kind asked for (`kind=`, or a generic word: "oblast" an area, "city" a settlement, "camp" a camp);
   *   else a country by its name, and a town before the area named after it;
   * - places inside the incident's place, else in the report's countries, else the rest of the world,
   *   where only an exact name or alternate name may resolve when the report has countries;
   * - the exact name or alternate name before a variant spelling, and the closest variant;
   * - a settlement before an area of the same name; a city before the towns of its name.
   * Candidates in more than one country are ambiguous: one of them is never picked silently.
   */
  private decideAmongPlaces(fits: Hit[], uncounted: number, context: PlaceContext): Decision {
    const kinds = this.preferredKinds(context.wanted ? fits : this.withoutNamesakeAreas(fits), context.wanted);
    if (!kinds) return { suggest: [] };
    const { hits: tier, where } = this.contextTier(kinds, context);
    // Out of context a variant spelling is a guess (Tawila is not Tawala in the Philippines), and so is a
    // town abroad of the very name (Zaporozhye, Kazakhstan, in a report on Ukraine): they are suggested.
    let hits = tier;
    if (where !== 'context') hits = hits.filter((hit) => hit.rank <= MATCH_RANK.alias);
    if (where === 'abroad') hits = hits.filter((hit) => hit.weight >= KIND_WEIGHT.city);
    if (hits.length === 0) return { suggest: tier };
    // Every fit is the place's name once folded: GeoNames' main name is no better than an alternate name,
    // nor than a variant spelling of one (the built-in layer keeps no alternate name that folds like the
    // name). Mykolaiv, a town near Lviv, is not more Mykolaiv than the city of Mykolayiv: prominence decides.
    const settlements = hits.filter((hit) => kindClass(hit.layer.kindOf('place', hit.row)) !== 'area');
    if (settlements.length > 0 && !context.wanted) hits = settlements;
    hits.sort(byProminence);
    const [first, second] = hits;
    const settlement = (hit: Hit) => kindClass(hit.layer.kindOf('place', hit.row)) === 'settlement';
    const dominant = first && second && uncounted === 0 && settlement(first) && first.weight - second.weight >= DOMINANCE;
    const chosen = dominant ? [first] : hits;
    if (!this.standsOut(chosen, hits, tier)) {
      // Fits in several countries, none clearly the one: every fit, those that could resolve first.
      const rest = tier.filter((hit) => !hits.includes(hit)).sort(bySettlementFirst);
      return { resolution: this.outcome('place', [...hits, ...rest], uncounted, true) };
    }
    return { resolution: this.outcome('place', chosen, uncounted, false) };
  }

  /**
   * Whether the chosen candidates may be taken over the fits left aside: those in other countries,
   * and (out of context) the variant spellings in the same one. Only a single candidate, more
   * prominent than every fit left aside, and by the dominance margin, through its main name, than a
   * place of the very name in another country: El Fasher, the city, over Fisher, a village in
   * Illinois; not Jenin, a Polish village, over Janīn, the Palestinian town; not Tripoli, Libya,
   * over Tripoli, Lebanon.
   */
  private standsOut(chosen: Hit[], hits: Hit[], tier: Hit[]): boolean {
    const countryOf = (hit: Hit) => this.countryOfHit(hit) ?? '';
    const home = chosen.length > 0 ? countryOf(chosen[0]!) : '';
    const aside = tier.filter((hit) => !chosen.includes(hit) && (!hits.includes(hit) || countryOf(hit) !== home));
    if (aside.length === 0) return true;
    if (chosen.length !== 1) return !aside.some((hit) => countryOf(hit) !== home);
    const [only] = chosen as [Hit];
    return aside.every((hit) =>
      countryOf(hit) !== home && hit.rank <= MATCH_RANK.alias
        ? // Moscow, the city, over Moscow, Idaho; not Engels, once Pokrovsk, over Pokrovsk: by its main name only.
          only.rank === MATCH_RANK.name && only.weight - hit.weight >= DOMINANCE
        : only.weight > hit.weight,
    );
  }

  /** Resolved when one candidate is left and none were left unread; otherwise ambiguous, best first. */
  private outcome(category: EntryCategory, hits: Hit[], uncounted: number, forceAmbiguous: boolean): Resolution {
    if (!forceAmbiguous) hits.sort(byProminence);
    const candidates = hits.slice(0, MAX_CANDIDATES).map((hit) => this.candidate(category, hit));
    // With places left unread (a name shared by hundreds), one best candidate proves nothing.
    if (candidates.length === 1 && uncounted === 0 && !forceAmbiguous) {
      const [only] = candidates as [Candidate];
      return { status: 'resolved', entry: only.entry, match: only.match, matched: only.matched };
    }
    const more = hits.length - candidates.length + uncounted;
    return more > 0 ? { status: 'ambiguous', candidates, more } : { status: 'ambiguous', candidates };
  }

  /**
   * The fits of the kind asked for, or undefined when none is. With nothing asked: a country by
   * its name ("Lebanon" is not Lebanon, Pennsylvania), else every fit.
   */
  private preferredKinds(hits: Hit[], wanted: WantedKind | undefined): Hit[] | undefined {
    const classOf = (hit: Hit) => kindClass(hit.layer.kindOf('place', hit.row));
    if (!wanted) {
      const countries = hits.filter((hit) => classOf(hit) === 'country' && hit.rank <= MATCH_RANK.alias);
      return countries.length > 0 ? countries : hits;
    }
    const ofClass = hits.filter((hit) => classOf(hit) === wanted.class || (wanted.class === 'area' && classOf(hit) === 'country'));
    if (ofClass.length === 0) return undefined;
    const ofKind = ofClass.filter((hit) => hit.layer.kindOf('place', hit.row) === wanted.kind);
    return ofKind.length > 0 ? ofKind : ofClass;
  }

  /**
   * The fits in the first context that has any: inside the incident's place, in the report's
   * countries (`context`, as are all when the search was restricted to a place), else the
   * world: `abroad` when the report has countries, `anywhere` when it has none.
   */
  private contextTier(hits: Hit[], context: PlaceContext): { hits: Hit[]; where: 'context' | 'abroad' | 'anywhere' } {
    if (context.prefer) {
      const test = this.insideTest(context.prefer);
      const inside = hits.filter((hit) => test(hit.layer, hit.row));
      if (inside.length > 0) return { hits: inside, where: 'context' };
    }
    const countries = context.countries;
    if (countries) {
      const inCountries = hits.filter((hit) => countries.has(this.countryOfHit(hit) ?? ''));
      if (inCountries.length > 0) return { hits: inCountries, where: 'context' };
    }
    return { hits, where: context.within ? 'context' : countries ? 'abroad' : 'anywhere' };
  }

  /** The countries of the file layers' entries (a bulk layer's rows have theirs in `rowCountries`). */
  private readonly countryCache = new Map<Layer, Map<number, string | undefined>>();

  private countryOfHit(hit: { layer: Layer; row: number }): string | undefined {
    if (hit.layer instanceof TableLayer) return this.countryOfRow(hit.layer, hit.row);
    let cache = this.countryCache.get(hit.layer);
    if (!cache) this.countryCache.set(hit.layer, (cache = new Map()));
    if (cache.has(hit.row)) return cache.get(hit.row);
    const code = this.countryOf(hit.layer.entry('place', hit.row));
    cache.set(hit.row, code);
    return code;
  }

  private readonly rowCountryTables = new Map<TableLayer, RowCountries>();

  /** The country of every row of a bulk layer, looked up once per gazetteer (see RowCountries). */
  private rowCountries(layer: TableLayer): RowCountries {
    let rows = this.rowCountryTables.get(layer);
    if (!rows) {
      const countryOfOutside = (id: string) => {
        const outside = this.get('place', id);
        return outside ? this.countryOf(outside) : /^geo:([A-Z]{2})(?:[.:]|$)/.exec(id)?.[1];
      };
      this.rowCountryTables.set(layer, (rows = new RowCountries(layer.table, countryOfOutside)));
    }
    return rows;
  }

  /** The ISO 3166 code of the country a bulk layer's row lies in, following its parents. */
  private countryOfRow(layer: TableLayer, row: number): string | undefined {
    return this.rowCountries(layer).codeOf(row);
  }

  /**
   * The ISO 3166 code of the country a place lies in (the place itself, for a country): from a
   * bulk layer's country, or a team's country entry that is the same place as one.
   */
  countryOf(place: GazetteerEntry): string | undefined {
    for (const entry of [place, ...this.ancestors(place)]) {
      const located = this.locate(entry);
      if (located?.layer instanceof TableLayer) return this.countryOfRow(located.layer, located.row);
      if (entry.kind !== 'country') continue;
      const code = /^geo:([A-Z]{2})$/.exec(entry.id)?.[1];
      if (code) return code;
      for (const layer of this.layers) {
        if (!(layer instanceof TableLayer)) continue;
        for (const row of this.equivalentRows(entry, layer)) {
          if (layer.table.kind(row) === 'country') return this.countryOfRow(layer, row);
        }
      }
      return undefined;
    }
    return undefined;
  }

  /**
   * In GeoNames data an area is often named after its main town (Hama
   * governorate and Hama city; Damascus district beside Damascus city). A bare
   * name in a report means the town; the area is written "Hama Governorate" or
   * "Hama province", which are its aliases. So in resolution the town takes
   * the area's rank (the name matched exactly) and the area is dropped; search
   * lists the area right after the town.
   */
  private withoutNamesakeAreas(hits: Hit[]): Hit[] {
    const pairs = this.namesakes(hits);
    if (pairs.size === 0) return hits;
    for (const [area, towns] of pairs) for (const town of towns) town.rank = Math.min(town.rank, area.rank);
    return hits.filter((hit) => !pairs.has(hit));
  }

  /**
   * Each area among the hits with the settlements of the same key inside it, or beside it under one
   * parent. Not a country: a country is meant by its name, and towns inside it that fold like it are
   * not named after it ("Russia" is not Ruza, alternately Rusa, nor Krasna Kosa, alternately Rosia,
   * in a report on Ukraine, which both took the country's place).
   */
  private namesakes(hits: readonly Hit[], queryKey?: string): Map<Hit, Hit[]> {
    const pairs = new Map<Hit, Hit[]>();
    // Areas are few among the hits of a name; most names need none of the work below.
    const areaHits = hits.filter((hit) => SUBDIVISIONS.has(hit.layer.kindOf('place', hit.row) ?? ''));
    if (areaHits.length === 0) return pairs;
    const areaKeys = new Set(areaHits.map((hit) => hit.key));
    // "Mhardeh District" when "Mhardeh" was typed: its town (Maharda, spelled otherwise) is what was meant.
    const namedAfterQuery = new Set(
      queryKey === undefined
        ? []
        : areaHits.filter((area) => {
            const split = splitGenericWord(area.matched);
            return split?.wanted.class === 'area' && foldName(split.core) === queryKey;
          }),
    );
    // Rows, not entries: a name shared by hundreds of rows (the bench's synthetic import) made an entry
    // and its ancestors' entries for each settlement, 40% of a resolution's time; parents and
    // ancestor ids are read from the rows, the ancestors only for the settlements that share an area's key.
    const settlements = hits.filter((hit) => (areaKeys.has(hit.key) || namedAfterQuery.size > 0) && SETTLEMENTS.has(hit.layer.kindOf('place', hit.row) ?? ''));
    if (settlements.length === 0) return pairs;
    const parents = new Map<Hit, string | undefined>();
    const parentOf = (hit: Hit) => {
      if (!parents.has(hit)) parents.set(hit, this.parentIdOfRow(hit.layer, hit.row));
      return parents.get(hit);
    };
    const ancestorIds = new Map<Hit, Set<string>>();
    const ancestorsOf = (hit: Hit) => {
      let ids = ancestorIds.get(hit);
      if (!ids) ancestorIds.set(hit, (ids = this.ancestorIdsOfRow(hit.layer, hit.row)));
      return ids;
    };
    for (const area of areaHits) {
      // The area's ids only when a town must be compared by ids (see besideOrInsideByRows).
      let ids: { areaId: string; areaParent: string | undefined } | undefined;
      const byIds = (town: Hit) => {
        ids ??= { areaId: area.layer.id('place', area.row), areaParent: this.parentIdOfRow(area.layer, area.row) };
        return (ids.areaParent !== undefined && parentOf(town) === ids.areaParent) || ancestorsOf(town).has(ids.areaId);
      };
      const byName = namedAfterQuery.has(area);
      const towns = settlements.filter((town) => (town.key === area.key || byName) && (besideOrInsideByRows(area, town) ?? byIds(town)));
      if (towns.length > 0) pairs.set(area, towns);
    }
    return pairs;
  }

  /** A row's `parent` as its entry has it (an id), without making the entry. */
  private parentIdOfRow(layer: Layer, row: number): string | undefined {
    return layer instanceof TableLayer ? layer.table.parentId(row) : layer.entry('place', row).parent;
  }

  /** The ids of `ancestors` of a row's entry, read from the rows (the same chain: parentOf, stopping at a cycle, a missing parent or PLACE_NESTING_LIMIT). */
  private ancestorIdsOfRow(layer: Layer, row: number): Set<string> {
    const ids = new Set<string>();
    const seen = new Set([layer.id('place', row)]);
    let at: { layer: Layer; row: number } | undefined = { layer, row };
    while (ids.size < PLACE_NESTING_LIMIT) {
      const parent: number | string | undefined = at.layer.parentRow(at.row);
      if (typeof parent === 'number') at = { layer: at.layer, row: parent };
      else if (parent === undefined) return ids;
      else at = this.locateId(parent);
      if (!at) return ids;
      const id = at.layer.id('place', at.row);
      if (seen.has(id)) return ids;
      seen.add(id);
      ids.add(id);
    }
    return ids;
  }

  /** Where `get('place', id)` finds its entry. */
  private locateId(id: string): { layer: Layer; row: number } | undefined {
    for (const layer of this.layers) {
      const row = layer.rowOf('place', id);
      if (row >= 0) return { layer, row };
    }
    return undefined;
  }

  /** One hit per entry (two keys of one row, or one place in two overlapping imports), the best kept. */
  private uniqueHits(hits: Hit[], category: EntryCategory): Hit[] {
    // All of an import's rows (one row per geonameid: one id exactly when one row): told apart by their
    // numbers, without decoding ids, for the hundreds of rows of a crowded name. The same hits in the same order.
    const only = hits[0]?.layer;
    if (only instanceof TableLayer && only.table.idsFromGeonames && hits.every((hit) => hit.layer === only)) {
      const byRow = new Map<number, Hit>();
      for (const hit of hits) {
        const existing = byRow.get(hit.row);
        if (!existing || hit.rank < existing.rank || (hit.rank === existing.rank && hit.closeness < existing.closeness)) byRow.set(hit.row, hit);
      }
      return [...byRow.values()];
    }
    const byId = new Map<string, Hit>();
    for (const hit of hits) {
      const id = hit.layer.id(category, hit.row);
      const existing = byId.get(id);
      if (!existing || hit.rank < existing.rank || (hit.rank === existing.rank && hit.closeness < existing.closeness)) byId.set(id, hit);
    }
    return [...byId.values()];
  }

  private candidate(category: EntryCategory, hit: Hit): Candidate {
    return { entry: hit.layer.entry(category, hit.row), match: hit.match === 'prefix' ? 'fuzzy' : hit.match, matched: hit.matched };
  }

  /**
   * Ranked matches for what the writer is typing: exact names and aliases,
   * variant spellings, names that start with it, then near misses. A name
   * found in a higher layer hides the same name in the lower ones.
   */
  search(category: EntryCategory, text: string, options: SearchOptions = {}): SearchResult[] {
    const limit = Math.max(1, options.limit ?? 20);
    const query = prepare(text);
    const inside = options.within && category === 'place' ? this.insideTest(options.within) : undefined;
    if (query.key === '') {
      const within = options.within;
      return [...this.entries(category)]
        .filter((entry) => !within || this.contains(within, entry))
        .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
        .slice(0, limit)
        .map((entry) => ({ entry, match: 'prefix' as const, matched: entry.name, score: 0.6 }));
    }
    // Ranked as resolution ranks: the preferred place, then the given countries (by default the team's
    // own), then the world, so that GeoNames alternates abroad (Zaragoza's "Saraqosa") do not crowd out
    // the team's Saraqib.
    const places = category === 'place';
    const countries = places ? (options.countries ?? this.teamCountries()) : [];
    const context = { prefer: places ? options.prefer : undefined, countries: countries.length > 0 ? new Set(countries) : undefined };
    return this.rank(category, query, { limit, inside, exact: true, prefix: options.prefix ?? true, fill: true, ...context }).map((hit) => ({
      entry: hit.layer.entry(category, hit.row),
      match: hit.match,
      matched: hit.matched,
      score: hit.score!,
    }));
  }

  private rank(
    category: EntryCategory,
    query: Query,
    options: {
      limit: number;
      inside: ((layer: Layer, row: number) => boolean) | undefined;
      exact: boolean;
      prefix: boolean;
      /** Keep widening the near misses until the list is full (completion), or stop at the nearest found (suggestions). */
      fill: boolean;
      prefer?: GazetteerEntry | undefined;
      countries?: ReadonlySet<string> | undefined;
    },
  ): Hit[] {
    const { limit, inside } = options;
    const tierOf = category === 'place' ? this.tiers(options.prefer, options.countries) : undefined;
    const groups = [...this.layerGroups(category)].map((layers) => ({ layers, hits: [] as Hit[] }));
    for (const group of groups) {
      for (const layer of group.layers) {
        const index = layer.index(category);
        if (options.exact) group.hits.push(...this.exactHits(layer, category, query, inside, Math.max(limit * 3, 60)).hits);
        if (options.prefix) group.hits.push(...this.prefixHits(layer, category, index, query, index.equalRange(query.bytes), limit * 2, inside, tierOf));
        // "Darfur" is no place, but North, South, West, East and Central Darfur are.
        if (!options.exact && category === 'place') group.hits.push(...this.directionHits(layer, query, inside));
      }
    }
    // Near misses rank below every other match: look for them only to fill the list, and
    // widen the search one edit at a time, since most are one edit away and one edit is cheap.
    const visible = () => {
      const keys = new Set<string>();
      const ids = new Set<string>();
      for (const { hits } of groups) {
        for (const hit of hits) if (!keys.has(hit.key)) ids.add(hit.layer.id(category, hit.row));
        for (const hit of hits) keys.add(hit.key);
      }
      return ids.size;
    };
    let missing = limit - visible();
    if (query.key.length >= 3 && missing > 0) {
      const bound = fuzzyBound(query.key);
      for (let edits = 1; edits <= bound && missing > 0; edits++) {
        for (const group of groups) {
          for (const layer of group.layers) {
            group.hits.push(...this.nearMisses(layer, category, query, edits, inside, missing * 2, tierOf));
          }
        }
        const shown = visible();
        // A suggestion two edits away is noise beside one a single edit away.
        missing = !options.fill && shown > limit - missing ? 0 : limit - shown;
      }
    }
    const shadowed = new Set<string>();
    const all: { hit: Hit; group: number }[] = [];
    groups.forEach(({ layers, hits }, index) => {
      const groupNumber = index + 1;
      for (const hit of hits) hit.score = score(hit);
      if (layers[0] instanceof TableLayer) {
        // A town takes the score of the area named after it; the area comes right after it.
        for (const [area, towns] of this.namesakes(hits, query.key)) {
          for (const town of towns) town.score = Math.max(town.score!, area.score!);
          area.score = Math.min(area.score!, Math.min(...towns.map((town) => town.score!)) - 0.01);
        }
      }
      for (const hit of hits) {
        if (shadowed.has(hit.key)) continue;
        hit.group = groupNumber;
        all.push({ hit, group: groupNumber });
      }
      for (const hit of hits) shadowed.add(hit.key);
    });
    // Inside the incident's place, then in the report's countries, then the world; best score first;
    // between equally good ones the higher layer (the team's own entries) first.
    const tier = (hit: Hit) => (tierOf ? tierOf(hit.layer, hit.row) : 0);
    all.sort(
      (a, b) =>
        tier(a.hit) - tier(b.hit) ||
        b.hit.score! - a.hit.score! ||
        a.group - b.group ||
        (a.hit.consonants ?? 0) - (b.hit.consonants ?? 0) ||
        b.hit.weight - a.hit.weight ||
        a.hit.matched.localeCompare(b.hit.matched),
    );
    const seen = new Set<string>();
    const result: Hit[] = [];
    for (const { hit } of all) {
      const id = hit.layer.id(category, hit.row);
      if (seen.has(id)) continue;
      seen.add(id);
      result.push(hit);
      if (result.length >= limit) break;
    }
    return result;
  }

  /** Keys exactly `edits` edits from the query (the closer ones were found before), at most `keep`. */
  private nearMisses(
    layer: Layer,
    category: EntryCategory,
    query: Query,
    edits: number,
    inside: ((layer: Layer, row: number) => boolean) | undefined,
    keep: number,
    tierOf?: (layer: Layer, row: number) => number,
  ): Hit[] {
    const index = layer.index(category);
    const near: number[] = [];
    index.fuzzy(query.bytes, edits, (keyIndex, editDistance) => {
      if (editDistance === edits) near.push(keyIndex);
    });
    const hits: Hit[] = [];
    // All at this distance are equally near: read a few hundred, keep those whose consonants agree best.
    for (const keyIndex of near.slice(0, NEAR_MISS_CAP)) {
      const ref = index.refs[keyIndex]!;
      const row = refRow(ref);
      if (inside && !inside(layer, row)) continue;
      const texts = layer.texts(category, row);
      const key = index.key(keyIndex);
      const matched = refIsName(ref) ? texts.name : (texts.aliases.find((alias) => foldName(alias) === key) ?? texts.name);
      const consonants = distance(consonantSkeleton(matched), consonantSkeleton(query.simple));
      hits.push({ layer, row, match: 'fuzzy', rank: MATCH_RANK.fuzzy, matched, closeness: edits, consonants, weight: layer.weight(category, row), key });
    }
    const tier = (hit: Hit) => (tierOf ? tierOf(hit.layer, hit.row) : 0);
    return hits.sort((a, b) => tier(a) - tier(b) || a.consonants! - b.consonants! || b.weight - a.weight).slice(0, keep);
  }

  /**
   * 0 for a place inside `prefer`, 1 for one in `countries` (or any, without countries; and the
   * team's own entries), 2 for the rest of the world. Undefined when neither is given.
   */
  private tiers(prefer: GazetteerEntry | undefined, countries: ReadonlySet<string> | undefined): Tiers | undefined {
    if (!prefer && !countries) return undefined;
    const insidePrefer = prefer ? this.insideTest(prefer) : undefined;
    // A bulk row is tested by its country's number (prefixHits asks this of every row that starts
    // with what was typed): only a row in the preferred place's country can lie inside it.
    const preferCountry = prefer ? this.countryOf(prefer) : undefined;
    let tableLayer: TableLayer | undefined;
    let rows: RowCountries | undefined;
    let preferNumber = 0;
    /** The rows of `tableLayer` inside the preferred place, when its country is known. */
    let rowsInside: PlaceInside | undefined;
    /** By country number: 1 in `countries`, 2 not, unset not asked yet. */
    let verdicts: number[] = [];
    const tierOf = (layer: Layer, row: number): number => {
      if (!(layer instanceof TableLayer)) return insidePrefer?.(layer, row) ? 0 : 1;
      if (layer !== tableLayer) {
        tableLayer = layer;
        rows = this.rowCountries(layer);
        preferNumber = preferCountry === undefined ? 0 : rows.numberOfCode(preferCountry);
        rowsInside = prefer && preferNumber !== 0 ? this.placeInside(layer, prefer, preferNumber) : undefined;
        verdicts = [];
      }
      const number = rows!.numberOf(row);
      if (insidePrefer && (preferNumber === 0 || number === preferNumber) && (rowsInside ? rowsInside.hasRow(row) : insidePrefer(layer, row))) return 0;
      if (!countries) return 1;
      return (verdicts[number] ??= countries.has(rows!.codeOf(row) ?? '') ? 1 : 2);
    };
    const inContext = prefer && preferCountry === undefined ? undefined : [...new Set([...(countries ?? []), ...(preferCountry ? [preferCountry] : [])])];
    const inCountry = (code: string) => (!countries || countries.has(code) ? 1 : 2);
    const insideKeys = (layer: TableLayer): KeySubset | undefined => {
      if (!prefer || preferCountry === undefined) return undefined;
      return this.placeInside(layer, prefer, this.rowCountries(layer).numberOfCode(preferCountry)).keys;
    };
    return Object.assign(tierOf, { countries: inContext, outside: countries ? 2 : 1, preferCountry, inCountry, insideKeys });
  }

  /** By layer and place id: see `placeInside`. Bounded: cleared when full. */
  private readonly placesInside = new Map<string, PlaceInside>();

  /**
   * The rows of a bulk layer inside a place of the given country, and their names, found once per
   * gazetteer: search ranks them first while the writer is in an incident there, and testing each
   * row's parent chain on every keystroke took a third of a completion's search (bench's import,
   * about 100,000 rows in Syria). Every row inside the place is in its country.
   */
  private placeInside(layer: TableLayer, place: GazetteerEntry, countryNumber: number): PlaceInside {
    const cacheKey = `${layer.source}\0${place.id}`;
    const kept = this.placesInside.get(cacheKey);
    if (kept) return kept;
    const index = layer.index('place');
    const { refs } = index;
    const table = layer.table;
    const targets = this.equivalentRows(place, layer);
    // No row of this layer is the place, and none has a parent outside it: nothing here lies inside
    // (a team's area that an import does not have; 26 ms for Syria's names in the bench's import).
    if (targets.size === 0 && table.externalParents.length === 0) return this.keepPlaceInside(cacheKey, { keys: new KeySubset(new Uint32Array(0), index, table.weights), hasRow: () => false });
    // As insideTest decides, each row's verdict (1 INSIDE, 2 NOT) kept for the rows below it: under 1 ms
    // for a Syrian governorate of the built-in layer, where insideTest and a Map of verdicts took 20-75 ms.
    const verdicts = new Uint8Array(table.size);
    const externalAnswers = new Map<string, number>();
    const verdictOf = (row: number): number => {
      const chain: number[] = [];
      let verdict = NOT;
      let current: number | string | undefined = row;
      // At most 16 steps up, as chainIncludes: a corrupt chain may loop.
      for (let steps = 0; steps < 16 && typeof current === 'number'; steps++) {
        if (verdicts[current] !== 0) {
          verdict = verdicts[current]!;
          break;
        }
        chain.push(current);
        if (targets.has(current)) {
          verdict = INSIDE;
          break;
        }
        current = table.parent(current);
        if (typeof current === 'string') {
          let answer = externalAnswers.get(current);
          if (answer === undefined) {
            const outside = this.get('place', current);
            externalAnswers.set(current, (answer = outside !== undefined && this.contains(place, outside) ? INSIDE : NOT));
          }
          verdict = answer;
        }
      }
      for (const member of chain) verdicts[member] = verdict;
      return verdict;
    };
    const keys: number[] = [];
    const insideRows = new Set<number>();
    for (const keyIndex of this.rowCountries(layer).keysOfCountry(countryNumber, index).keys) {
      const row = refRow(refs[keyIndex]!);
      if (verdictOf(row) !== INSIDE) continue;
      keys.push(keyIndex);
      insideRows.add(row);
    }
    const rows = Uint32Array.from(insideRows).sort();
    const found: PlaceInside = {
      keys: new KeySubset(Uint32Array.from(keys), index, layer.table.weights),
      hasRow: (row) => sortedIncludes(rows, row),
    };
    return this.keepPlaceInside(cacheKey, found);
  }

  private keepPlaceInside(cacheKey: string, found: PlaceInside): PlaceInside {
    if (this.placesInside.size >= MAX_PLACES_INSIDE) this.placesInside.clear();
    this.placesInside.set(cacheKey, found);
    return found;
  }

  /** Places named like the query with a direction before it: "North Darfur", "Northern Darfur" for "Darfur". */
  private directionHits(layer: Layer, query: Query, inside: ((layer: Layer, row: number) => boolean) | undefined): Hit[] {
    const hits: Hit[] = [];
    for (const direction of ['north', 'south', 'east', 'west', 'central']) {
      const asked = prepare(`${direction} ${query.simple}`, false);
      for (const hit of this.exactHits(layer, 'place', asked, inside, 5).hits) {
        hits.push({ layer: hit.layer, row: hit.row, matched: hit.matched, weight: hit.weight, key: hit.key, match: 'prefix', rank: MATCH_RANK.prefix, closeness: direction.length, literal: false });
      }
    }
    return hits;
  }

  /**
   * The best keys that start with the query, scanning the whole prefix range
   * but keeping only a short sorted list: short keys (little left to type)
   * and prominent places first.
   */
  private prefixHits(
    layer: Layer,
    category: EntryCategory,
    index: NameIndex,
    query: Query,
    exact: [number, number],
    keep: number,
    inside: ((layer: Layer, row: number) => boolean) | undefined,
    tierOf?: Tiers,
  ): Hit[] {
    const [start, end] = index.prefixRange(query.bytes);
    const queryLength = query.bytes.length;
    const shortlisted =
      layer instanceof TableLayer && !inside && end - start >= SHORTLIST_MIN_RANGE && (!tierOf || tierOf.countries)
        ? this.prefixKeysFromShortlist(layer, index, queryLength, [start, end], exact, keep, tierOf)
        : undefined;
    const keyIndexes = shortlisted ?? this.prefixKeysByScan(layer, category, index, queryLength, [start, end], exact, keep, inside, tierOf);
    return keyIndexes.map((keyIndex) => {
      const ref = index.refs[keyIndex]!;
      const row = refRow(ref);
      const texts = layer.texts(category, row);
      const key = index.key(keyIndex);
      const matched = refIsName(ref) ? texts.name : (texts.aliases.find((alias) => foldName(alias) === key) ?? texts.name);
      // Typed as written (not only as folded): closer.
      const literal = simplifyName(matched).startsWith(query.simple);
      return { layer, row, match: 'prefix' as const, rank: MATCH_RANK.prefix, matched, closeness: index.keyLength(keyIndex) - queryLength, literal, weight: layer.weight(category, row), key };
    });
  }

  /** prefixHits' keys, reading every key of the range: a short range, a file layer, or a search inside a place. */
  private prefixKeysByScan(
    layer: Layer,
    category: EntryCategory,
    index: NameIndex,
    queryLength: number,
    [start, end]: [number, number],
    [exactStart, exactEnd]: [number, number],
    keep: number,
    inside: ((layer: Layer, row: number) => boolean) | undefined,
    tierOf: Tiers | undefined,
  ): number[] {
    // Every key read: the arrays are read directly and the cost is an integer (prefixKeyCost, inlined):
    // 0.4 ms over the 115,000 keys of "ka" in the bench's import, where method calls and float
    // arithmetic took 7 ms (2 loaded cores).
    const { refs, starts } = index;
    const weights = layer instanceof TableLayer ? layer.table.weights : undefined;
    const best = new BestKeys(keep);
    for (let keyIndex = start; keyIndex < end; keyIndex++) {
      if (keyIndex >= exactStart && keyIndex < exactEnd) continue;
      const ref = refs[keyIndex]!;
      const row = ref >>> 1; // refRow
      let cost = 20 * (starts[keyIndex + 1]! - starts[keyIndex]! - queryLength) - (weights ? weights[row]! : layer.weight(category, row)) + (ref & 1 ? 0 : 5);
      // Keys come in index order: one that costs as much as the worst kept ranks after it.
      if (!best.wants(cost, keyIndex)) continue;
      // Places inside the incident's place, then in the report's countries, before the rest of the world.
      if (tierOf) cost += 20_000 * tierOf(layer, row);
      if (!best.wants(cost, keyIndex)) continue;
      if (inside && !inside(layer, row)) continue;
      best.offer(cost, keyIndex);
    }
    return best.keys();
  }

  /**
   * prefixHits' keys from the layer's shortlist (PrefixShortlists) and the names of the rows in the
   * tiers' countries, which may rank above it: the same keys as `prefixKeysByScan`, reading a few
   * hundred keys where it reads the range. Undefined when the shortlist ran out before the list was
   * decided (the range must then be read).
   */
  private prefixKeysFromShortlist(
    layer: TableLayer,
    index: NameIndex,
    queryLength: number,
    [start, end]: [number, number],
    [exactStart, exactEnd]: [number, number],
    keep: number,
    tierOf: Tiers | undefined,
  ): number[] | undefined {
    const weights = layer.table.weights;
    const shortlist = PrefixShortlists.of(index, weights).get(queryLength, start, end);
    if (!shortlist) return undefined;
    const { refs } = index;
    const rows = this.rowCountries(layer);
    const best = new BestKeys(keep);
    /** By country number: the rows read from their country's names. */
    const inContext: boolean[] = [];
    for (const code of tierOf?.countries ?? []) {
      const number = rows.numberOfCode(code);
      if (inContext[number]) continue;
      inContext[number] = true;
      // The names inside the preferred place first (tier 0), then the rest of its country at the country's tier.
      const tierCost = 20_000 * tierOf!.inCountry(code);
      const inside = code === tierOf!.preferCountry ? tierOf!.insideKeys(layer) : undefined;
      inside?.offerPrefixKeys(best, queryLength, [start, end], [exactStart, exactEnd], 0);
      const skip = inside ? (keyIndex: number) => inside.has(keyIndex) : undefined;
      rows.keysOfCountry(number, index).offerPrefixKeys(best, queryLength, [start, end], [exactStart, exactEnd], tierCost, skip);
    }
    // Every other row is of one tier, and the shortlist is in cost order: once a key cannot be
    // kept, no key after it can.
    const outside = 20_000 * (tierOf?.outside ?? 0);
    for (const keyIndex of shortlist) {
      const row = refs[keyIndex]! >>> 1;
      const cost = prefixKeyCost(index, keyIndex, queryLength, weights[row]!) + outside;
      if (!best.wants(cost, keyIndex)) return best.keys();
      if (!inContext[rows.numberOf(row)]) best.offer(cost, keyIndex);
    }
    // The whole range (less the exact keys) was in the shortlist.
    return shortlist.length === end - start - (exactEnd - exactStart) ? best.keys() : undefined;
  }
}

/**
 * `asWrittenKey` and `foldName` of the names and aliases classify reads, kept: a key of the bench's import is
 * shared by up to thousands of rows, whose 200 most prominent a lookup classifies, and the same rows come
 * back in the next lookups of the name (completion resolves each name it offers, hover and the checks the
 * same labels). Folding them took half of a cold resolution's time (cpu profile). Bounded: cleared when
 * full, at 20,000 texts each (a few MB: the server with the import and a 1 MiB report is held to 300 MB).
 */
const MAX_KEPT_FORMS = 20_000;
const writtenKeys = new Map<string, string>();
const foldedKeys = new Map<string, string>();

function writtenKeyOf(text: string): string {
  let key = writtenKeys.get(text);
  if (key === undefined) {
    if (writtenKeys.size >= MAX_KEPT_FORMS) writtenKeys.clear();
    writtenKeys.set(text, (key = asWrittenKey(text)));
  }
  return key;
}

function foldedKeyOf(text: string): string {
  let key = foldedKeys.get(text);
  if (key === undefined) {
    if (foldedKeys.size >= MAX_KEPT_FORMS) foldedKeys.clear();
    foldedKeys.set(text, (key = foldName(text)));
  }
  return key;
}

/**
 * A row whose key is the query's, classified (`classify`) when its match, rank, closeness or spelling is
 * first read, or set. Resolution reads them for the fits in context: in a report on Syria, the rows of a
 * crowded name in Syria, not the 200 most prominent in the world that exactHits keeps. Reading every row's
 * texts and folding them was half of completion's cold resolutions (20 a list) with the bench's import.
 */
class ExactHit implements Hit {
  private classified: { match: SearchMatch; matched: string; rank: number; closeness: number; loose: boolean | undefined } | undefined;
  readonly key: string;
  readonly weight: number;
  group?: number;
  score?: number;

  constructor(
    readonly layer: Layer,
    private readonly category: EntryCategory,
    readonly row: number,
    private readonly query: Query,
    private readonly isName: boolean,
  ) {
    this.key = query.key;
    this.weight = layer.weight(category, row);
  }

  get match(): SearchMatch {
    return this.classification().match;
  }
  set match(value: SearchMatch) {
    this.classification().match = value;
  }
  get matched(): string {
    return this.classification().matched;
  }
  set matched(value: string) {
    this.classification().matched = value;
  }
  get rank(): number {
    return this.classification().rank;
  }
  set rank(value: number) {
    this.classification().rank = value;
  }
  get closeness(): number {
    return this.classification().closeness;
  }
  set closeness(value: number) {
    this.classification().closeness = value;
  }
  get loose(): boolean | undefined {
    return this.classification().loose;
  }
  set loose(value: boolean | undefined) {
    this.classification().loose = value;
  }

  /**
   * How the label matches a row that shares its folded key: by name or by alias when written as
   * the name or the alias is (`asWrittenKey`: case, diacritics, marks, hyphens, a leading "the"
   * and the Arabic article aside: "Qamishli" is Al Qāmishlī's name), else as a variant spelling,
   * as close as the two are written, the article aside too.
   */
  private classification(): NonNullable<ExactHit['classified']> {
    if (this.classified) return this.classified;
    const { layer, category, row, query } = this;
    const { name, aliases } = layer.texts(category, row);
    if (writtenKeyOf(name) === query.written) return (this.classified = { match: 'name', rank: MATCH_RANK.name, matched: name, closeness: 0, loose: undefined });
    for (const alias of aliases) {
      if (writtenKeyOf(alias) === query.written) return (this.classified = { match: 'alias', rank: MATCH_RANK.alias, matched: alias, closeness: 0, loose: undefined });
    }
    const matched = this.isName ? name : (aliases.find((alias) => foldedKeyOf(alias) === query.key) ?? name);
    const loose = category === 'actor' && ![name, ...aliases].some((text) => foldArticles(simplifyName(text)) === query.articles) ? true : undefined;
    return (this.classified = { match: 'normalised', rank: MATCH_RANK.normalised, matched, closeness: distance(writtenKeyOf(matched), query.written), loose });
  }
}

/** The hits of the best match (name, alias, variant spelling), and among variants the closest spellings. */
function bestMatches(hits: Hit[]): Hit[] {
  const best = Math.min(...hits.map((hit) => hit.rank));
  const ofRank = hits.filter((hit) => hit.rank === best);
  const closest = Math.min(...ofRank.map((hit) => hit.closeness));
  return ofRank.filter((hit) => hit.closeness === closest);
}

/**
 * For places that fit but were not taken (suggestions, the rest of an ambiguous list): a
 * settlement before an area, then the more prominent.
 */
function bySettlementFirst(a: Hit, b: Hit): number {
  const area = (hit: Hit) => (kindClass(hit.layer.kindOf('place', hit.row)) === 'area' ? 1 : 0);
  return area(a) - area(b) || byProminence(a, b);
}

/** The more prominent place first, then the better match, then by name. */
function byProminence(a: Hit, b: Hit): number {
  return b.weight - a.weight || a.rank - b.rank || a.closeness - b.closeness || a.matched.localeCompare(b.matched) || a.row - b.row;
}

/**
 * Near misses from a lower layer are worth showing only when they are closer
 * than every one from above: the team's "Idlib province" is the suggestion
 * for "Idleb provinse", not also GeoNames' "Aden Province".
 */
function suggestionsAcrossLayers(hits: readonly Hit[]): Hit[] {
  const kept: Hit[] = [];
  for (const hit of hits) {
    const above = kept.filter((other) => (other.group ?? 0) < (hit.group ?? 0));
    const beaten = above.some((other) => other.score! >= hit.score!);
    if (!beaten) kept.push(hit);
  }
  return kept;
}

/** The consonants of a name (Sednaya → sdn, Şaydnāyā → sdn, Şaḩnāyā → shn), without the article. */
function consonantSkeleton(text: string): string {
  return simplifyName(text)
    .replace(/\b(?:al|el|an|ar|as|ash|at|az|ad|the) /g, '')
    .replace(/[aeiouyw\s]/g, '');
}

/**
 * How good a match is, 0–1; search lists results by it. Exact names and
 * aliases first. A variant spelling scores by how far it is from what was
 * written, because folded keys can meet by chance ("Saraq" and Serik); a name
 * that starts with what was typed, letter for letter, beats such a chance
 * meeting, and more so for a prominent place with few letters left to type.
 * Near misses come last.
 */
function score(hit: Hit): number {
  const clamp = (value: number, low: number, high: number) => Math.round(Math.min(high, Math.max(low, value)) * 1000) / 1000;
  const prominence = (hit.weight - 150) / 1000;
  switch (hit.match) {
    case 'name':
      return 1;
    case 'alias':
      return 0.95;
    case 'normalised':
      return clamp(0.9 - 0.05 * hit.closeness, 0.6, 0.9);
    case 'prefix':
      return hit.literal
        ? clamp(0.86 - 0.01 * hit.closeness + prominence, 0.7, 0.89)
        : clamp(0.75 - 0.01 * hit.closeness + prominence, 0.55, 0.79);
    case 'fuzzy':
      return clamp(0.5 - 0.1 * hit.closeness - 0.01 * (hit.consonants ?? 0), 0.1, 0.5);
  }
}

export { MATCH_RANK };

/**
 * namesakes' test of a town beside an area (one parent) or inside it, by row numbers: decoding the ids of
 * the rows and of their parents was most of namesakes' time with the bench's import, where a name is shared
 * by hundreds of rows. Only for two rows of one table whose ids are its rows' geonameids (an import: one row
 * per geonameid), so that two rows have one id exactly when they are one row: the same answer as comparing
 * ids. Undefined (compare ids) for other rows, or when the town's chain leaves the table or is too long.
 */
function besideOrInsideByRows(area: Hit, town: Hit): boolean | undefined {
  const layer = area.layer;
  if (layer !== town.layer || !(layer instanceof TableLayer) || !layer.table.idsFromGeonames) return undefined;
  const parents = layer.table.parents;
  // A parent ≥ 0 is a row, -1 none, below -1 an id outside the table (compared as ids).
  const areaParent = parents[area.row]!;
  const townParent = parents[town.row]!;
  if (areaParent >= 0 && townParent >= 0) {
    if (areaParent === townParent) return true;
  } else if (areaParent !== -1 && townParent !== -1) return undefined;
  // The town's ancestors (their ids, as ancestorIdsOfRow reads them): the area's row among them.
  let current = town.row;
  for (let steps = 0; steps < 32; steps++) {
    const parent = parents[current]!;
    if (parent === -1) return false;
    if (parent < -1) return undefined;
    if (parent === area.row) return true;
    // A cycle through the town: its chain (of ids) stops there.
    if (parent === town.row) return false;
    current = parent;
  }
  return undefined;
}
