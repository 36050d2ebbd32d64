import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { FileEdit } from '../diagnostics.js';
import type { Range } from '../text.js';
import { LineIndex } from '../text.js';
import { PLACE_KINDS } from '../vocabulary.js';
import type { EntryCategory } from './gazetteerModel.js';
import { splitGenericWord } from './genericWords.js';

export interface NewEntry {
  id: string;
  name: string;
  kind: string | undefined;
  /** The containing place's id. */
  parent?: string | undefined;
}

/**
 * The name a new entry takes from the label it was written as. A leading "the" goes: it belongs to
 * the sentence ("strikes by the army"), and matching ignores it anyway. The first letter is made a
 * capital where the writer wrote none, since the name heads hovers, lists and the alias hint's
 * fix ("the army" → "Army"); the rest stays as written ("Wagner group" is not made "Wagner Group"),
 * and so does a name that starts with an Arabic article ("al-Nusra Front"). Line breaks in the
 * label become spaces.
 */
export function entryNameFor(label: string): string {
  const name = label.replace(/\s+/g, ' ').trim().replace(/^the\s+/i, '');
  if (/^(?:a[dlnrstz]|e[dlnrstz]|ash|ath|adh)[-‐‑]/.test(name)) return name;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * Words that say what kind of actor a name is, tried in order: "Free Syrian Army" is an armed
 * group before it is an army. Only words that are seldom wrong: "forces" is not one of them
 * (Russian forces are a state's, the Syrian Democratic Forces are not).
 */
const ACTOR_KIND_WORDS: readonly (readonly [string, RegExp])[] = [
  ['armed-group', /\b(?:group|brigades?|battalions?|militias?|front|movement|rebels?|insurgents?|liberation|resistance|factions?|free)\b/i],
  ['coalition', /\b(?:coalition|alliance)\b/i],
  ['organisation', /\b(?:organi[sz]ations?|observatory|network|committee|agency|red (?:cross|crescent)|civil defen[cs]e|white helmets|hospital|ngo)\b/i],
  ['state-forces', /\b(?:army|armed forces|air force|navy|military|police|troops|soldiers|government|regime)\b/i],
  ['civilians', /\b(?:civilians|residents|villagers|protesters)\b/i],
];

/**
 * The kind of a new actor: from the words of its name, else `organisation` for a `role=source`
 * (the markup's sources are monitoring groups, rescue services, hospitals), else `other`, which
 * says that nobody decided yet. A perpetrator or a victim may be of any kind, so no other role
 * says one.
 */
export function actorKindFor(name: string, role: string | undefined): string {
  for (const [kind, words] of ACTOR_KIND_WORDS) if (words.test(name)) return kind;
  return role === 'source' ? 'organisation' : 'other';
}

/** Words for the sites incidents happen at, which the generic words of place names do not cover. */
const SITE_WORDS = /\b(?:hospital|clinic|school|university|market|mosque|church|bakery|factory|airport|bridge|checkpoint|station|prison|base)$/i;

/**
 * The kind of a new place: what `kind=` asks for, else what a generic word of the name says
 * ("Zamzam camp", "Kharkiv oblast", "al-Shifa hospital" a site), else a neighbourhood inside a city
 * or town, else a town: the most common kind of a place a writer has to add (cities are in the
 * built-in layer, and a town is neither the largest nor the smallest guess).
 */
export function placeKindFor(name: string, asked: string | undefined, parentKind: string | undefined): string {
  if (asked !== undefined && (PLACE_KINDS as readonly string[]).includes(asked)) return asked;
  const generic = splitGenericWord(name)?.wanted.kind;
  if (generic) return generic;
  if (SITE_WORDS.test(name.trim())) return 'site';
  return parentKind === 'city' || parentKind === 'town' ? 'neighbourhood' : 'town';
}

/** A readable id for a new entry: "Wagner Group" → "wagner-group", unique among `taken`. */
export function idFor(name: string, taken: (id: string) => boolean): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/^the\s+/, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'entry';
  let id = base;
  for (let n = 2; taken(id); n++) id = `${base}-${n}`;
  return id;
}

function quoteIfNeeded(value: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} .,'’‘ʿʾ()-]*$/u.test(value) && !/:\s|\s#/.test(value) ? value : JSON.stringify(value);
}

