import { countValue } from '../counts/countValue.js';
import { annotatedDate } from '../dates/annotatedDate.js';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import { reportScope, type PlaceScope } from '../gazetteer/reportScope.js';
import { mentions, resolveMention } from '../gazetteer/resolveMention.js';
import type { Annotation, Report } from '../model.js';
import type { ModelSink } from '../parse/buildModel.js';
import type { Span } from '../text.js';
import type { AnnotationName } from '../vocabulary.js';
import { annotationsIn } from './annotationsIn.js';

/** One annotation's label, classified for an editor's colours. */
export interface LabelToken {
  /** Inside the brackets: only the label, never the directive's name, its attributes or the prose around it. */
  span: Span;
  kind: AnnotationName;
  /** A count that names itself (`#civ`), so that other counts can be `part-of` it. */
  declaration: boolean;
  /**
   * The checker could not tell what the label stands for: an actor or place that resolves to no
   * entry or to several (`actor-unknown`, `place-unknown`, ambiguous names), a date with neither a
   * valid value nor a label it can place, a count with no number it can read.
   */
  unresolved: boolean;
}

/**
 * The labels of the report's annotations (those overlapping `within`, or all), in document order,
 * each with what it is and whether it resolved. Names are resolved as the checks resolve them (the
 * report's countries, the incident's place, `in=`, `ref=`), from the same caches, so a token
 * never says "resolved" where a diagnostic says "unknown". Incidents have no token: an incident's
 * label is a title, not a fact, and its opening line is the grammar's to colour.
 */
export function semanticTokens(report: Report, gazetteer: Gazetteer, blocks?: readonly ModelSink[], within?: Span): LabelToken[] {
  const tokens: LabelToken[] = [];
  let scope: PlaceScope | undefined;
  for (const annotation of annotationsIn(report, within)) {
    const span = annotation.labelSpan;
    if (!span || span.end === span.start) continue;
    tokens.push({
      span,
      kind: annotation.kind,
      declaration: annotation.kind === 'count' && (annotation.attributes.get('id')?.value.trim() ?? '') !== '',
      unresolved: !resolves(report, annotation, gazetteer, () => (scope ??= reportScope(gazetteer, report, blocks))),
    });
  }
  return tokens;
}

function resolves(report: Report, annotation: Annotation, gazetteer: Gazetteer, scope: () => PlaceScope): boolean {
  switch (annotation.kind) {
    case 'count':
      return countValue(report, annotation).interval !== undefined;
    case 'date':
      return annotatedDate(report, annotation).from !== 'nothing';
    case 'actor':
    case 'place': {
      const mention = mentions([annotation], [])[0]!;
      return resolveMention(gazetteer, mention, scope()).status === 'resolved';
    }
  }
}
