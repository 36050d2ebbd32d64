import { basename, dirname, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  CompletionItemKind,
  InsertTextFormat,
  type CompletionList,
  type CompletionParams,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  PositionEncodingKind,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type Range,
  type DefinitionParams,
  type ExecuteCommandParams,
  type WorkDoneProgressServerReporter,
  FileChangeType,
  SymbolKind,
  type SymbolInformation,
  type WorkspaceSymbolParams,
  type DocumentDiagnosticReport,
  type Hover,
  type HoverParams,
  type LocationLink,
  MarkupKind,
  type InitializeParams,
  type InitializeResult,
  type TextEdit,
  type WorkspaceFolder,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { docsUrl, SEVERITIES, type Fix, type ReportDiagnostic, type Severity } from './core/diagnostics.js';
import { DEFAULT_GAZETTEER_NAMES } from './core/gazetteer/findGazetteerFiles.js';
import { GAZETTEER_PROBLEM_SEVERITY } from './core/gazetteer/gazetteerModel.js';
import { createLanguageService, type ServiceSettings } from './core/languageService.js';
import type { CompletionEntry } from './core/languageFeatures/completion.js';
import { PROJECT_CONFIG_FILE, type ProjectConfig } from './core/config/projectConfig.js';
import type { RuleSetting } from './core/runRules.js';
import { LineIndex } from './core/text.js';
import { createFileSystem, pathKey, type FileSystem } from './core/workspace/fileSystem.js';

export const SOURCE = 'incident-markup';
export const SETTINGS_SECTION = 'incidentMarkup';
const GAZETTEER_GLOB = '**/gazetteer.{yaml,yml,json}';
const REPORT_GLOB = '**/*.{md,markdown}';
const PROJECT_CONFIG_GLOB = `**/${PROJECT_CONFIG_FILE}`;
/**
 * Commands any LSP client can run with workspace/executeCommand. Their ids differ from the VS Code
 * commands in the palette because vscode-languageclient registers server commands itself.
 */
export const EXPORT_INCIDENTS_COMMAND = 'incident-markup.server.exportIncidents';
export const RELOAD_GAZETTEER_COMMAND = 'incident-markup.server.reloadGazetteer';
const SERVER_COMMANDS = [EXPORT_INCIDENTS_COMMAND, RELOAD_GAZETTEER_COMMAND] as const;
/** Long enough to skip the checks between keystrokes, short enough to feel immediate. */
const DEBOUNCE_MS = 150;
/** A report whose last check took longer than this waits DEBOUNCE_MS for a pause in typing. */
const FAST_CHECK_MS = 50;

const COMPLETION_KIND: Record<CompletionEntry['kind'], CompletionItemKind> = {
  actor: CompletionItemKind.Constructor,
  place: CompletionItemKind.Folder,
  attribute: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  directive: CompletionItemKind.Snippet,
  reference: CompletionItemKind.Reference,
};

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What the client can do, read once from `initialize`. */
interface ClientFeatures {
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  configuration: boolean;
  configurationDynamicRegistration: boolean;
  watchedFilesDynamicRegistration: boolean;
  workspaceFolders: boolean;
  workDoneProgress: boolean;
}

export function readClientFeatures(capabilities: ClientCapabilities): ClientFeatures {
  return {
    pullDiagnostics: capabilities.textDocument?.diagnostic !== undefined,
    diagnosticRefresh: capabilities.workspace?.diagnostics?.refreshSupport === true,
    configuration: capabilities.workspace?.configuration === true,
    configurationDynamicRegistration: capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    watchedFilesDynamicRegistration: capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    workspaceFolders: capabilities.workspace?.workspaceFolders === true,
    workDoneProgress: capabilities.window?.workDoneProgress === true,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const RULE_SETTINGS: ReadonlySet<string> = new Set<string>(['off', ...SEVERITIES]);

/**
 * Turns the `incidentMarkup` settings section into the core's settings. Settings come from
 * users' JSON, so anything of the wrong shape is dropped rather than trusted.
 */
export function normaliseSettings(section: unknown, root: string): ServiceSettings {
  const raw = isRecord(section) ? section : {};
  const gazetteer = isRecord(raw.gazetteer) ? raw.gazetteer : {};
  const gazetteerPaths = Array.isArray(gazetteer.paths)
    ? gazetteer.paths.filter((path): path is string => typeof path === 'string' && path.trim() !== '')
    : [];
  const rules: Record<string, RuleSetting> = {};
  if (isRecord(raw.rules)) {
    for (const [code, setting] of Object.entries(raw.rules)) {
      if (typeof setting === 'string' && RULE_SETTINGS.has(setting)) rules[code] = setting as RuleSetting;
    }
  }
  // Only an explicit false turns the world layer off; a missing or malformed value keeps the default.
  const builtinGazetteer = raw.builtinGazetteer !== false;
  return { gazetteerPaths, root, rules, builtinGazetteer };
}

export function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}


function isReportDocument(document: TextDocument): boolean {
  return document.languageId === 'markdown' || /\.(md|markdown)$/i.test(document.uri);
}

function hasDefaultGazetteerName(path: string): boolean {
  return DEFAULT_GAZETTEER_NAMES.includes(basename(path).toLowerCase());
}

/** A pull answer for one version of an open report, and what it was computed from. */
interface PulledReport {
  /** TextDocuments keeps one object per open document, so a reopened one is a different object. */
  document: TextDocument;
  version: number;
  generation: number;
  result: Promise<{ resultId: string; items: Diagnostic[] }>;
}

function wantsQuickFixes(only: string[] | undefined): boolean {
  return !only || only.some((kind) => kind === CodeActionKind.Empty || kind === CodeActionKind.QuickFix);
}

/** The LSP side of Incident Markup: everything that knows about the connection lives here. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);

  const openDocumentAt = (path: string): TextDocument | undefined => {
    const key = pathKey(path);
    return documents.all().find((document) => {
      const documentPath = pathOf(document.uri);
      return documentPath !== undefined && pathKey(documentPath) === key;
    });
  };

  // Every read goes through the one file-system seam: open buffers win over disk, so an unsaved
  // gazetteer edit already counts for every report; in Restricted Mode nothing whose real path lies
  // outside the workspace folders is read (a front-matter gazetteer "../../x", an import of /etc/…,
  // a link that leads out).
  const fileSystem: FileSystem = createFileSystem({
    restrictTo: () => (trusted ? undefined : workspaceFolders),
    overlay: (path) => openDocumentAt(path)?.getText(),
    onRefused: (path, failure) => {
      if (refusedPaths.has(path)) return;
      refusedPaths.add(path);
      connection.console.info(`Restricted Mode: not reading ${path}: ${failure.message}`);
    },
  });
  /** The progress shown while a large GeoNames import loads; ended when the check that needed it is done. */
  let gazetteerProgress: Promise<WorkDoneProgressServerReporter> | undefined;
  const service = createLanguageService({
    fileSystem,
    onGazetteerProgress: (progress) => {
      if (!client.workDoneProgress || shutDown) return;
      gazetteerProgress ??= connection.window.createWorkDoneProgress().then((reporter) => {
        reporter.begin('Loading gazetteer', 0, undefined, false);
        return reporter;
      });
      const percent = progress.totalBytes ? Math.min(99, Math.floor((progress.bytes / progress.totalBytes) * 100)) : undefined;
      const message = `${progress.stage === 'linking' ? 'linking' : 'reading'} ${progress.lines.toLocaleString('en')} places`;
      void gazetteerProgress.then((reporter) => reporter.report(percent ?? 0, message)).catch(() => undefined);
    },
  });
  function endGazetteerProgress(): void {
    const ending = gazetteerProgress;
    gazetteerProgress = undefined;
    void ending?.then((reporter) => reporter.done()).catch(() => undefined);
  }
  const publishedConfigs = new Map<string, string>();

  let client: ClientFeatures = readClientFeatures({});
  let workspaceFolders: string[] = [];
  /** Settings for clients that cannot answer workspace/configuration. */
  let pushedSettings: unknown;
  /** False when the client says the workspace is not trusted (VS Code's Restricted Mode). */
  let trusted = true;
  const refusedPaths = new Set<string>();
  let builtinErrorShown = false;
  let shutDown = false;
  const settingsCache = new Map<string, Promise<ServiceSettings>>();
  /** The gazetteer files each open report was last checked against. */
  const reportGazetteers = new Map<string, readonly string[]>();
  /** Per gazetteer path: the uri and diagnostics last published, to clear and to skip repeats. */
  const publishedGazetteers = new Map<string, { uri: string; key: string }>();
  const timers = new Map<string, NodeJS.Timeout>();
  /**
   * Bumped (in revalidateReports) by every event after which any report's diagnostics may differ
   * with its text unchanged: settings, workspace folders, a gazetteer file, the project
   * configuration, the Reload Gazetteer command.
   */
  let generation = 0;
  /**
   * The last pull answer per open report and what it was computed from. A pull for the same
   * document version in the same generation is answered from here, without checking again.
   */
  const pulled = new Map<string, PulledReport>();
  /** Result ids are unique for this server's life; the prefix keeps them apart from a previous server's. */
  const resultIdPrefix = `${Date.now().toString(36)}-`;
  let lastResultId = 0;

  const logError = (what: string, error: unknown) => {
    try {
      connection.console.error(`${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } catch {
      // The connection itself is gone; there is nobody left to tell.
    }
  };

  /** Runs a handler so that a bug in it is logged and answered with a fallback, never thrown. */
  function guard<P extends unknown[], R>(what: string, fallback: R, handler: (...params: P) => R | Promise<R>) {
    return async (...params: P): Promise<R> => {
      try {
        return await handler(...params);
      } catch (error) {
        logError(what, error);
        return fallback;
      }
    };
  }

  const debounce = (key: string, run: () => Promise<void>) => {
    if (shutDown) return;
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        run().catch((error: unknown) => logError(key, error));
      }, DEBOUNCE_MS),
    );
  };

  const uriForPath = (path: string): string => openDocumentAt(path)?.uri ?? pathToFileURL(path).href;

  function rootFor(uri: string): string {
    const path = pathOf(uri);
    if (path === undefined) return workspaceFolders[0] ?? process.cwd();
    const key = pathKey(path);
    const containing = workspaceFolders
      .filter((folder) => {
        const folderKey = pathKey(folder);
        return key === folderKey || key.startsWith(folderKey.endsWith(sep) ? folderKey : folderKey + sep);
      })
      .sort((a, b) => b.length - a.length);
    return containing[0] ?? dirname(path);
  }

  async function fetchSettings(uri: string): Promise<ServiceSettings> {
    let section = pushedSettings;
    if (client.configuration) {
      try {
        section = (await connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })) ?? section;
      } catch (error) {
        logError(`Reading the ${SETTINGS_SECTION} settings`, error);
        settingsCache.delete(uri);
      }
    }
    return normaliseSettings(section, rootFor(uri));
  }

  function settingsFor(uri: string): Promise<ServiceSettings> {
    let settings = settingsCache.get(uri);
    if (!settings) {
      settings = fetchSettings(uri);
      settingsCache.set(uri, settings);
    }
    return settings;
  }

  function toDiagnostic(diagnostic: ReportDiagnostic, uri: string): Diagnostic {
    const result: Diagnostic = {
      range: diagnostic.range,
      severity: LSP_SEVERITY[diagnostic.severity],
      code: diagnostic.code,
      codeDescription: { href: docsUrl(diagnostic.code) },
      source: SOURCE,
      message: diagnostic.message,
    };
    if (diagnostic.related.length > 0) {
      result.relatedInformation = diagnostic.related.map((related) => ({
        message: related.message,
        location: { uri: related.path === undefined ? uri : uriForPath(related.path), range: related.range },
      }));
    }
    return result;
  }

  /**
   * The fixes of the last check of each open report, for code actions. They stay here rather
   * than in each diagnostic's `data`: a long report has over a thousand fixable hints, and
   * sending their fixes on every keystroke made up 38% of the diagnostics' JSON (as vscode-eslint
   * does, the server keeps them and answers code actions from them).
   */
  const lastFixes = new Map<string, { version: number; diagnostics: ReportDiagnostic[] }>();

  async function reportDiagnostics(document: TextDocument): Promise<Diagnostic[]> {
    // TextDocuments updates documents in place, so the text is taken before any await.
    const text = document.getText();
    const version = document.version;
    const settings = await settingsFor(document.uri);
    const path = pathOf(document.uri);
    const result = await service.check({ key: document.uri, path, text }, settings);
    endGazetteerProgress();
    if (result.builtinError !== undefined && !builtinErrorShown) {
      builtinErrorShown = true;
      const message = `Incident Markup could not load its built-in world gazetteer (${result.builtinError.replace(/\.$/, "")}); places are checked against your gazetteer files only. Reinstall the extension or run npm run build.`;
      connection.console.error(message);
      void connection.window.showWarningMessage(message);
    }
    if (result.projectConfig) void publishConfigProblems(result.projectConfig);
    if (documents.get(document.uri)) reportGazetteers.set(document.uri, result.gazetteerFiles);
    scheduleGazetteerDiagnostics();
    if (documents.get(document.uri) === document && (lastFixes.get(document.uri)?.version ?? -1) <= version) {
      lastFixes.set(document.uri, { version, diagnostics: result.diagnostics });
    }
    return result.diagnostics.map((diagnostic) => toDiagnostic(diagnostic, document.uri));
  }

  /** The fixes for a diagnostic the client shows, from the check that found it. */
  async function fixesFor(uri: string, diagnostic: Diagnostic): Promise<Fix[]> {
    if (diagnostic.source !== SOURCE) return [];
    const document = documents.get(uri);
    if (!document || !isReportDocument(document)) return [];
    // The version the client shows may not be checked yet (its check is pending or was debounced).
    if (lastFixes.get(uri)?.version !== document.version) await reportDiagnostics(document);
    const same = (a: Range, b: Range) =>
      a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
    const kept = lastFixes.get(uri)?.diagnostics.find(
      (candidate) => candidate.code === diagnostic.code && candidate.message === diagnostic.message && same(candidate.range, diagnostic.range),
    );
    return kept?.fixes ?? [];
  }

  async function publishReportDiagnostics(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document || shutDown) return;
    const { version } = document;
    const diagnostics = await reportDiagnostics(document);
    // A newer edit, or the report closed and opened again (a new document object), supersedes
    // this result; its own run publishes. runReport runs one check at a time per report.
    if (documents.get(uri) !== document || document.version !== version || shutDown) return;
    await connection.sendDiagnostics({ uri, version, diagnostics });
  }

  /**
   * When to check a report after an edit (push clients). A check that re-uses its earlier
   * results costs a few tens of ms even in a 1 MB report, so it runs at once, after the messages
   * already received (which may hold further edits): a keystroke's diagnostics then follow it by
   * about one check. One check runs at a time per report; edits during it make one more run
   * for the newest version, and a result for a version already replaced is never published.
   * Only a report whose last check was slow (a cold open, a very long report) waits for a
   * pause in typing, as every check did before.
   */
  const reportRuns = new Map<string, { running: boolean; again: boolean; scheduled: boolean; lastMs: number | undefined }>();
  const scheduleReport = (uri: string) => {
    if (shutDown) return;
    let state = reportRuns.get(uri);
    if (!state) reportRuns.set(uri, (state = { running: false, again: false, scheduled: false, lastMs: undefined }));
    if (state.lastMs !== undefined && state.lastMs > FAST_CHECK_MS) {
      debounce(`report:${uri}`, () => runReport(uri));
      return;
    }
    if (state.running) {
      state.again = true;
      return;
    }
    clearTimeout(timers.get(`report:${uri}`));
    timers.delete(`report:${uri}`);
    if (state.scheduled) return;
    state.scheduled = true;
    // Two turns of the loop: the connection reads one queued message per turn, so an edit sent
    // right behind this one is applied first and this run checks it instead.
    setImmediate(() =>
      setImmediate(() => {
        state.scheduled = false;
        void runReport(uri);
      }),
    );
  };

  async function runReport(uri: string): Promise<void> {
    const state = reportRuns.get(uri);
    if (!state || state.running) {
      if (state) state.again = true;
      return;
    }
    state.running = true;
    state.again = false;
    const started = performance.now();
    try {
      await publishReportDiagnostics(uri);
    } catch (error) {
      logError(`report:${uri}`, error);
    } finally {
      state.lastMs = performance.now() - started;
      state.running = false;
    }
    if (state.again && reportRuns.get(uri) === state) scheduleReport(uri);
  }

  /** Every open report again, after something they all depend on changed. */
  function revalidateReports(): void {
    // At once, not debounced: a pull arriving before the refresh must not be answered "unchanged".
    generation++;
    if (client.pullDiagnostics && client.diagnosticRefresh) {
      debounce('refresh', async () => {
        await connection.languages.diagnostics.refresh();
      });
      return;
    }
    for (const document of documents.all()) {
      if (isReportDocument(document)) scheduleReport(document.uri);
    }
  }

  function isGazetteerPath(path: string): boolean {
    if (hasDefaultGazetteerName(path)) return true;
    const key = pathKey(path);
    return [...reportGazetteers.values()].some((files) => files.some((file) => pathKey(file) === key));
  }

  function gazetteersInUse(): Set<string> {
    const paths = new Set<string>();
    for (const files of reportGazetteers.values()) for (const file of files) paths.add(file);
    for (const document of documents.all()) {
      const path = pathOf(document.uri);
      if (path !== undefined && hasDefaultGazetteerName(path)) paths.add(path);
    }
    return paths;
  }

  // Gazetteer problems are pushed whatever the client's diagnostic mode: they belong to files
  // the client may never pull, such as a gazetteer that is in use but not open.
  async function publishGazetteerDiagnostics(): Promise<void> {
    if (shutDown) return;
    const wanted = gazetteersInUse();
    for (const path of wanted) {
      const lines = new LineIndex((await fileSystem.read(path, 'gazetteer')).text ?? '');
      const diagnostics: Diagnostic[] = (await service.gazetteerProblems(path)).map((problem) => ({
        range: lines.rangeOf(problem.span ?? { start: 0, end: 0 }),
        severity: LSP_SEVERITY[GAZETTEER_PROBLEM_SEVERITY[problem.code]],
        code: problem.code,
        codeDescription: { href: docsUrl(problem.code) },
        source: SOURCE,
        message: problem.message,
      }));
      const uri = uriForPath(path);
      const key = JSON.stringify(diagnostics);
      const previous = publishedGazetteers.get(path);
      if (previous?.uri === uri && previous.key === key) continue;
      if (!previous && diagnostics.length === 0) continue;
      if (previous && previous.uri !== uri) await connection.sendDiagnostics({ uri: previous.uri, diagnostics: [] });
      publishedGazetteers.set(path, { uri, key });
      await connection.sendDiagnostics({ uri, diagnostics });
    }
    for (const [path, previous] of publishedGazetteers) {
      if (wanted.has(path)) continue;
      publishedGazetteers.delete(path);
      await connection.sendDiagnostics({ uri: previous.uri, diagnostics: [] });
    }
  }

  const scheduleGazetteerDiagnostics = () => debounce('gazetteers', publishGazetteerDiagnostics);

  function gazetteerChanged(path: string): void {
    // The store keeps each file until told otherwise (and then keeps its last good version if the
    // new text does not parse); it knows the file by the path the core built, which may be
    // spelt differently from the one in the uri.
    const key = pathKey(path);
    service.invalidateGazetteer(path);
    for (const known of gazetteersInUse()) if (known !== path && pathKey(known) === key) service.invalidateGazetteer(known);
    revalidateReports();
    scheduleGazetteerDiagnostics();
  }

  connection.onInitialize(
    (params: InitializeParams): InitializeResult => {
      client = readClientFeatures(params.capabilities);
      workspaceFolders = (params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []))
        .map((folder: WorkspaceFolder) => pathOf(folder.uri))
        .filter((path): path is string => path !== undefined);
      const options: unknown = params.initializationOptions;
      if (isRecord(options)) {
        pushedSettings = options.settings;
        trusted = options.workspaceTrusted !== false;
      }

      // Offsets are JS string indices, i.e. UTF-16 code units. The spec makes UTF-16 the one
      // encoding every client must accept, so we answer it even to a client that prefers UTF-8.
      const encodings = params.capabilities.general?.positionEncodings;
      if (encodings && !encodings.includes(PositionEncodingKind.UTF16)) {
        connection.console.info(`The client offers ${encodings.join(', ')}; Incident Markup answers in UTF-16 as the spec requires.`);
      }

      const result: InitializeResult = {
        capabilities: {
          positionEncoding: PositionEncodingKind.UTF16,
          textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
          codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
          hoverProvider: true,
          definitionProvider: true,
          completionProvider: { triggerCharacters: ['[', '=', ':', '{', ' '] },
          executeCommandProvider: { commands: [...SERVER_COMMANDS] },
          workspaceSymbolProvider: true,
        },
        serverInfo: { name: 'incident-markup' },
      };
      if (client.pullDiagnostics) {
        result.capabilities.diagnosticProvider = { interFileDependencies: true, workspaceDiagnostics: false };
      }
      if (client.workspaceFolders) {
        result.capabilities.workspace = { workspaceFolders: { supported: true, changeNotifications: true } };
      }
      return result;
    },
  );

  connection.onInitialized(
    guard('initialized', undefined, () => {
      // In the background: the editor is usable at once and the index fills in.
      void indexWorkspace().catch((error: unknown) => logError('Indexing the workspace', error));
      // Each registration may be refused on its own; one refusal must not cost the others.
      if (client.watchedFilesDynamicRegistration) {
        connection.client
          .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: GAZETTEER_GLOB }, { globPattern: REPORT_GLOB }, { globPattern: PROJECT_CONFIG_GLOB }] })
          .catch((error: unknown) => logError('Registering the gazetteer file watcher', error));
      }
      if (client.configurationDynamicRegistration) {
        connection.client
          .register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION })
          .catch((error: unknown) => logError('Registering for settings changes', error));
      }
      if (client.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders(
          guard('didChangeWorkspaceFolders', undefined, (event: WorkspaceFoldersChangeEvent) => {
            const removed = new Set(event.removed.map((folder) => pathOf(folder.uri)));
            workspaceFolders = [
              ...workspaceFolders.filter((folder) => !removed.has(folder)),
              ...event.added.map((folder) => pathOf(folder.uri)).filter((path): path is string => path !== undefined),
            ];
            settingsCache.clear();
            // In Restricted Mode a file read before may now lie outside the folders: nothing kept is trusted.
            service.invalidateFiles();
            revalidateReports();
          }),
        );
      }
    }),
  );

  connection.onShutdown(() => {
    shutDown = true;
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
  });

  connection.onDidChangeConfiguration(
    guard('didChangeConfiguration', undefined, (change) => {
      if (!client.configuration && isRecord(change.settings) && SETTINGS_SECTION in change.settings) {
        pushedSettings = change.settings[SETTINGS_SECTION];
      }
      settingsCache.clear();
      revalidateReports();
    }),
  );

  documents.onDidChangeContent(
    guard('didChangeContent', undefined, ({ document }) => {
      const path = pathOf(document.uri);
      if (isReportDocument(document)) {
        if (!client.pullDiagnostics) scheduleReport(document.uri);
      } else if (path !== undefined && isGazetteerPath(path)) {
        gazetteerChanged(path);
      } else if (path !== undefined && basename(path) === PROJECT_CONFIG_FILE) {
        // Read through the open buffer: an unsaved edit applies at once, as with gazetteers.
        service.invalidateProjectConfig();
        revalidateReports();
      }
    }),
  );

  documents.onDidClose(
    guard('didClose', undefined, async ({ document }) => {
      service.forget(document.uri);
      const { uri } = document;
      clearTimeout(timers.get(`report:${uri}`));
      timers.delete(`report:${uri}`);
      reportRuns.delete(uri);
      pulled.delete(uri);
      lastFixes.delete(uri);
      settingsCache.delete(uri);
      const path = pathOf(uri);
      if (isReportDocument(document)) {
        reportGazetteers.delete(uri);
        if (!client.pullDiagnostics) await connection.sendDiagnostics({ uri, diagnostics: [] });
        // Unsaved edits are gone with the editor: the index holds what is on disk again.
        if (path !== undefined) await reindex(path, FileChangeType.Changed);
      } else if (path !== undefined && isGazetteerPath(path)) {
        // Unsaved edits are gone with the editor: what is on disk counts again.
        gazetteerChanged(path);
        return;
      } else if (path !== undefined && basename(path) === PROJECT_CONFIG_FILE) {
        service.invalidateProjectConfig();
        revalidateReports();
        return;
      }
      scheduleGazetteerDiagnostics();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard('didChangeWatchedFiles', undefined, ({ changes }) => {
      for (const change of changes) {
        const path = pathOf(change.uri);
        if (path !== undefined && isGazetteerPath(path)) gazetteerChanged(path);
        if (path !== undefined && basename(path) === PROJECT_CONFIG_FILE) {
          service.invalidateProjectConfig();
          if (change.type === FileChangeType.Deleted) {
            publishedConfigs.delete(path);
            void connection.sendDiagnostics({ uri: change.uri, diagnostics: [] });
          }
          revalidateReports();
        }
        if (path !== undefined && /\.(?:md|markdown)$/i.test(path) && !documents.get(change.uri)) void reindex(path, change.type);
      }
    }),
  );

  /**
   * The diagnostics of an open report for a pull, with their result id: checked once per document
   * version and generation, so that pulls with nothing changed in between (the client's re-pull
   * of every open report, a tab coming back) cost nothing. Concurrent pulls share one check.
   */
  function pulledReport(document: TextDocument): PulledReport {
    const { uri, version } = document;
    const previous = pulled.get(uri);
    if (previous && previous.document === document && previous.version === version && previous.generation === generation) return previous;
    // Taken in the same turn as the version and the text reportDiagnostics reads, so the entry
    // describes exactly the inputs it was computed from.
    const settings = settingsFor(uri);
    const entry: PulledReport = {
      document,
      version,
      generation,
      result: reportDiagnostics(document).then((items) => ({ resultId: `${resultIdPrefix}${++lastResultId}`, items })),
    };
    pulled.set(uri, entry);
    const drop = () => {
      if (pulled.get(uri) === entry) pulled.delete(uri);
    };
    // Settings that could not be read were replaced by defaults and are asked for again next
    // time, so that answer must not be kept; nor a failed check.
    entry.result.then(() => {
      if (settingsCache.get(uri) !== settings) drop();
    }, drop);
    return entry;
  }

  connection.languages.diagnostics.on(
    guard('textDocument/diagnostic', { kind: 'full', items: [] } as DocumentDiagnosticReport, async (params): Promise<DocumentDiagnosticReport> => {
      const document = documents.get(params.textDocument.uri);
      // Gazetteer files are answered empty here because their problems are pushed.
      if (!document || !isReportDocument(document)) return { kind: 'full', items: [] };
      const { resultId, items } = await pulledReport(document).result;
      if (params.previousResultId === resultId) return { kind: 'unchanged', resultId };
      return { kind: 'full', resultId, items };
    }),
  );

  connection.onCodeAction(
    guard('textDocument/codeAction', [] as CodeAction[], async (params: CodeActionParams) => {
      if (!wantsQuickFixes(params.context.only)) return [];
      const { uri } = params.textDocument;
      const actions: CodeAction[] = [];
      for (const diagnostic of params.context.diagnostics) {
        for (const fix of await fixesFor(uri, diagnostic)) {
          const changes: Record<string, TextEdit[]> = { [uri]: fix.edits };
          for (const fileEdit of fix.fileEdits ?? []) {
            const target = uriForPath(fileEdit.path);
            changes[target] = [...(changes[target] ?? []), ...fileEdit.edits];
          }
          actions.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: fix.preferred === true,
            edit: { changes },
          });
        }
      }
      return actions;
    }),
  );

  /**
   * The open report at a uri as the service takes it, with its settings, for requests at a
   * position. The text is taken before any await: TextDocuments updates documents in place.
   */
  async function openReport(uri: string) {
    const document = documents.get(uri);
    if (!document || !isReportDocument(document)) return undefined;
    const report = { key: uri, path: pathOf(uri), text: document.getText() };
    return { report, settings: await settingsFor(uri) };
  }

  connection.onHover(
    guard('textDocument/hover', null as Hover | null, async (params: HoverParams) => {
      const open = await openReport(params.textDocument.uri);
      const result = open && (await service.hover(open.report, params.position, open.settings));
      if (!open || !result) return null;
      // The parse's own line index: no second pass over the whole document per request.
      const lines = service.lineIndex(open.report);
      return { contents: { kind: MarkupKind.Markdown, value: result.contents }, range: lines.rangeOf(result.span) };
    }),
  );

  connection.onCompletion(
    guard('textDocument/completion', null as CompletionList | null, async (params: CompletionParams) => {
      const open = await openReport(params.textDocument.uri);
      if (!open) return null;
      const result = await service.complete(open.report, params.position, open.settings);
      const lines = service.lineIndex(open.report);
      return {
        isIncomplete: result.incomplete,
        items: result.items.map((item) => ({
          label: item.label,
          kind: COMPLETION_KIND[item.kind],
          detail: item.detail,
          filterText: item.filterText,
          sortText: item.sortText,
          insertTextFormat: item.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
          textEdit: { range: lines.rangeOf(item.span), newText: item.newText },
        })),
      };
    }),
  );

  connection.onDefinition(
    guard('textDocument/definition', null as LocationLink[] | null, async (params: DefinitionParams) => {
      const open = await openReport(params.textDocument.uri);
      const target = open && (await service.definition(open.report, params.position, open.settings));
      if (!open || !target) return null;
      const lines = service.lineIndex(open.report);
      let targetLines = lines;
      if (target.path !== undefined) {
        const { text } = await fileSystem.read(target.path, 'gazetteer');
        if (text === undefined) return null;
        targetLines = new LineIndex(text);
      }
      const targetRange = targetLines.rangeOf(target.span);
      return [
        {
          originSelectionRange: lines.rangeOf(target.origin),
          targetUri: target.path === undefined ? params.textDocument.uri : uriForPath(target.path),
          targetRange,
          targetSelectionRange: targetRange,
        },
      ];
    }),
  );

  /** The team configuration's own problems, shown in `.incident-markup.yaml`; sent again only when they change. */
  async function publishConfigProblems(config: ProjectConfig): Promise<void> {
    const diagnostics: Diagnostic[] = config.problems.map((problem) => ({
      range: problem.range,
      severity: LSP_SEVERITY[problem.severity],
      source: SOURCE,
      message: problem.message,
    }));
    const key = JSON.stringify(diagnostics);
    const previous = publishedConfigs.get(config.path);
    if (previous === key || (previous === undefined && diagnostics.length === 0)) return;
    publishedConfigs.set(config.path, key);
    await connection.sendDiagnostics({ uri: uriForPath(config.path), diagnostics });
  }

  /** A report changed on disk while not open in the editor (open ones are indexed as they are checked). */
  async function reindex(path: string, type: FileChangeType): Promise<void> {
    if (type === FileChangeType.Deleted) service.unindexReport(path);
    else await service.reindexReport(path);
  }

  async function indexWorkspace(): Promise<void> {
    if (workspaceFolders.length === 0) return;
    const files = await service.findReports(workspaceFolders, trusted);
    const progress = client.workDoneProgress ? await connection.window.createWorkDoneProgress() : undefined;
    progress?.begin('Indexing reports', 0, `0/${files.length}`, false);
    let lastPercent = -1;
    await service.indexReports(files, {
      onProgress: (done, total) => {
        const percent = Math.floor((done / total) * 100);
        if (percent !== lastPercent) progress?.report(percent, `${done}/${total}`);
        lastPercent = percent;
      },
      cancelled: () => shutDown,
      skip: (path) => openDocumentAt(path) !== undefined,
    });
    progress?.done();
  }

  connection.onWorkspaceSymbol(
    guard('workspace/symbol', [] as SymbolInformation[], (params: WorkspaceSymbolParams) => {
      // Open reports are indexed from their live parse when asked, not on every keystroke
      // (building their symbols took about 3 ms per keystroke in a 1 MB report).
      const openReports = documents.all().filter(isReportDocument).map((document) => ({ key: document.uri, path: pathOf(document.uri), text: document.getText() }));
      return service.workspaceSymbols(params.query, openReports).map((symbol) => ({
        name: symbol.name,
        kind: symbol.kind === 'incident' ? SymbolKind.Event : SymbolKind.Number,
        containerName: symbol.container,
        location: { uri: uriForPath(symbol.path), range: symbol.range },
      }));
    }),
  );

  connection.onExecuteCommand(
    guard('workspace/executeCommand', null as unknown, async (params: ExecuteCommandParams) => {
      if (params.command === RELOAD_GAZETTEER_COMMAND) {
        for (const path of gazetteersInUse()) service.invalidateGazetteer(path);
        // Also when no report has one yet: a gazetteer.yaml made since must be found.
        service.invalidateGazetteer('');
        revalidateReports();
        scheduleGazetteerDiagnostics();
        return { reloaded: [...gazetteersInUse()].sort() };
      }
      if (params.command === EXPORT_INCIDENTS_COMMAND) {
        const [uri] = params.arguments ?? [];
        if (typeof uri !== 'string') throw new Error(`${EXPORT_INCIDENTS_COMMAND} takes the uri of a report.`);
        const path = pathOf(uri);
        const read = documents.get(uri) ? { text: documents.get(uri)!.getText() } : path === undefined ? undefined : await fileSystem.read(path, 'report');
        const text = read?.text;
        if (text === undefined) throw new Error(`Cannot read ${uri} to export its incidents${read?.failure ? `: ${read.failure.message}` : '.'}`);
        return service.exportIncidents({ key: uri, path, text }, await settingsFor(uri));
      }
      return null;
    }),
  );

  documents.listen(connection);
  connection.listen();
}
