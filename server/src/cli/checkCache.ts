import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, openSync, readSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { findProjectConfig } from '../core/config/projectConfig.js';
import { SEVERITIES, type Severity } from '../core/diagnostics.js';
import type { GazetteerProblem } from '../core/gazetteer/gazetteerModel.js';
import { readGazetteerFile } from '../core/gazetteer/readGazetteerFile.js';
import { worldFileCandidates } from '../core/gazetteer/worldLayer.js';
import type { LanguageService, ServiceSettings } from '../core/languageService.js';
import { nodeFileSystem, SIZE_LIMITS } from '../core/workspace/fileSystem.js';
import { hashText, type FileResult } from './checkFile.js';

// `check --cache`: what a report's check depends on, so that an unchanged report is not checked
// again. A report's entry holds when its text, the team gazetteers its folder uses, every gazetteer
// it used or named (their text, and the content of the GeoNames dumps they import) and the
// configuration that applies to it are as they were; the whole cache holds for one run key: the
// tool's version, the built-in layer's, and the command line's settings (--rule, --gazetteer,
// --config, --no-builtin-gazetteer, the working folder).

export const DEFAULT_CACHE_LOCATION = '.cache/incident-markup';
const CACHE_FILE = 'check-cache.json';
/** Bumped when what the file holds changes meaning. */
const CACHE_FORMAT = 2;

interface CacheEntry {
  /** The report's diagnostics of `severity` and above, as --min-severity (or --quiet) asked when it was checked. */
  result: FileResult;
  severity: Severity;
  /** The team gazetteers of the report's folder when it was checked (a nearer gazetteer.yaml made later changes them). */
  team: string[];
  /** Fingerprint of each gazetteer in result.gazetteerDependencies and of the configuration ("config"). */
  dependencies: Record<string, string>;
}

interface CacheFile {
  format: number;
  key: string;
  entries: Record<string, CacheEntry>;
  gazetteers: Record<string, { fingerprint: string; problems: GazetteerProblem[] }>;
  /** Each imported dump's hash, with the size and time it was hashed at: hashed again only when they differ. */
  dumps?: Record<string, { size: number; modifiedMs: number; hash: string }>;
}

/** The file `--cache-location` names: a .json file as given, or check-cache.json in the folder. */
export function cacheFilePath(location: string, cwd: string): string {
  const absolute = resolve(cwd, location);
  return absolute.endsWith('.json') ? absolute : join(absolute, CACHE_FILE);
}

/** What changes every report's check: the tool, its built-in layer and the command line's settings. */
export function runKey(version: string, settings: ServiceSettings): string {
  return hashText(
    JSON.stringify({
      format: CACHE_FORMAT,
      version,
      builtin: settings.builtinGazetteer === false ? 'off' : builtinLayerVersion(),
      root: settings.root,
      gazetteerPaths: settings.gazetteerPaths,
      rules: Object.entries(settings.rules).sort(([a], [b]) => (a < b ? -1 : 1)),
      projectConfigPath: settings.projectConfigPath ?? null,
    }),
  );
}

/** The built-in layer's header (its sources' versions, its format, its rows) and size: read without loading the 17 MB. */
function builtinLayerVersion(): string {
  const file = worldFileCandidates().find((candidate) => existsSync(candidate));
  if (file === undefined) return 'missing';
  const descriptor = openSync(file, 'r');
  try {
    const prefix = Buffer.alloc(12);
    readSync(descriptor, prefix, 0, 12, 0);
    const header = Buffer.alloc(Math.min(prefix.readUInt32LE(8), 1 << 20));
    readSync(descriptor, header, 0, header.length, 12);
    const { format, source, rows } = JSON.parse(header.toString('utf8')) as { format: unknown; source: unknown; rows: unknown };
    return JSON.stringify({ format, source, rows, bytes: statSync(file).size });
  } catch {
    return `unreadable ${statSync(file).size}`;
  } finally {
    closeSync(descriptor);
  }
}

export class CheckCache {
  hits = 0;
  /** Whether anything differs from the file as read: a run that found every report in it writes nothing. */
  private changed = false;
  private readonly fingerprints = new Map<string, Promise<string>>();
  private readonly configs = new Map<string, Promise<string>>();

  private constructor(
    readonly path: string,
    private readonly data: CacheFile,
    private readonly service: LanguageService,
    private readonly settings: ServiceSettings,
  ) {}

