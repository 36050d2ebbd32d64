import type { EditedTextDocument } from './editedDocument.js';
import type { LanguageService } from '../core/languageService.js';
import { afterDiagnosticsSent } from './afterDiagnosticsSent.js';
import type { ServerContext } from './context.js';
import type { SettingsStore } from './settings.js';
import { pathOf } from './workspace.js';

/**
 * Runs `steps` one at a time, each after the messages received meanwhile, until they are done or
 * `wanted` says to stop. With `quiet`, a step waits until it says 0: how many milliseconds are left
 * before the writer counts as paused.
 */
export function runStepsBetweenMessages(
  steps: ReadonlyArray<() => void>,
  wanted: () => boolean,
  onError: (error: unknown) => void,
  quiet: () => number = () => 0,
): Promise<void> {
  return new Promise((done) => {
    let next = 0;
    const runNext = () => {
      if (next >= steps.length || !wanted()) return done();
      const wait = quiet();
      if (wait > 0) return void setTimeout(() => afterDiagnosticsSent(runNext), wait);
      try {
        steps[next++]!();
      } catch (error) {
        onError(error);
        return done();
      }
      // The same two turns put the next step after the messages read meanwhile (afterDiagnosticsSent.ts).
      afterDiagnosticsSent(runNext);
    };
    // The first step too: each must start in the loop's check phase, for a message read in the poll
    // phase of the turn after it to be handled before the next (one started in the poll phase lets the
    // next step go first).
    afterDiagnosticsSent(runNext);
  });
}

/**
 * After a report's first diagnostics are out, what its first completions and first edits would
 * build or compile (LanguageService.warmUp): the searches of its countries' place names, chrono's
 * patterns. Without it the writer's first `:place[` waited 0.35-0.7 s with the bench's million-line
 * import. Once per open report; what the searches build is shared by every report of the same
 * gazetteer, so the next report's warm-up costs little. The steps run between the messages the
 * server receives, so that a keystroke typed just after the open waits for one step, not for all.
 */
export class WarmUp {
  private readonly warmed = new Set<string>();
  /** When a report was last edited (performance.now()). */
  private lastEdit = -Infinity;

  constructor(
    private readonly context: ServerContext,
    private readonly service: LanguageService,
    private readonly settings: SettingsStore,
  ) {
    context.documents.onDidClose(({ document }) => this.warmed.delete(document.uri));
    context.documents.onDidChangeContent(() => (this.lastEdit = performance.now()));
  }

  /** A report was checked: warm up once its diagnostics have been sent (afterDiagnosticsSent). */
  checked(document: EditedTextDocument): void {
    if (this.warmed.has(document.uri)) return;
    this.warmed.add(document.uri);
    // The writer may start typing as soon as the report is open: that counts as typing too.
    this.lastEdit = performance.now();
    afterDiagnosticsSent(() => {
      void this.warmUp(document.uri).catch((error: unknown) => this.context.logError('Preparing completion', error));
    });
  }

  private async warmUp(uri: string): Promise<void> {
    // Started after the first diagnostics were sent (checked); each step after the messages that came meanwhile.
    const document = this.context.documents.get(uri);
    if (!document) return;
    const settings = await this.settings.forDocument(uri);
    const steps = await this.service.warmUp({ key: uri, path: pathOf(uri), text: document.text }, settings);
    const wanted = () => !this.context.shutDown && this.context.documents.get(uri) !== undefined;
    const quiet = () => Math.max(0, this.lastEdit + WARM_UP_AFTER_TYPING_MS - performance.now());
    await runStepsBetweenMessages(steps, wanted, (error) => this.context.logError('Preparing completion', error), quiet);
  }
}

/**
 * A step of the warm-up waits until the writer has typed nothing for this long. A step can take
 * 150 ms (the first search of a country's place names, with the bench's 1 MiB report and the
 * built-in layer), and a keystroke that arrives during one waits for it: typing right after opening
 * a long report, the first keystroke took 127-167 ms, nearly all of it that search. The report's
 * first diagnostics count as an edit: the warm-up starts once the writer has let it be for this long.
 */
export const WARM_UP_AFTER_TYPING_MS = 500;
