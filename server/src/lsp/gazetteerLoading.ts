import type { WorkDoneProgressServerReporter } from 'vscode-languageserver';
import type { LanguageServiceOptions } from '../core/languageService.js';
import type { ServerContext } from './context.js';
import type { ServerStatus } from './serverStatus.js';

type LoadProgress = Parameters<NonNullable<LanguageServiceOptions['onGazetteerProgress']>>[0];

/** What the writer is told while gazetteers load: the progress of a long import, and once, a built-in layer that failed. */
export class GazetteerLoading {
  /** Shown while a large GeoNames import loads; ended when the check that needed it is done. */
  private progress: Promise<WorkDoneProgressServerReporter> | undefined;
  private builtinErrorShown = false;

  constructor(
    private readonly context: ServerContext,
    private readonly status: ServerStatus,
  ) {}

  readonly report = (progress: LoadProgress): void => {
    const percent = progress.totalBytes ? Math.min(99, Math.floor((progress.bytes / progress.totalBytes) * 100)) : undefined;
    this.status.gazetteerLoading(percent ?? null);
    const { connection, client, shutDown } = this.context;
    if (!client.workDoneProgress || shutDown) return;
    this.progress ??= connection.window.createWorkDoneProgress().then((reporter) => {
      reporter.begin('Loading gazetteer', 0, undefined, false);
      return reporter;
    });
    const message = `${progress.stage === 'linking' ? 'linking' : 'reading'} ${progress.lines.toLocaleString('en')} places`;
    void this.progress.then((reporter) => reporter.report(percent ?? 0, message)).catch(() => undefined);
  };

  /** A check is done, so whatever it loaded is loaded. */
  checked(builtinError: string | undefined): void {
    this.status.gazetteerLoaded(builtinError);
    const ending = this.progress;
    this.progress = undefined;
    void ending?.then((reporter) => reporter.done()).catch(() => undefined);
    if (builtinError !== undefined && !this.builtinErrorShown) {
      this.builtinErrorShown = true;
      const message = `Incident Markup could not load its built-in world gazetteer (${builtinError.replace(/\.$/, '')}); places are checked against your gazetteer files only. Reinstall the extension or run npm run build.`;
      this.context.connection.console.error(message);
      void this.context.connection.window.showWarningMessage(message);
    }
  }
}
