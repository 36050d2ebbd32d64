import type { Span } from '../text.js';
import { PLACE_KINDS } from '../vocabulary.js';

export type EntryCategory = 'actor' | 'place';

export const ACTOR_KINDS = ['state-forces', 'armed-group', 'coalition', 'organisation', 'civilians', 'other'] as const;
export { PLACE_KINDS };

export type PlaceKind = (typeof PLACE_KINDS)[number];

/** Where an entry comes from, lowest first: a higher layer shadows the names of the lower ones. */
export type LayerKind = 'built-in' | 'import' | 'team' | 'front-matter';

export interface EntrySource {
  /** Absolute path of the gazetteer file, or a label such as `built-in`. */
  file: string;
  /** The entry's span in that file. */
  span: Span | undefined;
  /** Spans of single fields, for diagnostics that point at the value at fault. */
  fields?: { name?: Span; aliases?: Span[]; in?: Span; id?: Span };
  layer?: LayerKind;
}

export interface GazetteerEntry {
  category: EntryCategory;
  id: string;
  name: string;
  aliases: string[];
  kind: string | undefined;
  /** The id of the containing place. */
  parent: string | undefined;
  coordinates: [number, number] | undefined;
  geonames: number | undefined;
  /** How many people live there, when a GeoNames layer (built-in, import) knows it; team files give none. */
  population?: number | undefined;
  wikidata: string | undefined;
  members: string[];
  note: string | undefined;
  source: EntrySource;
}

/**
 * How many `in:` levels containment follows up from a place. GeoNames places are at most 4 deep
 * (country, two areas, town, section); a team nests camps and neighbourhoods a few more. A bound
 * keeps every walk up a chain short, whatever a gazetteer holds (gazetteer-too-deep says so).
 */
export const PLACE_NESTING_LIMIT = 32;

export type GazetteerProblemCode =
  | 'gazetteer-syntax'
  | 'gazetteer-duplicate-id'
  | 'gazetteer-unknown-parent'
  | 'gazetteer-invalid-entry'
  | 'gazetteer-invalid-coordinates'
  | 'gazetteer-alias-conflict'
  | 'gazetteer-cycle'
  | 'gazetteer-too-deep'
  | 'gazetteer-import-failed'
  | 'gazetteer-not-found';

/** How serious each gazetteer problem is where it is shown (the gazetteer file, `gazetteer check`). */
export const GAZETTEER_PROBLEM_SEVERITY: Record<GazetteerProblemCode, 'error' | 'warning'> = {
  'gazetteer-syntax': 'error',
  'gazetteer-duplicate-id': 'error',
  'gazetteer-unknown-parent': 'warning',
  'gazetteer-invalid-entry': 'warning',
  'gazetteer-invalid-coordinates': 'error',
  'gazetteer-alias-conflict': 'warning',
  'gazetteer-cycle': 'error',
  'gazetteer-too-deep': 'warning',
  'gazetteer-import-failed': 'error',
  'gazetteer-not-found': 'error',
};

export interface GazetteerProblem {
  code: GazetteerProblemCode;
  message: string;
  file: string;
  span: Span | undefined;
}

/**
 * Subgroup declarations: a group name and the groups it contains. The subgroups of a group are a
 * partition (no one is in two of them), since the count checks add them up; a group with no
 * subgroups (`[]`) is declared only so that counts may name it.
 */
export type GroupTree = ReadonlyMap<string, readonly string[]>;

/**
 * The groups casualty monitors count (docs/markup.md, "Groups", says why each is there). Civilians
 * split by sex and age, as OHCHR and the Every Casualty standards record them. The others cut across
 * that split (a journalist is a woman or a man), so they cannot join civilians' partition without
 * counting a woman journalist twice; and they are not declared inside civilians at all, since not
 * every one is a civilian (a military medic is a health worker, a prisoner of war a detainee). A
 * report puts such a figure inside a civilians total with `part-of`.
 */
export const DEFAULT_GROUPS: GroupTree = new Map([
  ['civilians', ['women', 'men', 'children']],
  ['children', ['boys', 'girls']],
  ['combatants', []],
  ['journalists', []],
  ['aid-workers', []],
  ['health-workers', []],
  ['human-rights-defenders', []],
  ['educators', []],
  ['students', []],
  ['detainees', []],
]);

/** Every group a tree declares or lists, in lower case as counts' groups are compared, in the order written. */
export function groupNames(groups: GroupTree): string[] {
  const names = new Set<string>();
  for (const [group, subgroups] of groups) {
    names.add(group.toLowerCase());
    for (const subgroup of subgroups) names.add(subgroup.toLowerCase());
  }
  return [...names];
}
