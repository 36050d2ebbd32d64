import type { Diagnostic, DocumentDiagnosticParams, DocumentDiagnosticReport } from 'vscode-languageserver';
import type { ProjectConfig } from '../core/config/projectConfig.js';
import type { ReportDiagnostic } from '../core/diagnostics.js';
import { INLAY_HINT_CODES } from '../core/languageFeatures/inlayHints.js';
import type { LanguageService, ServiceSettings } from '../core/languageService.js';
import { LineIndex } from '../core/text.js';
import { checkStoppedDiagnostic } from './checkWorker/checkStopped.js';
import type { CheckOutcome } from './checkWorker/messages.js';
import { isStopped, type ReportChecks } from './checkWorker/reportChecks.js';
import type { ServerContext } from './context.js';
import type { EditedTextDocument } from './editedDocument.js';
import { configProblemDiagnostic, gazetteerProblemDiagnostic, sameDiagnostic, toDiagnostic } from './convert.js';
import type { Debouncer } from './debouncer.js';
import { ReportScheduler } from './reportScheduler.js';
import type { DocumentSettings, SettingsStore } from './settings.js';
import { isReportDocument, type Workspace } from './workspace.js';

/** A pull answer for one version of an open report, and what it was computed from. */
interface PulledReport {
  /** TextDocuments keeps one object per open document, so a reopened one is a different object. */
  document: EditedTextDocument;
  version: number;
  generation: number;
  result: Promise<{ resultId: string; items: Diagnostic[] }>;
}

/** The diagnostics last delivered for an open report, as found and as sent. */
interface Delivered {
  document: EditedTextDocument;
  found: readonly ReportDiagnostic[];
  items: Diagnostic[];
  /** The pull answer that carried `items`, when one did. */
  resultId?: string;
}

export interface DiagnosticsManagerOptions {
  service: LanguageService;
  /** Where reports are checked (worker threads with a time limit, or this thread). */
  checks: ReportChecks;
  workspace: Workspace;
  settings: SettingsStore;
  debouncer: Debouncer;
  /** The gazetteer files whose own problems are shown. */
  gazetteersInUse: () => ReadonlySet<string>;
  /** Told of every check of a report, for what other rooms keep of it. */
  onChecked: (document: EditedTextDocument, version: number, outcome: CheckOutcome) => void;
  /** Told of a check that ran over its time: nothing is known of the report but that. */
  onStopped: (document: EditedTextDocument, version: number) => void;
  /** Told, after each publication, the diagnostics of every gazetteer file in use (the status counts their errors). */
  onGazetteerDiagnostics: (published: ReadonlyMap<string, { uri: string; diagnostics: Diagnostic[] }>) => void;
}

/**
 * Delivers diagnostics: a report's pushed when the scheduler says, or pulled with result ids; and
 * the problems of the gazetteer files and the team configuration, always pushed, since they belong
 * to files the client may never pull (a gazetteer in use but not open).
 */
export class DiagnosticsManager {
  /**
   * Bumped (in revalidateAll) by every event after which any report's diagnostics may differ
   * with its text unchanged: settings, workspace folders, a gazetteer file, the project
   * configuration, the Reload Gazetteer command.
   */
  private generation = 0;
  /**
   * The last pull answer per open report and what it was computed from. A pull for the same
   * document version in the same generation is answered from here, without checking again.
   */
  private readonly pulled = new Map<string, PulledReport>();
  /** Result ids are unique for this server's life; the prefix keeps them apart from a previous server's. */
  private readonly resultIdPrefix = `${Date.now().toString(36)}-`;
  private lastResultId = 0;
  private readonly scheduler: ReportScheduler;
  /** Per open report: what its last check delivered, re-used for the diagnostics a keystroke left as they were. */
  private readonly delivered = new Map<string, Delivered>();
  /** Per file: the diagnostics last published (as JSON), to clear them and to skip repeats. */
  private readonly publishedConfigs = new Map<string, string>();
  private readonly publishedGazetteers = new Map<string, { uri: string; key: string }>();

  constructor(
    private readonly context: ServerContext,
    private readonly options: DiagnosticsManagerOptions,
  ) {
    this.scheduler = new ReportScheduler(
      context,
      options.debouncer,
      (document) => this.check(document),
      (uri, version, diagnostics) => context.connection.sendDiagnostics({ uri, version, diagnostics }),
    );
  }

