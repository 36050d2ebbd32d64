import { parseIsoDate, type DateInterval } from '../dates/isoDate.js';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import { asWrittenKey } from '../gazetteer/normalizeName.js';
import { mentions, resolveMention } from '../gazetteer/resolveMention.js';
import type { Annotation, Report } from '../model.js';

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
 * those outside incidents in its paragraph (between the blank lines around it).
 */
export function sourceActorsNear(report: Report, annotation: Annotation): Annotation[] {
  const isSource = (other: Annotation) => other.kind === 'actor' && other.attributes.get('role')?.value === 'source';
  if (annotation.incident) return annotation.incident.annotations.filter(isSource);
  const { text } = report;
  const before = text.lastIndexOf('\n\n', annotation.span.start);
  const after = text.indexOf('\n\n', annotation.span.end);
  const start = before < 0 ? 0 : before;
  const end = after < 0 ? text.length : after;
  return report.annotations.filter((other) => other.incident === undefined && other.span.start >= start && other.span.end <= end && isSource(other));
}

/** `as-of=` read as an ISO date or period, as date values are; undefined without one or when it is not a date (count-invalid says why). */
export function countAsOf(annotation: Annotation): DateInterval | undefined {
  const written = annotation.attributes.get('as-of')?.value;
  if (written === undefined) return undefined;
  const parsed = parseIsoDate(written);
  return parsed.ok ? parsed.interval : undefined;
}
