import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  type CodeAction,
  type CompletionItemLabelDetails,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type LocationLink,
  type SelectionRange,
  type SymbolInformation,
  type Range,
  type TextEdit,
} from 'vscode-languageserver';
import type { ConfigProblem } from '../core/config/projectConfig.js';
import { docsUrl, type Fix, type ReportDiagnostic, type Severity } from '../core/diagnostics.js';
import { GAZETTEER_PROBLEM_SEVERITY, type GazetteerProblem } from '../core/gazetteer/gazetteerModel.js';
import type { CompletionEntry, CompletionLabelDetails, CompletionResult } from '../core/languageFeatures/completion.js';
import type { DefinitionTarget } from '../core/languageFeatures/definition.js';
import type { OutlineKind, OutlineSymbol } from '../core/languageFeatures/documentSymbols.js';
import type { FoldingSpan } from '../core/languageFeatures/foldingRanges.js';
import type { HoverResult } from '../core/languageFeatures/hover.js';
import { isLineBreakCode, type LineIndex, type Span } from '../core/text.js';
import type { IndexedSymbol } from '../core/workspace/workspaceIndex.js';
import type { Highlight } from '../core/languageFeatures/documentHighlight.js';
import type { NameLocation } from '../core/languageFeatures/references.js';
import type { FileEdit } from '../core/languageFeatures/rename.js';
import { DocumentHighlightKind, type DocumentHighlight, type Location, type WorkspaceEdit } from 'vscode-languageserver';
import { InlayHintKind, type CodeLens, type InlayHint, type SemanticTokens, type SemanticTokensLegend } from 'vscode-languageserver';
import type { IncidentLens } from '../core/languageFeatures/codeLens.js';
import type { EntryLens } from '../core/languageFeatures/gazetteerCodeLens.js';
import type { InlayHintResult } from '../core/languageFeatures/inlayHints.js';
import type { LabelToken } from '../core/languageFeatures/semanticTokens.js';
import type { AnnotationName } from '../core/vocabulary.js';

// From the core's results (offsets, spans, plain data) to LSP types, and nothing else.

export const SOURCE = 'incident-markup';

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const COMPLETION_KIND: Record<CompletionEntry['kind'], CompletionItemKind> = {
  actor: CompletionItemKind.Constructor,
  place: CompletionItemKind.Folder,
  attribute: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  directive: CompletionItemKind.Snippet,
  reference: CompletionItemKind.Reference,
};

/** How the client takes diagnostics: whether it reads `codeDescription` (ClientFeatures.codeDescription). */
export interface DiagnosticForm {
  codeDescription: boolean;
}

/** The link to a code's documentation, for a client that reads it; nothing otherwise. */
function describedCode(code: string, form: DiagnosticForm): Pick<Diagnostic, 'codeDescription'> {
  return form.codeDescription ? { codeDescription: { href: docsUrl(code) } } : {};
}

/** A report's diagnostic; related locations without a path are in the report itself. Fixes are not sent (see QuickFixes). */
export function toDiagnostic(diagnostic: ReportDiagnostic, uri: string, uriForPath: (path: string) => string, form: DiagnosticForm): Diagnostic {
  const result: Diagnostic = {
    range: diagnostic.range,
    severity: LSP_SEVERITY[diagnostic.severity],
    code: diagnostic.code,
    ...describedCode(diagnostic.code, form),
    source: SOURCE,
    message: diagnostic.message,
  };
  if (diagnostic.related.length > 0) {
    result.relatedInformation = diagnostic.related.map((related) => ({
      message: related.message,
      location: { uri: related.path === undefined ? uri : uriForPath(related.path), range: related.range },
    }));
  }
  return result;
}

/**
 * Whether two findings give the same LSP diagnostic (fixes and spans are not sent): a keystroke
 * leaves most of a long report's diagnostics as they were, and their converted form is re-used.
 */
export function sameDiagnostic(a: ReportDiagnostic, b: ReportDiagnostic): boolean {
  if (a === b) return true;
  if (a.code !== b.code || a.severity !== b.severity || a.message !== b.message || !sameRange(a.range, b.range) || a.related.length !== b.related.length) return false;
  return a.related.every((related, at) => {
    const other = b.related[at]!;
    return related.message === other.message && related.path === other.path && sameRange(related.range, other.range);
  });
}

