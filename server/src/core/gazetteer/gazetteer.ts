import { distance } from 'fastest-levenshtein';
import {
  DEFAULT_GROUPS,
  type EntryCategory,
  type GazetteerEntry,
  type GazetteerProblem,
  type GroupTree,
} from './gazetteerModel.js';
import { foldName, simplifyName } from './normalizeName.js';
import type { GazetteerFile } from './readGazetteerFile.js';

export type MatchKind = 'name' | 'alias' | 'normalised' | 'fuzzy';

export interface Candidate {
  entry: GazetteerEntry;
  match: MatchKind;
  /** The name or alias that matched. */
  matched: string;
}

export type Resolution =
  | { status: 'resolved'; entry: GazetteerEntry; match: MatchKind; matched: string }
  | { status: 'ambiguous'; candidates: Candidate[] }
  | { status: 'unknown'; suggestions: Candidate[] };

const MATCH_RANK: Record<MatchKind, number> = { name: 0, alias: 1, normalised: 2, fuzzy: 3 };

/** Edit distance a suggestion may be from the folded label: about one edit per four letters. */
function fuzzyBound(key: string): number {
  return Math.max(1, Math.min(3, Math.floor(key.length / 4)));
}

interface IndexedName {
  entry: GazetteerEntry;
  text: string;
  isName: boolean;
}

class CategoryIndex {
  readonly byId = new Map<string, GazetteerEntry>();
  readonly bySimple = new Map<string, IndexedName[]>();
  readonly byFolded = new Map<string, IndexedName[]>();

  add(entry: GazetteerEntry): void {
    this.byId.set(entry.id, entry);
    const names: IndexedName[] = [
      { entry, text: entry.name, isName: true },
      ...entry.aliases.map((alias) => ({ entry, text: alias, isName: false })),
    ];
    for (const name of names) {
      push(this.bySimple, simplifyName(name.text), name);
      push(this.byFolded, foldName(name.text), name);
    }
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The team's names for actors and places, with the one resolution every feature uses. */
export class Gazetteer {
  private readonly index: Record<EntryCategory, CategoryIndex> = { actor: new CategoryIndex(), place: new CategoryIndex() };
  readonly groups: GroupTree;
  readonly problems: GazetteerProblem[];
  readonly files: string[];

  constructor(files: readonly GazetteerFile[]) {
    const groups = new Map<string, readonly string[]>(DEFAULT_GROUPS);
    this.problems = files.flatMap((file) => file.problems);
    this.files = files.map((file) => file.file);
    for (const file of files) {
      for (const entry of file.entries) {
        const existing = this.index[entry.category].byId.get(entry.id);
        if (existing) {
          this.problems.push({
            code: 'gazetteer-duplicate-id',
            message: `The id "${entry.id}" is already used by "${existing.name}" (${existing.source.file}); ids must be unique across all gazetteer files.`,
            file: file.file,
            span: entry.source.span,
          });
          continue;
        }
        this.index[entry.category].add(entry);
      }
      for (const [group, subgroups] of file.groups) groups.set(group, subgroups);
    }
    this.groups = groups;
    for (const entry of this.entries('place')) {
      if (entry.parent !== undefined && !this.index.place.byId.has(entry.parent)) {
        this.problems.push({
          code: 'gazetteer-unknown-parent',
          message: `"${entry.name}" is in "${entry.parent}", which is not a place id in the gazetteer.`,
          file: entry.source.file,
          span: entry.source.span,
        });
      }
    }
  }

  static empty(): Gazetteer {
    return new Gazetteer([]);
  }

  entries(category: EntryCategory): IterableIterator<GazetteerEntry> {
    return this.index[category].byId.values();
  }

  get(category: EntryCategory, id: string): GazetteerEntry | undefined {
    return this.index[category].byId.get(id);
  }

  /** The containing places, innermost first; stops at a cycle or a missing parent. */
  ancestors(place: GazetteerEntry): GazetteerEntry[] {
    const chain: GazetteerEntry[] = [];
    const seen = new Set([place.id]);
    let parentId = place.parent;
    while (parentId !== undefined && !seen.has(parentId)) {
      const parent = this.index.place.byId.get(parentId);
      if (!parent) break;
      chain.push(parent);
      seen.add(parentId);
      parentId = parent.parent;
    }
    return chain;
  }

  /** "Furqan — neighbourhood, Aleppo, Syria": how a candidate is shown to writers. */
  describe(entry: GazetteerEntry): string {
    const path = entry.category === 'place' ? this.ancestors(entry).map((place) => place.name) : [];
    const details = [entry.kind, ...path].filter((part) => part !== undefined);
    return details.length > 0 ? `${entry.name} — ${details.join(', ')}` : entry.name;
  }

  /** Resolves prose such as "the Assad regime" or "Maarat al-Numan" to an entry. */
  resolve(category: EntryCategory, label: string): Resolution {
    const index = this.index[category];
    const simple = simplifyName(label).replace(/^the /, '');
    const exact = [...(index.bySimple.get(simple) ?? []), ...(index.bySimple.get(simplifyName(label)) ?? [])];
    const byName = unique(exact.filter((name) => name.isName));
    if (byName.length > 0) return decide(byName, 'name');
    const byAlias = unique(exact.filter((name) => !name.isName));
    if (byAlias.length > 0) return decide(byAlias, 'alias');
    const folded = foldName(label);
    const normalised = unique(index.byFolded.get(folded) ?? []);
    if (normalised.length > 0) return decide(normalised, 'normalised');
    return { status: 'unknown', suggestions: this.suggest(category, folded) };
  }

  private suggest(category: EntryCategory, folded: string, limit = 3): Candidate[] {
    const bound = fuzzyBound(folded);
    const scored: { candidate: Candidate; score: number }[] = [];
    const seen = new Set<string>();
    for (const [key, names] of this.index[category].byFolded) {
      if (Math.abs(key.length - folded.length) > bound) continue;
      const score = distance(key, folded);
      if (score > bound) continue;
      for (const name of names) {
        if (seen.has(name.entry.id)) continue;
        seen.add(name.entry.id);
        scored.push({ candidate: { entry: name.entry, match: 'fuzzy', matched: name.text }, score });
      }
    }
    scored.sort((a, b) => a.score - b.score || a.candidate.entry.name.localeCompare(b.candidate.entry.name));
    return scored.slice(0, limit).map((item) => item.candidate);
  }
}

function unique(names: IndexedName[]): IndexedName[] {
  const byId = new Map<string, IndexedName>();
  for (const name of names) if (!byId.has(name.entry.id)) byId.set(name.entry.id, name);
  return [...byId.values()];
}

function decide(names: IndexedName[], match: MatchKind): Resolution {
  if (names.length === 1) return { status: 'resolved', entry: names[0]!.entry, match, matched: names[0]!.text };
  return {
    status: 'ambiguous',
    candidates: names.map((name) => ({ entry: name.entry, match, matched: name.text })),
  };
}

export { MATCH_RANK };
