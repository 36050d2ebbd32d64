import { pathToFileURL } from 'node:url';
import { FileChangeType } from 'vscode-languageserver';
import type { LanguageService, ServiceSettings } from '../core/languageService.js';
import { afterDiagnosticsSent } from './afterDiagnosticsSent.js';
import type { ServerContext } from './context.js';
import type { ServerStatus } from './serverStatus.js';
import type { SettingsStore } from './settings.js';
import type { Workspace } from './workspace.js';

/** After a gazetteer edit, how long the edits must pause before the reports resolved against it are resolved again. */
const REFRESH_AFTER_MS = 1000;
/** With no document open this long after `initialized`, the index starts: no first check is coming to wait for. */
const NOTHING_OPEN_AFTER_MS = 250;
/**
 * The longest the index waits for a first check before it starts anyway (an open file that is
 * never checked). Longer than a first check takes: 2 s let the index in between a 101 KiB report's
 * parse and its rules at load 10.
 */
const FIRST_CHECK_WAIT_MS = 10_000;

/**
 * The settings a report of the workspace is indexed with: its workspace folder's, asked of the
 * client once per folder rather than once per report (200 reports, 200 requests at start).
 */
export function folderSettings(workspace: Workspace, settings: SettingsStore): (path: string) => Promise<ServiceSettings> {
  return (path) => settings.forDocument(pathToFileURL(workspace.rootFor(pathToFileURL(path).href)).href);
}

/**
 * The workspace's reports indexed for workspace symbols, references and rename: all in the
 * background at start, then each again when it changes on disk, and those resolved against a
 * gazetteer again once its edits pause (a request before then resolves them itself first).
 */
export class WorkspaceIndexing {
  private refreshTimer: NodeJS.Timeout | undefined;
  /**
   * The background index starts once the first report's diagnostics are out: it reads and parses
   * every report of the folders on the thread (or the worker) that checks the one the writer just
   * opened, which waited for it (a 101 KiB report opened in its folder: 469 ms, 350 ms outside it).
   */
  private readonly firstCheckDone: Promise<void>;
  private releaseIndex!: () => void;

  constructor(
    private readonly context: ServerContext,
    private readonly workspace: Workspace,
    private readonly service: LanguageService,
    private readonly status: ServerStatus,
  ) {
    this.firstCheckDone = new Promise((resolve) => (this.releaseIndex = resolve));
  }

  /** A report's or gazetteer's diagnostics were made: the index may start once they are sent. */
  checked(): void {
    afterDiagnosticsSent(this.releaseIndex);
  }

  /**
   * Indexes the folders in the background once the first check is done, or at once when nothing is
   * open shortly after start. A request that reads the index meanwhile waits for it, as it waited
   * for an index under way before.
   */
  async indexAll(): Promise<void> {
    const nothingOpen = setTimeout(() => {
      if (this.context.documents.all().length === 0) this.releaseIndex();
    }, NOTHING_OPEN_AFTER_MS);
    const tooLong = setTimeout(this.releaseIndex, FIRST_CHECK_WAIT_MS);
    // Neither may keep a finished process (a test's) alive.
    nothingOpen.unref();
    tooLong.unref();
    void this.firstCheckDone.then(() => {
      clearTimeout(nothingOpen);
      clearTimeout(tooLong);
    });
    try {
      await this.indexFolders();
    } finally {
      this.status.indexed();
    }
  }

  private async indexFolders(): Promise<void> {
    const { folders, trusted } = this.workspace;
    if (folders.length === 0) return;
    const { client, connection } = this.context;
    // The index may be let in after the server was shut down (the 10 s cap, in a process that lives on: tests).
    const started = this.firstCheckDone.then(() => {
      if (!this.context.shutDown) this.status.indexing(0);
    });
    // Linked folders are not walked in Restricted Mode: even listing a folder outside is a read of it.
    const files = started.then(() => this.service.findReports(folders, trusted));
    // The progress bar is a courtesy: if it cannot be made (the connection went away while the index
    // waited for the first check: an unhandled rejection in the tests), the index goes on without it.
    const progress = started.then(() => (client.workDoneProgress ? connection.window.createWorkDoneProgress() : undefined)).catch(() => undefined);
    // The progress is told in order, once it exists, without holding up the indexing.
    // Its failures are left aside as well (the listing's own failure is the index's, told by indexAll's caller).
    let told = progress.then(async (reporter) => reporter?.begin('Indexing reports', 0, `0/${(await files).length}`, false)).catch(() => undefined);
    const tell = (what: (reporter: Awaited<typeof progress>) => void) => (told = told.then(async () => what(await progress)).catch(() => undefined));
    let lastPercent = -1;
    // Started before anything is awaited: a reference asked for meanwhile waits for the index instead of answering from an empty one.
    await this.service.indexReports(files, {
      onProgress: (done, total) => {
        const percent = Math.floor((done / total) * 100);
        if (percent !== lastPercent) {
          tell((reporter) => reporter?.report(percent, `${done}/${total}`));
          this.status.indexing(percent);
        }
        lastPercent = percent;
      },
      cancelled: () => this.context.shutDown,
      // Open reports are indexed from their live text when a workspace feature asks.
      skip: (path) => this.workspace.openDocumentAt(path) !== undefined,
    });
    await tell((reporter) => reporter?.done());
  }

  /** A report changed on disk while not open in the editor, or was closed with its unsaved edits. */
  async reindex(path: string, type: FileChangeType): Promise<void> {
    try {
      if (type === FileChangeType.Deleted) this.service.unindexReport(path);
      else await this.service.reindexReport(path);
    } finally {
      this.status.indexChanged();
    }
  }

  /** A gazetteer changed (the service has marked the reports it resolved stale): resolve them again once the edits pause. */
  gazetteersChanged(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      if (this.context.shutDown) return;
      const open = (path: string) => this.workspace.openDocumentAt(path) !== undefined;
      void this.service
        .refreshIndex(open)
        .catch((error: unknown) => this.context.logError('Indexing the workspace again', error))
        .finally(() => this.status.indexChanged());
    }, REFRESH_AFTER_MS);
    // A pending refresh must not keep a finished process (a test's, the CLI's) alive.
    this.refreshTimer.unref();
  }

  /** The settings changed (gazetteer paths, the built-in layer): every report is resolved again. */
  settingsChanged(): void {
    this.service.invalidateIndex();
    this.gazetteersChanged();
  }
}
