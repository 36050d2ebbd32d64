import type { Gazetteer } from '../gazetteer/gazetteer.js';
import { gazetteerIdSpans, type GazetteerIdSpan } from '../gazetteer/gazetteerIdSpans.js';
import type { EntryCategory, GazetteerEntry } from '../gazetteer/gazetteerModel.js';
import type { Report } from '../model.js';
import type { NameOccurrence } from '../reportSymbols.js';
import { LineIndex, spanContains, type Range, type Span } from '../text.js';
import type { IndexedEntry } from '../workspace/workspaceIndex.js';
import { entryKeyOf, entryOccurrences, indexedEntry, occurrenceAt, resolvedAt, type EntryOccurrence, type WorkspaceNames } from './entryMentions.js';
import { findAt } from './findAt.js';

/**
 * What references, rename and document highlight start from, at an offset in a report: an actor or
 * place (named by a label or an id), an incident's or count's id (local to the report), or a name
 * that resolves to nothing.
 */
export type NameTarget =
  | { kind: 'entry'; entry: GazetteerEntry; resolved: EntryOccurrence }
  | { kind: 'unresolved'; occurrence: NameOccurrence; text: string }
  /** `#civ` on a count or an incident, or the `part-of=civ` that names it. */
  | { kind: 'id'; id: string; span: Span };

/** The name at an offset of the report, if any. */
export function nameTargetAt(report: Report, gazetteer: Gazetteer, offset: number): NameTarget | undefined {
  const located = findAt(report, offset);
  if (!located) return undefined;
  const { directive, attribute } = located;
  if (attribute && (attribute.name === 'id' || (directive.kind === 'count' && attribute.name === 'part-of'))) {
    return attribute.value === '' ? undefined : { kind: 'id', id: attribute.value, span: attribute.valueSpan };
  }
  const occurrence = occurrenceAt(directive, attribute?.name);
  if (!occurrence) return undefined;
  const resolved = resolvedAt(report, gazetteer, occurrence);
  if (resolved) return { kind: 'entry', entry: resolved.entry, resolved };
  const text = occurrence.attribute?.value ?? (directive.kind === 'incident' ? '' : directive.label.trim());
  return { kind: 'unresolved', occurrence, text };
}

/** Where a report declares an incident's or count's id (`#civ`) and where counts name it (`part-of=civ`). */
export function localIdUses(report: Report, id: string): { declarations: Span[]; references: Span[] } {
  const declarations: Span[] = [];
  const references: Span[] = [];
  for (const directive of [...report.incidents, ...report.annotations]) {
    const declared = directive.attributes.get('id');
    if (declared?.value === id) declarations.push(declared.valueSpan);
    const partOf = directive.kind === 'count' ? directive.attributes.get('part-of') : undefined;
    if (partOf?.value === id) references.push(partOf.valueSpan);
  }
  return { declarations: declarations.sort(byStart), references: references.sort(byStart) };
}

/** The spans of the report that name the entry: its labels, `in=` and `place=` values, and (`withRefs`) its `ref=` values too. */
export function entrySpansInReport(report: Report, gazetteer: Gazetteer, entry: GazetteerEntry, withRefs: boolean): Span[] {
  return entryOccurrences(report, gazetteer)
    .filter((candidate) => candidate.entry === entry && (withRefs || candidate.listed))
    .map((candidate) => candidate.occurrence.span);
}

/** An id or name written in a gazetteer file, at an offset: the entry of an `id:` or `name:`, or the entry an `in:` or `members` item names. */
export interface GazetteerTarget {
  category: EntryCategory;
  id: string;
  /** True for the entry's own `id:` or `name:`; false for an `in:` or `members` item, which names another entry. */
  own: boolean;
  written: GazetteerIdSpan;
}