/**
 * Where a new entry goes in one list of a YAML gazetteer, whatever the entry: the range it replaces
 * (empty but for an empty flow list, `actors: []`), the text before and after the entry, and the
 * list's indentation.
 */
interface InsertionPlan {
  range: Range;
  before: string;
  after: string;
  indent: string;
}

/**
 * The plans of the last gazetteer text asked about, by list. Every unknown name of every report
 * offers to add it to the same team file, and parsing that file's YAML again for each took 1 s of
 * the 17 s of `check` on 400 generated reports, one in five with mistakes (cpu profile).
 */
let planned: { path: string; text: string; plans: Map<EntryCategory, InsertionPlan | undefined> } | undefined;

function insertionPlan(file: { path: string; text: string }, category: EntryCategory): InsertionPlan | undefined {
  if (planned?.path !== file.path || planned.text !== file.text) planned = { path: file.path, text: file.text, plans: new Map() };
  const plans = planned.plans;
  if (!plans.has(category)) plans.set(category, planInsertion(file.text, category));
  return plans.get(category);
}

function planInsertion(text: string, category: EntryCategory): InsertionPlan | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || (doc.contents !== null && !isMap(doc.contents))) return undefined;
  const key = category === 'actor' ? 'actors' : 'places';
  const lines = new LineIndex(text);
  const at = (offset: number) => lines.rangeOf({ start: offset, end: offset });
  const pair = isMap(doc.contents) ? doc.contents.items.find((candidate) => isScalar(candidate.key) && candidate.key.value === key) : undefined;
  if (!pair) return { range: at(text.length), before: `${text === '' || text.endsWith('\n') ? '' : '\n'}${key}:\n`, after: '\n', indent: '  ' };
  const list = pair.value as YamlNode | null;
  if (isSeq(list) && list.flow) {
    if (list.items.length > 0 || !list.range) return undefined;
    // `actors: []` becomes a block list holding the new entry (the space before `[` goes too).
    let start = list.range[0];
    while (start > 0 && /[ \t]/.test(text.charAt(start - 1))) start--;
    return { range: lines.rangeOf({ start, end: list.range[1] }), before: '\n', after: '', indent: '  ' };
  }
  if (!isSeq(list) || list.items.length === 0 || !list.range) {
    if (list !== null && !(isScalar(list) && list.value === null)) return undefined;
    const keyEnd = (pair.key as YamlNode).range![1];
    const lineEnd = text.indexOf('\n', keyEnd);
    return { range: at(lineEnd < 0 ? text.length : lineEnd), before: '\n', after: '', indent: '  ' };
  }
  const last = list.items[list.items.length - 1] as YamlNode;
  const firstItemStart = (list.items[0] as YamlNode).range![0];
  const dashLineStart = text.lastIndexOf('\n', firstItemStart - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(dashLineStart))![0];
  // After the last item's own text, before any blank lines or comments that follow it.
  let end = last.range![1];
  while (end > 0 && /\s/.test(text.charAt(end - 1))) end--;
  return { range: at(end), before: '\n', after: '', indent };
}

/**
 * The edit that appends an entry to the `actors:` or `places:` list of a
 * YAML gazetteer, in the file's own indentation; undefined where a new
 * entry cannot be written without rewriting the file (JSON, flow lists).
 */
export function addEntryEdit(file: { path: string; text: string }, category: EntryCategory, entry: NewEntry): FileEdit | undefined {
  if (/\.json$/i.test(file.path)) return undefined;
  const plan = insertionPlan(file, category);
  if (!plan) return undefined;
  const { range, before, after, indent } = plan;
  const item = [`${indent}- id: ${entry.id}`, `${indent}  name: ${quoteIfNeeded(entry.name)}`, ...(entry.kind ? [`${indent}  kind: ${entry.kind}`] : []), ...(entry.parent ? [`${indent}  in: ${entry.parent}`] : [])].join('\n');
  // Positions of their own: edits are the caller's to keep or move, and the plan is shared.
  return { path: file.path, edits: [{ range: { start: { ...range.start }, end: { ...range.end } }, newText: `${before}${item}${after}` }] };
}
