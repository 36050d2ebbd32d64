import type { Gazetteer, SearchOptions, SearchResult } from '../gazetteer/gazetteer.js';
import type { EntryCategory, GazetteerEntry } from '../gazetteer/gazetteerModel.js';
import type { Report } from '../model.js';
import { placeByIdOrName } from '../gazetteer/placeLookup.js';
import { reportScope, type PlaceScope } from '../gazetteer/reportScope.js';
import type { Span } from '../text.js';
import { ALLOWED_ATTRIBUTES, ENUMERATED_ATTRIBUTES, isDirectiveName, type DirectiveName } from '../vocabulary.js';

export type CompletionKind = 'actor' | 'place' | 'attribute' | 'value' | 'directive' | 'reference';

/**
 * What tells one place from another of the same name, shown beside the label (LSP's
 * `labelDetails`): `Kharkiv` ` city` … `Kharkiv Raion, Kharkiv, Ukraine · pop. 1,433,886`.
 */
export interface CompletionLabelDetails {
  /**
   * Right after the label, with no space between (so it starts with one): the place's own name in
   * brackets when the label is another of its names or its id, then its kind: " town",
   * " (Zaragoza) city", " (Government of Syria) state-forces".
   */
  detail: string | undefined;
  /** Less prominent, after it: the containing areas, innermost first, and the population: "Idlib, Syria · pop. 34,231". */
  description: string | undefined;
}

/** Plain text throughout (LSP renders no Markdown in a label or detail), so names are not escaped. */
export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  /**
   * Everything in one line, for clients without label details (and the details pane of those with
   * them): "town, Idlib Governorate, Syria", "Zaragoza — city, Provincia de Zaragoza, Aragon, Spain · pop. 675,301".
   */
  detail: string | undefined;
  /** Set for actors and places. */
  labelDetails: CompletionLabelDetails | undefined;
  /** Replaces `span` in the document. */
  newText: string;
  span: Span;
  snippet: boolean;
  /** What the client filters on: the text typed so far, so spellings without diacritics still match. */
  filterText: string;
  sortText: string;
}

export interface CompletionResult {
  items: CompletionEntry[];
  /** The client must ask again as the writer types: matching happens on the server. */
  incomplete: boolean;
}

/** Enough for the list an editor shows; it is asked again as the writer types (each candidate is resolved to decide on ref=). */
const NAME_LIMIT = 20;
const EMPTY: CompletionResult = { items: [], incomplete: false };
const POPULATION = new Intl.NumberFormat('en');

/**
 * Completion at an offset, read from the raw line: while the writer types, the directive is not yet
 * well-formed. `scope`: the report's countries (reportScope), which places are ranked in as the
 * checks resolve them; the language service passes the one its check of this version computed.
 */
export function complete(report: Report, gazetteer: Gazetteer, offset: number, scope: PlaceScope = reportScope(gazetteer, report)): CompletionResult {
  const { text } = report;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);

  const label = /:(actor|place)\[([^\][]*)$/.exec(before);
  if (label) return completeLabel(report, gazetteer, scope, label[1] as EntryCategory, label[2]!, offset);

  const inBraces = /:{1,3}([a-z][\w-]*)(?:\[[^\]]*\])?\{([^}]*)$/i.exec(before);
  if (inBraces && isDirectiveName(inBraces[1]!)) {
    return completeAttribute(report, gazetteer, scope, inBraces[1] as DirectiveName, inBraces[2]!, offset);
  }

  const directive = /(?:^|\s)(:{1,3})([a-z]*)$/.exec(before);
  if (directive) return completeDirective(directive[1]!, directive[2]!, offset);
  return EMPTY;
}

function sortKey(rank: number): string {
  return String(rank).padStart(5, '0');
}

/** A search result offered once per place, with the population it is shown with. */
interface Offered {
  result: SearchResult;
  /** The place's, or its twin's in another layer when the team's entry gives none. */
  population: number | undefined;
}

