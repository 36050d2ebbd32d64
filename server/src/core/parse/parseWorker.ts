// The worker thread of parallelParse.ts, bundled on its own as dist/parseWorker.js
// (scripts/build.mjs): parses a text from a region boundary to its end, region by region as
// parseChunked does, and posts the blocks back (by structured clone, model included).
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { parseChunkedRange } from './chunkedParse.js';
import type { ParseWorkerInput, ParseWorkerOutput } from './parallelParse.js';

if (!isMainThread && parentPort) {
  const { text, start, chunkSize } = workerData as ParseWorkerInput;
  let output: ParseWorkerOutput;
  try {
    output = { range: parseChunkedRange(text, start, text.length, chunkSize) };
  } catch (error) {
    output = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  try {
    parentPort.postMessage(output);
  } catch (error) {
    // Something in the model that cannot be cloned: the main thread parses this part itself.
    parentPort.postMessage({ error: `could not send the blocks: ${String(error)}` } satisfies ParseWorkerOutput);
  }
}
