import { closeSync, openSync, readSync } from 'node:fs';

/**
 * The Node flags the bundled server asks for in its first line (`#!/usr/bin/env -S node FLAGS`,
 * written by scripts/build.mjs), for those who start it with `node` themselves: the VS Code client,
 * the benches. `incident-markup-server` runs the line as it is. The CLI's bundle has its own
 * (dist/cli.js), read the same way.
 */
export function serverNodeFlags(serverModule: string): string[] {
  return bundleNodeFlags(serverModule);
}

/** The Node flags in the first line of a bundle of scripts/build.mjs (dist/server.js, dist/cli.js). */
export function bundleNodeFlags(bundle: string): string[] {
  const file = openSync(bundle, 'r');
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