/**
 * One item per place. Within a layer the search already gives each place once, under its
 * best-matching name; across layers a team's entry and its GeoNames twin (the built-in Saraqib,
 * which matches "Saraq" by its alternate "Saraquib") are one place, shown as the better ranked.
 */
function onePerPlace(gazetteer: Gazetteer, results: readonly SearchResult[]): Offered[] {
  const offered: Offered[] = [];
  for (const result of results) {
    const { entry } = result;
    const twin = offered.find((kept) => kept.result.entry.source.file !== entry.source.file && gazetteer.isSamePlace(kept.result.entry, entry));
    if (!twin) offered.push({ result, population: entry.population });
    else twin.population ??= entry.population;
  }
  return offered;
}

/** The kind, the containing areas and the population, as the detail and the label details show them (also of a gazetteer file's ids). */
export function describeEntry(gazetteer: Gazetteer, entry: GazetteerEntry, label: string, population: number | undefined) {
  const areas = entry.category === 'place' ? gazetteer.ancestors(entry).map((place) => place.name) : [];
  const people = population === undefined ? undefined : `pop. ${POPULATION.format(population)}`;
  const otherName = label !== entry.name ? entry.name : undefined;
  const path = [entry.kind, ...areas].filter((part) => part !== undefined).join(', ');
  const detail = [[otherName, path].filter(Boolean).join(' — '), people].filter(Boolean).join(' · ') || undefined;
  const labelDetails: CompletionLabelDetails = {
    detail: `${otherName !== undefined ? ` (${otherName})` : ''}${entry.kind ? ` ${entry.kind}` : ''}` || undefined,
    description: [areas.join(', '), people].filter(Boolean).join(' · ') || undefined,
  };
  return { detail, labelDetails };
}

function completeLabel(report: Report, gazetteer: Gazetteer, scope: PlaceScope, category: EntryCategory, typed: string, offset: number): CompletionResult {
  const { text } = report;
  // Replace the whole label word under the cursor, and close the bracket if the writer has not yet.
  let end = offset;
  while (end < text.length && !/[\]\n[]/.test(text.charAt(end))) end++;
  const closed = text.charAt(end) === ']';
  const span = { start: offset - typed.length, end: closed ? end : offset };
  const hasAttributes = closed && text.charAt(end + 1) === '{';
  const context = rankingContext(report, gazetteer, scope, category, offset);
  const offered = onePerPlace(gazetteer, gazetteer.search(category, typed, { limit: NAME_LIMIT, ...context }));
  const items = offered.map(({ result, population }, rank): CompletionEntry => {
    const { entry, matched } = result;
    // A name that alone would be ambiguous gets its ref (unless attributes follow, where the writer
    // may have one), so the completion is never flagged.
    const addRef = !hasAttributes && !resolvesTo(gazetteer, category, matched, context, entry);
    const ref = `{ref=${entry.id}}`;
    return {
      label: matched,
      kind: category,
      ...describeEntry(gazetteer, entry, matched, population),
      newText: closed && !addRef ? matched : `${matched}]${addRef ? ref : ''}`,
      span: closed && addRef ? { start: span.start, end: end + 1 } : span,
      snippet: false,
      filterText: typed,
      sortText: sortKey(rank),
    };
  });
  return { items, incomplete: true };
}

/**
 * What places are ranked by, as the checks resolve a label (resolveMention): places inside the
 * incident's place first, then those in the report's countries, then the rest of the world; so a
 * writer describing a strike in Idlib is offered Saraqib before Zaragoza's alternate "Saraqosa".
 */
function rankingContext(report: Report, gazetteer: Gazetteer, scope: PlaceScope, category: EntryCategory, offset: number): Pick<SearchOptions, 'prefer' | 'countries'> {
  if (category !== 'place') return {};
  const incident = report.incidents.find((candidate) => candidate.span.start <= offset && offset <= candidate.span.end);
  const placeValue = incident?.attributes.get('place')?.value;
  const prefer = placeValue !== undefined ? placeByIdOrName(gazetteer, placeValue, scope.countries) : undefined;
  return { prefer, countries: scope.countries };
}

