import type { Gazetteer } from '../gazetteer/gazetteer.js';
import type { EntryCategory, GazetteerEntry } from '../gazetteer/gazetteerModel.js';
import type { Report } from '../model.js';
import { placeByIdOrName } from '../gazetteer/placeLookup.js';
import type { Span } from '../text.js';
import { ALLOWED_ATTRIBUTES, ENUMERATED_ATTRIBUTES, isDirectiveName, type DirectiveName } from '../vocabulary.js';

export type CompletionKind = 'actor' | 'place' | 'attribute' | 'value' | 'directive' | 'reference';

/** Plain text throughout (LSP renders no Markdown in a label or detail), so names are not escaped. */
export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  /** "town, Idlib Governorate, Syria" */
  detail: string | undefined;
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
/** From this many letters on, places inside the incident's place are searched for on their own. */
const WITHIN_SEARCH_MIN_LENGTH = 3;
const EMPTY: CompletionResult = { items: [], incomplete: false };

/** Completion at an offset, read from the raw line: while the writer types, the directive is not yet well-formed. */
export function complete(report: Report, gazetteer: Gazetteer, offset: number): CompletionResult {
  const { text } = report;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);

  const label = /:(actor|place)\[([^\][]*)$/.exec(before);
  if (label) return completeLabel(report, gazetteer, label[1] as EntryCategory, label[2]!, offset);

  const inBraces = /:{1,3}([a-z][\w-]*)(?:\[[^\]]*\])?\{([^}]*)$/i.exec(before);
  if (inBraces && isDirectiveName(inBraces[1]!)) {
    return completeAttribute(report, gazetteer, inBraces[1] as DirectiveName, inBraces[2]!, offset);
  }

  const directive = /(?:^|\s)(:{1,3})([a-z]*)$/.exec(before);
  if (directive) return completeDirective(directive[1]!, directive[2]!, offset);
  return EMPTY;
}

function pathDetail(gazetteer: Gazetteer, entry: GazetteerEntry): string {
  const path = entry.category === 'place' ? gazetteer.ancestors(entry).map((place) => place.name) : [];
  return [entry.kind, ...path].filter((part) => part !== undefined).join(', ');
}

function sortKey(rank: number): string {
  return String(rank).padStart(5, '0');
}

function completeLabel(report: Report, gazetteer: Gazetteer, category: EntryCategory, typed: string, offset: number): CompletionResult {
  const { text } = report;
  // Replace the whole label word under the cursor, and close the bracket if the writer has not yet.
  let end = offset;
  while (end < text.length && !/[\]\n[]/.test(text.charAt(end))) end++;
  const closed = text.charAt(end) === ']';
  const span = { start: offset - typed.length, end: closed ? end : offset };
  const hasAttributes = closed && text.charAt(end + 1) === '{';
  const results = rankedNames(report, gazetteer, category, typed, offset);
  const items = results.map((result, rank): CompletionEntry => {
    const { entry, matched } = result;
    // A name that alone would be ambiguous gets its ref, so the completion is never flagged.
    const resolution = gazetteer.resolve(category, matched);
    const ref = resolution.status === 'resolved' && resolution.entry.id === entry.id ? '' : `{ref=${entry.id}}`;
    const addRef = ref !== '' && !hasAttributes;
    return {
      label: matched,
      kind: category,
      detail: [matched !== entry.name ? entry.name : undefined, pathDetail(gazetteer, entry)].filter(Boolean).join(' — ') || undefined,
      newText: closed && !addRef ? matched : `${matched}]${addRef ? ref : ''}`,
      span: closed && addRef ? { start: span.start, end: end + 1 } : span,
      snippet: false,
      filterText: typed,
      sortText: sortKey(rank),
    };
  });
  return { items, incomplete: true };
}

/** Places inside the incident's own place come first: a writer describing a strike in Idlib means Saraqib, not Serik. */
function rankedNames(report: Report, gazetteer: Gazetteer, category: EntryCategory, typed: string, offset: number) {
  const incident = report.incidents.find((candidate) => candidate.span.start <= offset && offset <= candidate.span.end);
  const placeValue = incident?.attributes.get('place')?.value;
  const within = category === 'place' && placeValue !== undefined ? placeByIdOrName(gazetteer, placeValue) : undefined;
  const all = gazetteer.search(category, typed, { limit: NAME_LIMIT });
  if (!within) return all;
  if (typed.trim().length < WITHIN_SEARCH_MIN_LENGTH) {
    // One or two letters match tens of thousands of names in a large import, and testing each for
    // being inside the incident's place took up to 200 ms: the best matches anywhere are put in
    // order instead, those inside the place first (the list is asked for again as the writer types).
    const isInside = (result: (typeof all)[number]) => gazetteer.contains(within, result.entry);
    return [...all.filter(isInside), ...all.filter((result) => !isInside(result))];
  }
  const inside = gazetteer.search(category, typed, { limit: NAME_LIMIT, within });
  const seen = new Set(inside.map((result) => result.entry.id));
  return [...inside, ...all.filter((result) => !seen.has(result.entry.id))].slice(0, NAME_LIMIT);
}

function completeAttribute(report: Report, gazetteer: Gazetteer, name: DirectiveName, inside: string, offset: number): CompletionResult {
  const value = /(?:^|\s)([a-z-]+)=("?)([^\s"}]*)$/.exec(inside);
  if (value) {
    const [, attribute, , typed] = value as unknown as [string, string, string, string];
    const span = { start: offset - typed.length, end: offset };
    // `attribute` is the writer's text: `constructor=` must not find Object's own.
    const values = ENUMERATED_ATTRIBUTES[name];
    const enumerated = values && Object.hasOwn(values, attribute) ? values[attribute] : undefined;
    if (enumerated) {
      return {
        items: enumerated.map((option, rank) => ({ label: option, kind: 'value', detail: undefined, newText: option, span, snippet: false, filterText: option, sortText: sortKey(rank) })),
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
    const results = gazetteer.search(category, typed, { limit: NAME_LIMIT });
    return {
      items: results.map((result, rank) => ({
        label: result.entry.id,
        kind: category,
        detail: `${result.entry.name}${pathDetail(gazetteer, result.entry) ? ` — ${pathDetail(gazetteer, result.entry)}` : ''}`,
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
    newText: snippet.snippet,
    span,
    snippet: true,
    filterText: snippet.name,
    sortText: sortKey(rank),
  }));
  return { items, incomplete: false };
}
