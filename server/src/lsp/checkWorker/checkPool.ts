import { Worker } from 'node:worker_threads';
import type { ServiceSettings } from '../../core/languageService.js';
import type { ReportIndexData } from '../../core/workspace/workspaceIndex.js';
import { PROGRESS_SLOTS, stoppedWhere, type CheckOutcome, type FromWorker, type ReportTextSource, type StoppedWhere, type ToWorker, type WorkerJob, type WorkerNotice } from './messages.js';

/** A check that ran over its time: the worker doing it was ended. */
export interface CheckStopped {
  stopped: true;
  afterMs: number;
  /** Why: over the time limit, or the worker died under it (out of memory). */
  reason: 'time' | 'died';
  /** The time the job was allowed. */
  limitMs: number;
  /** What the worker died of. */
  detail?: string;
  /** Where the job was when it stopped: the line the parser was reading from, or past the parse. */
  where?: StoppedWhere;
}

/** The workers cannot start at all (the bundle missing, a broken install): checks must run elsewhere. */
export class WorkersUnavailable extends Error {}

/**
 * A worker's heap: a parse that needs more ends its worker (ERR_WORKER_OUT_OF_MEMORY), where without
 * a limit of its own V8 would end the whole server. A whole-document parse of 5 MB peaks near 1 GB.
 */
const WORKER_HEAP_MB = 2048;

export interface CheckPoolOptions {
  /** The bundled worker entry (dist/serverCheckWorker.js). */
  workerPath: string;
  /** How long a job may take before its worker is ended (asked at each job: it grows with the report's length). */
  limitMs: (job: WorkerJob) => number;
  /** How many checks may run at once, each in its own worker. */
  size: number;
  /** The messages a worker sends besides answers: gazetteer progress and log lines. */
  onNotice: (message: WorkerNotice) => void;
  /** A worker failed outside any check (it could not start, it ran out of memory). */
  onWorkerError: (error: unknown) => void;
}

/**
 * A job still running after this long may be a slow one: a second worker is started then, so that
 * it has loaded the built-in layer (seconds on a busy machine) by the time another report needs it.
 */
const SPARE_AFTER_MS = 300;

interface PendingCheck {
  id: number;
  job: WorkerJob;
  /** The report a check is of: one check of a report runs at a time. */
  key: string | undefined;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

interface PoolWorker {
  worker: Worker;
  /** Where its job is (messages.ts, PROGRESS_*), written by the worker. */
  progress: Int32Array;
  /** Set once the worker has loaded the built-in layer: its first check's time starts no sooner. */
  ready: boolean;
  running: PendingCheck | undefined;
  /** The version of each open report whose text this worker holds (it was sent it): the next check of the report is sent as edits from it. */
  versions: Map<string, number>;
  timer: NodeJS.Timeout | undefined;
  spareTimer: NodeJS.Timeout | undefined;
}

/**
 * Worker threads that check reports, each one check at a time, with a time limit per check: a
 * check that runs over it is stopped by ending its worker (a parse cannot be interrupted any other
 * way), and the next check starts a fresh one. Checks wait in order for a free worker; a second
 * worker is started only when a check would otherwise wait, so that one slow report holds up one
 * worker and the other reports go on being checked in the other. Reports read for the workspace
 * index go after every waiting check, one at a time, so that the index never holds up an open
 * report's diagnostics by more than one index job (and never by both workers).
 *
 * The state every worker must share (the workspace view, the editor's text of open gazetteer and
 * configuration files) is kept here and sent to each new worker first; invalidations are sent to
 * the living workers only, since a new one reads everything afresh.
 */
export class CheckPool {
  private readonly workers: PoolWorker[] = [];
  private readonly queue: PendingCheck[] = [];
  private readonly indexQueue: PendingCheck[] = [];
  private readonly shared = new Map<string, ToWorker>();
  private lastId = 0;
  private disposed = false;
  private unavailable: WorkersUnavailable | undefined;

  constructor(private readonly options: CheckPoolOptions) {}