/** What completionWarmUpSteps has planned, by gazetteer: the report's countries and the incident's place. */
const WARMED = new WeakMap<Gazetteer, Set<string>>();

/** Typed prefixes of the searches the warm-up runs: common first letters of place names in many languages. */
const WARM_UP_PREFIXES = ['a', 'al', 'ma', 'sa', 'ka', 'ha', 'ba', 'k'];

/**
 * The searches of a report's first completions, to run before the writer types (the server runs them
 * once a report's first diagnostics are out): the first prefix search of a bulk layer builds its
 * shortlists, the first in one of the report's countries that country's list of names (0.2-0.3 s
 * each with the bench's million-line import), and the search and ranking code gets compiled. Without
 * it the first completion in a report took 0.35-0.7 s and the first 200 had a p95 of 10-15 ms, the
 * next 200 5-7 ms (bench/gazetteer, 1 MiB report, 2 cores).
 *
 * One step per prefix, for the server to run one at a time between the messages it receives: run
 * whole, the warm-up held up the keystroke typed right after the open by all of it (129 ms of a
 * 174 ms keystroke in a profile of the 1 MiB report). The steps read the gazetteer and what is
 * taken from the report here, never the report itself, which the next parse may change.
 */
export function completionWarmUpSteps(report: Report, gazetteer: Gazetteer, scope: PlaceScope): Array<() => void> {
  const incident = report.incidents.find((candidate) => candidate.attributes.get('place') !== undefined);
  const context = rankingContext(report, gazetteer, scope, 'place', incident?.span.start ?? -1);
  // The next report of the same gazetteer, in the same countries, has nothing left to build.
  const asked = `${[...(context.countries ?? [])].sort().join(' ')}\0${context.prefer?.id ?? ''}`;
  const done = WARMED.get(gazetteer) ?? new Set<string>();
  if (done.has(asked)) return [];
  WARMED.set(gazetteer, done.add(asked));
  const places = WARM_UP_PREFIXES.map((typed) => () => {
    for (const { result } of onePerPlace(gazetteer, gazetteer.search('place', typed, { limit: NAME_LIMIT, ...context }))) {
      describeEntry(gazetteer, result.entry, result.matched, result.entry.population);
      resolvesTo(gazetteer, 'place', result.matched, context, result.entry);
    }
  });
  return [...places, () => void gazetteer.search('actor', WARM_UP_PREFIXES[0]!, { limit: NAME_LIMIT })];
}

/** Whether the name resolves to the entry as the check will resolve it: in the incident's place and the report's countries. */
function resolvesTo(gazetteer: Gazetteer, category: EntryCategory, name: string, context: Pick<SearchOptions, 'prefer' | 'countries'>, entry: GazetteerEntry): boolean {
  const resolution = gazetteer.resolve(category, name, context);
  return resolution.status === 'resolved' && (resolution.entry.id === entry.id || gazetteer.isSamePlace(resolution.entry, entry));
}

