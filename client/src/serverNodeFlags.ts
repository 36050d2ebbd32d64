import { closeSync, openSync, readSync } from 'node:fs';

/**
 * The Node flags the bundled server asks for in its first line (`#!/usr/bin/env -S node FLAGS`,
 * written by scripts/build.mjs), for those who start it with `node` themselves: the VS Code client,
 * the benches. `incident-markup-server` runs the line as it is.
 */
export function serverNodeFlags(serverModule: string): string[] {
  const file = openSync(serverModule, 'r');
  try {
    const head = Buffer.alloc(256);
    const length = readSync(file, head, 0, head.length, 0);
    const firstLine = head.toString('utf8', 0, length).split('\n')[0] ?? '';
    const flags = /^#!\/usr\/bin\/env -S node\b(.*)$/.exec(firstLine)?.[1] ?? '';
    return flags.split(/\s+/).filter(Boolean);
  } finally {
    closeSync(file);
  }
}
