import type { EditedTextDocument } from './editedDocument.js';
import type { Diagnostic, Range } from 'vscode-languageserver';
import type { Fix, ReportDiagnostic } from '../core/diagnostics.js';
import type { ServerContext } from './context.js';
import { SOURCE } from './convert.js';
import { isReportDocument } from './workspace.js';

const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

/**
 * The fixes of the last check of each open report, for code actions. They stay here rather than
 * in each diagnostic's `data`: a long report has over a thousand fixable hints, and sending their
 * fixes on every keystroke made up 38% of the diagnostics' JSON (as vscode-eslint does, the server
 * keeps them and answers code actions from them).
 */
export class QuickFixes {
  private readonly checked = new Map<string, { version: number; diagnostics: ReportDiagnostic[] }>();

  constructor(
    private readonly context: ServerContext,
    /** Checks a version the client shows that was not checked yet (its check is pending or debounced). */
    private readonly check: (document: EditedTextDocument) => Promise<unknown>,
  ) {}

  /** What a check of one version found; an older version's check finishing late does not replace it. */
  record(document: EditedTextDocument, version: number, diagnostics: ReportDiagnostic[]): void {
    if (this.context.documents.get(document.uri) === document && (this.checked.get(document.uri)?.version ?? -1) <= version) {
      this.checked.set(document.uri, { version, diagnostics });
    }
  }

  forget(uri: string): void {
    this.checked.delete(uri);
  }

  /** The fixes for a diagnostic the client shows, from the check that found it. */
  async fixesFor(uri: string, diagnostic: Diagnostic): Promise<Fix[]> {
    if (diagnostic.source !== SOURCE) return [];
    const document = this.context.documents.get(uri);
    if (!document || !isReportDocument(document)) return [];
    if (this.checked.get(uri)?.version !== document.version) await this.check(document);
    const kept = this.checked
      .get(uri)
      ?.diagnostics.find((candidate) => candidate.code === diagnostic.code && candidate.message === diagnostic.message && sameRange(candidate.range, diagnostic.range));
    return kept?.fixes ?? [];
  }
}
