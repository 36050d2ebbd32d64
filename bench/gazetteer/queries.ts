/**
 * The gazetteer bench's queries (bench.ts), drawn with its seed in its order, so that
 * resolveCheck.ts times and compares exactly the lookups and typed prefixes the bench measures.
 */
import type { GazetteerEntry } from '../../server/src/core/gazetteer/gazetteerModel.js';
import { simplifyName } from '../../server/src/core/gazetteer/normalizeName.js';
import type { PlaceTable } from '../../server/src/core/gazetteer/placeTable.js';
import { SYRIAN_SPELLINGS } from '../../test/unit/gazetteerSpellings.table.js';

export type Lookup = { text: string; within: GazetteerEntry | undefined };

/** A seeded generator (mulberry32): every run draws the same queries. */
function seededRandom(start: number): () => number {
  let seed = start;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Lookups (names and aliases as written, press-style variants, typos, then the Syrian spellings; a
 * quarter within Syria) and every prefix of typed names up to ten letters, from the import (most)
 * and the built-in layer.
 */
export function drawQueries(world: PlaceTable, importTable: PlaceTable, syria: GazetteerEntry, quick: boolean): { lookups: Lookup[]; completions: Lookup[] } {
  const random = seededRandom(0x5eed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const typo = (text: string): string => {
    const at = 1 + Math.floor(random() * Math.max(1, text.length - 2));
    const kind = random();
    if (kind < 0.4) return text.slice(0, at) + text.slice(at + 1);
    if (kind < 0.7) return text.slice(0, at) + pick([...'aeiouklmnrst']) + text.slice(at + 1);
    return text.slice(0, at - 1) + text.charAt(at) + text.charAt(at - 1) + text.slice(at + 1);
  };
  const pressVariant = (text: string): string =>
    simplifyName(text).replace(/\bal /g, 'al-').replace(/u/g, () => (random() < 0.5 ? 'ou' : 'u')).replace(/i(?=[^aeiou]\b)/g, 'e');

  const lookups: Lookup[] = [];
  for (let i = 0; i < (quick ? 400 : 2000); i++) {
    const table = random() < 0.7 ? importTable : world;
    const { name, aliases } = table.row(Math.floor(random() * table.size));
    const roll = random();
    const text = roll < 0.35 ? name : roll < 0.5 && aliases.length > 0 ? pick(aliases) : roll < 0.75 ? pressVariant(name) : typo(name);
    lookups.push({ text, within: random() < 0.25 ? syria : undefined });
  }
  for (const [spelling] of SYRIAN_SPELLINGS) lookups.push({ text: spelling, within: syria });

  const completions: Lookup[] = [];
  for (let i = 0; i < (quick ? 60 : 250); i++) {
    const table = random() < 0.5 ? importTable : world;
    const name = simplifyName(table.row(Math.floor(random() * table.size)).name);
    const within = random() < 0.25 ? syria : undefined;
    for (let length = 1; length <= Math.min(name.length, 10); length++) completions.push({ text: name.slice(0, length), within });
  }
  return { lookups, completions };
}
