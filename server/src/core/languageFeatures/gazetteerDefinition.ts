import { pathKey } from '../workspace/fileSystem.js';
import type { DefinitionTarget } from './definition.js';
import { isFileEntry, type WorkspaceNames } from './entryMentions.js';
import { declaredEntries } from './gazetteerFileEntries.js';
import { gazetteerTargetAt } from './references.js';

/**
 * Go to definition in a gazetteer file: from an `in:` or `members` item to the entry it names, in
 * this file or another loaded with it. A built-in or imported place (`in: geo:SY.12`) has no file
 * to go to: nothing, and its hover shows its card. An entry's own `id:` or `name:` is its definition.
 */
export async function gazetteerDefinition(path: string, text: string, offset: number, names: WorkspaceNames): Promise<DefinitionTarget | undefined> {
  const target = gazetteerTargetAt(text, offset);
  if (!target || target.own) return undefined;
  const origin = target.written.span;
  // The index knows which files the reports load this one with (the entry may be in another), once it is up to date.
  await names.current();
  const entry = (await names.gazetteerOf(path)).get(target.category, target.id);
  if (!entry || !isFileEntry(entry)) return undefined;
  if (pathKey(entry.source.file) !== pathKey(path)) return { path: entry.source.file, span: entry.source.span!, origin };
  // In this file: where the text declares it now, which the loaded gazetteer may not have caught up with.
  const declared = declaredEntries(path, text).find((candidate) => candidate.category === entry.category && candidate.id === entry.id);
  return { path, span: (declared ?? entry).source.span!, origin };
}
