import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CHUNK_SIZE, cutNear, parseChunkedRange, type ParsedRange } from './chunkedParse.js';
import { assembleParts, parseFull, type Block, type ParsedReport } from './incrementalParse.js';

/**
 * Texts shorter than this are parsed on the calling thread alone. Measured with
 * bench/parallelParse.mjs (a fresh process per parse, median of 3) on the 2-core bench machine,
 * at moments when both cores were free: one thread already keeps about 1.6 cores busy (V8 compiles
 * the parser and collects garbage on its own threads), and the worker's isolate compiles the
 * parser again, so two threads are slower up to 1 MiB (256 KiB 323 → 387 ms, 1 MiB 888 → 920 ms)
 * and a little faster at 5 MiB (2,909 → 2,675 ms), for 40–100 MB more peak RSS. When other work
 * holds one core, two threads are slower at every size (1 MiB 975 → 1,782 ms).
 */
export const PARALLEL_MIN_LENGTH = 2 * 1024 * 1024;

/** The worker's bundle, beside the bundle that runs this code (dist/server.js, dist/cli.js). */
export const PARSE_WORKER_FILE = 'parseWorker.js';

/** What the main thread gives the worker (parseWorker.ts). */
export interface ParseWorkerInput {
  text: string;
  /** A region boundary: the worker parses from here to the end of the text. */
  start: number;
  chunkSize: number;
}

/** What the worker answers: its blocks (undefined where parseChunked would parse in one call), or why it failed. */
export type ParseWorkerOutput = { range: ParsedRange | undefined } | { error: string };

export interface ParallelParseOptions {
  /** The worker's script; by default parseWorker.js beside the running bundle. Without it, all is parsed on this thread. */
  workerPath?: string;
  /** Texts shorter than this are parsed on this thread alone (default PARALLEL_MIN_LENGTH). */
  minLength?: number;
  /** Where to cut the text, a region boundary (for tests); by default `cutNear` the middle. */
  cut?: number;
  chunkSize?: number;
  /** How long to wait for the worker once this thread's part is parsed (default: as long as that part took, and a second more). */
  timeoutMs?: number;
  /** Filled in with what happened, for tests and benchmarks. */
  tally?: ParallelTally;
}

export interface ParallelTally {
  /**
   * `parallel`: the worker parsed the text from `cut` on, and its blocks were used. `sequential`:
   * no worker was started, or its part was dropped before any use: parseFull's result.
   * `rest on main`: the worker was started, but this thread parsed what came after `cut` itself.
   */
  outcome?: 'parallel' | 'sequential' | 'rest on main';
  /** Why not `parallel`. */
  reason?: string;
  cut?: number;
  /** Blocks the worker sent that were used. */
  workerBlocks?: number;
  /** Milliseconds this thread spent on its part, and waiting for the worker afterwards. */
  mainMs?: number;
  waitMs?: number;
}

/**
 * Something that may be a link reference definition, at the start of a line or after the marks
 * of block quotes and list items: a definition reaches references anywhere in the text, which a
 * parse in two parts does not see, so such a text is parsed on one thread. Broader than
 * CommonMark's definitions on purpose.
 */
const DEFINITION_LIKE = /^[ \t]*(?:(?:>|[-*+]|\d{1,9}[.)])[ \t]*)*\[(?:[^\\\]]|\\[^])*\]:/m;

/** Where the text is cut, as a share of its length: measured, the main thread then waits 20–90 ms for the worker, which starts in 30–130 ms. */
const CUT_SHARE = 0.5;

/**
 * Parses the whole text into exactly what `parseFull(text)` returns, on two threads when it is
 * long: a worker thread (parseWorker.ts) parses from a region boundary near the middle to the
 * end while this thread parses up to it, both region by region (chunkedParse.ts). The worker's
 * blocks are used only when this thread's part ends with a stable boundary at the cut (the last
 * block before it closed, as between two regions of parseChunked); otherwise, or when the worker
 * fails, answers nothing usable or takes too long, this thread parses the rest itself. The worker
 * is terminated in every case. Its blocks arrive by structured clone, their model whole (the
 * annotations shared between blocks and incidents, each annotation's incident), and get fresh ids
 * here. On one thread from the start (parseFull): texts shorter than `minLength`, texts with
 * anything like a link reference definition, a leading byte order mark or front matter never
 * closed, texts without a boundary to cut at, and when the worker's script is missing (running
 * from sources) or the worker cannot be started.
 */
