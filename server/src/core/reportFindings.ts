/**
 * Report-scoped findings moved by an edit instead of found again. The report-scoped rules read the
 * whole model (ids, part-of links and totals across incidents), so a keystroke anywhere used to run
 * them all over the report. Most keystrokes change no model at all: a letter typed in prose. When
 * the blocks an edit re-parsed hold the same model as before, at the same places but for the
 * edit's shift, and no line was added or removed, every report-scoped rule would find what it found
 * before, each position moved as the text moved: runRules.ts then moves the last findings.
 */
import { countValue, countValueRead, QUALIFIER_WINDOW } from './counts/countValue.js';
import type { ReportDiagnostic } from './diagnostics.js';
import type { Annotation, Incident, Report } from './model.js';
import type { Block } from './parse/blocks.js';
import type { ParseEdit } from './parse/incrementalParse.js';
import type { LineIndex, Position, Range, Span } from './text.js';

/** An old offset at the new place, or undefined for one inside the replaced text (or at its edges), which has none. */
type OffsetMap = (offset: number) => number | undefined;

function offsetMap(edit: ParseEdit): OffsetMap {
  return (offset) => (offset < edit.start ? offset : offset > edit.oldEnd ? offset + edit.delta : undefined);
}

/**
 * Whether the blocks the edit re-parsed (the new report's annotations given) make the same model as the blocks they replaced, moved by
 * the edit: same directives, labels, attributes and headings, every span moved as the text moved,
 * and no line added or removed. Conservative: any doubt says no (the rules then run).
 */
export function modelUnchangedByEdit(edit: ParseEdit, report: Report): boolean {
  if (edit.lineBreaks) return false;
  if (!sameBlockExtents(edit)) return false;
  // A block never closed is the report's (Report.openBlock), and whether to say so depends on what it holds (markup-unclosed-block).
  if (edit.replaced.some(literal) || edit.fresh.some(literal)) return false;
  const before = flatten(edit.replaced, edit);
  const after = flatten(edit.fresh, edit);
  if (before === undefined || after === undefined) return false;
  if (touchesDirective(edit, before)) return false;
  const map = offsetMap(edit);
  const index = (list: readonly object[]) => new Map<object, number>(list.map((item, at) => [item, at]));
  const compare: Comparison = {
    map,
    incidents: [index(before.incidents), index(after.incidents)],
    annotations: [index(before.annotations), index(after.annotations)],
  };
  const sameModel = (['incidents', 'annotations', 'foreignDirectives', 'headings'] as const).every(
    (key) => before[key].length === after[key].length && before[key].every((item, at) => same(item, after[key][at], compare)),
  );
  return sameModel && countsReadAsBefore(edit, report, compare.annotations);
}

/**
 * Whether the re-parsed blocks are as many as those they replaced, each starting and ending where
 * the old one's start and end moved to. Some report-scoped findings span a block (the report's
 * first paragraph), and a block may grow over the edit without a boundary at its edges: text typed
 * before a byte order mark joined the paragraph after it, which had started after the mark
 * (the property test's seed -1351561787). A boundary at the edit's edges has no moved place;
 * a finding there is not moved either (moveReportFindings).
 */
function sameBlockExtents(edit: ParseEdit): boolean {
  if (edit.replaced.length !== edit.fresh.length) return false;
  const map = offsetMap(edit);
  const movedTo = (old: number, now: number) => {
    const moved = map(old);
    return moved === undefined || moved === now;
  };
  return edit.replaced.every((block, at) => movedTo(block.start, edit.fresh[at]!.start) && movedTo(block.end, edit.fresh[at]!.end));
}

/**
 * Whether every count that may read the edited text as the prose before it, where "at least" and
 * the like are read (countValue.ts), reads what it read before. A count the edit re-parsed is
 * compared with the one it replaced (the model compared equal, so they are at the same place in
 * the lists); one beyond the re-parsed blocks is the same object, read from the old text: in doubt.
 */
function countsReadAsBefore(edit: ParseEdit, report: Report, [before, after]: [Map<object, number>, Map<object, number>]): boolean {
  const { annotations } = report;
  const from = edit.start;
  const to = edit.oldEnd + edit.delta + QUALIFIER_WINDOW;
  let low = 0;
  let high = annotations.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (annotations[middle]!.span.start < from) low = middle + 1;
    else high = middle;
  }
  const oldByPlace = [...before.keys()] as Annotation[];
  for (let at = low; at < annotations.length && annotations[at]!.span.start <= to; at++) {
    const count = annotations[at]!;
    if (count.kind !== 'count') continue;
    const place = after.get(count);
    const old = place === undefined ? undefined : countValueRead(oldByPlace[place]!);
    if (!old || !sameValue(old, countValue(report, count))) return false;
  }
  return true;
}

/** Plain data of numbers (Infinity among them) and strings. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

interface Model {
  incidents: Incident[];
  annotations: Annotation[];
  foreignDirectives: object[];
  headings: object[];
}

/**
 * The blocks' model in document order; undefined for an unparsed region, which rules read as text,
 * or front matter that the edit may touch. Front matter before the edit is read from the same text
 * again, and runRules.ts runs every rule again when its text changes.
 */