  /**
   * One check of a report runs at a time, so that a slow report typed into holds up one worker,
   * not both; a newer version replaces one still waiting, whose askers get the newer answer.
   */
  check(key: string, path: string | undefined, source: ReportTextSource, settings: ServiceSettings): Promise<CheckOutcome | CheckStopped> {
    const replaced = this.queue.filter((pending) => pending.key === key);
    for (const pending of replaced) this.queue.splice(this.queue.indexOf(pending), 1);
    const result = this.enqueue<CheckOutcome | CheckStopped>(this.queue, { type: 'check', key, path, source, settings }, key);
    for (const pending of replaced) result.then(pending.resolve, pending.reject);
    return result;
  }

  /** A report of the workspace read for the index, after every check waiting. */
  index(path: string, text: string, settings: ServiceSettings): Promise<ReportIndexData | CheckStopped> {
    return this.enqueue(this.indexQueue, { type: 'index', path, text, settings }, undefined);
  }

  private enqueue<T>(queue: PendingCheck[], job: WorkerJob, key: string | undefined): Promise<T> {
    return new Promise((resolve, reject) => {
      if (this.disposed) {
        reject(new Error('The check workers were stopped (the server is shutting down).'));
        return;
      }
      if (this.unavailable) {
        reject(this.unavailable);
        return;
      }
      queue.push({ id: ++this.lastId, job, key, resolve: resolve as (result: unknown) => void, reject });
      this.dispatch();
    });
  }

  /** State every worker, now and later, must hold: the newest message per key wins. */
  share(key: string, message: ToWorker): void {
    this.shared.set(key, message);
    for (const { worker } of this.workers) worker.postMessage(message);
  }

  unshare(key: string, message: ToWorker): void {
    this.shared.delete(key);
    this.broadcast(message);
  }

  /** An event the living workers must act on (a gazetteer changed, a report closed). */
  broadcast(message: ToWorker): void {
    for (const { worker, versions } of this.workers) {
      if (message.type === 'forget') versions.delete(message.key);
      worker.postMessage(message);
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const pending of [...this.queue.splice(0), ...this.indexQueue.splice(0)]) pending.reject(new Error('The check workers were stopped (the server is shutting down).'));
    for (const entry of [...this.workers]) this.end(entry);
  }

  /** The first check whose report is not being checked already; else an index job, when none runs. */
  private nextJob(): { queue: PendingCheck[]; at: number } | undefined {
    const running = this.workers.map((entry) => entry.running).filter((pending) => pending !== undefined);
    const at = this.queue.findIndex((pending) => pending.key === undefined || !running.some((other) => other.key === pending.key));
    if (at >= 0) return { queue: this.queue, at };
    if (this.indexQueue.length > 0 && !running.some((pending) => pending.job.type === 'index')) return { queue: this.indexQueue, at: 0 };
    return undefined;
  }

  private dispatch(): void {
    for (;;) {
      const next = this.nextJob();
      if (!next) return;
      const idle = this.workers.find((entry) => entry.ready && !entry.running);
      if (idle) {
        this.run(idle, next.queue.splice(next.at, 1)[0]!);
        continue;
      }
      // A worker still starting takes the next job once ready; only when none is does another start.
      if (this.workers.every((entry) => entry.ready) && this.workers.length < this.options.size) this.start();
      return;
    }
  }

