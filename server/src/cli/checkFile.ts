import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import type { Severity } from '../core/diagnostics.js';
import type { GazetteerProblem } from '../core/gazetteer/gazetteerModel.js';
import type { LanguageService, ServiceSettings } from '../core/languageService.js';
import type { Range } from '../core/text.js';
import { nodeFileSystem } from '../core/workspace/fileSystem.js';
import { inputProblem } from './readInput.js';

// What checking one report yields, as plain data: the same whether it was checked in this thread,
// in a worker (structured clone) or read back from the cache (JSON), so that all three print alike.

export interface FileDiagnostic {
  range: Range;
  severity: Severity;
  code: string;
  message: string;
}

export interface ConfigProblemData {
  range: Range;
  severity: 'error' | 'warning';
  message: string;
}

export interface FileResult {
  path: string;
  /** Why the report was not read (the line the CLI prints); nothing else is set then. */
  failure?: string;
  /** sha256 of the text checked: the cache's key for the report. */
  contentHash: string;
  /** Every diagnostic, whatever --min-severity says (the cache keeps them for any later run). */
  diagnostics: FileDiagnostic[];
  /** The gazetteer files the report was checked against (their problems are printed too). */
  gazetteerFiles: string[];
  /** Every gazetteer the report names or would use, read or not: a file created later changes its check. */
  gazetteerDependencies: string[];
  projectConfig?: { path: string; problems: ConfigProblemData[] };
  builtinError?: string;
}

/** A report to check: a file, or standard input's text under the path it stands for. */
export interface CheckInput {
  path: string;
  text?: string;
}

export const hashText = (text: string): string => createHash('sha256').update(text).digest('hex');

export async function checkFile(service: LanguageService, settings: ServiceSettings, input: CheckInput): Promise<FileResult> {
  let text = input.text;
  if (text === undefined) {
    const read = await nodeFileSystem.read(input.path, 'report');
    if (read.failure) return { path: input.path, failure: inputProblem(settings.root, input.path, read.failure, 'checked'), contentHash: '', diagnostics: [], gazetteerFiles: [], gazetteerDependencies: [] };
    text = read.text;
  }
  // A run checks each report once: a parse kept for an editor's next keystroke would only live on among
  // the last 64 and be promoted by every young-generation collection on its way out.
  const result = await service.check({ path: input.path, text, once: true }, settings);
  const team = await service.gazetteerFiles(settings, input.path);
  const own = (result.report.frontMatter?.gazetteer ?? []).map((entry) => resolve(dirname(input.path), entry.path));
  return {
    path: input.path,
    contentHash: hashText(text),
    diagnostics: result.diagnostics.map(({ range, severity, code, message }) => ({ range, severity, code, message })),
    gazetteerFiles: result.gazetteerFiles,
    gazetteerDependencies: [...new Set([...team, ...own])],
    ...(result.projectConfig
      ? { projectConfig: { path: result.projectConfig.path, problems: result.projectConfig.problems.map(({ range, severity, message }) => ({ range, severity, message })) } }
      : {}),
    ...(result.builtinError !== undefined ? { builtinError: result.builtinError } : {}),
  };
}

/** A gazetteer file's own problems, as plain data (spans into its text). */
export async function gazetteerProblemsOf(service: LanguageService, settings: ServiceSettings, path: string): Promise<GazetteerProblem[]> {
  return (await service.gazetteerProblems(path, settings)).map(({ code, message, file, span }) => ({ code, message, file, span }));
}
