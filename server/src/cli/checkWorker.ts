import { parentPort, workerData } from 'node:worker_threads';
import { createLanguageService, type ServiceSettings } from '../core/languageService.js';
import { nodeFileSystem } from '../core/workspace/fileSystem.js';
import { checkFile, gazetteerProblemsOf, type CheckInput } from './checkFile.js';

// A worker thread of `incident-markup check` (checkPool.ts): one language service for its life, so
// the built-in layer and each gazetteer are loaded once per worker and kept for the next reports.

/** What the pool sends a worker. */
export type WorkerRequest = { kind: 'check'; inputs: { index: number; input: CheckInput }[] } | { kind: 'problems'; paths: string[] };

const settings = (workerData as { settings: ServiceSettings }).settings;
const service = createLanguageService({ fileSystem: nodeFileSystem });
const port = parentPort!;

port.on('message', (request: WorkerRequest) => {
  void answer(request).catch((error: unknown) => port.postMessage({ kind: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
});

async function answer(request: WorkerRequest): Promise<void> {
  if (request.kind === 'problems') {
    const problems = [];
    for (const path of request.paths) problems.push({ path, problems: await gazetteerProblemsOf(service, settings, path) });
    port.postMessage({ kind: 'problems', problems });
    return;
  }
  // One message per report, so that progress moves report by report.
  for (const { index, input } of request.inputs) port.postMessage({ kind: 'checked', index, result: await checkFile(service, settings, input) });
  port.postMessage({ kind: 'idle' });
}
