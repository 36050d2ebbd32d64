import type { Gazetteer } from '../gazetteer/gazetteer.js';
import { mentions, resolveMention } from '../gazetteer/resolveMention.js';
import { reportScope, type PlaceScope } from '../gazetteer/reportScope.js';
import type { Report } from '../model.js';
import type { Span } from '../text.js';
import { findAt } from './findAt.js';

export interface DefinitionTarget {
  /** Undefined for a target in the same report. */
  path: string | undefined;
  span: Span;
  /** The span in the report the definition is for. */
  origin: Span;
}

/**
 * Go to the gazetteer entry of an actor or place, or to the count a `part-of` names. `scope`: the
 * report's countries (reportScope), so that a name is read as the checks read it.
 */
export function definition(report: Report, gazetteer: Gazetteer, offset: number, scope: PlaceScope = reportScope(gazetteer, report)): DefinitionTarget | undefined {
  const located = findAt(report, offset);
  if (!located) return undefined;
  const { directive, attribute } = located;

  if (directive.kind === 'count' && attribute?.name === 'part-of') {
    const whole = report.annotations.find((other) => other.kind === 'count' && other.attributes.get('id')?.value === attribute.value);
    const id = whole?.attributes.get('id');
    return id ? { path: undefined, span: id.span, origin: attribute.valueSpan } : undefined;
  }

  if (directive.kind === 'incident' && attribute?.name !== 'place') return undefined;
  const mention = directive.kind === 'incident' ? mentions([], [directive])[0] : mentions([directive], [])[0];
  if (!mention) return undefined;
  const resolution = resolveMention(gazetteer, mention, scope);
  if (resolution.status !== 'resolved' || !resolution.entry.source.span) return undefined;
  const origin = attribute?.valueSpan ?? directive.labelSpan ?? directive.nameSpan;
  return { path: resolution.entry.source.file, span: resolution.entry.source.span, origin };
}
