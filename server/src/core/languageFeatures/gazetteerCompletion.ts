import type { Gazetteer } from '../gazetteer/gazetteer.js';
import type { EntryCategory, GazetteerEntry } from '../gazetteer/gazetteerModel.js';
import { spanContains, type Span } from '../text.js';
import { describeEntry, type CompletionEntry, type CompletionResult } from './completion.js';
import type { WorkspaceNames } from './entryMentions.js';
import { declaredEntries } from './gazetteerFileEntries.js';

/** Enough for the list an editor shows; it asks again as the writer types. */
const ID_LIMIT = 50;
/** Places found by name, as a report's ref= offers them: past the first few, the world's alternate names are noise. */
const SEARCH_LIMIT = 20;
/** From this many letters on, the built-in and imported places are searched by name too (a team's own are always offered). */
const BULK_SEARCH_MIN_LENGTH = 2;
const EMPTY: CompletionResult = { items: [], incomplete: false };

/** An id being written: an `in:` value (a place) or a `members` item (an actor), as typed so far, and the whole id under the cursor. */
interface IdSlot {
  category: EntryCategory;
  typed: string;
  span: Span;
}

/**
 * What the value may hold while it is written: an id, or a name to look it up by (`in: Kafr Nab`),
 * up to a quote, a comma, a bracket, a comment or the line's end.
 */
const ID_CHARS = `[^"',[\\]{}#\\n]*`;
const IN_VALUE = new RegExp(`(?:^|[\\s{,])["']?in["']?\\s*:\\s*["']?(${ID_CHARS})$`);
/** `members: [a, b, ` and `"members": ["a", "`: the item after the last comma. */
const FLOW_MEMBER = new RegExp(`(?:^|[\\s{,])["']?members["']?\\s*:\\s*\\[(?:[^\\]]*,)?\\s*["']?(${ID_CHARS})$`);
/** `  - a`: an item of a block list, whose key is found on the lines above. */
const BLOCK_ITEM = new RegExp(`^(\\s*)-\\s+["']?(${ID_CHARS})$`);

/**
 * The id being written at the offset, read from the raw lines as completion reads a report: while
 * the writer types, the file may not parse (`members: [a, ` does not).
 */
export function idSlotAt(text: string, offset: number): IdSlot | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  // The rest of the value after the cursor is replaced too, up to the spaces before a comment or the line's end.
  const after = new RegExp(`^${ID_CHARS}`).exec(text.slice(offset))![0].trimEnd();
  const slot = (category: EntryCategory, typed: string): IdSlot => ({ category, typed, span: { start: offset - typed.length, end: offset + after.length } });
  const inValue = IN_VALUE.exec(before);
  if (inValue) return slot('place', inValue[1]!);
  const flowMember = FLOW_MEMBER.exec(before);
  if (flowMember) return slot('actor', flowMember[1]!);
  const blockItem = BLOCK_ITEM.exec(before);
  if (blockItem && isUnderMembers(text, lineStart, blockItem[1]!.length)) return slot('actor', blockItem[2]!);
  return undefined;
}

/** Whether the list item whose dash is at `indent` on the line at `lineStart` belongs to a `members:` key, above its sibling items. */
function isUnderMembers(text: string, lineStart: number, indent: number): boolean {
  let end = lineStart - 1;
  while (end >= 0) {
    const start = end === 0 ? 0 : text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    end = start - 1;
    if (/^\s*(?:#.*)?$/.test(line)) continue;
    const lineIndent = /^\s*/.exec(line)![0].length;
    if (lineIndent === indent && /^\s*-\s/.test(line)) continue;
    return lineIndent <= indent && /^\s*(?:-\s+)?members\s*:\s*(?:#.*)?$/.test(line);
  }
  return false;
}

/**
 * Completion of ids in a gazetteer file: places for `in:`, actors for `members`, from the gazetteer
 * the file is loaded with (its own entries, the files loaded with it, and for a place the built-in
 * and imported ones by name, as `geo:SY.12` or `geonames:…`). Not the entry itself, nor, for `in:`,
 * a place inside it (a cycle), nor a member it lists already.
 */
export async function gazetteerCompletion(path: string, text: string, offset: number, names: WorkspaceNames): Promise<CompletionResult> {
  const slot = idSlotAt(text, offset);
  if (!slot) return EMPTY;
  // The index knows which files the reports load this one with, once it is up to date.
  await names.current();
  const gazetteer = await names.gazetteerOf(path);
  const excluded = excludedBy(gazetteer, declaredEntries(path, text), offset, slot, text.slice(slot.span.start, slot.span.end));
  const items = idCandidates(gazetteer, slot.category, slot.typed)
    .filter((entry) => !excluded(entry))
    .slice(0, ID_LIMIT)
    .map(
      (entry, rank): CompletionEntry => ({
        label: entry.id,
        kind: entry.category,
        // As a report's ref= shows an id: the entry's name and kind beside it, its containing areas apart.
        ...describeEntry(gazetteer, entry, entry.id, entry.population),
        newText: entry.id,
        span: slot.span,
        snippet: false,
        // Matched here (by id, name or alias) and asked for again at each keystroke: the client shows what it is given.
        filterText: slot.typed,
        sortText: String(rank).padStart(5, '0'),
      }),
    );
  return { items, incomplete: true };
}

/** The team's entries whose id, name or an alias holds the typed text (by id), then the places the gazetteer finds by name (ranked as a report's ref= is). */
function idCandidates(gazetteer: Gazetteer, category: EntryCategory, typed: string): GazetteerEntry[] {
  const lower = typed.toLowerCase();
  const own = [...gazetteer.entries(category)]
    .filter((entry) => [entry.id, entry.name, ...entry.aliases].some((name) => name.toLowerCase().includes(lower)))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const exact = typed === '' ? undefined : gazetteer.get(category, typed);
  // `geo:SY`, `geonames:170063`: an id of the bulk layers, found as written above, not a name to search for.
  const byName = typed.length >= BULK_SEARCH_MIN_LENGTH && !typed.includes(':');
  const found = byName ? gazetteer.search(category, typed, { limit: SEARCH_LIMIT }).map((result) => result.entry) : [];
  const seen = new Set<string>();
  return [...(exact ? [exact] : []), ...own, ...found].filter((entry) => !seen.has(entry.id) && seen.add(entry.id));
}

/** The entry being written (the one whose text holds the offset), and what it must not be given. */
function excludedBy(gazetteer: Gazetteer, declared: readonly GazetteerEntry[], offset: number, slot: IdSlot, written: string): (entry: GazetteerEntry) => boolean {
  const own = declared.find((entry) => entry.source.span !== undefined && spanContains(entry.source.span, offset));
  if (!own) return () => false;
  if (slot.category === 'place') {
    const loaded = own.category === 'place' ? gazetteer.get('place', own.id) : undefined;
    return (entry) => entry.id === own.id || (loaded !== undefined && gazetteer.contains(loaded, entry));
  }
  // The item under the cursor is being rewritten: its id may be offered again.
  const listed = new Set(own.members.filter((member) => member !== written));
  return (entry) => entry.id === own.id || listed.has(entry.id);
}
