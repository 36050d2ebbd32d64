/**
 * The name index of one gazetteer layer: every folded key (see normalizeName)
 * with the row it names, sorted bytewise in one buffer.
 *
 * Why this shape: a million GeoNames rows carry two to three million names.
 * As JavaScript strings in a Map they would take several hundred megabytes;
 * as one UTF-8 buffer with two Uint32Arrays they take about 20 bytes a name.
 * The sorted order gives exact and prefix lookups by binary search, and is an
 * implicit trie, so fuzzy lookup walks it with one edit-distance row per
 * shared prefix and skips every subtree whose row is already over the bound
 * (no per-key work for the millions of keys that are nowhere near).
 */

/** A reference stored with each key: the row, and whether the key came from the entry's own name. */
export function makeRef(row: number, isName: boolean): number {
  return row * 2 + (isName ? 1 : 0);
}
export const refRow = (ref: number): number => Math.floor(ref / 2);
export const refIsName = (ref: number): boolean => ref % 2 === 1;

export interface IndexParts {
  keys: Buffer;
  /** starts[i]..starts[i+1] is key i in `keys`; length size+1. */
  starts: Uint32Array;
  refs: Uint32Array;
}

export class NameIndex {
  readonly keys: Buffer;
  readonly starts: Uint32Array;
  readonly refs: Uint32Array;

  constructor(parts: IndexParts) {
    this.keys = parts.keys;
    this.starts = parts.starts;
    this.refs = parts.refs;
  }

  static empty(): NameIndex {
    return new NameIndex({ keys: Buffer.alloc(0), starts: new Uint32Array(1), refs: new Uint32Array(0) });
  }

  get size(): number {
    return this.refs.length;
  }

  keyLength(index: number): number {
    return this.starts[index + 1]! - this.starts[index]!;
  }

  key(index: number): string {
    return this.keys.toString('utf8', this.starts[index]!, this.starts[index + 1]!);
  }

  /** Compares key `index` with `query`; with `asPrefix`, a key that starts with the query counts as equal. */
  private compare(index: number, query: Uint8Array, asPrefix: boolean): number {
    const keys = this.keys;
    let at = this.starts[index]!;
    const end = this.starts[index + 1]!;
    const length = query.length;
    for (let q = 0; q < length; q++, at++) {
      if (at === end) return -1;
      const difference = keys[at]! - query[q]!;
      if (difference !== 0) return difference;
    }
    return asPrefix || at === end ? 0 : 1;
  }

