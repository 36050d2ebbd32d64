import { glob } from 'tinyglobby';
import type { TextLike } from '../pieceText.js';
import type { ReportSymbol } from '../reportSymbols.js';
import { detached, type Range, type Span } from '../text.js';
import { pathKey, type FileSystem } from './fileSystem.js';

export interface IndexedSymbol {
  name: string;
  /** A report's incident or identified count, or a gazetteer's actor or place. */
  kind: ReportSymbol['kind'] | 'actor' | 'place';
  container: string | undefined;
  range: Range;
  path: string;
}

/**
 * An actor or place as the index knows it: enough to name it, search it and find where it is
 * declared, without holding the gazetteer it came from.
 */
export interface IndexedEntry {
  /** Category, id and declaring file together (see `entryKey` in languageFeatures/entryMentions.ts). */
  key: string;
  category: 'actor' | 'place';
  id: string;
  name: string;
  aliases: readonly string[];
  /** The gazetteer file that declares it; undefined for the built-in layer and GeoNames imports. */
  file: string | undefined;
  /** Its `id:` value in that file. */
  declaration: Span | undefined;
}

/** One place where a report names an entry. */
export interface IndexedMention {
  path: string;
  range: Range;
  /** Its incident, as the position of the incident's symbol in the report's symbols. */
  incident: number | undefined;
  /** Listed by references and counted: a label, an `in=` or an incident's `place=`. Not a `ref=`, whose label is listed. */
  listed: boolean;
  /** The value is the entry's id (`ref=`, `in=`, `place=`): a rename of the id changes it. */
  byId: boolean;
}

/** What the index keeps of a report, made by whoever has its gazetteer (the language service). */
export interface ReportIndexData {
  symbols: ReportSymbol[];
  mentions: (Omit<IndexedMention, 'path'> & { entry: IndexedEntry })[];
  /** The gazetteer files its names were resolved against: a change to one of them makes it stale. */
  gazetteerFiles: readonly string[];
}

/** Reads, parses and resolves one report; undefined when it is not a report worth keeping. */
export type ReportIndexer = (path: string, text: string) => Promise<ReportIndexData | undefined>;

/**
 * Reports larger than this are indexed when opened, not in the background: the index reads them on
 * the server's only thread, and half a second is the most a writer should wait behind it. (Their
 * parse now lets other messages through between regions, LanguageServiceOptions.betweenParseRegions,
 * but the resolution of every name they hold still runs in one go.)
 */
const MAX_BACKGROUND_BYTES = 500_000;
/** Symbols answered for one query. */
const MAX_RESULTS = 200;

/**
 * A report's mentions, packed: six unsigned integers each, 24 bytes a mention, a fraction of an
 * object with its range. Which entry (in the report's own table) and how it is named, the range,
 * and the incident plus one (0: none).
 */
const FIELDS = 6;
const LISTED = 1;
const BY_ID = 2;

interface KeptEntry extends IndexedEntry {
  /** Reports whose table holds it; it leaves the index with the last. */
  reports: number;
  /** Listed mentions across the workspace, for the workspace symbol's "12 mentions". */
  mentions: number;
}

/**
 * A report's symbols, packed: the names and containers as compact strings of their own (one byte a
 * character when they are ASCII, and sharing nothing with the report's text), the kinds and ranges
 * in a typed array. About 200 bytes a symbol (their names hold an em dash, so two bytes a
 * character), where the objects took about 450.
 */
interface PackedSymbols {
  names: string[];
  /** The incident's id for a count; containers repeat, so each is one string shared by its counts. */
  containers: (string | undefined)[];
  /** Per symbol: kind (0 incident, 1 count), start line and character, end line and character. */
  data: Uint32Array;
}

const SYMBOL_FIELDS = 5;

function packSymbols(symbols: readonly ReportSymbol[]): PackedSymbols {
  const data = new Uint32Array(symbols.length * SYMBOL_FIELDS);
  const containers = new Map<string, string>();
  const container = (text: string | undefined) => {
    if (text === undefined) return undefined;
    let kept = containers.get(text);
    if (kept === undefined) containers.set(text, (kept = compactCopy(text)));
    return kept;
  };
  symbols.forEach(({ kind, range }, index) => {
    data.set([kind === 'incident' ? 0 : 1, range.start.line, range.start.character, range.end.line, range.end.character], index * SYMBOL_FIELDS);
  });
  return { names: symbols.map((symbol) => compactCopy(symbol.name)), containers: symbols.map((symbol) => container(symbol.container)), data };
}