  /** One version of a report checked, and its diagnostics as LSP sends them. */
  async check(document: EditedTextDocument): Promise<Diagnostic[]> {
    // TextDocuments updates documents in place, so this version's text is taken before any await.
    const source = document.source();
    const version = document.version;
    const settings = await this.options.settings.forDocument(document.uri);
    const result = await this.options.checks.check(document, source, settings);
    if (isStopped(result)) {
      this.options.onStopped(document, version);
      return [checkStoppedDiagnostic(result)];
    }
    this.options.onChecked(document, version, result);
    if (result.projectConfig) void this.publishConfigProblems(result.projectConfig);
    this.scheduleGazetteerDiagnostics();
    return this.converted(document, this.shown(result.diagnostics, settings));
  }

  /**
   * The findings as LSP diagnostics, re-using the converted ones the last check of the document
   * delivered where they are the same (a keystroke changes a few of a long report's thousands):
   * the same array when nothing changed, which a pull then answers `unchanged`.
   */
  private converted(document: EditedTextDocument, found: readonly ReportDiagnostic[]): Diagnostic[] {
    const previous = this.delivered.get(document.uri);
    const convert = (diagnostic: ReportDiagnostic) => toDiagnostic(diagnostic, document.uri, this.options.workspace.uriForPath, this.context.client);
    if (!previous || previous.document !== document) {
      const items = found.map(convert);
      this.delivered.set(document.uri, { document, found, items });
      return items;
    }
    // The same at the start and at the end; what lies between is converted again.
    const shortest = Math.min(found.length, previous.found.length);
    let head = 0;
    while (head < shortest && sameDiagnostic(found[head]!, previous.found[head]!)) head++;
    let tail = 0;
    while (tail < shortest - head && sameDiagnostic(found[found.length - 1 - tail]!, previous.found[previous.found.length - 1 - tail]!)) tail++;
    if (head === found.length && found.length === previous.found.length) {
      previous.found = found;
      return previous.items;
    }
    const items = [...previous.items.slice(0, head), ...found.slice(head, found.length - tail).map(convert), ...previous.items.slice(previous.items.length - tail)];
    this.delivered.set(document.uri, { document, found, items });
    return items;
  }

  /**
   * What is sent of a check's findings: all of them, but for the hints an inlay hint shows (the
   * alias and inferred-date hints, most of a long report's diagnostics) when the client shows inlay
   * hints and the writer did not ask for them as diagnostics too. Only at hint severity: raised by
   * the team or the writer to information or above, they are problems to list, not annotations.
   * The quick fixes keep every finding (onChecked), so the fixes stay with them all.
   */
  private shown(diagnostics: ReportDiagnostic[], settings: DocumentSettings): ReportDiagnostic[] {
    if (!this.context.client.inlayHints || settings.inlayHintsAsDiagnostics) return diagnostics;
    return diagnostics.filter((diagnostic) => diagnostic.severity !== 'hint' || !INLAY_HINT_CODES.has(diagnostic.code));
  }

  /** An open report's text changed: a push client is sent its new diagnostics, a pull client asks. */
  reportChanged(document: EditedTextDocument): void {
    if (!this.context.client.pullDiagnostics) this.scheduler.schedule(document.uri);
  }

  /** A document was closed: nothing is kept for it. */
  forget(uri: string): void {
    this.scheduler.forget(uri);
    this.pulled.delete(uri);
    this.delivered.delete(uri);
  }