  /** First key index whose key is not below the query (or whose prefix is not, with asPrefix). */
  private lowerBound(query: Uint8Array, asPrefix: boolean, strict: boolean): number {
    let low = 0;
    let high = this.size;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const order = this.compare(middle, query, asPrefix);
      if (order < 0 || (strict && order === 0)) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The key indexes equal to the query: [start, end). */
  equalRange(query: Uint8Array): [number, number] {
    return [this.lowerBound(query, false, false), this.lowerBound(query, false, true)];
  }

  /** The key indexes that start with the query (including equal ones): [start, end). */
  prefixRange(query: Uint8Array): [number, number] {
    return [this.lowerBound(query, true, false), this.lowerBound(query, true, true)];
  }

  /**
   * Calls `visit` for every key within `bound` edits of the query (Damerau
   * edit distance, adjacent transpositions counting one), with its distance.
   *
   * Only keys that share the query's first byte are searched. Misspellings
   * rarely touch the first letter (and folding has already merged the vowels
   * that transliterations disagree on), while searching every first letter
   * costs twenty to thirty times as much on a million names.
   */
  fuzzy(query: Uint8Array, bound: number, visit: (index: number, distance: number) => void): void {
    if (this.size === 0 || query.length === 0) return;
    const width = query.length + 1;
    const maxDepth = query.length + bound + 1;
    // rows[d] is the edit-distance row after the first d bytes of the current prefix.
    const rows = new Int32Array((maxDepth + 1) * width);
    for (let j = 0; j < width; j++) rows[j] = j;
    const keys = this.keys;
    const starts = this.starts;

    /** The end of the run of keys in [from, high) whose byte at `depth` is `byte` (bytes ascend there). */
    const runEnd = (from: number, high: number, depth: number, byte: number): number => {
      // Galloping first: deep in the trie runs are short, and a plain binary search over the whole range would dominate.
      let step = 1;
      let low = from + 1;
      while (low < high && keys[starts[low]! + depth]! === byte) {
        low = from + step;
        step *= 2;
      }
      let lowBound = from + Math.max(1, step / 4);
      let highBound = Math.min(low, high);
      if (lowBound > highBound) lowBound = highBound;
      while (lowBound < highBound) {
        const middle = (lowBound + highBound) >>> 1;
        if (keys[starts[middle]! + depth]! === byte) lowBound = middle + 1;
        else highBound = middle;
      }
      return lowBound;
    };

    const step = (depth: number, byte: number, previousByte: number): number => {
      const rowBase = depth * width;
      const next = depth + 1;
      const nextBase = next * width;
      rows[nextBase] = next;
      let best = next;
      for (let j = 1; j < width; j++) {
        const cost = query[j - 1] === byte ? 0 : 1;
        let value = Math.min(rows[rowBase + j]! + 1, rows[nextBase + j - 1]! + 1, rows[rowBase + j - 1]! + cost);
        if (depth > 0 && j > 1 && query[j - 1] === previousByte && query[j - 2] === byte) {
          value = Math.min(value, rows[(depth - 1) * width + j - 2]! + 1);
        }
        rows[nextBase + j] = value;
        if (value < best) best = value;
      }
      return best;
    };

    const walk = (low: number, high: number, depth: number): void => {
      let index = low;
      // Keys that end here sort first.
      while (index < high && starts[index + 1]! - starts[index]! === depth) {
        const distance = rows[depth * width + width - 1]!;
        if (distance <= bound) visit(index, distance);
        index++;
      }
      if (depth >= maxDepth) return;
      while (index < high) {
        const byte = keys[starts[index]! + depth]!;
        const end = runEnd(index, high, depth, byte);
        const previousByte = depth > 0 ? keys[starts[index]! + depth - 1]! : -1;
        if (step(depth, byte, previousByte) <= bound) walk(index, end, depth + 1);
        index = end;
      }
    };

    const [low, high] = this.prefixRange(query.subarray(0, 1));
    if (low >= high) return;
    step(0, query[0]!, -1);
    walk(low, high, 1);
  }
}

/**
 * Collects (key, ref) pairs, then sorts them into a NameIndex. Keys go into
 * one growing buffer rather than a string array, so building the index for a
 * million rows never holds millions of small strings.
 */
export class NameIndexBuilder {
  private bytes: Buffer;
  private used = 0;
  private starts: Uint32Array;
  private refs: Uint32Array;
  private count = 0;

  /** Upper bounds, when known, spare the growing (see PlaceTableBuilder). */
  constructor(sizes: { keys?: number; bytes?: number } = {}) {
    this.bytes = Buffer.allocUnsafe(Math.max(1 << 16, sizes.bytes ?? 0));
    this.starts = new Uint32Array(Math.max(1 << 12, (sizes.keys ?? 0) + 1));
    this.refs = new Uint32Array(Math.max(1 << 12, (sizes.keys ?? 0) + 1));
  }

  get size(): number {
    return this.count;
  }

  add(key: string, ref: number): void {
    if (key === '') return;
    const needed = Buffer.byteLength(key, 'utf8');
    if (this.used + needed > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + needed));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    if (this.count + 1 >= this.starts.length) {
      const starts = new Uint32Array(this.starts.length * 2);
      starts.set(this.starts);
      this.starts = starts;
      const refs = new Uint32Array(this.refs.length * 2);
      refs.set(this.refs);
      this.refs = refs;
    }
    this.starts[this.count] = this.used;
    this.used += this.bytes.write(key, this.used, 'utf8');
    this.refs[this.count] = ref;
    this.count++;
  }

