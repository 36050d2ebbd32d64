import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { SOURCE } from '../convert.js';
import type { CheckStopped } from './checkPool.js';

export const CHECK_STOPPED_CODE = 'check-time-limit';

/** Seconds as the writer reads them: "10", "1.5". */
export const seconds = (ms: number) => String(Number((ms / 1000).toFixed(1)));

const SLOW_SHAPES = '(lists or quotes nested very deep, long runs of brackets, a container left open above a long text)';
const AGAIN = 'and the report is checked again at the next edit.';

/**
 * The one diagnostic of a report whose check ran over its time, or whose worker died under it (out
 * of memory), at the top of the report, saying where the check was: at which line the Markdown
 * parser was reading (the first line of the region it had started on, where the slow part begins
 * or lies below), or that the report had been read and its rules were running. Nothing of the
 * report was checked: a worker's parse cannot hand over half its work.
 */
export function checkStoppedDiagnostic(stopped: CheckStopped): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    code: CHECK_STOPPED_CODE,
    source: SOURCE,
    message: stoppedMessage(stopped),
  };
}

function stoppedMessage(stopped: CheckStopped): string {
  const { where } = stopped;
  const at = where?.phase === 'parse' ? ` at line ${where.line + 1}` : '';
  const what =
    stopped.reason === 'time'
      ? `Checking stopped after ${seconds(stopped.limitMs)} s${at}, the time a check of this report may take: this report is not checked.`
      : `Checking stopped${at}, ${stopped.detail ?? 'its worker failed'}: this report is not checked.`;
  const slow = stopped.reason === 'time' ? 'takes the Markdown parser too long' : 'is too much for the Markdown parser';
  if (where?.phase === 'parse') return `${what} The Markdown parser was reading the part from that line on; some of it ${slow} ${SLOW_SHAPES}: fix or split that part, ${AGAIN}`;
  if (where?.phase === 'rules') return `${what} The report had been read to its end and its rules were running: split the report into shorter ones, ${AGAIN}`;
  return `${what} Some of it ${slow} ${SLOW_SHAPES}; fix or split that part, ${AGAIN}`;
}
