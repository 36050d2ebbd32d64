import { dirname, isAbsolute, join, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import type { FileSystem } from '../workspace/fileSystem.js';

export const DEFAULT_GAZETTEER_NAMES = ['gazetteer.yaml', 'gazetteer.yml', 'gazetteer.json'];

/**
 * The nearest gazetteer.yaml/.yml/.json in the report's folder or the closest folder above it. One
 * that exists but may not be read (outside the workspace in Restricted Mode, a FIFO, too large) is
 * still the one found, so that the report says why it was not read rather than "none found".
 */
export async function findNearestGazetteer(reportPath: string, fileSystem: FileSystem): Promise<string | undefined> {
  let folder = dirname(resolve(reportPath));
  for (;;) {
    for (const name of DEFAULT_GAZETTEER_NAMES) {
      const candidate = join(folder, name);
      if ((await fileSystem.read(candidate, 'gazetteer')).failure?.reason !== 'missing') return candidate;
    }
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

/**
 * Expands the configured paths and globs against a root folder, outside
 * node_modules, in a stable order.
 */
export async function expandGazetteerPaths(patterns: readonly string[], root: string): Promise<string[]> {
  const files: string[] = [];
  for (const pattern of patterns) {
    if (!/[*?[\]{}]/.test(pattern)) {
      files.push(isAbsolute(pattern) ? pattern : resolve(root, pattern));
      continue;
    }
    const matches = await glob(pattern, { cwd: root, absolute: true, ignore: ['**/node_modules/**'], dot: false });
    files.push(...matches.sort());
  }
  return [...new Set(files)];
}
