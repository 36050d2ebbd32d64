import type { EditedTextDocument } from './editedDocument.js';
import type { Diagnostic } from 'vscode-languageserver';
import type { ServerContext } from './context.js';
import type { Debouncer } from './debouncer.js';

/**
 * A report whose last check took longer than this waits DEBOUNCE_MS for a pause in typing. The
 * check only: sending its list is not counted. A long list for an editor without inlay hints
 * (every alias hint a diagnostic: 1.4 MB a version at 5 MiB) took longer to write than to check,
 * the write ending when the client had read it, and made every keystroke wait for a pause.
 */
export const FAST_CHECK_MS = 50;

interface RunState {
  running: boolean;
  /** An edit came during the running check: one more run, for the newest version. */
  again: boolean;
  scheduled: boolean;
  lastMs: number | undefined;
}

const timerKey = (uri: string) => `report:${uri}`;

/**
 * When to check a report after an edit (push clients). A check that re-uses its earlier results
 * costs a few tens of ms even in a 1 MB report, so it runs at once, after the messages already
 * received (which may hold further edits): a keystroke's diagnostics then follow it by about one
 * check. One check runs at a time per report; edits during it make one more run for the newest
 * version, and a result for a version already replaced is never published. Only a report whose
 * last check was slow (a cold open, a very long report) waits for a pause in typing.
 */
export class ReportScheduler {
  private readonly runs = new Map<string, RunState>();

  constructor(
    private readonly context: ServerContext,
    private readonly debouncer: Debouncer,
    private readonly check: (document: EditedTextDocument) => Promise<Diagnostic[]>,
    private readonly publish: (uri: string, version: number, diagnostics: Diagnostic[]) => Promise<void>,
  ) {}

  schedule(uri: string): void {
    if (this.context.shutDown) return;
    let state = this.runs.get(uri);
    if (!state) this.runs.set(uri, (state = { running: false, again: false, scheduled: false, lastMs: undefined }));
    if (state.lastMs !== undefined && state.lastMs > FAST_CHECK_MS) {
      this.debouncer.debounce(timerKey(uri), () => this.run(uri));
      return;
    }
    if (state.running) {
      state.again = true;
      return;
    }
    this.debouncer.cancel(timerKey(uri));
    if (state.scheduled) return;
    state.scheduled = true;
    // Two turns of the loop: the connection reads one queued message per turn, so an edit sent
    // right behind this one is applied first and this run checks it instead.
    setImmediate(() =>
      setImmediate(() => {
        state.scheduled = false;
        void this.run(uri);
      }),
    );
  }

  /** The report was closed. */
  forget(uri: string): void {
    this.debouncer.cancel(timerKey(uri));
    this.runs.delete(uri);
  }

  private async run(uri: string): Promise<void> {
    const state = this.runs.get(uri);
    if (!state || state.running) {
      if (state) state.again = true;
      return;
    }
    state.running = true;
    state.again = false;
    const started = performance.now();
    let checkMs: number | undefined;
    try {
      checkMs = await this.publishNewest(uri);
    } catch (error) {
      this.context.logError(timerKey(uri), error);
    } finally {
      state.lastMs = checkMs ?? performance.now() - started;
      state.running = false;
    }
    if (state.again && this.runs.get(uri) === state) this.schedule(uri);
  }

  /** Checks the newest version and publishes its diagnostics unless a newer one came meanwhile; how long the check took. */
  private async publishNewest(uri: string): Promise<number | undefined> {
    const { documents } = this.context;
    const document = documents.get(uri);
    if (!document || this.context.shutDown) return undefined;
    const { version } = document;
    const started = performance.now();
    const diagnostics = await this.check(document);
    const checkMs = performance.now() - started;
    // A newer edit, or the report closed and opened again (a new document object), supersedes
    // this result; its own run publishes.
    if (documents.get(uri) !== document || document.version !== version || this.context.shutDown) return checkMs;
    await this.publish(uri, version, diagnostics);
    return checkMs;
  }
}