function completeAttribute(report: Report, gazetteer: Gazetteer, scope: PlaceScope, name: DirectiveName, inside: string, offset: number): CompletionResult {
  const value = /(?:^|\s)([a-z-]+)=("?)([^\s"}]*)$/.exec(inside);
  if (value) {
    const [, attribute, , typed] = value as unknown as [string, string, string, string];
    const span = { start: offset - typed.length, end: offset };
    // `attribute` is the writer's text: `constructor=` must not find Object's own.
    const values = ENUMERATED_ATTRIBUTES[name];
    const enumerated = values && Object.hasOwn(values, attribute) ? values[attribute] : undefined;
    if (enumerated) {
      return {
        items: enumerated.map((option, rank) => ({
          label: option,
          kind: 'value',
          detail: undefined,
          labelDetails: undefined,
          newText: option,
          span,
          snippet: false,
          filterText: option,
          sortText: sortKey(rank),
        })),
        incomplete: false,
      };
    }
    if (attribute === 'part-of' && name === 'count') {
      const ids = report.annotations
        .filter((annotation) => annotation.kind === 'count' && annotation.attributes.has('id'))
        .map((annotation) => ({ id: annotation.attributes.get('id')!.value, label: annotation.label.trim(), group: annotation.attributes.get('group')?.value }));
      return {
        items: ids.map((count, rank) => ({
          label: count.id,
          kind: 'reference',
          detail: `${count.label}${count.group ? ` ${count.group}` : ''}`,
          labelDetails: undefined,
          newText: count.id,
          span,
          snippet: false,
          filterText: count.id,
          sortText: sortKey(rank),
        })),
        incomplete: false,
      };
    }
    const category: EntryCategory | undefined =
      attribute === 'ref' && (name === 'actor' || name === 'place') ? name : (attribute === 'in' && name === 'place') || (attribute === 'place' && name === 'incident') ? 'place' : undefined;
    if (!category) return EMPTY;
    // Ranked as names are: an inline place's ref= and in= by its incident's place too, an incident's place= by the report's countries.
    const context = name === 'incident' ? { countries: scope.countries } : rankingContext(report, gazetteer, scope, category, offset);
    const offered = onePerPlace(gazetteer, gazetteer.search(category, typed, { limit: NAME_LIMIT, ...context }));
    return {
      items: offered.map(({ result, population }, rank) => ({
        label: result.entry.id,
        kind: category,
        ...describeEntry(gazetteer, result.entry, result.entry.id, population),
        newText: result.entry.id,
        span,
        snippet: false,
        filterText: typed,
        sortText: sortKey(rank),
      })),
      incomplete: true,
    };
  }

  const partial = /(?:^|\s)([a-z-]*)$/.exec(inside);
  if (!partial) return EMPTY;
  const typed = partial[1]!;
  const present = new Set([...inside.matchAll(/(?:^|\s)([a-z-]+)=/g)].map((match) => match[1]));
  const span = { start: offset - typed.length, end: offset };
  const items = ALLOWED_ATTRIBUTES[name]
    .filter((attribute) => attribute !== 'id' && !present.has(attribute))
    .map((attribute, rank) => ({
      label: attribute,
      kind: 'attribute' as const,
      detail: undefined,
      labelDetails: undefined,
      newText: `${attribute}=`,
      span,
      snippet: false,
      filterText: attribute,
      sortText: sortKey(rank),
    }));
  return { items, incomplete: false };
}

const DIRECTIVE_SNIPPETS: { name: string; colons: number; snippet: string; detail: string }[] = [
  { name: 'count', colons: 1, snippet: 'count[${1:46}]{type=${2|killed,injured,missing,detained,displaced,affected|} group=${3:civilians}}', detail: 'a casualty count' },
  { name: 'date', colons: 1, snippet: 'date[${1:4 October}]{value=${2:2023-10-04}}', detail: 'a date as written, with its ISO value' },
  { name: 'actor', colons: 1, snippet: 'actor[${1}]{role=${2|perpetrator,victim,source,claimant,other|}}', detail: 'an actor from the gazetteer' },
  { name: 'place', colons: 1, snippet: 'place[${1}]', detail: 'a place from the gazetteer' },
  { name: 'incident', colons: 3, snippet: 'incident{#${1:id} date=${2:2023-10-04} place=${3}}\n$0\n:::', detail: 'one incident, with its date and place' },
];

function completeDirective(colons: string, typed: string, offset: number): CompletionResult {
  const span = { start: offset - typed.length, end: offset };
  const items = DIRECTIVE_SNIPPETS.filter((snippet) => snippet.colons === colons.length && snippet.name.startsWith(typed)).map((snippet, rank) => ({
    label: `${colons}${snippet.name}`,
    kind: 'directive' as const,
    detail: snippet.detail,
    labelDetails: undefined,
    newText: snippet.snippet,
    span,
    snippet: true,
    filterText: snippet.name,
    sortText: sortKey(rank),
  }));
  return { items, incomplete: false };
}
