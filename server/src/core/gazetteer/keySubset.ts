/**
 * Some keys of a bulk layer's name index: the names of one country's rows, or of the rows inside
 * one place. Search reads the names in the report's countries and inside the incident's place
 * apart from the world's, since they rank above it (Gazetteer.tiers).
 *
 * Why shortlists here too: two letters start 11,364 names of Syria's rows in the bench's
 * million-line import ("Qa", folded "ka"), and reading them all on every keystroke, with the test
 * of whether each lies inside the incident's governorate, took 3-6 ms of a 6 ms search; completion
 * over LSP missed its 10 ms at p95. So a range of at least SUBSET_MIN_RANGE keys keeps its best
 * keys once read, as PrefixShortlists does for the whole index, and the next search of that prefix
 * reads the head of that list.
 */
import type { NameIndex } from './nameIndex.js';
import { BestKeys, lowerBound, prefixKeyCost, sortedIncludes } from './prefixShortlists.js';

/** A shorter range is read whole: a few hundred keys take a few microseconds. */
const SUBSET_MIN_RANGE = 256;
/** As PrefixShortlists: enough for a completion list (40 kept), with room for the keys skipped. */
const SUBSET_SHORTLIST_LENGTH = 128;
/** Shortlists kept per subset, at most 512 bytes each; cleared when full. */
const MAX_SHORTLISTS = 2048;

export class KeySubset {
  private readonly shortlists = new Map<string, { end: number; keys: Uint32Array }>();

  /** `keys`: key indexes of `index`, ascending. */
  constructor(
    readonly keys: Uint32Array,
    private readonly index: NameIndex,
    private readonly weights: Uint8Array,
  ) {}

  /** Whether the key is one of the subset's. */
  has(keyIndex: number): boolean {
    return sortedIncludes(this.keys, keyIndex);
  }

  /**
   * Offers `best` the keys of the index range [start, end) longer than a query of `queryLength`
   * bytes, less those of [exactStart, exactEnd) and those `skip` says, at their prefixKeyCost plus
   * `extra`: the head of the range's shortlist when it is long, every key otherwise.
   */
  offerPrefixKeys(
    best: BestKeys,
    queryLength: number,
    [start, end]: [number, number],
    [exactStart, exactEnd]: [number, number],
    extra: number,
    skip?: (keyIndex: number) => boolean,
  ): void {
    const keys = this.keys;
    const from = lowerBound(keys, start);
    const to = lowerBound(keys, end);
    if (to - from < SUBSET_MIN_RANGE) {
      this.offerEach(best, queryLength, from, to, [exactStart, exactEnd], extra, skip, undefined);
      return;
    }
    const shortlist = this.shortlist(queryLength, from, to, [exactStart, exactEnd]);
    const { refs } = this.index;
    for (const keyIndex of shortlist) {
      const cost = prefixKeyCost(this.index, keyIndex, queryLength, this.weights[refs[keyIndex]! >>> 1]!) + extra;
      // In cost order: once a key cannot be kept, no key after it can.
      if (!best.wants(cost, keyIndex)) return;
      if (!skip?.(keyIndex)) best.offer(cost, keyIndex);
    }
    // Every key of the shortlist was wanted: the range beyond it must be read (offering none twice).
    const exactKeys = lowerBound(keys, exactEnd) - lowerBound(keys, exactStart);
    if (shortlist.length < to - from - exactKeys) this.offerEach(best, queryLength, from, to, [exactStart, exactEnd], extra, skip, new Set(shortlist));
  }

  private offerEach(
    best: BestKeys,
    queryLength: number,
    from: number,
    to: number,
    [exactStart, exactEnd]: [number, number],
    extra: number,
    skip: ((keyIndex: number) => boolean) | undefined,
    offered: ReadonlySet<number> | undefined,
  ): void {
    const { keys, weights } = this;
    const { refs } = this.index;
    for (let at = from; at < to; at++) {
      const keyIndex = keys[at]!;
      if (keyIndex >= exactStart && keyIndex < exactEnd) continue;
      const cost = prefixKeyCost(this.index, keyIndex, queryLength, weights[refs[keyIndex]! >>> 1]!) + extra;
      if (!best.wants(cost, keyIndex) || offered?.has(keyIndex) || skip?.(keyIndex)) continue;
      best.offer(cost, keyIndex);
    }
  }

  /** The best keys of positions [from, to) for a query of `queryLength` bytes, best first, read once per range. */
  private shortlist(queryLength: number, from: number, to: number, exact: [number, number]): Uint32Array {
    const name = `${queryLength}:${from}`;
    const kept = this.shortlists.get(name);
    if (kept?.end === to) return kept.keys;
    const best = new BestKeys(SUBSET_SHORTLIST_LENGTH);
    this.offerEach(best, queryLength, from, to, exact, 0, undefined, undefined);
    const keys = Uint32Array.from(best.keys());
    if (this.shortlists.size >= MAX_SHORTLISTS) this.shortlists.clear();
    this.shortlists.set(name, { end: to, keys });
    return keys;
  }
}
