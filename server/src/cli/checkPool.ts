import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fork, type ChildProcess } from 'node:child_process';
import type { GazetteerProblem } from '../core/gazetteer/gazetteerModel.js';
import type { LanguageService, ServiceSettings } from '../core/languageService.js';
import { UsageError } from './cliOptions.js';
import { checkFile, gazetteerProblemsOf, type CheckInput, type FileResult } from './checkFile.js';
import type { WorkerRequest } from './checkWorker.js';

/** `--concurrency`: a number of worker processes, `auto` (decided by the run's size) or `off` (this worker). */
export type Concurrency = number | 'auto' | 'off';

/**
 * Below these, `auto` checks in this worker. A worker is a new V8 isolate that compiles the bundle
 * again, loads its own built-in world layer and warms the JIT up on its first reports: measured with
 * dist/ on this 2-core machine (load about 7, other work running), 40 generated reports of 25 KiB
 * (1.1 MB) took 7.0 s and 4.1 s of CPU in one worker, 10.4 s and 5.9 s of CPU with 2 workers; 8 of
 * 50 KiB, 2.6 s (2.6 s CPU) against 3.6 s (3.6 s CPU). So each worker costs about 0.9 s of CPU before
 * it pays, and checking runs at about 2 s of CPU per MB: with a core free, 2 workers gain from about
 * 0.5 MB, with no core free never. Under 8 files or 1 MB the pool is not worth its start.
 */
const IN_PROCESS_FILES = 8;
const IN_PROCESS_BYTES = 1024 * 1024;

/** Checks reports and reads gazetteers' problems, in this worker or in a pool of workers. */
export interface Checker {
  /** The results in the order of `inputs`; `onChecked` after each report, in the order they finish. */
  check(inputs: readonly CheckInput[], onChecked: () => void): Promise<FileResult[]>;
  gazetteerProblems(paths: readonly string[]): Promise<Map<string, GazetteerProblem[]>>;
  /** How many worker workers checked (0: this worker). */
  readonly workers: number;
  close(): Promise<void>;
}

/** Where the worker's bundle is: beside this bundle in dist/, or the repository's dist/ when run from the TypeScript sources (tests). */
function workerScript(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  return [join(here, 'checkWorker.js'), resolve(here, '../../../dist/checkWorker.js')].find((path) => existsSync(path));
}

export async function openChecker(
  service: LanguageService,
  settings: ServiceSettings,
  inputs: readonly CheckInput[],
  concurrency: Concurrency,
): Promise<Checker> {
  const script = workerScript();
  if (typeof concurrency === 'number' && script === undefined) {
    throw new UsageError('--concurrency needs the worker bundle dist/checkWorker.js, which is missing: run npm run build, or use --concurrency off.');
  }
  const workers = concurrency === 'off' ? 0 : concurrency === 'auto' ? await autoWorkers(inputs) : concurrency;
  if (workers <= 0 || script === undefined) return inProcess(service, settings);
  return workerPool(script, settings, Math.min(workers, Math.max(1, inputs.length)), (input) => service.gazetteerFiles(settings, input.path));
}

async function autoWorkers(inputs: readonly CheckInput[]): Promise<number> {
  const cores = availableParallelism();
  if (cores < 2 || inputs.length < IN_PROCESS_FILES) return 0;
  let bytes = 0;
  for (const input of inputs) {
    bytes += input.text?.length ?? (await stat(input.path).catch(() => undefined))?.size ?? 0;
    if (bytes >= IN_PROCESS_BYTES) return cores;
  }
  return 0;
}

function inProcess(service: LanguageService, settings: ServiceSettings): Checker {
  return {
    workers: 0,
    async check(inputs, onChecked) {
      const results: FileResult[] = [];
      for (const input of inputs) {
        results.push(await checkFile(service, settings, input));
        onChecked();
      }
      return results;
    },
    async gazetteerProblems(paths) {
      const problems = new Map<string, GazetteerProblem[]>();
      for (const path of paths) problems.set(path, await gazetteerProblemsOf(service, settings, path));
      return problems;
    },
    close: async () => {},
  };
}

type WorkerReply =
  | { kind: 'checked'; index: number; result: FileResult }
  | { kind: 'idle' }
  | { kind: 'problems'; problems: { path: string; problems: GazetteerProblem[] }[] }
  | { kind: 'failed'; error: string };

/**
 * A worker process ended by a signal from outside (a CI job's time limit, the system's out-of-memory
 * killer, a kill command): not a bug of the checks, so said as such, with what to do.
 */
export class WorkerKilled extends Error {
  constructor(signal: NodeJS.Signals) {
    super(
      `a check worker process was stopped by ${signal}, sent from outside (a CI job's time limit, the system's out-of-memory killer, a kill command), ` +
        'so the check did not finish and no report was printed. Run it again; with --concurrency off it runs in one process.',
    );
  }
}

/** Reports per message to a worker: small enough to share the last ones out, large enough to keep a gazetteer's reports together. */
const MAX_BATCH = 32;

