import { realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { nodeFileSystem } from '../core/workspace/fileSystem.js';
import { UsageError } from './cliOptions.js';
import { displayPath } from './formatters.js';
import { inputProblem } from './readInput.js';

// What the commands share: the reports named on the command line, the files their options name, and --output.

const MARKDOWN = /\.(md|markdown)$/i;

export async function gazetteerOption(paths: readonly string[], cwd: string): Promise<string[]> {
  const absolute = paths.map((path) => resolve(cwd, path));
  for (const path of absolute) {
    const { failure } = await nodeFileSystem.read(path, 'gazetteer');
    if (failure) throw new UsageError(inputProblem(cwd, path, failure, 'gazetteer option'));
  }
  return absolute;
}

export async function readReport(file: string, cwd: string): Promise<string> {
  const { text, failure } = await nodeFileSystem.read(file, 'report');
  if (failure) throw new UsageError(inputProblem(cwd, file, failure, 'checked'));
  return text;
}

export async function findReports(patterns: readonly string[], cwd: string): Promise<string[]> {
  const files = new Set<string>();
  for (const pattern of patterns) {
    const absolute = isAbsolute(pattern) ? pattern : resolve(cwd, pattern);
    const info = await stat(absolute).catch(() => undefined);
    // A FIFO or device named on the command line is kept, so that reading it says what it is.
    if (info && !info.isDirectory()) {
      if (!MARKDOWN.test(absolute)) throw new UsageError(`${pattern} is not a Markdown file (.md, .markdown); name Markdown files, folders or globs.`);
      files.add(absolute);
      continue;
    }
    const matches = info?.isDirectory()
      ? await glob('**/*.{md,markdown}', { cwd: absolute, absolute: true, ignore: ['**/node_modules/**'] })
      : (await glob(pattern, { cwd, absolute: true, ignore: ['**/node_modules/**'] })).filter((match) => MARKDOWN.test(match));
    if (matches.length === 0) {
      throw new UsageError(
        info?.isDirectory()
          ? `no Markdown files (.md, .markdown) in ${pattern}.`
          : `${pattern} matches no file; give Markdown files, folders or globs.`,
      );
    }
    for (const match of matches) files.add(match);
  }
  // One file reached by several paths (a linked folder, a loop of links) is checked once, under its first name.
  const byRealPath = new Map<string, string>();
  for (const file of [...files].sort()) {
    const real = await realpath(file).catch(() => file);
    if (!byRealPath.has(real)) byRealPath.set(real, file);
  }
  return [...byRealPath.values()];
}

/** The file --output names (export, overview), when its folder exists and it is not a folder itself. */
export async function outputPath(path: string, cwd: string): Promise<string> {
  const absolute = resolve(cwd, path);
  const folder = await stat(dirname(absolute)).catch(() => undefined);
  if (!folder?.isDirectory()) throw new UsageError(`cannot write ${path}: the folder ${displayPath(cwd, dirname(absolute))} does not exist; create it first or name another file.`);
  if ((await stat(absolute).catch(() => undefined))?.isDirectory()) throw new UsageError(`cannot write ${path}: it is a folder; name a file.`);
  return absolute;
}