function sameRange(a: Range, b: Range): boolean {
  return a === b || (a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character);
}

export function gazetteerProblemDiagnostic(problem: GazetteerProblem, lines: LineIndex, form: DiagnosticForm): Diagnostic {
  return {
    range: lines.rangeOf(problem.span ?? { start: 0, end: 0 }),
    severity: LSP_SEVERITY[GAZETTEER_PROBLEM_SEVERITY[problem.code]],
    code: problem.code,
    ...describedCode(problem.code, form),
    source: SOURCE,
    message: problem.message,
  };
}

export function configProblemDiagnostic(problem: ConfigProblem): Diagnostic {
  return { range: problem.range, severity: LSP_SEVERITY[problem.severity], source: SOURCE, message: problem.message };
}

export function toCodeAction(fix: Fix, diagnostic: Diagnostic, uri: string, uriForPath: (path: string) => string): CodeAction {
  const changes: Record<string, TextEdit[]> = { [uri]: fix.edits };
  for (const fileEdit of fix.fileEdits ?? []) {
    const target = uriForPath(fileEdit.path);
    changes[target] = [...(changes[target] ?? []), ...fileEdit.edits];
  }
  return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred === true, edit: { changes } };
}

/**
 * Plain MarkupContent: LSP has no trust flag, and the client (client/src/extension.ts) sets no
 * `markdown.isTrusted` or `supportHtml`, so VS Code renders hovers untrusted (no `command:` links,
 * no HTML). The core escapes file text in them all the same, for clients that are less careful.
 */
export function toHover(result: HoverResult, lines: LineIndex): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: result.contents }, range: lines.rangeOf(result.span) };
}

/**
 * `labelDetails` only for a client that shows them (`completionItem.labelDetailsSupport`): what
 * tells two places of one name apart is then beside the label; `detail` holds it all for the others.
 */
export function toCompletionList(result: CompletionResult, lines: LineIndex, labelDetails: boolean): CompletionList {
  return {
    isIncomplete: result.incomplete,
    items: result.items.map((item) => ({
      label: item.label,
      ...(labelDetails && item.labelDetails ? { labelDetails: toLabelDetails(item.labelDetails) } : {}),
      kind: COMPLETION_KIND[item.kind],
      detail: item.detail,
      filterText: item.filterText,
      sortText: item.sortText,
      insertTextFormat: item.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      textEdit: { range: lines.rangeOf(item.span), newText: item.newText },
    })),
  };
}

function toLabelDetails(details: CompletionLabelDetails): CompletionItemLabelDetails {
  return {
    ...(details.detail !== undefined ? { detail: details.detail } : {}),
    ...(details.description !== undefined ? { description: details.description } : {}),
  };
}

/** `lines` index the report, `targetLines` the file the target is in (the report itself or a gazetteer). */
export function toLocationLink(target: DefinitionTarget, lines: LineIndex, targetUri: string, targetLines: LineIndex): LocationLink {
  const targetRange = targetLines.rangeOf(target.span);
  return { originSelectionRange: lines.rangeOf(target.origin), targetUri, targetRange, targetSelectionRange: targetRange };
}

/** Actors as objects and places as namespaces: the icons VS Code shows for them read as "who" and "where" beside the incidents' events. */
const WORKSPACE_SYMBOL_KIND: Record<IndexedSymbol['kind'], SymbolKind> = {
  incident: SymbolKind.Event,
  count: SymbolKind.Number,
  actor: SymbolKind.Object,
  place: SymbolKind.Namespace,
};

export function toSymbolInformation(symbol: IndexedSymbol, uri: string): SymbolInformation {
  return {
    name: symbol.name,
    kind: WORKSPACE_SYMBOL_KIND[symbol.kind],
    containerName: symbol.container,
    location: { uri, range: symbol.range },
  };
}

/**
 * The outline's icons. Headings as VS Code's own Markdown outline shows them (String), so that
 * both look alike; incidents and counts as in workspace symbols (Event, Number); a date is a
 * fixed value (Constant); an actor as actor completions show it (Constructor); a place as a
 * Namespace, since places hold places as namespaces hold names.
 */
