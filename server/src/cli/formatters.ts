import { isAbsolute, relative, resolve } from 'node:path';
import type { Severity } from '../core/diagnostics.js';
import { GAZETTEER_PROBLEM_SEVERITY, type GazetteerProblem } from '../core/gazetteer/gazetteerModel.js';
import type { LineIndex, Range } from '../core/text.js';

/** One diagnostic as the CLI prints it: 1-based lines and columns, end exclusive. */
export interface CliDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
}

/** A path as the CLI prints it: relative to the working folder when inside it, with forward slashes. */
export function displayPath(cwd: string, path: string): string {
  const shown = relative(cwd, resolve(cwd, path));
  return (shown.startsWith('..') || isAbsolute(shown) ? path : shown).split('\\').join('/');
}

/** From the core's 0-based range to the CLI's 1-based lines and columns. */
export function cliDiagnostic(file: string, range: Range, severity: Severity, code: string, message: string): CliDiagnostic {
  return {
    file,
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
    severity,
    code,
    message,
  };
}

export function gazetteerProblemDiagnostic(file: string, lines: LineIndex, problem: GazetteerProblem): CliDiagnostic {
  const range = lines.rangeOf(problem.span ?? { start: 0, end: 0 });
  return cliDiagnostic(file, range, GAZETTEER_PROBLEM_SEVERITY[problem.code], problem.code, problem.message);
}

export function formatJson(diagnostics: readonly CliDiagnostic[]): string {
  return `${JSON.stringify(diagnostics, null, 2)}\n`;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Grouped by file, like eslint's stylish formatter, so reviewers can scan a CI log. */
export function formatStylish(diagnostics: readonly CliDiagnostic[], fileCount: number): string {
  if (diagnostics.length === 0) return `✔ ${plural(fileCount, 'file')} checked, no problems.\n`;
  const lines: string[] = [];
  let current: string | undefined;
  const width = Math.max(...diagnostics.map((d) => `${d.line}:${d.column}`.length));
  for (const diagnostic of diagnostics) {
    if (diagnostic.file !== current) {
      if (current !== undefined) lines.push('');
      lines.push(diagnostic.file);
      current = diagnostic.file;
    }
    const where = `${diagnostic.line}:${diagnostic.column}`.padEnd(width);
    lines.push(`  ${where}  ${diagnostic.severity.padEnd(11)}  ${diagnostic.message}  ${diagnostic.code}`);
  }
  const count = (severity: Severity) => diagnostics.filter((d) => d.severity === severity).length;
  lines.push(
    '',
    `✖ ${plural(diagnostics.length, 'problem')} in ${plural(fileCount, 'file')} (${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('information')} information, ${plural(count('hint'), 'hint')})`,
    '',
  );
  return lines.join('\n');
}
