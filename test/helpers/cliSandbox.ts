import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { CheckStats } from '../../server/src/cli/cliIo.js';
import { runCli } from '../../server/src/cli/runCli.js';

/**
 * Folders of files for CLI tests, written for a test and removed after it. Call at the top of a
 * test file: it registers the afterEach that removes them.
 */
export function sandboxes(prefix: string): (files: Record<string, string>) => Promise<string> {
  const folders: string[] = [];
  afterEach(async () => {
    for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
  });
  return async (files) => {
    const root = await mkdtemp(join(tmpdir(), `incident-markup-${prefix}-`));
    folders.push(root);
    for (const [name, text] of Object.entries(files)) {
      await mkdir(join(root, name, '..'), { recursive: true });
      await writeFile(join(root, name), text);
    }
    return root;
  };
}

/** The CLI run in process in `cwd`, as version 9.9.9: its exit status and its output. */
export async function cli(args: string[], cwd: string) {
  const { status, stdout, stderr } = await cliWithStats(args, cwd);
  return { status, stdout, stderr };
}

/** `cli`, with the figures of what check read and took from its cache. */
export async function cliWithStats(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  let stats: CheckStats | undefined;
  const status = await runCli(args, { cwd, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), onCheckStats: (figures) => (stats = figures) }, '9.9.9');
  return { status, stdout, stderr, stats };
}
