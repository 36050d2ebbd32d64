import type { ProjectConfig } from '../../core/config/projectConfig.js';
import type { ReportDiagnostic } from '../../core/diagnostics.js';
import type { LayerKind } from '../../core/gazetteer/gazetteerModel.js';
import type { CheckResult, LanguageServiceOptions, ServiceSettings } from '../../core/languageService.js';
import type { ReportIndexData } from '../../core/workspace/workspaceIndex.js';
import type { ReportTextSource, TextEdit } from '../editedDocument.js';

export type { ReportTextSource };

/**
 * What the server keeps of one check of a report: the part of the core's CheckResult that crosses
 * from the check worker to the server's thread (structured clone: plain data only, so not the
 * parsed report nor the gazetteer, which the server's own language service keeps for its features).
 */
export interface CheckOutcome {
  diagnostics: ReportDiagnostic[];
  gazetteerFiles: string[];
  projectConfig: ProjectConfig | undefined;
  builtinError: string | undefined;
  /** The report holds an incident or an annotation (the status bar tells markup from plain Markdown). */
  usesMarkup: boolean;
  layers: { kind: LayerKind; source: string; places: number; actors: number }[];
}

export function checkOutcome(result: CheckResult): CheckOutcome {
  return {
    diagnostics: result.diagnostics,
    gazetteerFiles: result.gazetteerFiles,
    projectConfig: result.projectConfig,
    builtinError: result.builtinError,
    usesMarkup: result.report.incidents.length > 0 || result.report.annotations.length > 0,
    layers: result.gazetteer.layerSummary(),
  };
}

/**
 * Where a worker's job is, in a SharedArrayBuffer of two Int32 slots the pool gives each worker
 * (workerData.progress): the worker writes it as it goes, and the pool reads it when it stops a job
 * that ran over its time, while the worker's own thread is still busy with the job.
 */
export const PROGRESS_PHASE = 0;
/** The first line (0-based) of the region the Markdown parser started on last (core/parse/parseProgress.ts). */
export const PROGRESS_LINE = 1;
export const PROGRESS_SLOTS = 2;
/** PROGRESS_PHASE's values: no job, parsing the report, past the parse (the gazetteer and the rules). */
export const PHASE_IDLE = 0;
export const PHASE_PARSE = 1;
export const PHASE_RULES = 2;

/** Where a stopped job was, as the worker last wrote it; undefined if it had not started. */
export type StoppedWhere = { phase: 'parse'; line: number } | { phase: 'rules' };

export function stoppedWhere(progress: Int32Array): StoppedWhere | undefined {
  const phase = Atomics.load(progress, PROGRESS_PHASE);
  if (phase === PHASE_PARSE) return { phase: 'parse', line: Atomics.load(progress, PROGRESS_LINE) };
  return phase === PHASE_RULES ? { phase: 'rules' } : undefined;
}

/** What the worker must know of the workspace to read files as the server's own language service does. */
export interface WorkspaceView {
  /** The folders reads are restricted to (Restricted Mode), or undefined when every file may be read. */
  restrictTo: readonly string[] | undefined;
}

/** From the server's thread to a check worker, in the order the server saw the events. */
export type ToWorker =
  | { type: 'workspace'; view: WorkspaceView }
  /** The editor's text of a file open in it (a gazetteer, the team configuration), or undefined once it is closed. */
  | { type: 'overlay'; path: string; text: string | undefined }
  | { type: 'invalidate'; what: 'gazetteer'; path: string; text: string | undefined }
  | { type: 'invalidate'; what: 'projectConfig' | 'files' }
  | { type: 'forget'; key: string }
  /** An open report's version checked: its text whole, or the edits from a version this worker was sent before. */
  | { type: 'check'; id: number; key: string; path: string | undefined; version: number; text: SentText; settings: ServiceSettings }
  /** A report of the workspace read for the index (LanguageService.indexData). */
  | { type: 'index'; id: number; path: string; text: string; settings: ServiceSettings };

/**
 * An open report's text as a check message carries it: whole, or as the edits that make it from the
 * text of version `base`, which the same worker was sent before (a keystroke in a 1 MiB report then
 * crosses as one character, not as a 2 MB copy serialised on one thread and built again on the other).
 */
export type SentText = { whole: string } | { base: number; edits: TextEdit[] };

/** The work a worker is given, without the id the pool gives it (and, for a check, before its text is put in a message). */
export type WorkerJob =
  | { type: 'check'; key: string; path: string | undefined; source: ReportTextSource; settings: ServiceSettings }
  | Omit<Extract<ToWorker, { type: 'index' }>, 'id'>;

/** From a check worker to the server's thread. */
export type FromWorker =
  /** The worker has loaded what every check needs (the built-in layer) and takes checks. */
  | { type: 'ready' }
  | { type: 'checked'; id: number; outcome: CheckOutcome }
  | { type: 'indexed'; id: number; data: ReportIndexData }
  /** `missingText`: the check's edits are from a version of the report this worker does not hold; the pool sends the whole text. */
  | { type: 'failed'; id: number; message: string; missingText?: true }
  /** Progress of a long gazetteer load (a GeoNames import), as the language service reports it. */
  | { type: 'gazetteerProgress'; progress: GazetteerProgress }
  /** A line for the server's log (a path refused in Restricted Mode). */
  | { type: 'log'; message: string };

/** What a worker tells the server besides its answers. */
export type WorkerNotice = Extract<FromWorker, { type: 'gazetteerProgress' | 'log' }>;

export type GazetteerProgress = Parameters<NonNullable<LanguageServiceOptions['onGazetteerProgress']>>[0];