  /** A report was closed: a push client's diagnostics for it are cleared. */
  async clearReport(uri: string): Promise<void> {
    if (!this.context.client.pullDiagnostics) await this.context.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Every open report again, after something they all depend on changed. */
  revalidateAll(): void {
    // At once, not debounced: a pull arriving before the refresh must not be answered "unchanged".
    this.generation++;
    const { client, connection, documents } = this.context;
    if (client.pullDiagnostics && client.diagnosticRefresh) {
      this.options.debouncer.debounce('refresh', async () => {
        await connection.languages.diagnostics.refresh();
      });
      return;
    }
    for (const document of documents.all()) {
      if (isReportDocument(document)) this.scheduler.schedule(document.uri);
    }
  }

  async pull(params: DocumentDiagnosticParams): Promise<DocumentDiagnosticReport> {
    const document = this.context.documents.get(params.textDocument.uri);
    // Gazetteer files are answered empty here because their problems are pushed.
    if (!document || !isReportDocument(document)) return { kind: 'full', items: [] };
    const { resultId, items } = await this.pulledReport(document).result;
    if (params.previousResultId === resultId) return { kind: 'unchanged', resultId };
    return { kind: 'full', resultId, items };
  }

  /**
   * The diagnostics of an open report for a pull, with their result id: checked once per document
   * version and generation, so that pulls with nothing changed in between (the client's re-pull
   * of every open report, a tab coming back) cost nothing. Concurrent pulls share one check.
   */
  private pulledReport(document: EditedTextDocument): PulledReport {
    const { uri, version } = document;
    const previous = this.pulled.get(uri);
    if (previous && previous.document === document && previous.version === version && previous.generation === this.generation) return previous;
    // Taken in the same turn as the version and the text `check` reads, so the entry
    // describes exactly the inputs it was computed from.
    const settings: Promise<ServiceSettings> = this.options.settings.forDocument(uri);
    const entry: PulledReport = {
      document,
      version,
      generation: this.generation,
      result: this.check(document).then((items) => ({ resultId: this.resultIdFor(document, items), items })),
    };
    this.pulled.set(uri, entry);
    const drop = () => {
      if (this.pulled.get(uri) === entry) this.pulled.delete(uri);
    };
    // Settings that could not be read were replaced by defaults and are asked for again next
    // time, so that answer must not be kept; nor a failed check.
    entry.result.then(() => {
      if (!this.options.settings.isCurrent(uri, settings)) drop();
    }, drop);
    return entry;
  }

  /**
   * A new result id, or the one that last carried these very items (the check found what it found
   * before, so the client's copy is current): a pull that names it is answered `unchanged`.
   */
  private resultIdFor(document: EditedTextDocument, items: Diagnostic[]): string {
    const delivered = this.delivered.get(document.uri);
    if (delivered?.document === document && delivered.items === items && delivered.resultId !== undefined) return delivered.resultId;
    const resultId = `${this.resultIdPrefix}${++this.lastResultId}`;
    if (delivered?.document === document && delivered.items === items) delivered.resultId = resultId;
    return resultId;
  }

  /** The team configuration's own problems, shown in `.incident-markup.yaml`; sent again only when they change. */
  async publishConfigProblems(config: ProjectConfig): Promise<void> {
    const diagnostics = config.problems.map(configProblemDiagnostic);
    const key = JSON.stringify(diagnostics);
    const previous = this.publishedConfigs.get(config.path);
    if (previous === key || (previous === undefined && diagnostics.length === 0)) return;
    this.publishedConfigs.set(config.path, key);
    await this.context.connection.sendDiagnostics({ uri: this.options.workspace.uriForPath(config.path), diagnostics });
  }

  /** `.incident-markup.yaml` was deleted: its problems go with it. */
  configDeleted(path: string, uri: string): void {
    this.publishedConfigs.delete(path);
    void this.context.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  scheduleGazetteerDiagnostics(): void {
    this.options.debouncer.debounce('gazetteers', () => this.publishGazetteerDiagnostics());
  }

  private async publishGazetteerDiagnostics(): Promise<void> {
    if (this.context.shutDown) return;
    const { connection } = this.context;
    const { service, workspace } = this.options;
    const wanted = this.options.gazetteersInUse();
    const all = new Map<string, { uri: string; diagnostics: Diagnostic[] }>();
    for (const path of wanted) {
      const lines = new LineIndex((await workspace.fileSystem.read(path, 'gazetteer')).text ?? '');
      const diagnostics = (await service.gazetteerProblems(path)).map((problem) => gazetteerProblemDiagnostic(problem, lines, this.context.client));
      const uri = workspace.uriForPath(path);
      const key = JSON.stringify(diagnostics);
      all.set(path, { uri, diagnostics });
      const previous = this.publishedGazetteers.get(path);
      if (previous?.uri === uri && previous.key === key) continue;
      if (!previous && diagnostics.length === 0) continue;
      if (previous && previous.uri !== uri) await connection.sendDiagnostics({ uri: previous.uri, diagnostics: [] });
      this.publishedGazetteers.set(path, { uri, key });
      await connection.sendDiagnostics({ uri, diagnostics });
    }
    for (const [path, previous] of this.publishedGazetteers) {
      if (wanted.has(path)) continue;
      this.publishedGazetteers.delete(path);
      await connection.sendDiagnostics({ uri: previous.uri, diagnostics: [] });
    }
    this.options.onGazetteerDiagnostics(all);
  }
}
