import type { FileSystem } from '../workspace/fileSystem.js';
import { Gazetteer } from './gazetteer.js';
import type { GazetteerProblem } from './gazetteerModel.js';
import { readGazetteerFile, type GazetteerFile } from './readGazetteerFile.js';

interface CachedFile {
  text: string;
  /** What is in use: the newest version that could be read, or the last good one. */
  inUse: GazetteerFile;
  /** Problems of the newest version, including a syntax error that kept the last good one in use. */
  problems: GazetteerProblem[];
  /** Set when the file changed: the next use reads it again. */
  stale: boolean;
}

/**
 * Reads gazetteer files and keeps, for each, the last version that could be
 * read: a half-typed YAML edit must not wipe the names every report relies on.
 */
export class GazetteerStore {
  private readonly files = new Map<string, CachedFile>();
  private readonly combined = new Map<string, { versions: GazetteerFile[]; gazetteer: Gazetteer }>();

  constructor(private readonly fileSystem: FileSystem) {}

  /** The file changed: the next use reads it again, keeping the last good version if the new one is broken. */
  invalidate(path: string): void {
    const cached = this.files.get(path);
    if (cached) cached.stale = true;
  }

  /**
   * Reads a file the first time and after each invalidation only: a large
   * gazetteer must not be re-read on every keystroke in a report.
   */
  async load(path: string): Promise<CachedFile | undefined> {
    const cached = this.files.get(path);
    if (cached && !cached.stale) return cached;
    const text = await this.fileSystem.readFile(path);
    if (text === undefined) {
      if (cached) this.files.delete(path);
      return undefined;
    }
    if (cached && cached.text === text) {
      cached.stale = false;
      return cached;
    }
    const parsed = readGazetteerFile(path, text);
    const next: CachedFile = {
      text,
      inUse: parsed.usable || !cached ? parsed : cached.inUse,
      problems: parsed.problems,
      stale: false,
    };
    this.files.set(path, next);
    return next;
  }

  /** The gazetteer made of these files, in order (later files' groups win); reused while none changed. */
  async gazetteer(paths: readonly string[]): Promise<{ gazetteer: Gazetteer; missing: string[] }> {
    const versions: GazetteerFile[] = [];
    const missing: string[] = [];
    for (const path of paths) {
      const file = await this.load(path);
      if (file) versions.push(file.inUse);
      else missing.push(path);
    }
    const key = paths.join('\0');
    const cached = this.combined.get(key);
    if (cached && cached.versions.length === versions.length && cached.versions.every((v, i) => v === versions[i])) {
      return { gazetteer: cached.gazetteer, missing };
    }
    const gazetteer = new Gazetteer(versions);
    this.combined.set(key, { versions, gazetteer });
    return { gazetteer, missing };
  }

  /** Problems of a file as last read, for diagnostics in the gazetteer file itself. */
  problemsOf(path: string, gazetteer?: Gazetteer): GazetteerProblem[] {
    const own = this.files.get(path)?.problems ?? [];
    const combined = gazetteer?.problems.filter((problem) => problem.file === path && !own.includes(problem)) ?? [];
    return [...own, ...combined];
  }
}
