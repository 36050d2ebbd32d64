import type { EditedTextDocument } from '../editedDocument.js';
import type { LanguageService, ServiceSettings } from '../../core/languageService.js';
import type { ReportIndexData } from '../../core/workspace/workspaceIndex.js';
import { pathKey } from '../../core/workspace/fileSystem.js';
import type { ServerContext } from '../context.js';
import { isReportDocument, pathOf, type Workspace } from '../workspace.js';
import { CheckPool, WorkersUnavailable, type CheckStopped } from './checkPool.js';
import { seconds } from './checkStopped.js';
import { checkOutcome, type CheckOutcome, type ReportTextSource, type ToWorker, type WorkerJob, type WorkerNotice } from './messages.js';

/**
 * How long a check may take: a base (initializationOptions.checkTimeLimitMs) and more per MiB of the
 * report (checkTimeLimitPerMiBMs), since a long report's first check is a whole parse, linear in its
 * length (1.2 s per MiB on an idle 2-core machine of this project, 12 s at load 10): the limit is for
 * the shapes the parser is slow on, which are slow at any length, not for long reports.
 */
export interface CheckTimeLimit {
  baseMs: number;
  perMiBMs: number;
}
export const DEFAULT_CHECK_TIME_LIMIT: CheckTimeLimit = { baseMs: 10_000, perMiBMs: 20_000 };

function limitFor(limit: CheckTimeLimit, job: WorkerJob): number {
  const length = job.type === 'check' ? job.source.text.length : job.text.length;
  return Math.round(limit.baseMs + (limit.perMiBMs * length) / 1_048_576);
}
/** One slow report holds up one worker; the other reports are checked in the second. */
const POOL_SIZE = 2;

export type Checked = CheckOutcome | CheckStopped;

export const isStopped = (checked: Checked): checked is CheckStopped => 'stopped' in checked;

export interface ReportChecksOptions {
  /**
   * The bundled worker entry (dist/serverCheckWorker.js next to dist/server.js). Without it reports are
   * checked on the server's own thread, with no time limit: the server run from the TypeScript
   * sources (in-process tests), where no bundle exists to start a worker from.
   */
  workerPath: string | undefined;
  onNotice: (message: WorkerNotice) => void;
}

/** The newest check of an open report, shared by everyone who asks for the same inputs. */
interface LatestCheck {
  key: string;
  version: number;
  result: Promise<Checked>;
  /** Set once the check is done: whether it ran over its time. */
  stopped: boolean | undefined;
}

/**
 * Where reports are checked: in worker threads with a time limit (CheckPool), so that a report
 * the Markdown parser is slow on holds up neither the requests on other reports nor their
 * diagnostics. The features that read the parsed report (hover, completion, symbols…) keep running
 * on the server's thread against its own language service; `ready` keeps them off a report whose
 * check ran over its time, so that the server's thread never starts the parse the worker could
 * not finish.
 */
export class ReportChecks {
  /** Undefined when reports are checked on this thread: no worker path, or the workers could not start. */
  private pool: CheckPool | undefined;
  /** Set from the client's initializationOptions (checkTimeLimitMs, checkTimeLimitPerMiBMs). */
  timeLimit: CheckTimeLimit = { ...DEFAULT_CHECK_TIME_LIMIT };
  private readonly latest = new Map<string, LatestCheck>();
  /** Bumped by every event sent to the workers: a check asked again after one is a new check. */
  private generation = 0;
  private sentView = '';
  /** Open reports whose last check ran over its time. */
  private readonly overTime = new Set<string>();

  constructor(
    private readonly context: ServerContext,
    private readonly workspace: Workspace,
    private readonly service: LanguageService,
    options: ReportChecksOptions,
  ) {
    if (options.workerPath) {
      // No worker starts before the first check.
      this.pool = new CheckPool({
        workerPath: options.workerPath,
        limitMs: (job) => limitFor(this.timeLimit, job),
        size: POOL_SIZE,
        onNotice: options.onNotice,
        onWorkerError: (error) => context.logError('A check worker', error),
      });
    }
    workspace.skipReport = (uri) => this.overTime.has(uri);
    // Registered before the server's own handlers, so that a worker has a gazetteer's new text before it is told the file changed.
    // The text is read only for what is no report: joining a report's pieces on every keystroke is what they avoid.
    context.documents.onDidChangeContent(({ document }) => !isReportDocument(document) && this.overlay(document, document.getText()));
    context.documents.onDidClose(({ document }) => this.overlay(document, undefined));
  }

  /** Whether checks run in worker threads (with a time limit) rather than on the server's thread. */
  get inWorkers(): boolean {
    return this.pool !== undefined;
  }

  /**
   * One version of an open report checked (`source`, taken from the document before any await: the
   * document itself moves on with later edits); concurrent asks with the same inputs share one check.
   */
  check(document: EditedTextDocument, source: ReportTextSource, settings: ServiceSettings): Promise<Checked> {
    const here = () => this.service.check({ key: document.uri, path: pathOf(document.uri), text: source.text }, settings).then(checkOutcome);
    if (!this.pool) return here();
    this.sendWorkspaceView();
    const key = `${source.version}\u0000${this.generation}\u0000${JSON.stringify(settings)}`;
    const previous = this.latest.get(document.uri);
    if (previous?.key === key) return previous.result;
    const inWorker = this.pool.check(document.uri, pathOf(document.uri), source, settings);
    const result = inWorker.catch((error: unknown) => this.withoutWorkers(error, here));
    const entry: LatestCheck = { key, version: source.version, result, stopped: undefined };
    this.latest.set(document.uri, entry);
    entry.result.then(
      (checked) => {
        entry.stopped = isStopped(checked);
        if (entry.stopped) this.overTime.add(document.uri);
        else this.overTime.delete(document.uri);
      },
      () => (entry.stopped = false),
    );
    return entry.result;
  }