function flatten(blocks: readonly Block[], edit: ParseEdit): Model | undefined {
  const model: Model = { incidents: [], annotations: [], foreignDirectives: [], headings: [] };
  for (const block of blocks) {
    if (block.unchecked || (block.frontMatter && block.end >= edit.start)) return undefined;
    model.incidents.push(...block.incidents);
    model.annotations.push(...block.annotations);
    model.foreignDirectives.push(...block.foreignDirectives);
    model.headings.push(...block.headings);
  }
  return model;
}

/** Whether the edit touches a directive, whose text rules read: its label, its attributes, an incident's opening line. */
function touchesDirective(edit: ParseEdit, model: Model): boolean {
  const touches = (span: Span) => span.start <= edit.oldEnd && span.end >= edit.start;
  if (model.annotations.some((annotation) => touches(annotation.span))) return true;
  return model.foreignDirectives.some((directive) => touches((directive as Annotation).span)) || model.incidents.some((incident) => touches(incident.openingSpan));
}

interface Comparison {
  map: OffsetMap;
  /** Positions in the old and the new list: references between model objects are compared by place. */
  incidents: [Map<object, number>, Map<object, number>];
  annotations: [Map<object, number>, Map<object, number>];
}

const isSpan = (value: object): value is Span => {
  const keys = Object.keys(value);
  return keys.length === 2 && typeof (value as Span).start === 'number' && typeof (value as Span).end === 'number';
};

/** Deep equality of two parts of the model, spans compared at their moved places. */
function same(before: unknown, after: unknown, compare: Comparison, key?: string): boolean {
  if (before === after) return true;
  if (typeof before !== 'object' || typeof after !== 'object' || before === null || after === null) return false;
  if (key === 'incident') return compare.incidents[0].get(before) === compare.incidents[1].get(after) && compare.incidents[0].has(before);
  if (Array.isArray(before) || Array.isArray(after)) {
    if (!Array.isArray(before) || !Array.isArray(after) || before.length !== after.length) return false;
    if (key === 'annotations') return before.every((item, at) => compare.annotations[0].get(item) === compare.annotations[1].get(after[at]) && compare.annotations[0].has(item));
    return before.every((item, at) => same(item, after[at], compare));
  }
  if (before instanceof Map || after instanceof Map) {
    if (!(before instanceof Map) || !(after instanceof Map) || before.size !== after.size) return false;
    const entries = [...after];
    return [...before].every(([name, value], at) => entries[at]![0] === name && same(value, entries[at]![1], compare));
  }
  if (isSpan(before)) return isSpan(after) && compare.map(before.start) === after.start && compare.map(before.end) === after.end;
  const keys = Object.keys(before);
  if (keys.length !== Object.keys(after).length) return false;
  return keys.every((name) => Object.hasOwn(after, name) && same((before as Record<string, unknown>)[name], (after as Record<string, unknown>)[name], compare, name));
}

/**
 * The findings of the parse before `edit`, moved to the text after it: offsets and positions after
 * the edit move by its length, those before it stay. Undefined when one lies in the replaced text
 * or at its edges, where where it goes cannot be told (the rules then run). `lines` is the new text's.
 */
export function moveReportFindings(diagnostics: readonly ReportDiagnostic[], edit: ParseEdit, lines: LineIndex): ReportDiagnostic[] | undefined {
  const map = offsetMap(edit);
  // No line breaks in the edit: it lies on one line, which only columns after it change on.
  const at = lines.positionAt(edit.start);
  const firstColumn = at.character;
  const lastColumn = at.character + (edit.oldEnd - edit.start);
  let unplaced = false;
  const position = (old: Position): Position => {
    if (old.line !== at.line || old.character < firstColumn) return old;
    if (old.character <= lastColumn) unplaced = true;
    return { line: old.line, character: old.character + edit.delta };
  };
  const range = (old: Range): Range => {
    const start = position(old.start);
    const end = position(old.end);
    return start === old.start && end === old.end ? old : { start, end };
  };
  const moved = diagnostics.map((diagnostic): ReportDiagnostic => {
    const start = map(diagnostic.span.start);
    const end = map(diagnostic.span.end);
    if (start === undefined || end === undefined) unplaced = true;
    const span = start === diagnostic.span.start && end === diagnostic.span.end ? diagnostic.span : { start: start ?? 0, end: end ?? 0 };
    const newRange = range(diagnostic.range);
    const related = diagnostic.related.map((item) => (item.path !== undefined ? item : { ...item, range: range(item.range) }));
    const fixes = diagnostic.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((textEdit) => ({ ...textEdit, range: range(textEdit.range) })) }));
    if (span === diagnostic.span && newRange === diagnostic.range && related.every((item, i) => item.range === diagnostic.related[i]!.range) && fixes.every((fix, i) => fix.edits.every((e, j) => e.range === diagnostic.fixes[i]!.edits[j]!.range))) {
      return diagnostic;
    }
    return { ...diagnostic, span, range: newRange, related, fixes };
  });
  return unplaced ? undefined : moved;
}

function literal(block: Block): boolean {
  return block.literal !== undefined;
}
