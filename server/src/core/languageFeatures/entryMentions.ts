import type { Gazetteer } from '../gazetteer/gazetteer.js';
import type { EntryCategory, GazetteerEntry } from '../gazetteer/gazetteerModel.js';
import { placeByIdOrName } from '../gazetteer/placeLookup.js';
import { reportScope, type PlaceScope } from '../gazetteer/reportScope.js';
import { mentions, resolveMention } from '../gazetteer/resolveMention.js';
import type { Annotation, Incident, Report } from '../model.js';
import { directiveNameOccurrences, nameOccurrences, reportSymbols, type NameOccurrence } from '../reportSymbols.js';
import { pathKey } from '../workspace/fileSystem.js';
import type { IndexedEntry, ReportIndexData, WorkspaceIndex } from '../workspace/workspaceIndex.js';

/**
 * What each name in a report resolves to: the one reading that references, rename, document
 * highlight and the workspace index share, so that they agree with hover and the diagnostics.
 */

/**
 * What the workspace features (references, rename, workspace symbols) need of the workspace, given
 * by the language service, which has the gazetteers, the open documents and the file-system seam.
 */
export interface WorkspaceNames {
  /** The index, brought up to date first: open reports from their live text, stale reports resolved again. */
  current(): Promise<WorkspaceIndex>;
  /** A gazetteer file's text as the editor (unsaved) or the disk has it now; undefined when it cannot be read. */
  gazetteerText(path: string): Promise<string | undefined>;
  /** The gazetteer a gazetteer file is part of: loaded with the files the workspace's reports load it with. */
  gazetteerOf(file: string): Promise<Gazetteer>;
}

/** A name in the report and the entry it resolves to. */
export interface EntryOccurrence {
  occurrence: NameOccurrence;
  entry: GazetteerEntry;
  /** Listed by references: a label, an `in=` or an incident's `place=`; a `ref=` is listed through its label. */
  listed: boolean;
  /** The value is the entry's id (`ref=`, `in=`, `place=` by id), which a rename of the id changes. */
  byId: boolean;
}

/**
 * One entry, across every report: its category, id and the file that declares it (two folders'
 * gazetteers may each have a `syria`), or the layer of a built-in or imported place.
 */
export function entryKeyOf(category: EntryCategory, id: string, file: string): string {
  return `${category}\u0000${id}\u0000${pathKey(file)}`;
}

export function entryKey(entry: GazetteerEntry): string {
  return entryKeyOf(entry.category, entry.id, entry.source.file);
}

/** Declared in a gazetteer file (team or front matter), not a row of the built-in layer or a GeoNames import. */
export function isFileEntry(entry: GazetteerEntry): boolean {
  return entry.source.span !== undefined;
}

/** What the workspace index keeps of an entry. */
export function indexedEntry(entry: GazetteerEntry): IndexedEntry {
  const declared = isFileEntry(entry);
  return {
    key: entryKey(entry),
    category: entry.category,
    id: entry.id,
    name: entry.name,
    aliases: entry.aliases,
    file: declared ? entry.source.file : undefined,
    declaration: declared ? (entry.source.fields?.id ?? entry.source.span) : undefined,
  };
}

/** Per report version and gazetteer: a highlight on every cursor move reads the same list. */
const RESOLVED = new WeakMap<Report, { gazetteer: Gazetteer; occurrences: EntryOccurrence[] }>();

/** Every name in the report that resolves to an entry, in the order of `nameOccurrences`. */
export function entryOccurrences(report: Report, gazetteer: Gazetteer): EntryOccurrence[] {
  const known = RESOLVED.get(report);
  if (known?.gazetteer === gazetteer) return known.occurrences;
  // The report's countries, as the checks resolve its names in them.
  const scope = reportScope(gazetteer, report);
  const occurrences: EntryOccurrence[] = [];
  for (const occurrence of nameOccurrences(report)) {
    const resolved = resolveOccurrence(gazetteer, scope, occurrence);
    if (resolved) occurrences.push({ occurrence, ...resolved });
  }
  RESOLVED.set(report, { gazetteer, occurrences });
  return occurrences;
}

function resolveOccurrence(gazetteer: Gazetteer, scope: PlaceScope, occurrence: NameOccurrence): Omit<EntryOccurrence, 'occurrence'> | undefined {
  const { directive, attribute } = occurrence;
  if (attribute === undefined || (directive.kind === 'incident' && attribute.name === 'place')) {
    const mention = directive.kind === 'incident' ? mentions([], [directive])[0] : mentions([directive], [])[0];
    const resolution = mention && resolveMention(gazetteer, mention, scope);
    if (resolution?.status !== 'resolved') return undefined;
    // An incident's place= may be the id or a name: only the id is renamed with the entry.
    const byId = attribute !== undefined && resolution.entry.id === attribute.value;
    return { entry: resolution.entry, listed: true, byId };
  }
  if (attribute.name === 'ref') {
    const entry = gazetteer.get(directive.kind === 'actor' ? 'actor' : 'place', attribute.value);
    // byId only when written as the entry's id: `ref=geonames:170063` finds a built-in place whose id is another.
    return entry && { entry, listed: false, byId: entry.id === attribute.value };
  }
  // in=: the place that contains this one, by id or by a name.
  const byId = gazetteer.get('place', attribute.value);
  if (byId) return { entry: byId, listed: true, byId: byId.id === attribute.value };
  const byName = placeByIdOrName(gazetteer, attribute.value, scope.countries);
  return byName && { entry: byName, listed: true, byId: false };
}

/**
 * The name a directive gives at an offset: the value of `ref=`, `in=` or `place=` when the offset
 * is in it, else an annotation's label (anywhere else on an `:actor` or `:place`).
 */
export function occurrenceAt(directive: Annotation | Incident, attributeName: string | undefined): NameOccurrence | undefined {
  const candidates = directiveNameOccurrences(directive, undefined);
  return candidates.find((candidate) => candidate.attribute?.name === attributeName) ?? candidates.find((candidate) => candidate.attribute === undefined);
}

/** The entry an occurrence of this report resolves to, as `entryOccurrences` has it. */
export function resolvedAt(report: Report, gazetteer: Gazetteer, occurrence: NameOccurrence): EntryOccurrence | undefined {
  return entryOccurrences(report, gazetteer).find((candidate) => candidate.occurrence.directive === occurrence.directive && candidate.occurrence.attribute === occurrence.attribute);
}

/** What the workspace index keeps of a report: its symbols, and each name resolved, as ranges. */
export function reportIndexData(report: Report, gazetteer: Gazetteer, gazetteerFiles: readonly string[]): ReportIndexData {
  // The index keeps copies of the names, which share nothing with the report's text.
  const symbols = reportSymbols(report);
  const entries = new Map<GazetteerEntry, IndexedEntry>();
  const mentionList = entryOccurrences(report, gazetteer).map(({ occurrence, entry, listed, byId }) => {
    let indexed = entries.get(entry);
    if (!indexed) entries.set(entry, (indexed = indexedEntry(entry)));
    return { entry: indexed, range: report.lines.rangeOf(occurrence.span), incident: occurrence.incident, listed, byId };
  });
  return { symbols, mentions: mentionList, gazetteerFiles };
}
