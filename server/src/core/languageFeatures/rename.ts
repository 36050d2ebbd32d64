import { basename } from 'node:path';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import { gazetteerIdSpans } from '../gazetteer/gazetteerIdSpans.js';
import type { EntryCategory } from '../gazetteer/gazetteerModel.js';
import type { Report } from '../model.js';
import { LineIndex, type Range, type Span } from '../text.js';
import { pathKey } from '../workspace/fileSystem.js';
import { entryKeyOf, entryOccurrences, isFileEntry, type WorkspaceNames } from './entryMentions.js';
import { byLocation, byStart, gazetteerTargetAt, localIdUses, nameTargetAt, type NameTarget } from './references.js';

/**
 * What a rename at a position renames: a gazetteer entry's id (in its file, every gazetteer file
 * that refers to it, and every report), or an incident's or count's id (in its report, where ids
 * are local). Anything else is refused with the reason, which the editor shows.
 */
export type RenameSubject =
  | { kind: 'entry'; category: EntryCategory; id: string; file: string; span: Span }
  | { kind: 'id'; id: string; span: Span }
  | { kind: 'refused'; reason: string };

const NOTHING_TO_RENAME =
  'Only an id can be renamed: an incident\u2019s or count\u2019s #id, part-of=, ref=, in= or place= with an id, or an entry\u2019s id: in a gazetteer file.';

/** The subject of a rename at a name of a report (`nameTargetAt`). */
export function renameSubject(target: NameTarget | undefined): RenameSubject {
  if (!target) return { kind: 'refused', reason: NOTHING_TO_RENAME };
  if (target.kind === 'id') return { kind: 'id', id: target.id, span: target.span };
  if (target.kind === 'unresolved') {
    const { text, occurrence } = target;
    if (occurrence.attribute === undefined) return { kind: 'refused', reason: labelRefusal(text) };
    return { kind: 'refused', reason: `"${text}" is not an id in the gazetteer: there is nothing to rename.` };
  }
  const { entry, resolved } = target;
  const { occurrence } = resolved;
  if (occurrence.attribute === undefined) return { kind: 'refused', reason: labelRefusal(occurrence.directive.label.trim(), entry.id) };
  // As written: geonames:170063 finds the built-in geo:SY.09:aleppo.
  if (!isFileEntry(entry)) return { kind: 'refused', reason: builtInRefusal(occurrence.attribute.value, entry.source.file) };
  if (!resolved.byId) {
    return { kind: 'refused', reason: `${occurrence.attribute.name}="${occurrence.attribute.value}" names ${entry.name} by its name, not its id: nothing here to rename.` };
  }
  return { kind: 'entry', category: entry.category, id: entry.id, file: entry.source.file, span: occurrence.span };
}

function labelRefusal(label: string, id?: string): string {
  const where = id === undefined ? 'an id' : `its id (${id})`;
  return `"${label}" is the report's own wording, not an id: a label is not renamed. Rename ${where} at ref= or in the gazetteer file.`;
}

export function builtInRefusal(id: string, source: string): string {
  return source === 'built-in'
    ? `${id} is a place of the built-in world layer: its id is fixed and cannot be renamed. Add the place to the team's gazetteer to give it an id of your own.`
    : `${id} comes from a GeoNames import (${source}): its id is GeoNames' and cannot be renamed.`;
}

/** Ids in a gazetteer, as its docs ask: lower case letters and digits, words joined by hyphens. */
const ENTRY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Ids of incidents and counts (`#civ`): letters, digits and hyphens, as markup.md asks. */
const REPORT_ID = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;

/** Why a new id cannot be used, or undefined when it can. */
export function newIdProblem(newId: string, subject: 'entry' | 'id', oldId: string): string | undefined {
  if (newId === oldId) return `The id is already ${oldId}.`;
  if (subject === 'entry' && !ENTRY_ID.test(newId)) {
    return `"${newId}" is not a valid gazetteer id: use lower case letters and digits, with hyphens between words (e.g. idlib-city).`;
  }
  if (subject === 'id' && !REPORT_ID.test(newId)) return `"${newId}" is not a valid id: use letters, digits and hyphens (e.g. civ-killed).`;
  return undefined;
}

