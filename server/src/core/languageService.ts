import { dirname, resolve } from 'node:path';
import type { ReportDiagnostic } from './diagnostics.js';
import { expandGazetteerPaths, findNearestGazetteer } from './gazetteer/findGazetteerFiles.js';
import type { Gazetteer } from './gazetteer/gazetteer.js';
import { GazetteerStore } from './gazetteer/gazetteerStore.js';
import type { GazetteerProblem } from './gazetteer/gazetteerModel.js';
import type { Report } from './model.js';
import { parseReport } from './parse/parseReport.js';
import { runRules, type RuleSetting } from './runRules.js';
import { definition, type DefinitionTarget } from './languageFeatures/definition.js';
import { hover, type HoverResult } from './languageFeatures/hover.js';
import type { Position, Span } from './text.js';
import type { FileSystem } from './workspace/fileSystem.js';

export interface ServiceSettings {
  /**
   * Gazetteer paths or globs. Empty means the nearest gazetteer.yaml/.yml/.json
   * in the report's folder or above. Relative entries resolve against `root`.
   */
  gazetteerPaths: readonly string[];
  /** The folder relative gazetteer paths resolve against (workspace folder, or the CLI's working folder). */
  root: string;
  rules: Readonly<Record<string, RuleSetting>>;
}

export const DEFAULT_SETTINGS: ServiceSettings = { gazetteerPaths: [], root: process.cwd(), rules: {} };

export interface ReportDocument {
  /** Absolute path on disk; undefined for an unsaved document. */
  path: string | undefined;
  text: string;
}

export interface CheckResult {
  report: Report;
  gazetteer: Gazetteer;
  gazetteerFiles: string[];
  diagnostics: ReportDiagnostic[];
}

export interface LanguageServiceOptions {
  fileSystem: FileSystem;
}

/**
 * The core of Incident Markup: parsing, gazetteers and checks, with no
 * dependency on the LSP connection. The server and the CLI both drive it.
 */
export function createLanguageService(options: LanguageServiceOptions) {
  const store = new GazetteerStore(options.fileSystem);
  // Hover, definition and diagnostics ask about the same version in turn; parse it once.
  let lastParsed: { text: string; report: Report } | undefined;
  const parse = (text: string): Report => {
    if (lastParsed?.text !== text) lastParsed = { text, report: parseReport(text) };
    return lastParsed.report;
  };

  async function gazetteerFiles(document: ReportDocument, settings: ServiceSettings, report: Report) {
    const files: string[] = [];
    if (settings.gazetteerPaths.length > 0) {
      files.push(...(await expandGazetteerPaths(settings.gazetteerPaths, settings.root)));
    } else if (document.path) {
      const nearest = await findNearestGazetteer(document.path, options.fileSystem);
      if (nearest) files.push(nearest);
    }
    const fromFrontMatter: { path: string; span: Span; absolute: string }[] = [];
    const base = document.path ? dirname(document.path) : settings.root;
    for (const entry of report.frontMatter?.gazetteer ?? []) {
      const absolute = resolve(base, entry.path);
      fromFrontMatter.push({ ...entry, absolute });
      if (!files.includes(absolute)) files.push(absolute);
    }
    return { files, fromFrontMatter };
  }

  return {
    parse,

    /** The gazetteer a report is checked against, with the files it came from. */
    async gazetteerFor(document: ReportDocument, settings: ServiceSettings, report = parse(document.text)) {
      const { files, fromFrontMatter } = await gazetteerFiles(document, settings, report);
      const { gazetteer, missing } = await store.gazetteer(files);
      const missingGazetteers = fromFrontMatter
        .filter((entry) => missing.includes(entry.absolute))
        .map(({ path, span }) => ({ path, span }));
      const missingConfigured = missing.filter((path) => !fromFrontMatter.some((entry) => entry.absolute === path));
      return { gazetteer, files: files.filter((file) => !missing.includes(file)), missingGazetteers, missingConfigured };
    },

    async check(document: ReportDocument, settings: ServiceSettings = DEFAULT_SETTINGS): Promise<CheckResult> {
      const report = parse(document.text);
      const { gazetteer, files, missingGazetteers } = await this.gazetteerFor(document, settings, report);
      const diagnostics = runRules(report, gazetteer, { rules: settings.rules, missingGazetteers });
      return { report, gazetteer, gazetteerFiles: files, diagnostics };
    },

    /** The report and gazetteer behind hover, definition and completion at a position. */
    async analyze(document: ReportDocument, settings: ServiceSettings = DEFAULT_SETTINGS) {
      const report = parse(document.text);
      const { gazetteer } = await this.gazetteerFor(document, settings, report);
      return { report, gazetteer };
    },

    async hover(document: ReportDocument, position: Position, settings?: ServiceSettings): Promise<HoverResult | undefined> {
      const { report, gazetteer } = await this.analyze(document, settings);
      return hover(report, gazetteer, report.lines.offsetAt(position));
    },

    async definition(document: ReportDocument, position: Position, settings?: ServiceSettings): Promise<DefinitionTarget | undefined> {
      const { report, gazetteer } = await this.analyze(document, settings);
      return definition(report, gazetteer, report.lines.offsetAt(position));
    },

    /** Problems found in a gazetteer file, for diagnostics shown in that file. */
    async gazetteerProblems(path: string): Promise<GazetteerProblem[]> {
      await store.load(path);
      const { gazetteer } = await store.gazetteer([path]);
      return store.problemsOf(path, gazetteer);
    },

    /** A gazetteer file changed on disk or in the editor. */
    invalidateGazetteer(path: string): void {
      store.invalidate(path);
    },
  };
}

export type LanguageService = ReturnType<typeof createLanguageService>;
