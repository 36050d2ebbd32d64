import type {
  CodeAction,
  CodeLens,
  CompletionList,
  Connection,
  DocumentDiagnosticReport,
  DocumentSymbol,
  FoldingRange,
  InlayHint,
  DocumentHighlight,
  Hover,
  Location,
  LocationLink,
  PrepareRenameResult,
  SelectionRange,
  SemanticTokens,
  SymbolInformation,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { preloadWorldLayer } from './core/gazetteer/worldLayer.js';
import { createLanguageService, type ServiceSettings } from './core/languageService.js';
import { readClientFeatures, readInitializationOptions } from './lsp/clientFeatures.js';
import { initializeResult } from './lsp/capabilities.js';
import { ReportChecks, whenCheckable } from './lsp/checkWorker/reportChecks.js';
import { ServerContext } from './lsp/context.js';
import { Debouncer } from './lsp/debouncer.js';
import { DiagnosticsManager } from './lsp/diagnosticsManager.js';
import { provideCodeActions } from './lsp/features/codeActions.js';
import { executeCommand } from './lsp/features/commands.js';
import { OVERVIEW_REQUEST, provideOverview, type OverviewParams, type OverviewResult } from './lsp/features/overview.js';
import { provideCompletion } from './lsp/features/completion.js';
import { provideDefinition } from './lsp/features/definition.js';
import { provideDocumentSymbols } from './lsp/features/documentSymbols.js';
import { provideFoldingRanges } from './lsp/features/foldingRanges.js';
import { provideSelectionRanges } from './lsp/features/selectionRanges.js';
import { provideSemanticTokens, provideSemanticTokensInRange } from './lsp/features/semanticTokens.js';
import { provideInlayHints } from './lsp/features/inlayHints.js';
import { provideCodeLenses } from './lsp/features/codeLens.js';
import { provideHover } from './lsp/features/hover.js';
import { provideWorkspaceSymbols } from './lsp/features/workspaceSymbols.js';
import { provideReferences } from './lsp/features/references.js';
import { providePrepareRename, provideRename } from './lsp/features/rename.js';
import { provideDocumentHighlights } from './lsp/features/documentHighlight.js';
import { GazetteerLoading } from './lsp/gazetteerLoading.js';
import { GazetteerWatcher } from './lsp/gazetteerWatcher.js';
import { QuickFixes } from './lsp/quickFixes.js';
import { afterDiagnosticsSent } from './lsp/afterDiagnosticsSent.js';
import { WarmUp } from './lsp/warmUp.js';
import { ServerStatus } from './lsp/serverStatus.js';
import { SettingsStore } from './lsp/settings.js';
import { ViewRefresh } from './lsp/viewRefresh.js';
import { Workspace } from './lsp/workspace.js';
import { WorkspaceEvents } from './lsp/workspaceEvents.js';
import { folderSettings, WorkspaceIndexing } from './lsp/workspaceIndexing.js';

export interface ServerOptions {
  /** The bundled check worker (dist/serverCheckWorker.js); without it reports are checked on the server's thread, with no time limit. */
  checkWorker?: string;
}

/** The server's rooms, each with one job, wired to each other. */
function buildRooms(context: ServerContext, options: ServerOptions) {
  const debouncer = new Debouncer(context);
  const workspace = new Workspace(context);
  // The service, made below, counts the indexed reports; the status asks only once the server runs.
  const status = new ServerStatus(context, workspace, (openReports) => service.indexedReports(openReports));
  context.onError = status.failed;
  const loading = new GazetteerLoading(context, status);
  const settings = new SettingsStore(context, (uri) => workspace.rootFor(uri));
  const ownService = createLanguageService({
    fileSystem: workspace.fileSystem,
    onGazetteerProgress: loading.report,
    indexSettings: folderSettings(workspace, settings),
    // A long report's whole parse lets the messages received meanwhile through, region by region.
    betweenParseRegions: () => new Promise((resolve) => afterDiagnosticsSent(resolve)),
    // In the check workers, after the open reports' checks and within their time limit.
    ...(options.checkWorker ? { indexReport: (path: string, text: string, forPath: ServiceSettings) => checks.indexReport(path, text, forPath) } : {}),
  });
  const checks = new ReportChecks(context, workspace, ownService, {
    workerPath: options.checkWorker,
    onNotice: (notice) => (notice.type === 'log' ? context.connection.console.info(notice.message) : loading.report(notice.progress)),
  });
  // The workers are told of every change to what a check reads.
  const service = checks.mirrored();
  const views = new ViewRefresh(context, debouncer);
  const gazetteers = new GazetteerWatcher(context, service, () => {
    diagnostics.revalidateAll();
    views.refresh();
    diagnostics.scheduleGazetteerDiagnostics();
    indexing.gazetteersChanged();
  });
  const quickFixes = new QuickFixes(context, (document) => diagnostics.check(document));
  const warmUp = new WarmUp(context, service, settings);
  const diagnostics: DiagnosticsManager = new DiagnosticsManager(context, {
    service,
    checks,
    workspace,
    settings,
    debouncer,
    gazetteersInUse: () => gazetteers.inUse(),
    onChecked: (document, version, result) => {
      loading.checked(result.builtinError);
      gazetteers.recordChecked(document.uri, result.gazetteerFiles);
      quickFixes.record(document, version, result.diagnostics);
      status.reportChecked(document.uri, result);
      warmUp.checked(document);
      indexing.checked();
    },
    onStopped: (document, version) => {
      quickFixes.record(document, version, []);
      indexing.checked();
    },
    onGazetteerDiagnostics: (published) => {
      status.gazetteerProblems(published);
      indexing.checked();
    },
  });
  const indexing = new WorkspaceIndexing(context, workspace, service, status);
  const events = new WorkspaceEvents(context, { service, workspace, settings, diagnostics, gazetteers, quickFixes, indexing, views });
  // Features that read a report on this thread wait for its check and leave alone one that ran over its time.
  const checkable = whenCheckable((uri) => checks.ready(uri, (document) => diagnostics.check(document)));
  return { debouncer, workspace, service, checks, checkable, settings, gazetteers, quickFixes, diagnostics, indexing, events, status };
}

/** The LSP side of Incident Markup: the connection's handlers, each handing its request to the room whose job it is. */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  // Read while the client initializes and the first report parses (the first check needs it after the parse).
  void preloadWorldLayer();
  const context = new ServerContext(connection);
  const { documents, guard } = context;
  const { debouncer, workspace, service, checks, checkable, settings, gazetteers, quickFixes, diagnostics, indexing, events, status } = buildRooms(context, options);
  const features = { workspace, settings, service };
  /** A request on one document, answered from this thread's parse once the report's check allows it (ReportChecks.ready). */
  const onReport = <P extends { textDocument: { uri: string } }, R>(what: string, fallback: R, handler: (params: P) => R | Promise<R>) =>
    guard(what, fallback, checkable(fallback, handler));

  connection.onInitialize((params) => {
    context.client = readClientFeatures(params.capabilities);
    const initOptions = readInitializationOptions(params.initializationOptions);
    workspace.initialize(params, initOptions.workspaceTrusted);
    settings.initialize(initOptions.settings);
    status.initialize(initOptions.statusNotification);
    checks.timeLimit = { baseMs: initOptions.checkTimeLimitMs ?? checks.timeLimit.baseMs, perMiBMs: initOptions.checkTimeLimitPerMiBMs ?? checks.timeLimit.perMiBMs };
    return initializeResult(params, context.client, connection.console);
  });
  connection.onInitialized(
    guard('initialized', undefined, () => {
      // In the background: the editor is usable at once and the index fills in.
      void indexing.indexAll().catch((error: unknown) => context.logError('Indexing the workspace', error));
      events.register();
      status.start();
    }),
  );
  connection.onShutdown(() => {
    context.shutDown = true;
    debouncer.dispose();
    checks.dispose();
  });

  connection.onDidChangeConfiguration(guard('didChangeConfiguration', undefined, (change) => events.configurationChanged(change.settings)));
  documents.onDidChangeContent(guard('didChangeContent', undefined, ({ document }) => events.contentChanged(document)));
  documents.onDidClose(guard('didClose', undefined, ({ document }) => events.closed(document)));
  connection.onDidChangeWatchedFiles(guard('didChangeWatchedFiles', undefined, ({ changes }) => events.watchedFilesChanged(changes)));

  const noDiagnostics: DocumentDiagnosticReport = { kind: 'full', items: [] };
  connection.languages.diagnostics.on(guard('textDocument/diagnostic', noDiagnostics, (params) => diagnostics.pull(params)));
  connection.onCodeAction(guard('textDocument/codeAction', [] as CodeAction[], (params) => provideCodeActions(params, quickFixes, workspace)));
  connection.onHover(onReport('textDocument/hover', null as Hover | null, (params) => provideHover(params, features)));
  connection.onCompletion(onReport('textDocument/completion', null as CompletionList | null, (params) => provideCompletion(params, features, context.client)));
  connection.onDefinition(onReport('textDocument/definition', null as LocationLink[] | null, (params) => provideDefinition(params, features)));
  connection.onDocumentSymbol(
    onReport('textDocument/documentSymbol', [] as DocumentSymbol[] | SymbolInformation[], (params) => provideDocumentSymbols(params, features, context.client)),
  );
  connection.onFoldingRanges(onReport('textDocument/foldingRange', [] as FoldingRange[], (params) => provideFoldingRanges(params, features)));
  connection.onSelectionRanges(onReport('textDocument/selectionRange', [] as SelectionRange[], (params) => provideSelectionRanges(params, features)));
  const noTokens: SemanticTokens = { data: [] };
  connection.languages.semanticTokens.on(onReport('textDocument/semanticTokens/full', noTokens, (params) => provideSemanticTokens(params, features)));
  connection.languages.semanticTokens.onRange(onReport('textDocument/semanticTokens/range', noTokens, (params) => provideSemanticTokensInRange(params, features)));
  connection.languages.inlayHint.on(onReport('textDocument/inlayHint', [] as InlayHint[], (params) => provideInlayHints(params, features)));
  connection.onCodeLens(onReport('textDocument/codeLens', [] as CodeLens[], (params) => provideCodeLenses(params, features)));
  connection.onWorkspaceSymbol(guard('workspace/symbol', [] as SymbolInformation[], (params) => provideWorkspaceSymbols(params, workspace, service)));
  connection.onReferences(onReport('textDocument/references', null as Location[] | null, (params) => provideReferences(params, features)));
  connection.onPrepareRename(onReport('textDocument/prepareRename', null as PrepareRenameResult | null, (params) => providePrepareRename(params, features)));
  connection.onRenameRequest(onReport('textDocument/rename', null as WorkspaceEdit | null, (params) => provideRename(params, features)));
  connection.onDocumentHighlight(onReport('textDocument/documentHighlight', null as DocumentHighlight[] | null, (params) => provideDocumentHighlights(params, features)));
  connection.onExecuteCommand(guard('workspace/executeCommand', null as unknown, (params) => executeCommand(params, features, gazetteers)));
  connection.onRequest(OVERVIEW_REQUEST, onReport(OVERVIEW_REQUEST, null as OverviewResult | null, (params: OverviewParams) => provideOverview(params, features)));

  documents.listen(connection);
  connection.listen();
}