function symbolAt(packed: PackedSymbols, index: number): ReportSymbol {
  const at = index * SYMBOL_FIELDS;
  const { data } = packed;
  return {
    name: packed.names[index]!,
    kind: data[at] === 0 ? 'incident' : 'count',
    container: packed.containers[index],
    range: { start: { line: data[at + 1]!, character: data[at + 2]! }, end: { line: data[at + 3]!, character: data[at + 4]! } },
  };
}

/**
 * A copy of a string that shares no memory with the text it was cut from (see `detached`), in one
 * byte a character when it is ASCII, as symbol names nearly always are.
 */
function compactCopy(text: string): string {
  return /^[\x00-\x7f]*$/.test(text) ? Buffer.from(text, 'latin1').toString('latin1') : detached(text);
}

interface KeptReport {
  symbols: PackedSymbols;
  /** The entries this report names; records point into it. */
  entries: KeptEntry[];
  records: Uint32Array;
  gazetteerFiles: readonly string[];
  /** The open document's text it was made from; undefined when read from disk. */
  openText: TextLike | undefined;
  /** A gazetteer or a setting it was resolved with changed: resolved again before it is read. */
  stale: boolean;
}

/**
 * The symbols of every report in the workspace, and the actors and places each names, resolved
 * against that report's own gazetteer when it was indexed (by the `ReportIndexer` the language
 * service gives). It never keeps a parsed model: a report costs its symbols and 24 bytes per
 * mention, and each entry named anywhere is kept once. When a gazetteer changes, the reports
 * resolved against it are marked stale and resolved again (`refresh`) before anything reads them.
 */
export class WorkspaceIndex {
  private readonly reports = new Map<string, KeptReport>();
  private readonly entries = new Map<string, KeptEntry>();
  /** Interned, so that 200 reports of one folder share one list of gazetteer files; with the number of reports using each. */
  private readonly fileLists = new Map<string, { files: readonly string[]; reports: number }>();
  /** Bumped by each update of a path, so that a slow read never overwrites a newer one. */
  private readonly versions = new Map<string, number>();
  private refreshing: Promise<void> | undefined;
  /** The indexing runs under way (indexAll), which `settled` waits for. */
  private readonly indexing = new Set<Promise<void>>();

  constructor(
    private readonly fileSystem: FileSystem,
    private readonly indexer: ReportIndexer,
  ) {}

  get size(): number {
    return this.reports.size;
  }

  has(path: string): boolean {
    return this.reports.has(path);
  }

  /**
   * Markdown files under the folders, outside node_modules and hidden folders. With `followLinks`
   * false (Restricted Mode) linked folders are not walked: their files would be refused anyway, and
   * even listing a folder outside the workspace is a read of it.
   */
  static async listReports(folders: readonly string[], followLinks = true): Promise<string[]> {
    const files: string[] = [];
    for (const folder of folders) {
      files.push(
        ...(await glob('**/*.{md,markdown}', { cwd: folder, absolute: true, ignore: ['**/node_modules/**'], dot: false, followSymbolicLinks: followLinks })),
      );
    }
    return [...new Set(files)].sort();
  }

  /**
   * Indexes every report, yielding to the event loop between files so that
   * editor requests are answered while it runs.
   */
  indexAll(
    /** A promise while the folders are still being listed: a request meanwhile waits for it too. */
    files: readonly string[] | Promise<readonly string[]>,
    progress: (done: number, total: number) => void = () => undefined,
    cancelled: () => boolean = () => false,
    /** Files indexed another way, such as reports open in the editor, which are indexed from their live text. */
    skip: (path: string) => boolean = () => false,
  ): Promise<void> {
    const run = this.indexFiles(files, progress, cancelled, skip);
    const settled = run.catch(() => undefined);
    this.indexing.add(settled);
    void settled.then(() => this.indexing.delete(settled));
    return run;
  }

  /**
   * The index as complete as it can be: after the indexing under way (a reference asked for at
   * start must not miss the reports not read yet) and the stale reports resolved again.
   */
  async settled(skip: (path: string) => boolean = () => false): Promise<void> {
    while (this.indexing.size > 0) await Promise.all(this.indexing);
    await this.refresh(skip);
  }

