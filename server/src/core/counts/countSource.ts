import { parseIsoDate, type DateInterval } from '../dates/isoDate.js';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import { asWrittenKey } from '../gazetteer/normalizeName.js';
import { mentions, resolveMention } from '../gazetteer/resolveMention.js';
import type { Annotation, Report } from '../model.js';
import type { TextLike } from '../pieceText.js';

/**
 * Who gave a figure (`source=`) and when it was true (`as-of=`).
 *
 * `source=` names an actor the way a writer has it at hand: the gazetteer id (`source=sohr`), a
 * name or alias of a gazetteer actor (`source="White Helmets"`), or the label of an
 * `:actor[…]{role=source}` in the same incident (outside incidents, the same paragraph), which
 * need not be in the gazetteer. Two counts have the same source when they name the same actor,
 * however each names it: the gazetteer entry when there is one, else the label as written.
 */
export interface CountSource {
  /** What two counts compare: `actor:<gazetteer id>`, or `label:<label as written>`. */
  key: string;
  /** The name shown in hover, messages and the export: the gazetteer name, or the value as written. */
  name: string;
  /** The gazetteer id, when the source is a gazetteer actor. */
  id: string | undefined;
  /** `source=` exactly as written, trimmed. */
  written: string;
  /** False when nothing in the gazetteer or the incident (paragraph) is this actor: count-unknown-source says so. */
  known: boolean;
}

/** The source of a count with `source=`, undefined without one (or with an empty one: then the count is its report's own). */
export function countSource(report: Report, annotation: Annotation, gazetteer: Gazetteer): CountSource | undefined {
  const written = annotation.attributes.get('source')?.value.trim() ?? '';
  if (written === '') return undefined;
  const key = asWrittenKey(written);
  // An actor the report itself names as a source, nearby: its label, its ref= or what it resolves to.
  for (const actor of sourceActorsNear(report, annotation)) {
    const [mention] = mentions([actor], []);
    const resolution = mention ? resolveMention(gazetteer, mention) : undefined;
    const entry = resolution?.status === 'resolved' ? resolution.entry : undefined;
    const names = [actor.label, actor.attributes.get('ref')?.value ?? '', entry?.id ?? '', entry?.name ?? '', ...(entry?.aliases ?? [])];
    if (!names.some((name) => name.trim() !== '' && asWrittenKey(name) === key)) continue;
    if (entry) return { key: `actor:${entry.id}`, name: entry.name, id: entry.id, written, known: true };
    return { key: `label:${asWrittenKey(actor.label)}`, name: actor.label.trim(), id: undefined, written, known: true };
  }
  const byId = gazetteer.get('actor', written);
  const resolution = byId ? undefined : gazetteer.resolve('actor', written);
  const entry = byId ?? (resolution?.status === 'resolved' ? resolution.entry : undefined);
  if (entry) return { key: `actor:${entry.id}`, name: entry.name, id: entry.id, written, known: true };
  return { key: `label:${key}`, name: written, id: undefined, written, known: false };
}

/**
 * The `:actor[…]{role=source}` a count may name: those of its incident, or, outside incidents,
 * those outside incidents in its paragraph (between the blank lines around it). Each count asks,
 * so the lists are made once per incident and per report (an unclosed `:::incident` above 20,000
 * counts made every count filter every annotation: 18 s in a check).
 */
export function sourceActorsNear(report: Report, annotation: Annotation): Annotation[] {
  if (annotation.incident) {
    const annotations = annotation.incident.annotations;
    let sources = INCIDENT_SOURCES.get(annotations);
    if (!sources) INCIDENT_SOURCES.set(annotations, (sources = annotations.filter(isSource)));
    return sources;
  }
  const { text } = report;
  const start = blankLineBefore(text, annotation.span.start);
  const end = blankLineAfter(text, annotation.span.end);
  let outside = OUTSIDE_SOURCES.get(report);
  if (!outside) OUTSIDE_SOURCES.set(report, (outside = report.annotations.filter((other) => other.incident === undefined && isSource(other))));
  // In document order: the first that starts in the paragraph, by bisection, then those up to its end.
  let low = 0;
  let high = outside.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (outside[middle]!.span.start < start) low = middle + 1;
    else high = middle;
  }
  const found: Annotation[] = [];
  for (let index = low; index < outside.length && outside[index]!.span.start <= end; index++) {
    if (outside[index]!.span.end <= end) found.push(outside[index]!);
  }
  return found;
}

function isSource(other: Annotation): boolean {
  return other.kind === 'actor' && other.attributes.get('role')?.value === 'source';
}

/** Keyed by the model's own lists, which a parse makes anew for what it re-parses and never changes afterwards. */
const INCIDENT_SOURCES = new WeakMap<readonly Annotation[], Annotation[]>();
/** By report, not by its list of annotations: parseIncremental edits a report's lists in place for the next version. */
const OUTSIDE_SOURCES = new WeakMap<Report, Annotation[]>();

/** Where the blank line (`\n\n`, `\r\n\r\n` or `\r\r`) before `offset` starts; 0 without one. */
function blankLineBefore(text: TextLike, offset: number): number {
  for (let index = Math.min(offset, text.length) - 1; index > 0; index--) {
    if (isLineBreak(text, index) && isLineBreak(text, previousBreak(text, index))) return previousBreak(text, index);
  }
  return 0;
}

/** Where the blank line after `offset` starts; the end of the text without one. */
function blankLineAfter(text: TextLike, offset: number): number {
  for (let index = offset; index < text.length; index++) {
    if (!isLineBreak(text, index)) continue;
    const next = index + (text.charCodeAt(index) === 13 && text.charCodeAt(index + 1) === 10 ? 2 : 1);
    if (isLineBreak(text, next)) return index;
  }
  return text.length;
}

/** Whether a line break (`\n`, `\r`, or the `\r` of `\r\n`) starts at `index`. */
function isLineBreak(text: TextLike, index: number): boolean {
  const code = text.charCodeAt(index);
  return code === 13 || (code === 10 && text.charCodeAt(index - 1) !== 13);
}

/** The start of the line break just before the one at `index` would be, if the line between is empty. */
function previousBreak(text: TextLike, index: number): number {
  const before = index - 1;
  return text.charCodeAt(before) === 10 && text.charCodeAt(before - 1) === 13 ? before - 1 : before;
}

/** `as-of=` read as an ISO date or period, as date values are; undefined without one or when it is not a date (count-invalid says why). */
export function countAsOf(annotation: Annotation): DateInterval | undefined {
  const written = annotation.attributes.get('as-of')?.value;
  if (written === undefined) return undefined;
  const parsed = parseIsoDate(written);
  return parsed.ok ? parsed.interval : undefined;
}