const SYMBOL_KIND: Record<OutlineKind, SymbolKind> = {
  heading: SymbolKind.String,
  incident: SymbolKind.Event,
  count: SymbolKind.Number,
  date: SymbolKind.Constant,
  actor: SymbolKind.Constructor,
  place: SymbolKind.Namespace,
};

export function toDocumentSymbol(symbol: OutlineSymbol, lines: LineIndex): DocumentSymbol {
  return {
    name: symbol.name,
    ...(symbol.detail ? { detail: symbol.detail } : {}),
    kind: SYMBOL_KIND[symbol.kind],
    range: lines.rangeOf(symbol.span),
    selectionRange: lines.rangeOf(symbol.selectionSpan),
    children: symbol.children.map((child) => toDocumentSymbol(child, lines)),
  };
}

/** For a client without hierarchical document symbols: the outline flattened, each symbol naming its parent. */
export function toFlatSymbols(symbols: readonly OutlineSymbol[], uri: string, lines: LineIndex, container?: string): SymbolInformation[] {
  return symbols.flatMap((symbol) => [
    { name: symbol.name, kind: SYMBOL_KIND[symbol.kind], location: { uri, range: lines.rangeOf(symbol.span) }, ...(container ? { containerName: container } : {}) },
    ...toFlatSymbols(symbol.children, uri, lines, symbol.name),
  ]);
}

/** Line folds: from the opening line to the closing one; a fold within one line folds nothing and is left out. */
export function toFoldingRanges(spans: readonly FoldingSpan[], lines: LineIndex): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  for (const { span } of spans) {
    const startLine = lines.positionAt(span.start).line;
    const end = lines.positionAt(span.end);
    // A span that ends with its line break ends on the line before.
    const endLine = end.character === 0 && span.end > span.start ? end.line - 1 : end.line;
    if (endLine > startLine) ranges.push({ startLine, endLine });
  }
  return ranges;
}

/** Innermost span first, as the core gives them; each range's parent is the next. */
export function toSelectionRange(chain: readonly Span[], lines: LineIndex): SelectionRange {
  let range: SelectionRange | undefined;
  for (let index = chain.length - 1; index >= 0; index--) {
    range = { range: lines.rangeOf(chain[index]!), ...(range ? { parent: range } : {}) };
  }
  return range!;
}

// References, rename and document highlight: locations and edits may lie in other files (no path: the document asked about).

export function toLocations(locations: readonly NameLocation[], uri: string, uriForPath: (path: string) => string): Location[] {
  return locations.map((location) => ({ uri: location.path === undefined ? uri : uriForPath(location.path), range: location.range }));
}

/** One WorkspaceEdit for every file a rename changes, each file's edits in document order. */
export function toWorkspaceEdit(edits: readonly FileEdit[], uri: string, uriForPath: (path: string) => string): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const edit of edits) {
    const target = edit.path === undefined ? uri : uriForPath(edit.path);
    (changes[target] ??= []).push({ range: edit.range, newText: edit.newText });
  }
  return { changes };
}

export function toDocumentHighlights(highlights: readonly Highlight[], lines: LineIndex): DocumentHighlight[] {
  return highlights.map((highlight) => ({
    range: lines.rangeOf(highlight.span),
    kind: highlight.kind === 'write' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
  }));
}

// Semantic tokens, inlay hints and code lenses.

/**
 * Standard token types, so that every theme and editor colours them without being told: VS Code's
 * default themes give `class`, `type` and `namespace` one colour (teal), so actors and places come
 * from different families. A count is a `number`, as the TextMate grammar already colours its label;
 * a date a fixed value, `enumMember` (VS Code's constant colour, Neovim's @constant); an actor the
 * one who acts, `function` (the outline's Constructor is of that family); a place a `namespace`,
 * as places hold places (the outline's Namespace). docs/configuration.md shows the colours.
 */
const TOKEN_TYPE: Record<AnnotationName, string> = { count: 'number', date: 'enumMember', actor: 'function', place: 'namespace' };

