import { describe, expect, it } from 'vitest';
import { checkStoppedDiagnostic } from '../../server/src/lsp/checkWorker/checkStopped.js';

const TOP = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const diagnostic = (message: string) => ({ range: TOP, severity: 2, code: 'check-time-limit', source: 'incident-markup', message });

describe('the diagnostic of a check that was stopped', () => {
  it('names the line the parser was reading from when the time ran out', () => {
    expect(checkStoppedDiagnostic({ stopped: true, afterMs: 12_010, reason: 'time', limitMs: 12_000, where: { phase: 'parse', line: 4_120 } })).toEqual(
      diagnostic(
        'Checking stopped after 12 s at line 4121, the time a check of this report may take: this report is not checked. ' +
          'The Markdown parser was reading the part from that line on; some of it takes the Markdown parser too long ' +
          '(lists or quotes nested very deep, long runs of brackets, a container left open above a long text): fix or split that part, and the report is checked again at the next edit.',
      ),
    );
  });

  it('says when the report had been read and its rules were running', () => {
    expect(checkStoppedDiagnostic({ stopped: true, afterMs: 10_500, reason: 'time', limitMs: 10_500, where: { phase: 'rules' } })).toEqual(
      diagnostic(
        'Checking stopped after 10.5 s, the time a check of this report may take: this report is not checked. ' +
          'The report had been read to its end and its rules were running: split the report into shorter ones, and the report is checked again at the next edit.',
      ),
    );
  });

  it('names the line where a worker ran out of memory', () => {
    expect(checkStoppedDiagnostic({ stopped: true, afterMs: NaN, reason: 'died', detail: 'it ran out of memory', limitMs: 10_000, where: { phase: 'parse', line: 0 } })).toEqual(
      diagnostic(
        'Checking stopped at line 1, it ran out of memory: this report is not checked. ' +
          'The Markdown parser was reading the part from that line on; some of it is too much for the Markdown parser ' +
          '(lists or quotes nested very deep, long runs of brackets, a container left open above a long text): fix or split that part, and the report is checked again at the next edit.',
      ),
    );
  });

  it('says what it can when the check had not started', () => {
    expect(checkStoppedDiagnostic({ stopped: true, afterMs: 1_000, reason: 'time', limitMs: 1_000 })).toEqual(
      diagnostic(
        'Checking stopped after 1 s, the time a check of this report may take: this report is not checked. ' +
          'Some of it takes the Markdown parser too long (lists or quotes nested very deep, long runs of brackets, a container left open above a long text); fix or split that part, and the report is checked again at the next edit.',
      ),
    );
  });
});