  /** Sorts keys bytewise (then by row, the entry's name first) and drops a repeated key of one row; once only. */
  build(): NameIndex {
    const count = this.count;
    const bytes = this.bytes;
    const starts = this.starts;
    const refs = this.refs;
    // Keys were appended one after another, so each ends where the next starts.
    starts[count] = this.used;
    const order = new Uint32Array(count);
    for (let i = 0; i < count; i++) order[i] = i;
    sortKeys(order, bytes, starts, refs);

    const outKeys = Buffer.allocUnsafe(this.used);
    const outStarts = new Uint32Array(count + 1);
    // The refs, in key order, are written over the sort order as it is read: one array fewer at the import's peak.
    const outRefs = order;
    let kept = 0;
    let offset = 0;
    let previous = -1;
    for (let i = 0; i < count; i++) {
      const source = order[i]!;
      if (previous >= 0 && refRow(refs[previous]!) === refRow(refs[source]!) && bytes.compare(bytes, starts[source]!, starts[source + 1]!, starts[previous]!, starts[previous + 1]!) === 0) continue;
      outStarts[kept] = offset;
      offset += bytes.copy(outKeys, offset, starts[source]!, starts[source + 1]!);
      outRefs[kept] = refs[source]!;
      kept++;
      previous = source;
    }
    outStarts[kept] = offset;
    // Single use: the collected keys are let go as soon as the index holds them.
    this.bytes = Buffer.alloc(0);
    this.starts = new Uint32Array(1);
    this.refs = new Uint32Array(1);
    this.used = 0;
    this.count = 0;
    return new NameIndex({ keys: outKeys.subarray(0, offset), starts: outStarts.subarray(0, kept + 1), refs: outRefs.subarray(0, kept) });
  }
}

/**
 * Sorts `order` (indexes of keys) bytewise by key, then by row, the entry's name
 * first: a multikey quicksort (Bentley and Sedgewick), in place.
 *
 * Why not `Uint32Array.prototype.sort` with a comparator: V8 copies the array
 * into two arrays of tagged values to merge-sort it, 16 bytes a key (25 MB for
 * the 1.6 million keys of a million-line import) on top of everything the
 * import holds at its peak; and each comparison starts again from the keys'
 * first byte, where this compares each byte position once per partition.
 */
function sortKeys(order: Uint32Array, bytes: Uint8Array, starts: Uint32Array, refs: Uint32Array): void {
  /** The key's byte at `depth`, or -1 past its end (a shorter key sorts first). */
  const byteAt = (index: number, depth: number): number => {
    const at = starts[index]! + depth;
    return at < starts[index + 1]! ? bytes[at]! : -1;
  };
  /** Row, then the name before an alias: for keys that are equal. */
  const tie = (a: number, b: number): number => {
    const rowA = refRow(refs[a]!);
    const rowB = refRow(refs[b]!);
    return rowA !== rowB ? rowA - rowB : (refs[b]! % 2) - (refs[a]! % 2);
  };
  /** Whole comparison of two keys equal before `depth`. */
  const compare = (a: number, b: number, depth: number): number => {
    let x = starts[a]! + depth;
    let y = starts[b]! + depth;
    const xEnd = starts[a + 1]!;
    const yEnd = starts[b + 1]!;
    while (x < xEnd && y < yEnd) {
      const difference = bytes[x]! - bytes[y]!;
      if (difference !== 0) return difference;
      x++;
      y++;
    }
    return xEnd - x - (yEnd - y) || tie(a, b);
  };
  const swap = (i: number, j: number) => {
    const held = order[i]!;
    order[i] = order[j]!;
    order[j] = held;
  };
  // Ranges still to sort, three numbers each: [low, high) and the depth they agree to.
  const stack: number[] = [0, order.length, 0];
  while (stack.length > 0) {
    const depth = stack.pop()!;
    const high = stack.pop()!;
    const low = stack.pop()!;
    if (high - low < 12) {
      for (let i = low + 1; i < high; i++) {
        for (let j = i; j > low && compare(order[j - 1]!, order[j]!, depth) > 0; j--) swap(j - 1, j);
      }
      continue;
    }
    const first = byteAt(order[low]!, depth);
    const middle = byteAt(order[(low + high) >>> 1]!, depth);
    const last = byteAt(order[high - 1]!, depth);
    const pivot = Math.max(Math.min(first, middle), Math.min(Math.max(first, middle), last));
    // Three ways: below the pivot's byte, equal to it, above it.
    let below = low;
    let at = low;
    let above = high;
    while (at < above) {
      const byte = byteAt(order[at]!, depth);
      if (byte < pivot) swap(below++, at++);
      else if (byte > pivot) swap(at, --above);
      else at++;
    }
    if (below - low > 1) stack.push(low, below, depth);
    if (high - above > 1) stack.push(above, high, depth);
    if (above - below > 1) {
      // Keys that end here are equal: only the tie-break is left to order them.
      if (pivot === -1) order.subarray(below, above).sort(tie);
      else stack.push(below, above, depth + 1);
    }
  }
}
