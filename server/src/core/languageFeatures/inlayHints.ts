import { annotatedDate } from '../dates/annotatedDate.js';
import { formatInterval } from '../dates/isoDate.js';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import { reportScope, type PlaceScope } from '../gazetteer/reportScope.js';
import { mentions, resolveMention } from '../gazetteer/resolveMention.js';
import type { Annotation, Report } from '../model.js';
import type { ModelSink } from '../parse/buildModel.js';
import type { Span } from '../text.js';
import { annotationsIn } from './annotationsIn.js';

/**
 * The diagnostic codes whose findings the inlay hints show: an editor that shows the hints need not
 * be sent these diagnostics too (the server leaves them out unless a setting asks for them).
 * They are the hints of a long report (about a thousand per MiB), and most of its diagnostics' bytes.
 */
export const INLAY_HINT_CODES: ReadonlySet<string> = new Set(['actor-alias', 'place-alias', 'date-inferred']);

export interface InlayHintResult {
  /** After the whole directive, its attributes included: the hint never splits `:date[…]{…}`. */
  offset: number;
  /** "= 2023-10-04" for a date read from its label, "→ Government of Syria" for a name written as an alias. */
  label: string;
  /** The check whose finding the hint shows: a check turned off shows no hint either. */
  code: 'date-inferred' | 'actor-alias' | 'place-alias';
  /** The message of the diagnostic the hint stands for (`date-inferred`, `actor-alias`, `place-alias`). */
  tooltip: string;
  /**
   * What accepting the hint writes: a date's `value`, as the date-inferred quick fix does (the quick
   * fix goes with the diagnostic, so the hint carries it). None for a name: an alias is a fine way
   * to write a name, and a hint accepted by mistake must not rewrite the prose.
   */
  edit?: { span: Span; newText: string };
}

/**
 * What the checker read into the report where the text does not say it, for the annotations
 * overlapping `within` (or all), in document order: the ISO value of each date written without
 * one, and the gazetteer's name of each actor or place written with one of its aliases. The same
 * findings as `date-inferred` and the alias rules, read the same way (`annotatedDate`, and names
 * resolved in the report's scope, from the same caches).
 */
export function inlayHints(report: Report, gazetteer: Gazetteer, blocks?: readonly ModelSink[], within?: Span): InlayHintResult[] {
  const hints: InlayHintResult[] = [];
  let scope: PlaceScope | undefined;
  for (const annotation of annotationsIn(report, within)) {
    if (annotation.kind === 'date') {
      const hint = inferredDateHint(report, annotation);
      if (hint) hints.push(hint);
    } else if (annotation.kind === 'actor' || annotation.kind === 'place') {
      const hint = canonicalNameHint(annotation, gazetteer, (scope ??= reportScope(gazetteer, report, blocks)));
      if (hint) hints.push(hint);
    }
  }
  return hints;
}

function inferredDateHint(report: Report, annotation: Annotation): InlayHintResult | undefined {
  const read = annotatedDate(report, annotation);
  if (read.from !== 'label') return undefined;
  const { interval, basis } = read.date;
  const value = formatInterval(interval);
  return {
    offset: annotation.span.end,
    label: `= ${value}`,
    code: 'date-inferred',
    tooltip: `No value: "${annotation.label.trim()}" reads as ${value}${basis ? ` (${basis})` : ''}.`,
    edit: addValueEdit(report, annotation, value),
  };
}

/** `{value=…}` after the label, or ` value=…` at the end of the attributes there are. An ISO date needs no quotes. */
function addValueEdit(report: Report, annotation: Annotation, value: string): { span: Span; newText: string } {
  const block = annotation.attributesSpan;
  if (!block) return { span: { start: annotation.span.end, end: annotation.span.end }, newText: `{value=${value}}` };
  const inner = report.text.slice(block.start + 1, block.end - 1);
  const at = block.end - 1;
  return { span: { start: at, end: at }, newText: `${inner.trim() === '' ? '' : ' '}value=${value}` };
}

/** As the alias rules decide it: a label (not a `ref=`) that resolves through one of the entry's aliases. */
function canonicalNameHint(annotation: Annotation, gazetteer: Gazetteer, scope: PlaceScope): InlayHintResult | undefined {
  const mention = mentions([annotation], [])[0]!;
  if (mention.ref) return undefined;
  const resolution = resolveMention(gazetteer, mention, scope);
  if (resolution.status !== 'resolved' || resolution.match !== 'alias') return undefined;
  const { entry } = resolution;
  return {
    offset: annotation.span.end,
    label: `→ ${entry.name}`,
    code: `${mention.category}-alias`,
    tooltip: `"${mention.text.trim()}" is an alias of ${entry.name} (${entry.id}).`,
  };
}
