import { basename } from 'node:path';
import { ReadFailureError, type FileSystem, type ReadFailure } from '../workspace/fileSystem.js';
import { Gazetteer } from './gazetteer.js';
import type { GazetteerProblem } from './gazetteerModel.js';
import { importGeoNames, type ImportedTable, type ImportOptions } from './geonamesImport.js';
import type { PlaceTable } from './placeTable.js';
import { readGazetteerFile, type GazetteerFile } from './readGazetteerFile.js';
import { loadWorldLayer } from './worldLayer.js';

interface CachedFile {
  text: string;
  /** What is in use: the newest version that could be read, or the last good one. */
  inUse: GazetteerFile;
  /** Problems of the newest version, including a syntax error that kept the last good one in use. */
  problems: GazetteerProblem[];
  /** Problems of its GeoNames imports, as of the last load. */
  importProblems: GazetteerProblem[];
  /** Set when the file changed: the next use reads it again. */
  stale: boolean;
}

interface CachedImport {
  /** Size and modification time when read: a changed dump is read again. */
  signature: string;
  loading: Promise<ImportedTable>;
}

export interface GazetteerRequest {
  /** The report's front-matter gazetteers: the highest layer. */
  frontMatter?: readonly string[];
  /** Include the built-in world layer (default true). */
  builtin?: boolean;
  /** Progress of a long load (a large GeoNames import). */
  onProgress?: ImportOptions['onProgress'];
}

export interface GazetteerResult {
  gazetteer: Gazetteer;
  /** Files that could not be read, and why (not found, refused in Restricted Mode, not a regular file, too large). */
  missing: { path: string; failure: ReadFailure }[];
  /** Why the built-in layer is missing although it was asked for. */
  builtinError: string | undefined;
}

/**
 * Reads gazetteer files and keeps, for each, the last version that could be
 * read: a half-typed YAML edit must not wipe the names every report relies on.
 * GeoNames imports are read once per change of the dump, and shared by every
 * gazetteer file that imports them.
 */
export class GazetteerStore {
  private readonly files = new Map<string, CachedFile>();
  private readonly imports = new Map<string, CachedImport>();
  private readonly lastGoodImports = new Map<string, ImportedTable>();
  private readonly combined = new Map<string, { versions: GazetteerFile[]; builtin: PlaceTable | undefined; gazetteer: Gazetteer }>();

  constructor(private readonly fileSystem: FileSystem) {}

  /** Every file may have changed, or may no longer be readable (the workspace folders changed): all are read again. */
  invalidateAll(): void {
    for (const file of this.files.values()) file.stale = true;
    this.imports.clear();
  }

  /** The file changed: the next use reads it again, keeping the last good version if the new one is broken. */
  invalidate(path: string): void {
    const cached = this.files.get(path);
    if (cached) cached.stale = true;
    if (this.imports.delete(path)) {
      // A dump changed: every gazetteer file that imports it is re-linked on next use.
      for (const file of this.files.values()) if (file.inUse.imports.some((entry) => entry.absolute === path)) file.stale = true;
    }
  }

  /**
   * Reads a file the first time and after each invalidation only: a large
   * gazetteer must not be re-read on every keystroke in a report.
   */
  async load(path: string, onProgress?: ImportOptions['onProgress']): Promise<CachedFile | ReadFailure> {
    const cached = this.files.get(path);
    if (cached && !cached.stale) return cached;
    const { text, failure } = await this.fileSystem.read(path, 'gazetteer');
    if (failure) {
      // Nothing of a file that may not be read stays in use, not even its last good version.
      if (cached) this.files.delete(path);
      return failure;
    }
    const parsed = cached && cached.text === text ? cached.inUse : readGazetteerFile(path, text);
    const problems = cached && cached.text === text ? cached.problems : parsed.problems;
    const base = parsed.usable || !cached ? parsed : cached.inUse;
    const { file: inUse, problems: importProblems } = await this.withImports(base, onProgress);
    const next: CachedFile = { text, inUse, problems, importProblems, stale: false };
    this.files.set(path, next);
    return next;
  }

