import { glob } from 'tinyglobby';
import { parseReport } from '../parse/parseReport.js';
import { reportSymbols, type ReportSymbol } from '../reportSymbols.js';
import type { FileSystem } from './fileSystem.js';

export interface IndexedSymbol extends ReportSymbol {
  path: string;
}

/**
 * Reports larger than this are indexed when opened, not in the background: the parse runs on the
 * server's only thread, and half a second is the most a writer should wait behind it.
 */
const MAX_BACKGROUND_BYTES = 500_000;
/** Symbols answered for one query. */
const MAX_RESULTS = 200;

/**
 * The incidents and identified counts of every report in the workspace.
 * It keeps only their symbols, never the parsed models, so memory stays
 * proportional to the number of incidents, not to the size of the reports.
 */
export class WorkspaceIndex {
  private readonly symbols = new Map<string, ReportSymbol[]>();

  constructor(private readonly fileSystem: FileSystem) {}

  get size(): number {
    return this.symbols.size;
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
  async indexAll(
    files: readonly string[],
    progress: (done: number, total: number) => void = () => undefined,
    cancelled: () => boolean = () => false,
    /** Files indexed another way, such as reports open in the editor, which are indexed as they are checked. */
    skip: (path: string) => boolean = () => false,
  ): Promise<void> {
    for (let done = 0; done < files.length; done++) {
      if (cancelled()) return;
      const path = files[done]!;
      if (skip(path) || this.symbols.has(path)) {
        progress(done + 1, files.length);
        continue;
      }
      const { text } = await this.fileSystem.read(path, 'report');
      if (text !== undefined && text.length <= MAX_BACKGROUND_BYTES) this.update(path, text);
      progress(done + 1, files.length);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  update(path: string, text: string): void {
    // Only reports that use the markup take room in the index.
    if (!/:(?:count|date|actor|place)\b|:::incident\b/.test(text)) {
      this.symbols.delete(path);
      return;
    }
    this.symbols.set(path, reportSymbols(parseReport(text)));
  }

  updateFromReport(path: string, symbols: ReportSymbol[]): void {
    if (symbols.length === 0) this.symbols.delete(path);
    else this.symbols.set(path, symbols);
  }

  remove(path: string): void {
    this.symbols.delete(path);
  }

  /** Symbols whose name contains every word of the query, case-insensitively. */
  search(query: string): IndexedSymbol[] {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const results: IndexedSymbol[] = [];
    for (const [path, symbols] of this.symbols) {
      for (const symbol of symbols) {
        const name = symbol.name.toLowerCase();
        if (words.every((word) => name.includes(word))) results.push({ ...symbol, path });
        if (results.length >= MAX_RESULTS) return results;
      }
    }
    return results;
  }
}
