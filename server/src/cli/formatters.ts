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

/** The colours of a terminal (SGR codes); only written when the caller says the output is one. */
const COLOURS = { error: '31', warning: '33', information: '36', hint: '2', dim: '2', underline: '4', bold: '1' } as const;

/** Grouped by file, like eslint's stylish formatter, so reviewers can scan a CI log. */
export function formatStylish(diagnostics: readonly CliDiagnostic[], fileCount: number, color = false): string {
  const paint = (colour: keyof typeof COLOURS, text: string) => (color ? `\x1b[${COLOURS[colour]}m${text}\x1b[0m` : text);
  if (diagnostics.length === 0) return `${paint('bold', '✔')} ${plural(fileCount, 'file')} checked, no problems.\n`;
  const lines: string[] = [];
  let current: string | undefined;
  const width = Math.max(...diagnostics.map((d) => `${d.line}:${d.column}`.length));
  for (const diagnostic of diagnostics) {
    if (diagnostic.file !== current) {
      if (current !== undefined) lines.push('');
      lines.push(paint('underline', diagnostic.file));
      current = diagnostic.file;
    }
    const where = paint('dim', `${diagnostic.line}:${diagnostic.column}`.padEnd(width));
    lines.push(`  ${where}  ${paint(diagnostic.severity, diagnostic.severity.padEnd(11))}  ${diagnostic.message}  ${paint('dim', diagnostic.code)}`);
  }
  const count = (severity: Severity) => diagnostics.filter((d) => d.severity === severity).length;
  const summary = `✖ ${plural(diagnostics.length, 'problem')} in ${plural(fileCount, 'file')} (${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('information')} information, ${plural(count('hint'), 'hint')})`;
  lines.push('', paint(count('error') > 0 ? 'error' : 'warning', summary), '');
  return lines.join('\n');
}

const GITHUB_COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** A workflow command's message, escaped as the runner unescapes it (actions/toolkit's escapeData). */
export function escapeGithubData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** A workflow command's property value: also ":" and ",", which separate properties (escapeProperty). */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** GitHub Actions workflow commands, one per diagnostic: annotations on the pull request's changed lines. */
export function formatGithub(diagnostics: readonly CliDiagnostic[]): string {
  return diagnostics
    .map((d) => {
      const properties = [
        `file=${escapeGithubProperty(d.file)}`,
        `line=${d.line}`,
        `col=${d.column}`,
        `endLine=${d.endLine}`,
        `endColumn=${d.endColumn}`,
        `title=${escapeGithubProperty(d.code)}`,
      ].join(',');
      return `::${GITHUB_COMMAND[d.severity]} ${properties}::${escapeGithubData(d.message)}\n`;
    })
    .join('');
}