/** Every id the report declares (`#id` on an incident or a count). */
export function reportIds(report: Report): Set<string> {
  const ids = new Set<string>();
  for (const directive of [...report.incidents, ...report.annotations]) {
    const id = directive.attributes.get('id')?.value;
    if (id) ids.add(id);
  }
  return ids;
}

/**
 * The spans of a gazetteer file to replace when the entry is renamed: its `id:` in its own file,
 * and, in every file loaded with it, the `in:` of places it contains (a place) or the `members` of
 * coalitions it belongs to (an actor). A file that declares its own entry of that id is left alone:
 * its `in:` and `members` name that one. Names, aliases and notes are never touched.
 */
export function gazetteerRenameSpans(text: string, category: EntryCategory, id: string, declaring: boolean): Span[] {
  const written = gazetteerIdSpans(text);
  const declares = written.some((span) => span.field === 'id' && span.category === category && span.value === id);
  if (!declaring && declares) return [];
  const referring = category === 'place' ? 'in' : 'members';
  return written
    .filter((span) => span.value === id && ((span.field === 'id' && span.category === category) || span.field === referring))
    .map((span) => span.span);
}

/** Whether a gazetteer file already declares an entry (actor or place: ids are unique across both) of this id. */
export function gazetteerDeclares(text: string, id: string): boolean {
  return gazetteerIdSpans(text).some((span) => span.field === 'id' && span.value === id);
}

/** Where a rename starts and the id it offers to change, or why there is none. */
export type RenamePlace = { span: Span; placeholder: string } | { refused: string };

/** One replacement in a file, or (no path) in the document asked about when it has none. */
export interface FileEdit {
  path: string | undefined;
  range: Range;
  newText: string;
}

export type RenameResult = { edits: FileEdit[] } | { refused: string };

/** prepareRename in a report. */
export function prepareReportRename(report: Report, gazetteer: Gazetteer, offset: number): RenamePlace {
  const subject = renameSubject(nameTargetAt(report, gazetteer, offset));
  return subject.kind === 'refused' ? { refused: subject.reason } : { span: subject.span, placeholder: subject.id };
}

/**
 * rename in a report: an id of the report in the report alone; an entry's id everywhere. What is
 * read of the report is read before anything is awaited (it is valid only until the next parse).
 */
export function reportRename(report: Report, gazetteer: Gazetteer, offset: number, path: string | undefined, newId: string, names: WorkspaceNames): Promise<RenameResult> {
  const subject = renameSubject(nameTargetAt(report, gazetteer, offset));
  if (subject.kind === 'refused') return Promise.resolve({ refused: subject.reason });
  const problem = newIdProblem(newId, subject.kind, subject.id);
  if (problem) return Promise.resolve({ refused: problem });
  const edit = (span: Span): FileEdit => ({ path, range: report.lines.rangeOf(span), newText: newId });
  if (subject.kind === 'id') {
    if (reportIds(report).has(newId)) return Promise.resolve({ refused: takenInReport(newId) });
    const { declarations, references } = localIdUses(report, subject.id);
    return Promise.resolve({ edits: [...declarations, ...references].sort(byStart).map(edit) });
  }
  const taken = gazetteer.get('actor', newId) ?? gazetteer.get('place', newId);
  if (taken) return Promise.resolve({ refused: takenInGazetteer(newId, taken.name, taken.source.file) });
  // A report with no path is not in the index: its own ids are renamed from its parse.
  const target = gazetteer.get(subject.category, subject.id)!;
  const unsaved = path === undefined ? entryOccurrences(report, gazetteer).filter((found) => found.entry === target && found.byId).map((found) => edit(found.occurrence.span)) : [];
  return entryRename(subject, newId, names, unsaved);
}

