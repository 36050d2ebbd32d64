/**
 * Checks across the entries of the gazetteer files (not the bulk layers,
 * whose data the team does not edit): parents that do not exist, `in:`
 * chains that loop, and names that nothing tells apart.
 */
import { PLACE_NESTING_LIMIT, type EntryCategory, type GazetteerEntry, type GazetteerProblem } from './gazetteerModel.js';
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

/**
 * Each place's `in:` chain followed once for all (a colour per entry: on the walk now, or done),
 * so the checks take time in proportion to the entries: walking each entry's chain again, with the
 * chain searched at each step, took 277 s for a chain of 8,000 entries (issue 16).
 */
function cycles(gazetteer: EntryLookup, places: readonly GazetteerEntry[]): GazetteerProblem[] {
  // The place each id stands for, as the chain follows it (gazetteer.get), and what is known of it.
  const parentOf = (entry: GazetteerEntry) => (entry.parent === undefined ? undefined : gazetteer.get('place', entry.parent));
  const ON_WALK = -1;
  /** Finished entries: the depth below their outermost place (cycle members: 0, their chain has no top). */
  const depth = new Map<GazetteerEntry, number>();
  /** Each cycle member's cycle, and where in it the member is. */
  const cycleOf = new Map<GazetteerEntry, { cycle: readonly GazetteerEntry[]; index: number }>();
  const tooDeep: GazetteerEntry[] = [];
  for (const start of places) {
    if (depth.has(start)) continue;
    const walk: GazetteerEntry[] = [];
    let at: GazetteerEntry | undefined = start;
    while (at && !depth.has(at)) {
      depth.set(at, ON_WALK);
      walk.push(at);
      at = parentOf(at);
    }
    let below = 0;
    if (at && depth.get(at) === ON_WALK) {
      // The walk came back to an entry of its own: from there on, it is a cycle.
      const cycle = walk.splice(walk.indexOf(at));
      cycle.forEach((member, index) => {
        depth.set(member, 0);
        cycleOf.set(member, { cycle, index });
      });
    } else if (at) {
      below = depth.get(at)! + 1;
    }
    for (let index = walk.length - 1; index >= 0; index--, below++) {
      depth.set(walk[index]!, below);
      if (below === PLACE_NESTING_LIMIT + 1) tooDeep.push(walk[index]!);
    }
  }
  const problems: GazetteerProblem[] = [];
  for (const entry of places) {
    const member = cycleOf.get(entry);
    if (!member) continue;
    problems.push({
      code: 'gazetteer-cycle',
      message: `"${entry.name}" ends up inside itself: ${shownCycle(member.cycle, member.index)}. Remove or correct one of these \`in:\` links.`,
      file: entry.source.file,
      span: entry.source.fields?.in ?? entry.source.span,
    });
  }
  for (const entry of tooDeep) {
    problems.push({
      code: 'gazetteer-too-deep',
      message: `"${entry.name}" has more than ${PLACE_NESTING_LIMIT} places above it through \`in:\`: containment is followed ${PLACE_NESTING_LIMIT} levels up, no further, so neither it nor the places inside it count as inside the outermost ones. Put it in a place nearer the top.`,
      file: entry.source.file,
      span: entry.source.fields?.in ?? entry.source.span,
    });
  }
  return problems;
}

/**
 * A cycle's ids from one member round to it again, as the message shows them: a long one by its
 * first and last links, so that a cycle of n entries makes n short messages, not n of n ids.
 */
function shownCycle(cycle: readonly GazetteerEntry[], from: number): string {
  const length = cycle.length + 1;
  const id = (step: number) => cycle[(from + step) % cycle.length]!.id;
  const ids = (start: number, end: number) => Array.from({ length: end - start }, (_, step) => id(start + step));
  if (length <= 12) return ids(0, length).join(' → ');
  return `${ids(0, 6).join(' → ')} → … (${(length - 10).toLocaleString('en')} more) → ${ids(length - 4, length).join(' → ')}`;
}

function aliasConflicts(entries: readonly GazetteerEntry[]): GazetteerProblem[] {
  const problems: GazetteerProblem[] = [];
  // Entries that could be told apart by kind or parent never conflict: group by both.
  const groups = new Map<string, GazetteerEntry[]>();
  for (const entry of entries) {
    const group = `${entry.kind ?? ''}\0${entry.parent ?? ''}`;
    // Pushed, not copied: copying a group on each entry took 15 s for 40,000 places in one parent (issue 16).
    const members = groups.get(group);
    if (members) members.push(entry);
    else groups.set(group, [entry]);
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
