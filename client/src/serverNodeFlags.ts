import { closeSync, openSync, readSync } from 'node:fs';

/**
 * The Node flags the bundled server asks for in its second line (`// node flags: FLAGS`, written by
 * scripts/build.mjs), for those who start it with `node` themselves: the VS Code client, the
 * benches. Its first line is a plain `#!/usr/bin/env node`, so `incident-markup-server` runs
 * anywhere, without them.
 */
export function serverNodeFlags(serverModule: string): string[] {
  const file = openSync(serverModule, 'r');
  try {
    const head = Buffer.alloc(256);
    const length = readSync(file, head, 0, head.length, 0);
    const secondLine = head.toString('utf8', 0, length).split('\n')[1] ?? '';
    const flags = /^\/\/ node flags:(.*)$/.exec(secondLine)?.[1] ?? '';
    return flags.split(/\s+/).filter(Boolean);
  } finally {
    closeSync(file);
  }
}