/** prepareRename in a gazetteer file: an entry's `id:`, or an `in:` or `members` item naming an entry of a gazetteer file. */
export async function prepareGazetteerRename(path: string, text: string, offset: number, names: WorkspaceNames): Promise<RenamePlace> {
  const subject = await gazetteerRenameSubject(path, text, offset, names);
  return subject.kind === 'refused' ? { refused: subject.reason } : { span: subject.span, placeholder: subject.id };
}

export async function gazetteerRename(path: string, text: string, offset: number, newId: string, names: WorkspaceNames): Promise<RenameResult> {
  const subject = await gazetteerRenameSubject(path, text, offset, names);
  if (subject.kind === 'refused') return { refused: subject.reason };
  if (subject.kind === 'id') return { refused: NOTHING_TO_RENAME };
  const problem = newIdProblem(newId, 'entry', subject.id);
  if (problem) return { refused: problem };
  const gazetteer = await names.gazetteerOf(subject.file);
  const taken = gazetteer.get('actor', newId) ?? gazetteer.get('place', newId);
  if (taken) return { refused: takenInGazetteer(newId, taken.name, taken.source.file) };
  return entryRename(subject, newId, names, []);
}

async function gazetteerRenameSubject(path: string, text: string, offset: number, names: WorkspaceNames): Promise<RenameSubject> {
  const target = gazetteerTargetAt(text, offset);
  if (!target) return { kind: 'refused', reason: NOTHING_TO_RENAME };
  if (target.written.field === 'name') {
    return { kind: 'refused', reason: `"${target.written.value}" is the entry's name, which reports match their labels against: rename the id (${target.id}) instead.` };
  }
  if (target.own) return { kind: 'entry', category: target.category, id: target.id, file: path, span: target.written.span };
  const entry = (await names.gazetteerOf(path)).get(target.category, target.id);
  if (!entry) return { kind: 'refused', reason: `No ${target.category} in the gazetteer has the id ${target.id}: there is nothing to rename.` };
  if (!isFileEntry(entry)) return { kind: 'refused', reason: builtInRefusal(entry.id, entry.source.file) };
  return { kind: 'entry', category: entry.category, id: entry.id, file: entry.source.file, span: target.written.span };
}

/**
 * Every change a rename of an entry's id makes: its `id:`, the `in:` and `members` that name it in
 * the gazetteer files loaded with its own, and each `ref=`, `in=` and `place=` that gives the id in
 * a report of the workspace (from the index, brought up to date first). Labels are never changed.
 */
async function entryRename(entry: { category: EntryCategory; id: string; file: string }, newId: string, names: WorkspaceNames, unsaved: FileEdit[]): Promise<RenameResult> {
  const index = await names.current();
  const edits: FileEdit[] = [...unsaved];
  for (const file of index.filesLoadedWith(entry.file)) {
    const text = await names.gazetteerText(file);
    if (text === undefined) continue;
    if (gazetteerDeclares(text, newId)) return { refused: takenInGazetteer(newId, undefined, file) };
    const lines = new LineIndex(text);
    const declaring = pathKey(file) === pathKey(entry.file);
    for (const span of gazetteerRenameSpans(text, entry.category, entry.id, declaring)) edits.push({ path: file, range: lines.rangeOf(span), newText: newId });
  }
  for (const mention of index.mentionsOf(entryKeyOf(entry.category, entry.id, entry.file))) {
    if (mention.byId) edits.push({ path: mention.path, range: mention.range, newText: newId });
  }
  return { edits: edits.sort(byLocation) };
}

function takenInReport(id: string): string {
  return `${id} is already an id in this report: ids of incidents and counts must be unique in it.`;
}

function takenInGazetteer(id: string, name: string | undefined, file: string): string {
  const where = file === 'built-in' ? 'the built-in world layer' : basename(file);
  return `${id} is already the id of ${name === undefined ? 'an entry' : `"${name}"`} in ${where}: ids must be unique across all actors and places.`;
}
