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

/**
 * Sets an attribute's value: replaces what is written between `=` (and the quotes) and the end, or,
 * for an attribute written without `=` (`{type}`), writes it again whole.
 */
export function setValueFix(report: Report, title: string, attribute: Attribute, value: string, preferred = false): Fix {
  const written = report.text.slice(attribute.span.start, attribute.span.end);
  if (written.includes('=')) return replaceFix(report, title, attribute.valueSpan, value, preferred);
  return replaceFix(report, title, attribute.span, `${attribute.name}=${attributeValue(value)}`, preferred);
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

/**
 * The values of a closed set, the closest to what was written first: those it begins (an
 * abbreviation such as "perp"), then by edit distance; ties keep the set's order.
 */
export function byCloseness(word: string, options: readonly string[]): string[] {
  const written = word.trim().toLowerCase();
  const score = (option: string) => (written !== '' && option.startsWith(written) ? -1 : distance(written, option));
  return options
    .map((option, index) => ({ option, index, score: score(option) }))
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .map(({ option }) => option);
}

/**
 * Rewrites a name written in prose, keeping the writer's leading "the" (it belongs to the sentence,
 * not to the name): "the Assad regim" becomes "the Assad regime", and "the Assad regime" with the
 * gazetteer's name "the Government of Syria". The title shows the label as it will read.
 */
export function renameFix(report: Report, title: (label: string) => string, span: Span, name: string, preferred = false): Fix {
  const article = /^\s*the\s+/i.exec(report.text.slice(span.start, span.end))?.[0];
  if (!article) return replaceFix(report, title(name), span, name, preferred);
  const bare = name.replace(/^the\s+/i, '');
  return replaceFix(report, title(`${article.trimStart()}${bare}`), { start: span.start + article.length, end: span.end }, bare, preferred);
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

/**
 * An edit that adds `name=value` where a writer puts it, first in the attribute block (after the
 * id when that comes first), as the docs write `{#civ type=killed group=civilians}`; the block is created if
 * needed.
 */
export function insertAttributeEdit(report: Report, directive: Annotation | Incident, name: string, value: string): TextEdit {
  const block = directive.attributesSpan;
  if (!block) return addAttributeEdit(report, directive, name, value);
  const written = `${name}=${attributeValue(value)}`;
  const id = directive.attributes.get('id');
  const inner = report.text.slice(block.start + 1, block.end - 1);
  const firstAttributeStart = block.start + 1 + inner.length - inner.trimStart().length;
  if (id && id.span.start === firstAttributeStart) return replaceSpan(report, { start: id.span.end, end: id.span.end }, ` ${written}`);
  const separator = inner.trim() === '' || /^\s/.test(inner) ? '' : ' ';
  return replaceSpan(report, { start: block.start + 1, end: block.start + 1 }, `${written}${separator}`);
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
