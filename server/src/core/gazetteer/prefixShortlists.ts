/**
 * The best keys that start with what the writer typed, without reading them all.
 *
 * Search lists the names that start with the query, best first: few letters left to type, a
 * prominent place, the place's own name before an alternate (`prefixKeyCost`). One or two letters
 * start 100,000 to 150,000 keys of a million-line GeoNames import, and reading them all on every
 * keystroke made completion miss its 10 ms. So each bulk layer's name index keeps, for every
 * prefix that starts at least SHORTLIST_MIN_RANGE keys, its SHORTLIST_LENGTH best keys in order,
 * built in one pass over the index the first time it is searched by prefix; a search then reads
 * the places in the report's countries (few) and the head of the shortlist.
 */
import type { NameIndex } from './nameIndex.js';

/** A prefix that starts fewer keys is read whole: 4,096 keys take well under a millisecond. */
export const SHORTLIST_MIN_RANGE = 4096;
/** Enough for a completion list (40 kept) past the keys of the report's countries, which are read apart. */
const SHORTLIST_LENGTH = 128;

/**
 * How far down a key ranks, in twentieths of a letter: the letters left to type, less a twentieth
 * of the place's weight, and a quarter more for an alternate name. Integers, so that keys of equal
 * cost are ordered by their index alone (`BestKeys`).
 */
export function prefixKeyCost(index: NameIndex, keyIndex: number, queryLength: number, weight: number): number {
  return 20 * (index.starts[keyIndex + 1]! - index.starts[keyIndex]! - queryLength) - weight + (index.refs[keyIndex]! & 1 ? 0 : 5);
}

/** The `keep` best keys offered, by cost then key index, best first. */
export class BestKeys {
  private readonly costs: number[] = [];
  private readonly indexes: number[] = [];

  constructor(private readonly keep: number) {}

  /** Whether a key of this cost and index would be kept. */
  wants(cost: number, keyIndex: number): boolean {
    const last = this.costs.length - 1;
    if (last + 1 < this.keep) return true;
    return cost < this.costs[last]! || (cost === this.costs[last]! && keyIndex < this.indexes[last]!);
  }

  offer(cost: number, keyIndex: number): void {
    if (!this.wants(cost, keyIndex)) return;
    let at = this.costs.length;
    while (at > 0 && (this.costs[at - 1]! > cost || (this.costs[at - 1]! === cost && this.indexes[at - 1]! > keyIndex))) at--;
    this.costs.splice(at, 0, cost);
    this.indexes.splice(at, 0, keyIndex);
    if (this.costs.length > this.keep) {
      this.costs.pop();
      this.indexes.pop();
    }
  }

  /** Key indexes, best first. */
  keys(): number[] {
    return [...this.indexes];
  }
}

/** The shortlists of one bulk layer's name index, by prefix length and first key. */
export class PrefixShortlists {
  private readonly lists = new Map<string, { end: number; keys: Uint32Array }>();

  private constructor(
    private readonly index: NameIndex,
    private readonly weights: Uint8Array,
  ) {}

  private static readonly built = new WeakMap<NameIndex, PrefixShortlists>();

  /** The index's shortlists, built once per index (tables are shared by every gazetteer made of them). */
  static of(index: NameIndex, weights: Uint8Array): PrefixShortlists {
    let shortlists = PrefixShortlists.built.get(index);
    if (!shortlists) {
      shortlists = new PrefixShortlists(index, weights);
      shortlists.buildUnder(0, index.size, 0);
      PrefixShortlists.built.set(index, shortlists);
    }
    return shortlists;
  }

  /**
   * The best keys, best first, among [start, end) (the keys that start with a query of `depth`
   * bytes) longer than the query; undefined for a range too short to have a shortlist. It may
   * hold fewer keys than the range: a caller that reads it to the end must read the range.
   */
  get(depth: number, start: number, end: number): Uint32Array | undefined {
    const list = this.lists.get(`${depth}:${start}`);
    return list?.end === end ? list.keys : undefined;
  }

  /** How many shortlists the index has, for tests and benchmarks. */
  get size(): number {
    return this.lists.size;
  }

  /** Shortlists for [start, end), which share their first `depth` bytes, and for each long enough run below it. */
  private buildUnder(start: number, end: number, depth: number): void {
    const { keys, starts } = this.index;
    let from = start;
    // Keys no longer than the shared prefix sort first: they equal it, and are exact matches, not prefix ones.
    while (from < end && starts[from + 1]! - starts[from]! <= depth) from++;
    if (depth > 0) this.lists.set(`${depth}:${start}`, { end, keys: this.select(from, end, depth) });
    while (from < end) {
      const byte = keys[starts[from]! + depth]!;
      const runEnd = this.runEnd(from, end, depth, byte);
      if (runEnd - from >= SHORTLIST_MIN_RANGE) this.buildUnder(from, runEnd, depth + 1);
      from = runEnd;
    }
  }

  /** The end of the run of keys in [from, high) whose byte at `depth` is `byte` (they ascend there). */
  private runEnd(from: number, high: number, depth: number, byte: number): number {
    const { keys, starts } = this.index;
    let low = from + 1;
    let bound = high;
    while (low < bound) {
      const middle = (low + bound) >>> 1;
      if (keys[starts[middle]! + depth]! === byte) low = middle + 1;
      else bound = middle;
    }
    return low;
  }

  /** The SHORTLIST_LENGTH best of [from, end) for a query of `depth` bytes, in the order search ranks them. */
  private select(from: number, end: number, depth: number): Uint32Array {
    const { refs } = this.index;
    const weights = this.weights;
    const best = new BestKeys(SHORTLIST_LENGTH);
    for (let keyIndex = from; keyIndex < end; keyIndex++) {
      const cost = prefixKeyCost(this.index, keyIndex, depth, weights[refs[keyIndex]! >>> 1]!);
      // Keys come in index order: one that costs as much as the worst kept ranks after it.
      if (best.wants(cost, keyIndex)) best.offer(cost, keyIndex);
    }
    return Uint32Array.from(best.keys());
  }
}

/** The first position in `sorted` (ascending) whose value is not below `value`. */
export function lowerBound(sorted: Uint32Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Whether `sorted` (ascending) holds `value`. */
export function sortedIncludes(sorted: Uint32Array, value: number): boolean {
  const at = lowerBound(sorted, value);
  return at < sorted.length && sorted[at] === value;
}
