/**
 * Checks across the entries of the gazetteer files (not the bulk layers,
 * whose data the team does not edit): parents that do not exist, `in:`
 * chains that loop, and names that nothing tells apart.
 */
import type { EntryCategory, GazetteerEntry, GazetteerProblem } from './gazetteerModel.js';
import type { FileLayer } from './layers.js';
import { foldName } from './normalizeName.js';

/** What the checks look up in the gazetteer being built (the Gazetteer itself, which calls them). */
export interface EntryLookup {
  get(category: EntryCategory, id: string): GazetteerEntry | undefined;
}

export function checkFileEntries(gazetteer: EntryLookup, layers: readonly FileLayer[]): GazetteerProblem[] {
  const problems: GazetteerProblem[] = [];
  const places = layers.flatMap((layer) => layer.all('place'));

  for (const entry of places) {
    if (entry.parent !== undefined && !gazetteer.get('place', entry.parent)) {
      problems.push({
        code: 'gazetteer-unknown-parent',
        message: `"${entry.name}" is in "${entry.parent}", which is not a place id in the gazetteer.`,
        file: entry.source.file,
        span: entry.source.span,
      });
    }
  }

  problems.push(...cycles(gazetteer, places));
  for (const category of ['actor', 'place'] as const) problems.push(...aliasConflicts(layers.flatMap((layer) => layer.all(category))));
  return problems;
}

function cycles(gazetteer: EntryLookup, places: readonly GazetteerEntry[]): GazetteerProblem[] {
  const problems: GazetteerProblem[] = [];
  for (const entry of places) {
    const path = [entry.id];
    let parentId = entry.parent;
    while (parentId !== undefined && !path.includes(parentId)) {
      path.push(parentId);
      parentId = gazetteer.get('place', parentId)?.parent;
    }
    // Only a chain that comes back to this very entry is its cycle; one that loops further up is reported there.
    if (parentId !== entry.id) continue;
    problems.push({
      code: 'gazetteer-cycle',
      message: `"${entry.name}" ends up inside itself: ${[...path, entry.id].join(' → ')}. Remove or correct one of these \`in:\` links.`,
      file: entry.source.file,
      span: entry.source.fields?.in ?? entry.source.span,
    });
  }
  return problems;
}

function aliasConflicts(entries: readonly GazetteerEntry[]): GazetteerProblem[] {
  const problems: GazetteerProblem[] = [];
  // Entries that could be told apart by kind or parent never conflict: group by both.
  const groups = new Map<string, GazetteerEntry[]>();
  for (const entry of entries) {
    const group = `${entry.kind ?? ''}\0${entry.parent ?? ''}`;
    groups.set(group, [...(groups.get(group) ?? []), entry]);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const byName = new Map<string, GazetteerEntry>();
    for (const entry of group) {
      const key = foldName(entry.name);
      const first = byName.get(key);
      if (first) {
        problems.push({
          code: 'gazetteer-alias-conflict',
          message: `"${entry.name}" (${entry.id}) is, spelling variants aside, the name of "${first.name}" (${first.id}) too, and both are ${describeGroup(entry)}: nothing tells them apart. Give one another \`in:\` parent or kind, or merge them.`,
          file: entry.source.file,
          span: entry.source.fields?.name ?? entry.source.span,
        });
      } else {
        byName.set(key, entry);
      }
    }
    for (const entry of group) {
      entry.aliases.forEach((alias, index) => {
        const other = byName.get(foldName(alias));
        if (!other || other === entry) return;
        problems.push({
          code: 'gazetteer-alias-conflict',
          message: `The alias "${alias}" of ${entry.id} is, spelling variants aside, the name of "${other.name}" (${other.id}), and both are ${describeGroup(entry)}: a report's "${alias}" could mean either. Remove the alias, or give one of them another \`in:\` parent or kind.`,
          file: entry.source.file,
          span: entry.source.fields?.aliases?.[index] ?? entry.source.span,
        });
      });
    }
  }
  return problems;
}

function describeGroup(entry: GazetteerEntry): string {
  const kind = entry.kind ? `of kind ${entry.kind}` : `${entry.category}s without a kind`;
  return `${kind} ${entry.parent ? `in ${entry.parent}` : 'with no parent'}`;
}
