import { distance } from 'fastest-levenshtein';
import type { Fix, TextEdit } from '../diagnostics.js';
import type { Annotation, Attribute, Incident, Report } from '../model.js';
import type { Span } from '../text.js';

function replaceSpan(report: Report, span: Span, newText: string): TextEdit {
  return { range: report.lines.rangeOf(span), newText };
}

export function replaceFix(report: Report, title: string, span: Span, newText: string, preferred = false): Fix {
  return { title, edits: [replaceSpan(report, span, newText)], preferred };
}

/** The closest word within a small edit distance, for "did you mean". */
export function nearest(word: string, options: readonly string[], maxDistance = 2): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const option of options) {
    const score = distance(word.toLowerCase(), option);
    if (score < bestScore && score <= maxDistance && score < Math.max(word.length, 2)) {
      best = option;
      bestScore = score;
    }
  }
  return best;
}

/** The name part of an attribute (`type` in `type=killed`, `.c` for a class). */
export function attributeNameSpan(report: Report, attribute: Attribute): Span {
  const first = report.text.charAt(attribute.span.start);
  if (first === '.' || first === '#') return { start: attribute.span.start, end: attribute.span.start + 1 };
  return { start: attribute.span.start, end: attribute.span.start + attribute.name.length };
}

/** Writes an attribute value, quoting it when remark-directive needs quotes. */
function attributeValue(value: string): string {
  return /^[^\s"'<=>`}]+$/.test(value) ? value : `"${value.replace(/"/g, '&quot;')}"`;
}

/** An edit that adds `name=value` at the end of a directive's attribute block, creating the block if needed. */
export function addAttributeEdit(report: Report, directive: Annotation | Incident, name: string, value: string): TextEdit {
  const written = `${name}=${attributeValue(value)}`;
  const block = directive.attributesSpan;
  if (block) {
    const inner = report.text.slice(block.start + 1, block.end - 1);
    const separator = inner.trim() === '' ? '' : ' ';
    return replaceSpan(report, { start: block.end - 1, end: block.end - 1 }, `${separator}${written}`);
  }
  const at = directive.kind === 'incident' ? directive.nameSpan.end + (directive.labelSpan ? directive.label.length + 2 : 0) : directive.span.end;
  return replaceSpan(report, { start: at, end: at }, `{${written}}`);
}

export function lineOf(report: Report, offset: number): number {
  return report.lines.positionAt(offset).line + 1;
}

/** Every directive of ours (incidents and annotations) in document order. */
export function ourDirectives(report: Pick<Report, 'incidents' | 'annotations'>): (Annotation | Incident)[] {
  // Both lists are in document order already: merged, not sorted (this runs on every keystroke).
  const { incidents, annotations } = report;
  const merged: (Annotation | Incident)[] = [];
  let i = 0;
  let a = 0;
  while (i < incidents.length || a < annotations.length) {
    const incident = incidents[i];
    const annotation = annotations[a];
    if (incident && (!annotation || incident.span.start <= annotation.span.start)) {
      merged.push(incident);
      i++;
    } else {
      merged.push(annotation!);
      a++;
    }
  }
  return merged;
}