  private start(): PoolWorker {
    const progress = new Int32Array(new SharedArrayBuffer(PROGRESS_SLOTS * Int32Array.BYTES_PER_ELEMENT));
    const worker = new Worker(this.options.workerPath, { workerData: { progress: progress.buffer }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    const entry: PoolWorker = { worker, progress, ready: false, running: undefined, versions: new Map(), timer: undefined, spareTimer: undefined };
    for (const message of this.shared.values()) worker.postMessage(message);
    worker.on('message', (message: FromWorker) => this.received(entry, message));
    worker.on('error', (error) => this.failed(entry, error));
    worker.on('exit', (code) => this.failed(entry, new Error(`The check worker stopped (exit code ${code}).`)));
    // The server's process must be free to exit (tests, `exit`) even while a worker runs.
    worker.unref();
    this.workers.push(entry);
    return entry;
  }

  private run(entry: PoolWorker, pending: PendingCheck): void {
    entry.running = pending;
    const started = performance.now();
    const limitMs = this.options.limitMs(pending.job);
    entry.timer = setTimeout(() => {
      // Read before the worker is ended: its thread is still on the job.
      const where = stoppedWhere(entry.progress);
      this.end(entry);
      pending.resolve({ stopped: true, afterMs: performance.now() - started, reason: 'time', limitMs, ...(where ? { where } : {}) } satisfies CheckStopped);
      this.dispatch();
    }, limitMs);
    entry.timer.unref();
    entry.spareTimer = setTimeout(() => this.startSpare(), SPARE_AFTER_MS);
    entry.spareTimer.unref();
    entry.worker.postMessage(this.message(entry, pending));
  }

  /** The job as this worker is sent it: an open report's text as edits from the version it holds, if it holds one. */
  private message(entry: PoolWorker, { job, id }: PendingCheck): ToWorker {
    if (job.type !== 'check') return { ...job, id };
    const { key, path, source, settings } = job;
    const base = entry.versions.get(key);
    const edits = base === undefined ? undefined : source.editsFrom(base);
    entry.versions.set(key, source.version);
    const text = base !== undefined && edits ? { base, edits } : { whole: source.text.toString() };
    return { type: 'check', id, key, path, version: source.version, text, settings };
  }

  /** A worker ready (or getting ready) for the next job while every other one is busy. */
  private startSpare(): void {
    if (this.disposed || this.workers.length >= this.options.size) return;
    if (this.workers.some((entry) => !entry.running)) return;
    this.start();
  }

  private received(entry: PoolWorker, message: FromWorker): void {
    if (message.type === 'ready') {
      entry.ready = true;
      this.dispatch();
      return;
    }
    if (message.type !== 'checked' && message.type !== 'indexed' && message.type !== 'failed') {
      this.options.onNotice(message);
      return;
    }
    const pending = entry.running;
    if (!pending || pending.id !== message.id) return;
    clearTimeout(entry.timer);
    clearTimeout(entry.spareTimer);
    entry.running = undefined;
    if (message.type === 'failed' && message.missingText && pending.key !== undefined) {
      // The worker lost track of the report (which the pool's record should prevent): the same check again, with the whole text.
      entry.versions.delete(pending.key);
      this.queue.unshift(pending);
      this.dispatch();
      return;
    }
    if (message.type === 'checked') pending.resolve(message.outcome);
    else if (message.type === 'indexed') pending.resolve(message.data);
    else pending.reject(new Error(message.message));
    this.dispatch();
  }

  /** The worker died on its own (out of memory, a bug at start): its check fails, the next check gets a new worker. */
  private failed(entry: PoolWorker, error: unknown): void {
    if (!this.workers.includes(entry)) return;
    const pending = entry.running;
    const where = stoppedWhere(entry.progress);
    this.end(entry);
    if (!entry.ready) {
      // A worker that cannot even start would be started again for every job, for ever.
      this.unavailable = new WorkersUnavailable(`The check workers cannot start: ${error instanceof Error ? error.message : String(error)}`);
      for (const waiting of [...this.queue.splice(0), ...this.indexQueue.splice(0)]) waiting.reject(this.unavailable);
      return;
    }
    this.options.onWorkerError(error);
    if (pending) {
      const code = (error as { code?: unknown }).code;
      const detail = code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'it ran out of memory' : error instanceof Error ? error.message : String(error);
      pending.resolve({ stopped: true, afterMs: NaN, reason: 'died', detail, limitMs: this.options.limitMs(pending.job), ...(where ? { where } : {}) } satisfies CheckStopped);
    }
    this.dispatch();
  }

  private end(entry: PoolWorker): void {
    clearTimeout(entry.timer);
    clearTimeout(entry.spareTimer);
    entry.running = undefined;
    const at = this.workers.indexOf(entry);
    if (at >= 0) this.workers.splice(at, 1);
    void entry.worker.terminate();
  }
}
