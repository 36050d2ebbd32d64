import type { Range, Span } from './text.js';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

export interface TextEdit {
  range: Range;
  newText: string;
}

/** An edit to another file, such as adding an entry to the team's gazetteer. */
export interface FileEdit {
  path: string;
  edits: TextEdit[];
}

/**
 * A quick fix, computed by the rule that found the problem. The server turns
 * these into code actions with one generic handler.
 */
export interface Fix {
  title: string;
  /** Edits to the report itself. */
  edits: TextEdit[];
  fileEdits?: FileEdit[];
  preferred?: boolean;
}

export interface RelatedLocation {
  message: string;
  range: Range;
  /** Absent for a location in the same document. */
  path?: string;
}

export interface ReportDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  span: Span;
  fixes: Fix[];
  related: RelatedLocation[];
}

const DOCS_URL = 'https://github.com/incident-markup/incident-markup/blob/main/docs/rules.md';

export function docsUrl(code: string): string {
  return `${DOCS_URL}#${code}`;
}
