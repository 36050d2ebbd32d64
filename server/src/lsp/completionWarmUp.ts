import type { EditedTextDocument } from './editedDocument.js';
import type { LanguageService } from '../core/languageService.js';
import { afterDiagnosticsSent } from './afterDiagnosticsSent.js';
import type { ServerContext } from './context.js';
import type { SettingsStore } from './settings.js';
import { pathOf } from './workspace.js';

/**
 * After a report's first diagnostics are out, the searches its first completions would run
 * (LanguageService.prepareCompletion), so that the writer's first `:place[` does not wait for the
 * lists and compiled code they build: 0.35-0.7 s for the first completion with the bench's
 * million-line import. Once per open report; what they build is shared by every report of the
 * same gazetteer, so the next report's warm-up costs little.
 */
export class CompletionWarmUp {
  private readonly warmed = new Set<string>();

  constructor(
    private readonly context: ServerContext,
    private readonly service: LanguageService,
    private readonly settings: SettingsStore,
  ) {
    context.documents.onDidClose(({ document }) => this.warmed.delete(document.uri));
  }

  /** A report was checked: warm up once its diagnostics have been sent (afterDiagnosticsSent). */
  checked(document: EditedTextDocument): void {
    if (this.warmed.has(document.uri)) return;
    this.warmed.add(document.uri);
    afterDiagnosticsSent(() => {
      void this.warmUp(document.uri).catch((error: unknown) => this.context.logError('Preparing completion', error));
    });
  }

  private async warmUp(uri: string): Promise<void> {
    const document = this.context.documents.get(uri);
    if (!document) return;
    const settings = await this.settings.forDocument(uri);
    await this.service.prepareCompletion({ key: uri, path: pathOf(uri), text: document.text }, settings);
  }
}