  private async withImports(file: GazetteerFile, onProgress: ImportOptions['onProgress']): Promise<{ file: GazetteerFile; problems: GazetteerProblem[] }> {
    if (file.imports.length === 0) return { file, problems: [] };
    const tables: ImportedTable[] = [];
    const problems: GazetteerProblem[] = [];
    for (const entry of file.imports) {
      const name = basename(entry.path);
      try {
        const imported = await this.loadImport(entry.absolute, onProgress);
        tables.push(imported);
        for (const problem of imported.problems) {
          problems.push({
            code: 'gazetteer-import-failed',
            message:
              problem.line === undefined
                ? `GeoNames import "${entry.path}": ${problem.message}.`
                : `GeoNames import "${entry.path}" line ${problem.line}: ${problem.message}; the line was skipped.`,
            file: file.file,
            span: entry.span,
          });
        }
      } catch (error) {
        const failure: ReadFailure =
          error instanceof ReadFailureError ? error.failure : { reason: 'unreadable', message: `it could not be read (${(error as Error).message}).` };
        // A dump that may not be read (outside the workspace in Restricted Mode) is not used in any version.
        const previous = failure.reason === 'refused' ? undefined : this.lastGoodImports.get(entry.absolute);
        if (previous) tables.push(previous);
        const what =
          failure.reason === 'missing'
            ? `was not found at ${entry.absolute}; the path is relative to this gazetteer file.`
            : `was not read: ${failure.message}`;
        problems.push({
          code: 'gazetteer-import-failed',
          message: `GeoNames import "${entry.path}" ${what}${previous ? ` The last good ${name} stays in use.` : ''}`,
          file: file.file,
          span: entry.span,
        });
      }
    }
    return { file: { ...file, importedTables: tables }, problems };
  }

  private async loadImport(path: string, onProgress: ImportOptions['onProgress']): Promise<ImportedTable> {
    const opened = await this.fileSystem.stream(path, 'import');
    if (opened.failure) throw new ReadFailureError(opened.failure);
    const { stream } = opened;
    const signature = `${stream.size}:${stream.modifiedMs}`;
    const cached = this.imports.get(path);
    if (cached && cached.signature === signature) {
      await stream.close();
      return cached.loading;
    }
    const loading = importGeoNames(path, onProgress ? { onProgress } : {}, stream);
    this.imports.set(path, { signature, loading });
    try {
      const imported = await loading;
      this.lastGoodImports.set(path, imported);
      return imported;
    } catch (error) {
      this.imports.delete(path);
      throw error;
    }
  }

  /**
   * The gazetteer made of these files (later files' groups win), over the
   * imports and the built-in layer; reused while none changed.
   */
  async gazetteer(paths: readonly string[], request: GazetteerRequest = {}): Promise<GazetteerResult> {
    const frontMatterPaths = request.frontMatter ?? [];
    const versions: GazetteerFile[] = [];
    const missing: GazetteerResult['missing'] = [];
    let teamCount = 0;
    for (const [index, path] of [...paths, ...frontMatterPaths].entries()) {
      const file = await this.load(path, request.onProgress);
      if ('inUse' in file) {
        versions.push(file.inUse);
        if (index < paths.length) teamCount++;
      } else missing.push({ path, failure: file });
    }
    let builtin: PlaceTable | undefined;
    let builtinError: string | undefined;
    if (request.builtin ?? true) {
      try {
        builtin = loadWorldLayer().table;
      } catch (error) {
        builtinError = (error as Error).message;
      }
    }
    const key = `${paths.join('\0')}\u0001${frontMatterPaths.join('\0')}`;
    const cached = this.combined.get(key);
    if (cached && cached.builtin === builtin && cached.versions.length === versions.length && cached.versions.every((v, i) => v === versions[i])) {
      return { gazetteer: cached.gazetteer, missing, builtinError };
    }
    const gazetteer = new Gazetteer(versions.slice(0, teamCount), { builtin, frontMatter: versions.slice(teamCount) });
    this.combined.set(key, { versions, builtin, gazetteer });
    return { gazetteer, missing, builtinError };
  }

  /** The text of a file as last read, for edits that add to it. */
  textOf(path: string): string | undefined {
    return this.files.get(path)?.text;
  }

  /** Problems of a file as last read, for diagnostics in the gazetteer file itself. */
  problemsOf(path: string, gazetteer?: Gazetteer): GazetteerProblem[] {
    const cached = this.files.get(path);
    const own = [...(cached?.problems ?? []), ...(cached?.importProblems ?? [])];
    // Problems a file carries itself come from `cached.problems` (the newest text), never from the last good version in use.
    const fileOwn = new Set([...(cached?.problems ?? []), ...(cached?.inUse.problems ?? [])]);
    const combined = gazetteer?.problems.filter((problem) => problem.file === path && !fileOwn.has(problem)) ?? [];
    return [...own, ...combined];
  }
}
