import { relative } from 'node:path';
import { UsageError } from './cliOptions.js';

// `check --shard i/n`: one CI job's part of an archive. A report's shard is a hash of its path
// relative to the working folder (FNV-1a, 32 bits, of the path with forward slashes), not its
// position in the sorted list: a report added to the archive then moves no other report to
// another shard, so each job's --cache stays warm as the archive grows. The shards are disjoint
// and together are every report; their sizes are even on average, not exactly.

export interface Shard {
  index: number;
  count: number;
}

export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard must be INDEX/COUNT with 1 ≤ INDEX ≤ COUNT, as in --shard 2/4 (the second of four jobs), not "${value}".`);
  }
  return { index, count };
}

/** FNV-1a over the UTF-8 bytes: the same number on every machine and Node version. */
export function pathHash(path: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(path, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function inShard(path: string, cwd: string, shard: Shard): boolean {
  const key = relative(cwd, path).split('\\').join('/');
  return pathHash(key) % shard.count === shard.index - 1;
}
