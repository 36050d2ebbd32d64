import { countFacts } from '../counts/countFacts.js';
import { countSource } from '../counts/countSource.js';
import { countValue } from '../counts/countValue.js';
import { formatInterval as formatCount } from '../counts/readCountLabel.js';
import { parseIsoDate } from '../dates/isoDate.js';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import type { GazetteerEntry } from '../gazetteer/gazetteerModel.js';
import { mentions, resolveMention } from '../gazetteer/resolveMention.js';
import { reportScope, type PlaceScope } from '../gazetteer/reportScope.js';
import { codeSpan, escapeMarkdown as escaped } from '../markdownText.js';
import type { Annotation, Report } from '../model.js';
import type { Span } from '../text.js';
import { findAt } from './findAt.js';

export interface HoverResult {
  /**
   * Markdown, sent untrusted (see toHover). Every piece of text from a file goes through
   * `escapeMarkdown` or `codeSpan`; the only links are built here from validated GeoNames and Wikidata ids.
   */
  contents: string;
  span: Span;
}

const WEEKDAY = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' });
const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A link only for an id of digits alone; anything else is shown as the file wrote it. */
function geonamesFact(geonames: number): string {
  const id = String(geonames);
  return /^\d+$/.test(id) ? `[GeoNames ${id}](https://www.geonames.org/${id})` : `GeoNames ${escaped(id)}`;
}

/** A link only for a Wikidata item id (Q and a number); anything else is shown as the file wrote it. */
function wikidataFact(wikidata: string): string {
  return /^Q[1-9]\d*$/.test(wikidata) ? `[Wikidata ${wikidata}](https://www.wikidata.org/wiki/${wikidata})` : `Wikidata ${escaped(wikidata)}`;
}

/** The gazetteer card shown for an actor or place. */
export function entryCard(gazetteer: Gazetteer, entry: GazetteerEntry): string {
  const lines = [`**${escaped(entry.name)}**${entry.kind ? ` — ${escaped(entry.kind)}` : ''}`];
  if (entry.category === 'place') {
    const path = gazetteer.ancestors(entry).map((place) => escaped(place.name));
    if (path.length > 0) lines.push(`in ${path.join(' › ')}`);
  }
  if (entry.aliases.length > 0) lines.push(`Also written: ${entry.aliases.map(escaped).join(', ')}`);
  if (entry.members.length > 0) {
    const members = entry.members.map((id) => escaped(gazetteer.get('actor', id)?.name ?? id));
    lines.push(`Members: ${members.join(', ')}`);
  }
  const facts: string[] = [];
  if (entry.coordinates) facts.push(`${entry.coordinates[0]}, ${entry.coordinates[1]}`);
  if (entry.geonames !== undefined) facts.push(geonamesFact(entry.geonames));
  if (entry.wikidata) facts.push(wikidataFact(entry.wikidata));
  if (facts.length > 0) lines.push(facts.join(' · '));
  if (entry.note) lines.push(`_${escaped(entry.note)}_`);
  lines.push(`id ${codeSpan(entry.id)} · ${escaped(entry.source.file.split(/[\\/]/).pop() ?? '')}`);
  return lines.join('\n\n');
}

function describeCount(report: Report, gazetteer: Gazetteer, annotation: Annotation): string {
  const { interval, valueProblem } = countValue(report, annotation);
  const type = annotation.attributes.get('type')?.value;
  const group = annotation.attributes.get('group')?.value;
  const what = escaped([group, type].filter(Boolean).join(' '));
  if (!interval) return `**Count**${what ? ` of ${what}` : ''}: no number could be read${valueProblem ? ` (${escaped(valueProblem)})` : ''}.`;
  const lines = [`**${formatCount(interval)}${what ? ` ${what}` : ''}**`];
  const source = annotation.attributes.has('value')
    ? `value=${escaped(annotation.attributes.get('value')!.value)}`
    : `the label "${escaped(annotation.label.trim())}"`;
  lines.push(`Read from ${source} as ${interval.precision === 'exact' ? 'an exact figure' : interval.precision}.`);
  lines.push(...figureProvenance(report, gazetteer, annotation));
  const id = annotation.attributes.get('id')?.value;
  if (id) {
    const parts = report.annotations.filter((other) => other.kind === 'count' && other.attributes.get('part-of')?.value === id);
    if (parts.length > 0) {
      lines.push(
        `Parts: ${parts.map((part) => escaped(`${part.label.trim()} ${part.attributes.get('group')?.value ?? ''}`.trim())).join(', ')}`,
      );
    }
  }
  return lines.join('\n\n');
}

