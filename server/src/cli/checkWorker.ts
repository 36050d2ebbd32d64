import { createLanguageService, type ServiceSettings } from '../core/languageService.js';
import { nodeFileSystem } from '../core/workspace/fileSystem.js';
import { checkFile, gazetteerProblemsOf, type CheckInput } from './checkFile.js';

// A worker process of `incident-markup check` (checkPool.ts, which says why processes): one language
// service for its life, so the built-in layer and each gazetteer are loaded once per worker and kept
// for the next reports. Messages come and go over the IPC channel fork() opened, in order.

/** What the pool sends a worker: the run's settings first, then reports to check and gazetteers to read. */
export type WorkerRequest =
  | { kind: 'start'; settings: ServiceSettings }
  | { kind: 'check'; inputs: { index: number; input: CheckInput }[] }
  | { kind: 'problems'; paths: string[] };

const service = createLanguageService({ fileSystem: nodeFileSystem });
let settings: ServiceSettings | undefined;
const reply = (message: unknown) => process.send!(message);

process.on('message', (request: WorkerRequest) => {
  if (request.kind === 'start') {
    settings = request.settings;
    return;
  }
  void answer(request, settings!).catch((error: unknown) => reply({ kind: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
});
// The CLI went away (killed, or its channel closed): nothing is left to answer.
process.on('disconnect', () => process.exit(0));

async function answer(request: Exclude<WorkerRequest, { kind: 'start' }>, settings: ServiceSettings): Promise<void> {
  if (request.kind === 'problems') {
    const problems = [];
    for (const path of request.paths) problems.push({ path, problems: await gazetteerProblemsOf(service, settings, path) });
    reply({ kind: 'problems', problems });
    return;
  }
  // One message per report, so that progress moves report by report.
  for (const { index, input } of request.inputs) reply({ kind: 'checked', index, result: await checkFile(service, settings, input) });
  reply({ kind: 'idle' });
}