  /**
   * Whether a feature may read the open report at `uri` on the server's thread, once this thread has
   * parsed it (a long report's whole parse runs between other messages: LanguageService.parse). With
   * workers: not while the first check of a report, or the check of a report whose last check ran
   * over its time, is still running, and not when it ran over. A report checked in time once is
   * answered at once after edits, as before (its parse is incremental).
   */
  async ready(uri: string, check: (document: EditedTextDocument) => Promise<unknown>): Promise<boolean> {
    const document = this.context.documents.get(uri);
    if (!document || !isReportDocument(document)) return true;
    if (this.pool && !(await this.checkedInTime(document, check))) return false;
    // The text as it is now, after the wait: the version the feature will read.
    await this.service.parse({ key: uri, path: pathOf(uri), text: document.text });
    return true;
  }

  private async checkedInTime(document: EditedTextDocument, check: (document: EditedTextDocument) => Promise<unknown>): Promise<boolean> {
    const latest = this.latest.get(document.uri);
    if (latest && latest.version !== document.version && latest.stopped === false) return true;
    if (!latest || latest.version !== document.version) await check(document).catch(() => undefined);
    const current = this.latest.get(document.uri);
    if (!current) return true;
    return !(await current.result.then(isStopped, () => false));
  }

  /**
   * A report of the workspace read for the index in a worker, after the open reports' checks; one
   * that runs over the time limit is left out of the index (undefined) with a line in the log, and
   * read again only when it changes on disk.
   */
  async indexReport(path: string, text: string, settings: ServiceSettings): Promise<ReportIndexData | undefined> {
    if (!this.pool) return this.service.indexData(path, text, settings);
    this.sendWorkspaceView();
    const data = await this.pool.index(path, text, settings).catch((error: unknown) => this.withoutWorkers(error, () => this.service.indexData(path, text, settings)));
    if (!('stopped' in data)) return data;
    this.context.connection.console.info(
      `Workspace index: ${path} is left out (no workspace symbols, references or renames from it until it changes): reading it took longer than ${seconds(data.limitMs)} s, the time a check of it may take.`,
    );
    return undefined;
  }

  /**
   * The workers could not start (their bundle missing beside the server, a broken install): from
   * now on reports are checked on this thread, as before there were workers, without a time limit.
   */
  private withoutWorkers<T>(error: unknown, here: () => Promise<T>): Promise<T> {
    if (!(error instanceof WorkersUnavailable)) throw error;
    if (this.pool) {
      this.pool.dispose();
      this.pool = undefined;
      this.context.connection.console.error(`${error.message}. Reports are checked on the server's own thread from now on, without a time limit.`);
    }
    return here();
  }

  /** The report was closed. */
  forget(uri: string): void {
    this.latest.delete(uri);
    this.overTime.delete(uri);
    this.broadcast({ type: 'forget', key: uri });
  }

  /**
   * The language service with the calls that change what a check reads also sent to the
   * workers, for the rooms that make them (the gazetteer watcher, the workspace events).
   */
  mirrored(): LanguageService {
    const { service } = this;
    return {
      ...service,
      invalidateGazetteer: (path, text) => {
        this.broadcast({ type: 'invalidate', what: 'gazetteer', path, text });
        return service.invalidateGazetteer(path, text);
      },
      invalidateProjectConfig: () => {
        this.broadcast({ type: 'invalidate', what: 'projectConfig' });
        service.invalidateProjectConfig();
      },
      invalidateFiles: () => {
        this.broadcast({ type: 'invalidate', what: 'files' });
        service.invalidateFiles();
      },
      forget: (key) => {
        this.forget(key);
        service.forget(key);
      },
    };
  }

  dispose(): void {
    this.pool?.dispose();
  }

  private broadcast(message: ToWorker): void {
    this.generation++;
    this.pool?.broadcast(message);
  }

  /** The editor's text of an open file that is no report (a gazetteer, the configuration): what a worker reads instead of the disk. */
  private overlay(document: EditedTextDocument, text: string | undefined): void {
    if (!this.pool || isReportDocument(document)) return;
    const path = pathOf(document.uri);
    if (path === undefined) return;
    const key = `overlay:${pathKey(path)}`;
    const message: ToWorker = { type: 'overlay', path, text };
    this.generation++;
    if (text === undefined) this.pool.unshare(key, message);
    else this.pool.share(key, message);
  }

  private sendWorkspaceView(): void {
    const view = { restrictTo: this.workspace.trusted ? undefined : [...this.workspace.folders] };
    const json = JSON.stringify(view);
    if (json === this.sentView) return;
    this.sentView = json;
    this.generation++;
    this.pool?.share('workspace', { type: 'workspace', view });
  }
}

/**
 * A handler of a request on one document that first waits for `ready` (ReportChecks.ready) and
 * answers `fallback` for a report whose check ran over its time, without reading it.
 */
export function whenCheckable(ready: (uri: string) => Promise<boolean>) {
  return <P extends { textDocument: { uri: string } }, R>(fallback: R, handler: (params: P) => R | Promise<R>) =>
    async (params: P): Promise<R> =>
      (await ready(params.textDocument.uri)) ? handler(params) : fallback;
}