/** Who gave the figure, when it was true, and whether a later figure of the same source replaced it. */
function figureProvenance(report: Report, gazetteer: Gazetteer, annotation: Annotation): string[] {
  const lines: string[] = [];
  const source = countSource(report, annotation, gazetteer);
  if (source) {
    const known = source.id ? ` (${codeSpan(source.id)})` : source.known ? '' : ', not an actor of the gazetteer or the incident';
    lines.push(`Source: ${escaped(source.name)}${known}`);
  }
  const asOf = annotation.attributes.get('as-of')?.value;
  if (asOf !== undefined) lines.push(`As of ${describeDate(asOf)}`);
  const fact = countFacts(report, gazetteer).facts.find((candidate) => candidate.annotation === annotation);
  if (fact && countFacts(report, gazetteer).isSuperseded(fact)) lines.push('_Superseded by a later figure of the same source._');
  return lines;
}

function describeDate(value: string | undefined): string {
  if (!value) return '**Date** without a value.';
  const parsed = parseIsoDate(value);
  if (!parsed.ok) return `**Date**: ${escaped(parsed.message)}`;
  const { start, end } = parsed.interval;
  const show = (date: typeof start) => {
    if (date.precision !== 'day') return date.precision === 'year' ? String(date.year) : `${date.year}-${String(date.month).padStart(2, '0')}`;
    const utc = new Date(Date.UTC(date.year, date.month! - 1, date.day));
    return `${WEEKDAY.format(utc)} ${LONG_DATE.format(utc)}`;
  };
  return value.includes('/') ? `**${show(start)} – ${show(end)}**` : `**${show(start)}**`;
}

/** `scope`: the report's countries (reportScope), so that a name is read as the checks read it, whether or not one ran. */
export function hover(report: Report, gazetteer: Gazetteer, offset: number, scope: PlaceScope = reportScope(gazetteer, report)): HoverResult | undefined {
  const located = findAt(report, offset);
  if (!located) return undefined;
  const { directive } = located;
  const span = located.attribute?.span ?? directive.labelSpan ?? directive.nameSpan;

  if (directive.kind === 'count') return { contents: describeCount(report, gazetteer, directive), span: directive.span };
  if (directive.kind === 'date') return { contents: describeDate(directive.attributes.get('value')?.value), span: directive.span };

  if (directive.kind === 'incident' && located.attribute?.name !== 'place') {
    const id = directive.attributes.get('id')?.value;
    const date = directive.attributes.get('date')?.value;
    const lines = [`**Incident**${id ? ` ${codeSpan(id)}` : ''}`, ...(date ? [describeDate(date)] : [])];
    return { contents: lines.join('\n\n'), span: directive.openingSpan };
  }
  const mention = directive.kind === 'incident' ? mentions([], [directive])[0] : mentions([directive], [])[0];
  if (!mention) return undefined;
  const resolution = resolveMention(gazetteer, mention, scope);
  if (resolution.status === 'resolved') return { contents: entryCard(gazetteer, resolution.entry), span };
  if (resolution.status === 'ambiguous') {
    return {
      contents: [
        `**"${escaped(mention.text.trim())}"** could be:`,
        ...resolution.candidates.map((candidate) => `- ${escaped(gazetteer.describe(candidate.entry))} (${codeSpan(candidate.entry.id)})`),
      ].join('\n'),
      span,
    };
  }
  return { contents: `**"${escaped(mention.ref?.value ?? mention.text.trim())}"** is not in the gazetteer.`, span };
}