/**
 * Node flags of the check workers. They are processes, not threads, so that they can have these:
 * V8 takes its flags per process, at its start (v8.setFlagsFromString before starting worker
 * threads made V8 abort in a collection), and the CLI's own first line cannot name them (BusyBox's
 * env, in Alpine images, has no `-S`). `--single-threaded-gc`: with every core busy checking, V8's
 * helper threads for collection (parallel scavenges, concurrent marking) only competed with the
 * checks. Measured on 2 cores in bench/README.md, "Archive".
 */
export const WORKER_NODE_FLAGS = ['--single-threaded-gc'];

/** The errors of a message sent to a worker whose process has ended. */
const CHANNEL_GONE = new Set(['ERR_IPC_CHANNEL_CLOSED', 'EPIPE', 'ECONNRESET']);

function workerPool(script: string, settings: ServiceSettings, size: number, teamGazetteers: (input: CheckInput) => Promise<string[]>): Checker {
  // stdout is the CLI's (its report); a worker writes nothing there. Its stderr is shown, so that a crash says why.
  const workers = Array.from({ length: size }, () =>
    fork(script, [], { execArgv: WORKER_NODE_FLAGS, serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }),
  );
  // Which worker has loaded which gazetteer: its problems are asked of that worker.
  const loadedBy = new Map<string, ChildProcess>();
  let failure: ((error: Error) => void) | undefined;
  /** The first failure of a worker: kept, since it may come before anything waits on the workers. */
  let failed: Error | undefined;
  const fail = (error: Error) => {
    failed ??= error;
    failure?.(error);
  };
  /** What rejects the work in progress when a worker fails, at once if one has. */
  const watch = (reject: (error: Error) => void) => {
    failure = reject;
    if (failed) reject(failed);
  };
  let closing = false;
  for (const worker of workers) {
    // A message sent to a worker that has just died fails ("Channel closed", EPIPE): its exit, which follows, says why.
    worker.on('error', (error) => !CHANNEL_GONE.has(String((error as { code?: unknown }).code)) && fail(error));
    worker.on('exit', (code, signal) => !closing && fail(signal ? new WorkerKilled(signal) : new Error(`a check worker stopped (exit code ${code})`)));
  }
  const send = (worker: ChildProcess, request: WorkerRequest) => worker.send(request);
  for (const worker of workers) send(worker, { kind: 'start', settings });
  return {
    workers: size,
    async check(inputs, onChecked) {
      // Reports that share a gazetteer go out together, so that each gazetteer is loaded by as few workers as possible.
      const keyed = await Promise.all(inputs.map(async (input, index) => ({ index, input, key: (await teamGazetteers(input)).join('\n') })));
      keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index));
      const batchSize = Math.max(1, Math.min(MAX_BATCH, Math.ceil(inputs.length / (size * 4))));
      const batches: { index: number; input: CheckInput }[][] = [];
      for (let start = 0; start < keyed.length; start += batchSize) batches.push(keyed.slice(start, start + batchSize).map(({ index, input }) => ({ index, input })));
      const results = new Array<FileResult>(inputs.length);
      let pending = inputs.length;
      await new Promise<void>((resolvePromise, reject) => {
        watch(reject);
        if (failed) return;
        if (pending === 0) return resolvePromise();
        for (const worker of workers) {
          worker.removeAllListeners('message');
          worker.on('message', (reply: WorkerReply) => {
            if (reply.kind === 'failed') return reject(new Error(reply.error));
            if (reply.kind === 'checked') {
              results[reply.index] = reply.result;
              for (const file of reply.result.gazetteerFiles) if (!loadedBy.has(file)) loadedBy.set(file, worker);
              onChecked();
              if (--pending === 0) resolvePromise();
            } else if (reply.kind === 'idle') {
              const next = batches.shift();
              if (next) send(worker, { kind: 'check', inputs: next });
            }
          });
          const first = batches.shift();
          if (first) send(worker, { kind: 'check', inputs: first });
        }
      });
      return results;
    },
    async gazetteerProblems(paths) {
      const byWorker = new Map<ChildProcess, string[]>();
      for (const path of paths) {
        const worker = loadedBy.get(path) ?? workers[0]!;
        byWorker.set(worker, [...(byWorker.get(worker) ?? []), path]);
      }
      const answers = await Promise.all(
        [...byWorker].map(
          ([worker, asked]) =>
            new Promise<{ path: string; problems: GazetteerProblem[] }[]>((resolvePromise, reject) => {
              watch(reject);
              if (failed) return;
              worker.removeAllListeners('message');
              worker.on('message', (reply: WorkerReply) => (reply.kind === 'problems' ? resolvePromise(reply.problems) : reply.kind === 'failed' && reject(new Error(reply.error))));
              send(worker, { kind: 'problems', paths: asked });
            }),
        ),
      );
      const problems = new Map(answers.flat().map(({ path, problems: found }) => [path, found]));
      return new Map(paths.map((path) => [path, problems.get(path) ?? []]));
    },
    async close() {
      failure = undefined;
      closing = true;
      await Promise.all(
        workers.map((worker) =>
          worker.exitCode !== null || worker.signalCode !== null ? undefined : new Promise<void>((resolveExit) => {
            worker.once('exit', () => resolveExit());
            worker.kill();
          }),
        ),
      );
    },
  };
}