export async function parseFullParallel(text: string, options: ParallelParseOptions = {}): Promise<ParsedReport> {
  const tally = options.tally ?? {};
  const chunkSize = options.chunkSize ?? CHUNK_SIZE;
  const sequential = (reason: string): ParsedReport => {
    tally.outcome = 'sequential';
    tally.reason = reason;
    return parseFull(text, chunkSize);
  };

  if (text.length < (options.minLength ?? PARALLEL_MIN_LENGTH)) return sequential('short');
  if (text.includes(']:') && DEFINITION_LIKE.test(text)) return sequential('link reference definitions');
  const cut = options.cut ?? cutNear(text, Math.floor(text.length * CUT_SHARE));
  if (cut === undefined || cut <= 0 || cut >= text.length) return sequential('no cut');
  tally.cut = cut;
  const workerPath = options.workerPath ?? defaultWorkerPath();
  if (!existsSync(workerPath)) return sequential(`no worker at ${workerPath}`);

  let worker: Worker;
  try {
    worker = new Worker(workerPath, {
      workerData: { text, start: cut, chunkSize } satisfies ParseWorkerInput,
      name: 'incident-markup parse',
      // Not the server's: --inspect and the like are for the main thread.
      execArgv: [],
      // Its standard output is not the LSP stream's to write to.
      stdout: true,
    });
  } catch (error) {
    return sequential(`worker did not start: ${String(error)}`);
  }
  worker.stdout.resume();
  const answer = answerOf(worker);
  try {
    const started = performance.now();
    const main = parseChunkedRange(text, 0, cut, chunkSize);
    tally.mainMs = performance.now() - started;
    if (main === undefined || main.definitions) return sequential(main === undefined ? 'one call' : 'link reference definitions');
    if (main.end !== cut) {
      // This thread's part went on past the cut, to the end of the text.
      tally.outcome = 'rest on main';
      tally.reason = 'unstable cut';
      return assembleParts(text, main.blocks, main.blocks.length);
    }

    const waitStarted = performance.now();
    const output = await withTimeout(answer, options.timeoutMs ?? tally.mainMs + 1000);
    tally.waitMs = performance.now() - waitStarted;
    const problem = problemWith(output, text, cut);
    if (problem === undefined && output && 'range' in output && output.range) {
      tally.outcome = 'parallel';
      tally.workerBlocks = output.range.blocks.length;
      return assembleParts(text, [...main.blocks, ...output.range.blocks], main.blocks.length);
    }
    tally.outcome = 'rest on main';
    tally.reason = problem;
    const rest = parseChunkedRange(text, cut, text.length, chunkSize);
    if (rest === undefined || rest.definitions) return sequential(`${problem}; then ${rest === undefined ? 'one call' : 'link reference definitions'}`);
    return assembleParts(text, [...main.blocks, ...rest.blocks], main.blocks.length + rest.blocks.length);
  } finally {
    worker.terminate().catch(() => undefined);
  }
}

/** Where the worker's script is: beside the running bundle (import.meta.url is the bundle's own, scripts/build.mjs). */
export function defaultWorkerPath(): string {
  return join(dirname(fileURLToPath(import.meta.url)), PARSE_WORKER_FILE);
}

/** The worker's first answer, or its failure: it never rejects. */
function answerOf(worker: Worker): Promise<ParseWorkerOutput> {
  return new Promise((resolve) => {
    worker.once('message', (message: ParseWorkerOutput) => resolve(message));
    worker.once('messageerror', (error) => resolve({ error: `its answer could not be read: ${String(error)}` }));
    // Kept for good: an 'error' event with no listener would throw in this thread.
    worker.on('error', (error) => resolve({ error: String(error) }));
    worker.once('exit', (code) => resolve({ error: `it exited with code ${code} before answering` }));
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Why the worker's answer cannot be used, or undefined when it can. */
function problemWith(output: ParseWorkerOutput | undefined, text: string, cut: number): string | undefined {
  if (output === undefined) return 'the worker took too long';
  if (typeof output !== 'object' || output === null) return 'the worker answered nothing usable';
  if ('error' in output) return `the worker failed: ${output.error}`;
  const range = output.range;
  if (range === undefined) return 'the worker would parse in one call';
  if (!Array.isArray(range.blocks) || range.end !== text.length) return 'the worker answered nothing usable';
  if (range.definitions) return 'link reference definitions';
  const blocks: Block[] = range.blocks;
  if (blocks.some((block, index) => typeof block?.start !== 'number' || block.start < (index === 0 ? cut : blocks[index - 1]!.end))) {
    return 'the worker answered blocks out of place';
  }
  return undefined;
}
