import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { SOURCE } from '../convert.js';
import type { CheckStopped } from './checkPool.js';

export const CHECK_STOPPED_CODE = 'check-time-limit';

/** Seconds as the writer reads them: "10", "1.5". */
export const seconds = (ms: number) => String(Number((ms / 1000).toFixed(1)));

/**
 * The one diagnostic of a report whose check ran over its time, or whose worker died under it (out
 * of memory), at the top of the report. Nothing of the report was checked: a worker's parse cannot
 * hand over half its work.
 */
export function checkStoppedDiagnostic(stopped: CheckStopped): Diagnostic {
  const why =
    stopped.reason === 'time'
      ? `Checking stopped after ${seconds(stopped.limitMs)} s, the time a check of this report may take: this report is not checked. Some of it takes the Markdown parser too long`
      : `Checking stopped, ${stopped.detail ?? 'its worker failed'}: this report is not checked. Some of it is too much for the Markdown parser`;
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    code: CHECK_STOPPED_CODE,
    source: SOURCE,
    message:
      `${why} (lists or quotes nested very deep, long runs of brackets, a container left open above a long text); ` +
      'fix or split that part, and the report is checked again at the next edit.',
  };
}