  /** Opens the cache file; one that cannot be read or parsed is set aside with a note (`warn`), never an error. */
  static async open(path: string, key: string, service: LanguageService, settings: ServiceSettings, warn: (note: string) => void): Promise<CheckCache> {
    const empty: CacheFile = { format: CACHE_FORMAT, key, entries: {}, gazetteers: {} };
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') warn(`was not read (${error.message})`);
      return undefined;
    });
    if (text === undefined) return new CheckCache(path, empty, service, settings);
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      // Not V8's message, which names a position in a file nobody edits by hand and changes between versions.
      warn('is not valid JSON (cut short or edited)');
      return new CheckCache(path, empty, service, settings);
    }
    const file = data as Partial<CacheFile> | null;
    if (typeof file !== 'object' || file === null || typeof file.entries !== 'object' || file.entries === null || typeof file.gazetteers !== 'object' || file.gazetteers === null) {
      warn('is not a cache file of this tool');
      return new CheckCache(path, empty, service, settings);
    }
    // Another version or other settings: every entry is stale, and is replaced.
    if (file.format !== CACHE_FORMAT || file.key !== key) return new CheckCache(path, empty, service, settings);
    if (typeof file.dumps !== 'object' || file.dumps === null || Array.isArray(file.dumps)) file.dumps = {};
    return new CheckCache(path, file as CacheFile, service, settings);
  }

  /** The kept result of a report whose text and dependencies are unchanged. */
  /** `severity`: the least severity the run shows; an entry kept with fewer (hints left out) is a miss. */
  async lookup(path: string, severity: Severity): Promise<FileResult | undefined> {
    const entry = this.data.entries[path];
    if (!isEntry(entry) || SEVERITIES.indexOf(entry.severity) < SEVERITIES.indexOf(severity)) return undefined;
    // The bytes' hash is the text's (checkFile's) for a file in UTF-8, and spares decoding and encoding it
    // again; a file that is not valid UTF-8 is checked again every time, never wrongly kept.
    if (reportHash(path) !== entry.result.contentHash) return undefined;
    const team = await this.service.gazetteerFiles(this.settings, path);
    if (team.join('\n') !== entry.team.join('\n')) return undefined;
    for (const [dependency, fingerprint] of Object.entries(entry.dependencies)) {
      const now = dependency === 'config' ? await this.configFingerprint(path) : await this.fingerprint(dependency);
      if (now !== fingerprint) return undefined;
    }
    this.hits++;
    return entry.result;
  }

  /**
   * Keeps the diagnostics the run shows, not all: the hints ("written with an alias") are most of a
   * report's diagnostics and were most of the cache (13 MB for the bench's archive, half of a warm
   * run's time in reading it), and a run that shows them checks again once and keeps them.
   */
  async store(result: FileResult, severity: Severity): Promise<void> {
    if (result.failure !== undefined) return;
    const shown = (diagnostic: { severity: Severity }) => SEVERITIES.indexOf(diagnostic.severity) <= SEVERITIES.indexOf(severity);
    const dependencies: Record<string, string> = { config: await this.configFingerprint(result.path) };
    for (const gazetteer of result.gazetteerDependencies) dependencies[gazetteer] = await this.fingerprint(gazetteer);
    this.data.entries[result.path] = {
      result: { ...result, diagnostics: result.diagnostics.filter(shown) },
      severity,
      team: await this.service.gazetteerFiles(this.settings, result.path),
      dependencies,
    };
    this.changed = true;
  }

  async gazetteerProblems(path: string): Promise<GazetteerProblem[] | undefined> {
    const kept = this.data.gazetteers[path];
    return kept && kept.fingerprint === (await this.fingerprint(path)) ? kept.problems : undefined;
  }

  async storeGazetteerProblems(path: string, problems: GazetteerProblem[]): Promise<void> {
    this.data.gazetteers[path] = { fingerprint: await this.fingerprint(path), problems };
    this.changed = true;
  }

  /**
   * Writes the cache beside a temporary file and renames it, so that a run stopped halfway or a
   * shard writing at the same time never leaves half a file. Entries of reports that are gone are
   * dropped; those of reports outside this run (another shard's) are kept.
   */
  async save(warn: (note: string) => void): Promise<void> {
    for (const path of Object.keys(this.data.entries)) {
      if (existsSync(path)) continue;
      delete this.data.entries[path];
      this.changed = true;
    }
    if (!this.changed) return;
    const partial = `${this.path}.${process.pid}.partial`;
    try {
      await mkdir(dirname(this.path), { recursive: true });
      await writeFile(partial, JSON.stringify(this.data));
      await rename(partial, this.path);
    } catch (error) {
      warn(`was not written (${(error as Error).message})`);
    }
  }

  /** A gazetteer's text and the content of each dump it imports. */
  private fingerprint(path: string): Promise<string> {
    let found = this.fingerprints.get(path);
    if (!found) {
      found = (async () => {
        const { text, failure } = await nodeFileSystem.read(path, 'gazetteer');
        if (text === undefined) return `unread: ${failure.reason}`;
        const imports = await Promise.all(
          readGazetteerFile(path, text).imports.map(async ({ absolute }) => `${absolute} ${await this.dumpHash(absolute)}`),
        );
        return hashText(`${text}\0${imports.join('\n')}`);
      })();
      this.fingerprints.set(path, found);
    }
    return found;
  }

  /**
   * A dump's content hash, kept with its size and time: read again only when they changed, which on
   * a developer's machine is when the dump changed, and in CI (a checkout sets every file's time) once
   * per run, streamed: 2.4 s for the gazetteer bench's 116 MB dump at load 10, against checking
   * again every report that uses it.
   */
  private async dumpHash(path: string): Promise<string> {
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => error);
    if (info instanceof Error) return info.code === 'ENOENT' ? 'missing' : `unread: ${info.code ?? info.message}`;
    // A FIFO or a device would never end.
    if (!info.isFile()) return 'not a regular file';
    const dumps = (this.data.dumps ??= {});
    const kept = dumps[path];
    if (kept && kept.size === info.size && kept.modifiedMs === info.mtimeMs && typeof kept.hash === 'string') return kept.hash;
    const hash = await streamHash(path);
    dumps[path] = { size: info.size, modifiedMs: info.mtimeMs, hash };
    this.changed = true;
    return hash;
  }

  /** The configuration that applies to a report (--config's, or the nearest .incident-markup.yaml): its path and text. */
  private configFingerprint(reportPath: string): Promise<string> {
    const folder = this.settings.projectConfigPath ?? dirname(reportPath);
    let found = this.configs.get(folder);
    if (!found) {
      found = (async () => {
        if (this.settings.projectConfigPath !== undefined) {
          const { text, failure } = await nodeFileSystem.read(this.settings.projectConfigPath, 'config');
          return text === undefined ? `unread: ${failure.reason}` : hashText(text);
        }
        const config = await findProjectConfig(folder, nodeFileSystem);
        if (!config) return 'none';
        return `${config.path}\0${config.text === undefined ? `unread: ${config.failure.reason}` : hashText(config.text)}`;
      })();
      this.configs.set(folder, found);
    }
    return found;
  }
}