  private async indexFiles(
    listing: readonly string[] | Promise<readonly string[]>,
    progress: (done: number, total: number) => void,
    cancelled: () => boolean,
    skip: (path: string) => boolean,
  ): Promise<void> {
    const files = await listing;
    let failure: unknown;
    for (let done = 0; done < files.length; done++) {
      if (cancelled()) break;
      const path = files[done]!;
      if (!skip(path) && !this.reports.has(path)) {
        // One report that cannot be indexed (a bug) must not leave the rest out; the first failure is told at the end.
        await this.reindex(path).catch((error: unknown) => (failure ??= error));
        await new Promise((resolve) => setImmediate(resolve));
      }
      progress(done + 1, files.length);
    }
    if (failure !== undefined) throw failure;
  }

  /** Reads the report again from disk and indexes it, or drops it when it cannot be read or is too large for the background. */
  async reindex(path: string): Promise<void> {
    const version = this.bump(path);
    const { text } = await this.fileSystem.read(path, 'report');
    if (this.versions.get(path) !== version) return;
    if (text === undefined || text.length > MAX_BACKGROUND_BYTES || !usesMarkup(text)) {
      this.remove(path);
      return;
    }
    let data: ReportIndexData | undefined;
    try {
      data = await this.indexer(path, text);
    } catch (error) {
      // A report that cannot be indexed is left out rather than retried on every refresh.
      this.remove(path);
      throw error;
    }
    if (this.versions.get(path) !== version) return;
    if (data) this.keep(path, data, undefined);
    else this.remove(path);
  }

  /** Whether the open document's text is what the index holds for its path, resolved as now. */
  isCurrent(path: string, openText: TextLike): boolean {
    const kept = this.reports.get(path);
    return kept !== undefined && !kept.stale && kept.openText === openText;
  }

  /** A report open in the editor, from its live text (`data` made from it). */
  set(path: string, data: ReportIndexData, openText: TextLike): void {
    this.bump(path);
    if (data.symbols.length === 0 && data.mentions.length === 0) this.remove(path);
    else this.keep(path, data, openText);
  }

  remove(path: string): void {
    // Forgotten with the report: a read of it still under way finds no version of its own and is dropped.
    this.versions.delete(path);
    const kept = this.reports.get(path);
    if (!kept) return;
    this.release(kept);
    this.reports.delete(path);
  }

  /**
   * Marks stale the reports resolved against a gazetteer file that changed (`path`), and, for a file
   * of a default gazetteer name, those below its folder, to which it may now be the nearest. An
   * empty path (everything reloaded) marks every report.
   */
  gazetteerChanged(path: string, isDefaultName: boolean): void {
    const key = pathKey(path);
    const folder = isDefaultName ? pathKey(path.slice(0, Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1)) : undefined;
    for (const [reportPath, kept] of this.reports) {
      if (
        path === '' ||
        kept.gazetteerFiles.some((file) => pathKey(file) === key) ||
        (folder !== undefined && pathKey(reportPath).startsWith(folder))
      ) {
        kept.stale = true;
      }
    }
  }

  /** Settings or the workspace's files changed: every report is resolved again before it is read. */
  markAllStale(): void {
    for (const kept of this.reports.values()) kept.stale = true;
  }

