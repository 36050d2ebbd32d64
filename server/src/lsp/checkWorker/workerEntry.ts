import { parentPort, workerData } from 'node:worker_threads';
import { createLanguageService, DEFAULT_SETTINGS } from '../../core/languageService.js';
import { listenToParseProgress } from '../../core/parse/parseProgress.js';
import { PieceText } from '../../core/pieceText.js';
import { createFileSystem, pathKey } from '../../core/workspace/fileSystem.js';
import { checkOutcome, PHASE_IDLE, PHASE_PARSE, PHASE_RULES, PROGRESS_LINE, PROGRESS_PHASE, type FromWorker, type ToWorker, type WorkspaceView } from './messages.js';

/**
 * A check worker (bundled to dist/serverCheckWorker.js): a language service of its own that checks
 * reports off the thread that answers the editor, reading files as the server's service does
 * (Restricted Mode, the editor's text of open gazetteers and configuration), told by the server of
 * every event that changes what a check reads. The server ends the thread when a check runs over
 * its time; nothing here needs to stop itself.
 */
const failed = (id: number, error: unknown): FromWorker => ({ type: 'failed', id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });

/**
 * Runs one job, writing where it is into the pool's shared progress: the parse's regions as it
 * starts each, and the phase. A check and an index job parse the report before their first await
 * (LanguageService.check), so once the call returns the parse is over.
 */
function tracked<T>(progress: Int32Array, job: () => Promise<T>): Promise<T> {
  Atomics.store(progress, PROGRESS_LINE, 0);
  Atomics.store(progress, PROGRESS_PHASE, PHASE_PARSE);
  const running = job();
  Atomics.store(progress, PROGRESS_PHASE, PHASE_RULES);
  return running.finally(() => Atomics.store(progress, PROGRESS_PHASE, PHASE_IDLE));
}

/** The text of each open report this worker was sent, at the version it was sent: what the next check's edits apply to. */
class OpenReportTexts {
  private readonly held = new Map<string, { version: number; text: PieceText }>();

  /** The checked version's text, from the message; undefined when its edits are from a version not held. */
  read(message: Extract<ToWorker, { type: 'check' }>): PieceText | undefined {
    let text: PieceText;
    if ('whole' in message.text) text = PieceText.of(message.text.whole);
    else {
      const held = this.held.get(message.key);
      if (held?.version !== message.text.base) return undefined;
      text = message.text.edits.reduce((at, edit) => at.replace(edit.start, edit.end, edit.text), held.text);
    }
    this.held.set(message.key, { version: message.version, text });
    return text;
  }

  delete(key: string): void {
    this.held.delete(key);
  }
}

function startWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('serverCheckWorker.js runs as a worker thread of the language server, not on its own.');
  const send = (message: FromWorker) => port.postMessage(message);
  const progress = new Int32Array((workerData as { progress: SharedArrayBuffer }).progress);
  listenToParseProgress((line) => Atomics.store(progress, PROGRESS_LINE, line));
  let view: WorkspaceView = { restrictTo: undefined };
  const overlays = new Map<string, string>();
  const texts = new OpenReportTexts();
  const refused = new Set<string>();
  const service = createLanguageService({
    fileSystem: createFileSystem({
      restrictTo: () => view.restrictTo,
      overlay: (path) => overlays.get(pathKey(path)),
      onRefused: (path, failure) => {
        if (refused.has(path)) return;
        refused.add(path);
        send({ type: 'log', message: `Restricted Mode: not reading ${path}: ${failure.message}` });
      },
    }),
    onGazetteerProgress: (progress) => send({ type: 'gazetteerProgress', progress }),
  });

  port.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'workspace':
        view = message.view;
        return;
      case 'overlay':
        if (message.text === undefined) overlays.delete(pathKey(message.path));
        else overlays.set(pathKey(message.path), message.text);
        return;
      case 'invalidate':
        if (message.what === 'gazetteer') service.invalidateGazetteer(message.path, message.text);
        else if (message.what === 'projectConfig') service.invalidateProjectConfig();
        else service.invalidateFiles();
        return;
      case 'forget':
        texts.delete(message.key);
        service.forget(message.key);
        return;
      case 'check': {
        const text = texts.read(message);
        if (text === undefined) {
          send({ type: 'failed', id: message.id, message: `No text of version ${'base' in message.text ? message.text.base : '?'} of ${message.key} to apply the edits to.`, missingText: true });
          return;
        }
        const document = { key: message.key, path: message.path, text };
        tracked(progress, () => service.check(document, message.settings)).then(
          (result) => send({ type: 'checked', id: message.id, outcome: checkOutcome(result) }),
          (error: unknown) => send(failed(message.id, error)),
        );
        return;
      }
      case 'index':
        tracked(progress, () => service.indexData(message.path, message.text, message.settings)).then(
          (data) => send({ type: 'indexed', id: message.id, data }),
          (error: unknown) => send(failed(message.id, error)),
        );
        return;
    }
  });
  // Loaded before the first check, so that a check's time limit is spent on the report alone.
  // Only the built-in layer: nothing of the workspace is read before the server has said what may be.
  void service
    .loadGazetteer([], DEFAULT_SETTINGS)
    .catch(() => undefined)
    .finally(() => send({ type: 'ready' }));
}

startWorker();