export function gazetteerTargetAt(text: string, offset: number): GazetteerTarget | undefined {
  const written = gazetteerIdSpans(text).find((candidate) => spanContains(candidate.span, offset));
  if (!written) return undefined;
  if (written.field === 'id' || written.field === 'name') return { category: written.category, id: written.entryId, own: true, written };
  return { category: written.field === 'in' ? 'place' : 'actor', id: written.value, own: false, written };
}

export function byStart(a: Span, b: Span): number {
  return a.start - b.start || a.end - b.end;
}

/** A place in the workspace: in a file, or (no path) in the document asked about when it has none. */
export interface NameLocation {
  path: string | undefined;
  range: Range;
}

/**
 * References from a position in a report: every name in the workspace that resolves to the same
 * actor or place (its entry first when `includeDeclaration`), or an id's uses in the report. The
 * report is read before anything is awaited: it is valid only until the next parse.
 */
export function reportReferences(
  report: Report,
  gazetteer: Gazetteer,
  offset: number,
  path: string | undefined,
  names: WorkspaceNames,
  includeDeclaration: boolean,
): Promise<NameLocation[]> {
  const target = nameTargetAt(report, gazetteer, offset);
  if (!target || target.kind === 'unresolved') return Promise.resolve([]);
  const here = (span: Span): NameLocation => ({ path, range: report.lines.rangeOf(span) });
  if (target.kind === 'id') {
    const { declarations, references } = localIdUses(report, target.id);
    return Promise.resolve([...(includeDeclaration ? declarations : []), ...references].sort(byStart).map(here));
  }
  // A report with no path is not in the index: its own names are added from its parse.
  const unsaved = path === undefined ? entrySpansInReport(report, gazetteer, target.entry, false).map(here) : [];
  return entryReferences(indexedEntry(target.entry), names, includeDeclaration, unsaved);
}

/** References from a gazetteer file: of the entry whose `id:` or `name:` is at the offset, or of the one an `in:` or `members` item names. */
export async function gazetteerReferences(path: string, text: string, offset: number, names: WorkspaceNames, includeDeclaration: boolean): Promise<NameLocation[]> {
  const target = gazetteerTargetAt(text, offset);
  const entry = target && (await gazetteerTargetEntry(path, text, target, names));
  return entry ? entryReferences(entry, names, includeDeclaration, []) : [];
}

/** The entry a gazetteer file's id or name stands for: its own entry, or the one an `in:` or `members` item names in the gazetteer the file is part of. */
export async function gazetteerTargetEntry(path: string, text: string, target: GazetteerTarget, names: WorkspaceNames): Promise<IndexedEntry | undefined> {
  if (target.own) {
    const declaration = gazetteerIdSpans(text).find((span) => span.field === 'id' && span.category === target.category && span.value === target.id)?.span;
    return { key: entryKeyOf(target.category, target.id, path), category: target.category, id: target.id, name: target.id, aliases: [], file: path, declaration };
  }
  const entry = (await names.gazetteerOf(path)).get(target.category, target.id);
  return entry && indexedEntry(entry);
}

async function entryReferences(entry: IndexedEntry, names: WorkspaceNames, includeDeclaration: boolean, unsaved: NameLocation[]): Promise<NameLocation[]> {
  const index = await names.current();
  const found = [...unsaved, ...index.mentionsOf(entry.key).filter((mention) => mention.listed).map(({ path, range }) => ({ path, range }))];
  found.sort(byLocation);
  if (includeDeclaration && entry.file !== undefined && entry.declaration) {
    const text = await names.gazetteerText(entry.file);
    if (text !== undefined) found.unshift({ path: entry.file, range: new LineIndex(text).rangeOf(entry.declaration) });
  }
  return found;
}

/** The document asked about first (no path), then by path and position: an answer that does not depend on the order files were indexed in. */
export function byLocation(a: NameLocation, b: NameLocation): number {
  if (a.path !== b.path) return a.path === undefined ? -1 : b.path === undefined ? 1 : a.path < b.path ? -1 : 1;
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