/**
 * `declaration` for a count that names itself with `#id`. An unresolved label carries `unresolved`
 * (ours: the extension maps it to the grammar's label colour, so in VS Code an unresolved name keeps
 * the colour it had before the server answered) and the standard `deprecated`, which other editors
 * strike through (Neovim links it to DiagnosticDeprecated), so that they show it too.
 */
const TOKEN_MODIFIERS = ['declaration', 'deprecated', 'unresolved'] as const;

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: Object.values(TOKEN_TYPE),
  tokenModifiers: [...TOKEN_MODIFIERS],
};

const TOKEN_TYPE_INDEX = new Map(SEMANTIC_TOKENS_LEGEND.tokenTypes.map((type, index) => [type, index]));
const modifierBit = (modifier: (typeof TOKEN_MODIFIERS)[number]) => 1 << TOKEN_MODIFIERS.indexOf(modifier);

/**
 * LSP's relative encoding (line and start as deltas from the previous token). A label that runs
 * over lines is one token per line: VS Code's client, like most, takes no multiline tokens.
 */
export function toSemanticTokens(tokens: readonly LabelToken[], lines: LineIndex): SemanticTokens {
  const data: number[] = [];
  let previousLine = 0;
  let previousStart = 0;
  for (const token of tokens) {
    const type = TOKEN_TYPE_INDEX.get(TOKEN_TYPE[token.kind])!;
    const modifiers = (token.declaration ? modifierBit('declaration') : 0) | (token.unresolved ? modifierBit('deprecated') | modifierBit('unresolved') : 0);
    for (const { line, start, length } of lineSegments(token.span, lines)) {
      data.push(line - previousLine, line === previousLine ? start - previousStart : start, length, type, modifiers);
      previousLine = line;
      previousStart = start;
    }
  }
  return { data };
}

/** The pieces of a span on each line it touches, without line breaks; empty pieces (a label's blank line) are left out. */
function lineSegments(span: Span, lines: LineIndex): { line: number; start: number; length: number }[] {
  const first = lines.positionAt(span.start);
  const last = lines.positionAt(span.end);
  if (first.line === last.line) return [{ line: first.line, start: first.character, length: last.character - first.character }];
  const segments: { line: number; start: number; length: number }[] = [];
  for (let line = first.line; line <= last.line; line++) {
    const start = line === first.line ? first.character : 0;
    let end = line === last.line ? span.end : lines.offsetAt({ line: line + 1, character: 0 });
    if (line !== last.line) while (end > 0 && isLineBreakCode(lines.text.charCodeAt(end - 1))) end--;
    const length = end - lines.offsetAt({ line, character: start });
    if (length > 0) segments.push({ line, start, length });
  }
  return segments;
}

/** After the directive, one space away; `Type` for both, as VS Code shows value hints. The tooltip is the diagnostic's message. */
export function toInlayHint(hint: InlayHintResult, lines: LineIndex): InlayHint {
  return {
    position: lines.positionAt(hint.offset),
    label: hint.label,
    kind: InlayHintKind.Type,
    paddingLeft: true,
    tooltip: hint.tooltip,
    ...(hint.edit ? { textEdits: [{ range: lines.rangeOf(hint.edit.span), newText: hint.edit.newText }] } : {}),
  };
}

/**
 * A lens that only says something: a command with no id, which VS Code shows as plain text, not
 * a link (there is nothing to run; the figures are the lens).
 */
export function toCodeLens(lens: IncidentLens, lines: LineIndex): CodeLens {
  return { range: lines.rangeOf(lens.span), command: { title: lens.title, command: '' } };
}

/**
 * A gazetteer entry's lens: its mentions, opened by `command` with the file's uri and the position
 * of the entry's id; a lens of no mentions only says so, as an incident's does.
 */
export function toEntryCodeLens(lens: EntryLens, lines: LineIndex, uri: string, command: string): CodeLens {
  const range = lines.rangeOf(lens.span);
  if (lens.referencesAt === undefined) return { range, command: { title: lens.title, command: '' } };
  return { range, command: { title: lens.title, command, arguments: [uri, lines.positionAt(lens.referencesAt)] } };
}