  /**
   * Resolves the stale reports again, except those `skip` leaves to the caller (open documents,
   * indexed from their live text). One refresh runs at a time; a caller during it waits for it.
   */
  refresh(skip: (path: string) => boolean = () => false): Promise<void> {
    this.refreshing ??= this.refreshStale(skip).finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async refreshStale(skip: (path: string) => boolean): Promise<void> {
    for (;;) {
      const stale = [...this.reports].filter(([path, kept]) => kept.stale && !skip(path)).map(([path]) => path);
      if (stale.length === 0) return;
      for (const path of stale) {
        await this.reindex(path).catch(() => undefined);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }

  /** The entry of that key, if any report names it. */
  entry(key: string): IndexedEntry | undefined {
    return this.entries.get(key);
  }

  /** Every place a report names the entry, report by report in index order. */
  mentionsOf(key: string): IndexedMention[] {
    const found: IndexedMention[] = [];
    for (const [path, kept] of this.reports) {
      const local = kept.entries.findIndex((entry) => entry.key === key);
      if (local < 0) continue;
      const { records } = kept;
      for (let at = 0; at < records.length; at += FIELDS) {
        if (records[at]! >>> 2 !== local) continue;
        found.push(mentionAt(path, records, at));
      }
    }
    return found;
  }

  /**
   * For each of these entries named anywhere, its listed mentions (those references lists) and the
   * reports they are in, in one pass over the index: a gazetteer file's code lenses ask for every
   * entry of the file at once. Counted from the mentions themselves, not the kept totals, so that a
   * report naming an entry only by `ref=` does not count as a report it is mentioned in.
   */
  mentionCounts(keys: ReadonlySet<string>): Map<string, { mentions: number; reports: number }> {
    const counts = new Map<string, { mentions: number; reports: number }>();
    for (const kept of this.reports.values()) {
      const wanted = kept.entries.map((entry) => (keys.has(entry.key) ? entry.key : undefined));
      if (wanted.every((key) => key === undefined)) continue;
      const inReport = new Map<string, number>();
      const { records } = kept;
      for (let at = 0; at < records.length; at += FIELDS) {
        const key = wanted[records[at]! >>> 2];
        if (key !== undefined && records[at]! & LISTED) inReport.set(key, (inReport.get(key) ?? 0) + 1);
      }
      for (const [key, mentions] of inReport) {
        const total = counts.get(key);
        if (total) {
          total.mentions += mentions;
          total.reports++;
        } else counts.set(key, { mentions, reports: 1 });
      }
    }
    return counts;
  }

  /** The gazetteer files that declare the entries named in the workspace. */
  declaringFiles(): Set<string> {
    const files = new Set<string>();
    for (const entry of this.entries.values()) if (entry.file !== undefined) files.add(entry.file);
    return files;
  }

  /** The gazetteer files loaded together with this one by some report (itself included). */
  filesLoadedWith(file: string): string[] {
    const key = pathKey(file);
    const files = new Set<string>([file]);
    for (const { files: list } of this.fileLists.values()) {
      if (list.some((other) => pathKey(other) === key)) for (const other of list) files.add(other);
    }
    return [...files];
  }

  /**
   * Symbols whose name contains every word of the query, case-insensitively: the actors and places
   * named in the workspace (by name, alias or id), each once with its number of mentions, then the
   * incidents and counts, then the incidents that name a matching actor or place.
   */
  search(query: string, declarationRange: (file: string, span: Span) => Range | undefined): IndexedSymbol[] {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const matches = (text: string) => {
      const lower = text.toLowerCase();
      return words.every((word) => lower.includes(word));
    };
    const results: IndexedSymbol[] = [];
    const matched = new Set<KeptEntry>();
    for (const entry of this.entries.values()) {
      if (results.length >= MAX_RESULTS) return results;
      if (!matches(entry.name) && !matches(entry.id) && !entry.aliases.some(matches)) continue;
      matched.add(entry);
      const symbol = this.entrySymbol(entry, declarationRange);
      if (symbol) results.push(symbol);
    }
    const listed = new Set<string>();
    for (const [path, kept] of this.reports) {
      for (let index = 0; index < kept.symbols.names.length; index++) {
        if (results.length >= MAX_RESULTS) return results;
        if (!matches(kept.symbols.names[index]!)) continue;
        const symbol = symbolAt(kept.symbols, index);
        results.push({ ...symbol, path });
        if (symbol.kind === 'incident') listed.add(`${path}\u0000${symbol.range.start.line}`);
      }
    }
    if (matched.size > 0) this.incidentsNaming(matched, listed, results);
    return results;
  }

  /**
   * An entry as a symbol: at its declaration in the gazetteer, or at its first mention for a
   * built-in place; the container says what it is and how often it is named.
   */
  private entrySymbol(entry: KeptEntry, declarationRange: (file: string, span: Span) => Range | undefined): IndexedSymbol | undefined {
    const mentions = `${entry.mentions} mention${entry.mentions === 1 ? '' : 's'} in ${entry.reports} report${entry.reports === 1 ? '' : 's'}`;
    const container = `${entry.file === undefined ? 'built-in ' : ''}${entry.category} ${entry.id} · ${mentions}`;
    const { name } = entry;
    const range = entry.file !== undefined && entry.declaration ? declarationRange(entry.file, entry.declaration) : undefined;
    if (range) return { name, kind: entry.category, container, range, path: entry.file! };
    const first = this.mentionsOf(entry.key)[0];
    return first ? { name, kind: entry.category, container, range: first.range, path: first.path } : undefined;
  }

  /** The incidents that name one of these entries, not listed yet, each once. */
  private incidentsNaming(entries: ReadonlySet<KeptEntry>, listed: Set<string>, results: IndexedSymbol[]): void {
    for (const [path, kept] of this.reports) {
      const locals = new Set<number>();
      kept.entries.forEach((entry, local) => entries.has(entry) && locals.add(local));
      if (locals.size === 0) continue;
      const { records } = kept;
      for (let at = 0; at < records.length; at += FIELDS) {
        const incident = records[at + 5]! - 1;
        if (incident < 0 || !locals.has(records[at]! >>> 2)) continue;
        if (incident >= kept.symbols.names.length) continue;
        const symbol = symbolAt(kept.symbols, incident);
        if (symbol.kind !== 'incident') continue;
        const seen = `${path}\u0000${symbol.range.start.line}`;
        if (listed.has(seen)) continue;
        listed.add(seen);
        const names = [...entries].filter((entry) => kept.entries.indexOf(entry) === records[at]! >>> 2).map((entry) => entry.name);
        results.push({ ...symbol, container: `names ${names.join(', ')}`, path });
        if (results.length >= MAX_RESULTS) return;
      }
    }
  }

  private bump(path: string): number {
    const version = (this.versions.get(path) ?? 0) + 1;
    this.versions.set(path, version);
    return version;
  }

  private keep(path: string, data: ReportIndexData, openText: TextLike | undefined): void {
    const previous = this.reports.get(path);
    const entries: KeptEntry[] = [];
    const locals = new Map<string, number>();
    const records = new Uint32Array(data.mentions.length * FIELDS);
    data.mentions.forEach((mention, index) => {
      let local = locals.get(mention.entry.key);
      if (local === undefined) {
        local = entries.length;
        locals.set(mention.entry.key, local);
        entries.push(this.intern(mention.entry));
      }
      if (mention.listed) entries[local]!.mentions++;
      const { start, end } = mention.range;
      records.set([(local << 2) | (mention.listed ? LISTED : 0) | (mention.byId ? BY_ID : 0), start.line, start.character, end.line, end.character, (mention.incident ?? -1) + 1], index * FIELDS);
    });
    // After interning the new ones: an entry both reports name is never dropped in between.
    if (previous) this.release(previous);
    const listKey = data.gazetteerFiles.join('\u0000');
    let list = this.fileLists.get(listKey);
    if (!list) this.fileLists.set(listKey, (list = { files: [...data.gazetteerFiles], reports: 0 }));
    list.reports++;
    this.reports.set(path, { symbols: packSymbols(data.symbols), entries, records, gazetteerFiles: list.files, openText, stale: false });
  }

  /** The kept entry of this key, refreshed with what the report's gazetteer says of it now. */
  private intern(entry: IndexedEntry): KeptEntry {
    let kept = this.entries.get(entry.key);
    if (!kept) this.entries.set(entry.key, (kept = { ...entry, reports: 0, mentions: 0 }));
    else Object.assign(kept, { name: entry.name, aliases: entry.aliases, declaration: entry.declaration });
    kept.reports++;
    return kept;
  }

  private release(kept: KeptReport): void {
    const { records } = kept;
    for (let at = 0; at < records.length; at += FIELDS) if (records[at]! & LISTED) kept.entries[records[at]! >>> 2]!.mentions--;
    for (const entry of kept.entries) if (--entry.reports === 0) this.entries.delete(entry.key);
    const listKey = kept.gazetteerFiles.join('\u0000');
    const list = this.fileLists.get(listKey);
    if (list && --list.reports === 0) this.fileLists.delete(listKey);
  }
}

/** Only reports that use the markup take room in the index. */
function usesMarkup(text: string): boolean {
  return /:(?:count|date|actor|place)\b|:::incident\b/.test(text);
}

function mentionAt(path: string, records: Uint32Array, at: number): IndexedMention {
  const flags = records[at]! & 3;
  const incident = records[at + 5]! - 1;
  return {
    path,
    range: { start: { line: records[at + 1]!, character: records[at + 2]! }, end: { line: records[at + 3]!, character: records[at + 4]! } },
    incident: incident < 0 ? undefined : incident,
    listed: (flags & LISTED) !== 0,
    byId: (flags & BY_ID) !== 0,
  };
}
