import { describe, expect, it } from 'vitest';
import { foldName } from '../../server/src/core/gazetteer/normalizeName.js';
import { KeySubset } from '../../server/src/core/gazetteer/keySubset.js';
import { BestKeys, PrefixShortlists, prefixKeyCost, SHORTLIST_MIN_RANGE } from '../../server/src/core/gazetteer/prefixShortlists.js';
import { loadWorldLayer } from '../../server/src/core/gazetteer/worldLayer.js';

const world = loadWorldLayer().table;
const index = world.names;
const shortlists = PrefixShortlists.of(index, world.weights);

/** Every key of the range longer than the prefix, by cost then index: what a search that reads them all ranks. */
function readWhole(prefix: Buffer, [start, end]: [number, number]): number[] {
  const keys: { keyIndex: number; cost: number }[] = [];
  for (let keyIndex = start; keyIndex < end; keyIndex++) {
    if (index.keyLength(keyIndex) === prefix.length) continue;
    keys.push({ keyIndex, cost: prefixKeyCost(index, keyIndex, prefix.length, world.weights[index.refs[keyIndex]! >>> 1]!) });
  }
  return keys.sort((a, b) => a.cost - b.cost || a.keyIndex - b.keyIndex).map(({ keyIndex }) => keyIndex);
}

describe('prefix shortlists of the built-in layer', () => {
  it('hold the best keys of every long prefix range, in the order a whole read ranks them', () => {
    for (const typed of ['S', 'Sa', 'Ka', 'Ma', 'Al', 'Ba', 'B']) {
      const prefix = Buffer.from(foldName(typed), 'utf8');
      const range = index.prefixRange(prefix);
      expect(range[1] - range[0]).toBeGreaterThanOrEqual(SHORTLIST_MIN_RANGE);
      const shortlist = shortlists.get(prefix.length, ...range);
      expect([...shortlist!]).toEqual(readWhole(prefix, range).slice(0, shortlist!.length));
      expect(shortlist!.length).toBe(128);
    }
  });

  it('are left out for a short range, which is read whole', () => {
    const prefix = Buffer.from(foldName('Saraq'), 'utf8');
    const range = index.prefixRange(prefix);
    expect(range[1] - range[0]).toBeLessThan(SHORTLIST_MIN_RANGE);
    expect(shortlists.get(prefix.length, ...range)).toBeUndefined();
    // Asked with another range or length than a shortlist's, there is none either.
    const sa = Buffer.from('sa', 'utf8');
    const [start, end] = index.prefixRange(sa);
    expect(shortlists.get(3, start, end)).toBeUndefined();
    expect(shortlists.get(2, start, end - 1)).toBeUndefined();
  });
});

describe('best keys', () => {
  it('keeps the cheapest, equal costs by key index, whatever order they are offered in', () => {
    const best = new BestKeys(3);
    for (const [cost, keyIndex] of [[5, 9], [1, 7], [5, 2], [3, 4], [1, 8], [0, 20]] as const) best.offer(cost, keyIndex);
    expect(best.keys()).toEqual([20, 7, 8]);
    expect(best.wants(1, 6)).toBe(true);
    expect(best.wants(1, 9)).toBe(false);
  });
});

describe('key subsets (the names of a country, or of a place)', () => {
  // Every third key of the built-in layer stands for a country's names: long ranges for one and two letters, short ones beyond.
  const subset = new KeySubset(Uint32Array.from({ length: Math.ceil(index.size / 3) }, (_, at) => at * 3), index, world.weights);

  /** What a read of every key of the subset in the range offers, less the exact and the skipped keys: the `keep` best by cost then index. */
  function readSubsetWhole(prefix: Buffer, keep: number, extra: number, skip: (keyIndex: number) => boolean): number[] {
    const [start, end] = index.prefixRange(prefix);
    const [exactStart, exactEnd] = index.equalRange(prefix);
    const keys: { keyIndex: number; cost: number }[] = [];
    for (let keyIndex = start; keyIndex < end; keyIndex++) {
      if (keyIndex % 3 !== 0 || (keyIndex >= exactStart && keyIndex < exactEnd) || skip(keyIndex)) continue;
      keys.push({ keyIndex, cost: prefixKeyCost(index, keyIndex, prefix.length, world.weights[index.refs[keyIndex]! >>> 1]!) + extra });
    }
    return keys.sort((a, b) => a.cost - b.cost || a.keyIndex - b.keyIndex).slice(0, keep).map(({ keyIndex }) => keyIndex);
  }

  it('offer the keys a whole read of the subset offers, from a shortlist or not, and past the shortlist when more are wanted', () => {
    const cases = [
      { typed: 'S', keep: 40, extra: 0, skip: () => false },
      { typed: 'Sa', keep: 40, extra: 20_000, skip: (keyIndex: number) => keyIndex % 2 === 0 },
      { typed: 'Ka', keep: 40, extra: 0, skip: () => false },
      // More than a shortlist holds: the range is read past it, and no key is offered twice.
      { typed: 'Ma', keep: 300, extra: 0, skip: (keyIndex: number) => keyIndex % 5 === 0 },
      // A short range (under 256 keys of the subset) is read whole.
      { typed: 'Saraq', keep: 40, extra: 0, skip: () => false },
    ];
    for (const { typed, keep, extra, skip } of cases) {
      const prefix = Buffer.from(foldName(typed), 'utf8');
      const expected = readSubsetWhole(prefix, keep, extra, skip);
      expect(expected.length, typed).toBeGreaterThan(0);
      // Twice: the second search reads the shortlist the first one kept.
      for (let search = 0; search < 2; search++) {
        const best = new BestKeys(keep);
        subset.offerPrefixKeys(best, prefix.length, index.prefixRange(prefix), index.equalRange(prefix), extra, skip);
        expect(best.keys(), `${typed}, search ${search + 1}`).toEqual(expected);
      }
    }
  });

  it('know their keys', () => {
    expect([0, 3, 6, 4, 5].map((keyIndex) => subset.has(keyIndex))).toEqual([true, true, true, false, false]);
  });
});