/** One buffer for every report a warm run reads, grown as needed: 2,000 buffers of a run were a tenth of its time in collections. */
let scratch = Buffer.allocUnsafe(1 << 20);

/**
 * The sha256 of a report's bytes, read synchronously: a warm run reads every report and nothing
 * else waits meanwhile, and each asynchronous read (open, stat, read, close) goes through libuv's
 * four threads in turn, which on a loaded machine made most of a warm run's time. Anything but a
 * regular file within the limit for reports is a miss (undefined), and its check says why.
 */
function reportHash(path: string): string | undefined {
  let descriptor: number | undefined;
  try {
    // Before opening: opening a FIFO waits for a writer.
    const info = statSync(path);
    if (!info.isFile() || info.size > SIZE_LIMITS.report) return undefined;
    descriptor = openSync(path, 'r');
    let length = 0;
    for (;;) {
      if (length === scratch.length) scratch = Buffer.concat([scratch, Buffer.allocUnsafe(scratch.length)]);
      const read = readSync(descriptor, scratch, length, scratch.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > SIZE_LIMITS.report) return undefined;
    }
    return createHash('sha256').update(scratch.subarray(0, length)).digest('hex');
  } catch {
    return undefined;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/** sha256 of a file's content, streamed, not held (a dump may be hundreds of MB). */
function streamHash(path: string): Promise<string> {
  return new Promise((resolvePromise) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('error', (error: NodeJS.ErrnoException) => resolvePromise(`unread: ${error.code ?? error.message}`))
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolvePromise(hash.digest('hex')));
  });
}

function isEntry(entry: unknown): entry is CacheEntry {
  const candidate = entry as Partial<CacheEntry> | undefined;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.result?.contentHash === 'string' &&
    SEVERITIES.includes(candidate.severity as Severity) &&
    Array.isArray(candidate.result.diagnostics) &&
    candidate.result.diagnostics.every(isDiagnostic) &&
    Array.isArray(candidate.result.gazetteerFiles) &&
    Array.isArray(candidate.team) &&
    typeof candidate.dependencies === 'object' &&
    candidate.dependencies !== null
  );
}

function isDiagnostic(diagnostic: unknown): boolean {
  const { range, code, message } = (diagnostic ?? {}) as { range?: { start?: { line?: unknown }; end?: { line?: unknown } }; code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'string' && typeof range?.start?.line === 'number' && typeof range.end?.line === 'number';
}
