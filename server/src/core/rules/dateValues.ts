import { monthName, parseIsoDate, type DateInterval, type IsoDateResult } from '../dates/isoDate.js';
import { readDateLabel, type DateLabel } from '../dates/readDateLabel.js';
import { resolveDateLabel, type DateAnchors, type Resolution } from '../dates/resolveDateLabel.js';
import type { Annotation, Report } from '../model.js';
import type { Span } from '../text.js';
import type { ModelSink } from '../parse/buildModel.js';
import { extractOf } from '../parse/collectByBlock.js';

export interface WrittenDate {
  text: string;
  span: Span;
  result: IsoDateResult;
  /** Where it was written: `:date value`, `:::incident date` or front-matter `published`. */
  where: string;
}

/** The front matter's `published` date, parsed, if written. */
export function publishedDate(report: Report): WrittenDate | undefined {
  const published = report.frontMatter?.published;
  return published ? { text: published.value, span: published.span, result: parseIsoDate(published.value), where: 'published' } : undefined;
}

/** The ISO dates one block's markup states, parsed once for the date rules: incident dates, then date values. */
export function writtenDatesIn(part: ModelSink): WrittenDate[] {
  return [...extractOf(part, incidentDates), ...extractOf(part, dateValues)];
}

/**
 * Where the date's own text is, for a fix that rewrites it: inside the quotes of a quoted value
 * (`published: "10/10/2023"`); undefined when the text is not found as written.
 */
export function writtenDateText(report: Report, date: WrittenDate): { text: string; span: Span } | undefined {
  const text = date.text.trim();
  const at = report.text.slice(date.span.start, date.span.end).indexOf(text);
  return at < 0 || text === '' ? undefined : { text, span: { start: date.span.start + at, end: date.span.start + at + text.length } };
}

function incidentDates(part: ModelSink): WrittenDate[] {
  const dates: WrittenDate[] = [];
  for (const incident of part.incidents) {
    const date = incident.attributes.get('date');
    if (date) dates.push({ text: date.value, span: date.valueSpan, result: parseIsoDate(date.value), where: 'incident date' });
  }
  return dates;
}

function dateValues(part: ModelSink): WrittenDate[] {
  const dates: WrittenDate[] = [];
  for (const annotation of part.annotations) {
    const value = annotation.kind === 'date' ? annotation.attributes.get('value') : undefined;
    if (value) dates.push({ text: value.value, span: value.valueSpan, result: parseIsoDate(value.value), where: 'date value' });
  }
  return dates;
}

export interface DateFact {
  annotation: Annotation;
  /** The label, trimmed, as the writer wrote it. */
  label: string;
  /** Where to flag the label: the label, or the directive's name when it has none. */
  labelSpan: Span;
  /** The `value` attribute: its interval when valid, `invalid` when date-invalid or date-range-reversed flag it. */
  value: { interval: DateInterval; span: Span } | 'invalid' | undefined;
  reading: DateLabel | undefined;
  /** The label placed on the calendar; undefined when there is no reading. */
  resolution: Resolution | undefined;
  /** The incident's valid date, when the date is inside an incident that has one. */
  incident: { interval: DateInterval; span: Span } | undefined;
}

export interface DateFacts {
  /** The publication date: its interval when valid, `invalid` when date-invalid flags it. */
  published: { interval: DateInterval; span: Span } | 'invalid' | undefined;
  dates: DateFact[];
}

const CACHE = new WeakMap<Report, DateFacts>();

function valid(text: string, span: Span): { interval: DateInterval; span: Span } | 'invalid' {
  const result = parseIsoDate(text);
  return result.ok ? { interval: result.interval, span } : 'invalid';
}

/** Every `:date` with its value and its label read and placed, once per report for all the date rules. */
export function dateFacts(report: Report): DateFacts {
  const cached = CACHE.get(report);
  if (cached) return cached;
  const publishedField = report.frontMatter?.published;
  const published = publishedField ? valid(publishedField.value, publishedField.span) : undefined;
  const dates: DateFact[] = [];
  for (const annotation of report.annotations) {
    if (annotation.kind !== 'date') continue;
    const valueAttribute = annotation.attributes.get('value');
    const incidentDate = annotation.incident?.attributes.get('date');
    const incidentValid = incidentDate ? valid(incidentDate.value, incidentDate.valueSpan) : undefined;
    const incident = incidentValid === 'invalid' ? undefined : incidentValid;
    const label = annotation.label.trim();
    const reading = readDateLabel(label);
    const anchors: DateAnchors = {
      published: published && published !== 'invalid' ? published.interval : undefined,
      incident: incident?.interval,
    };
    dates.push({
      annotation,
      label,
      labelSpan: annotation.labelSpan && label !== '' ? annotation.labelSpan : annotation.nameSpan,
      value: valueAttribute ? valid(valueAttribute.value, valueAttribute.valueSpan) : undefined,
      reading,
      resolution: reading ? resolveDateLabel(reading, anchors) : undefined,
      incident,
    });
  }
  const facts = { published, dates };
  CACHE.set(report, facts);
  return facts;
}

/** What a date stands for in the checks against other dates: its value, or else what its label says. */
export function effectiveDate(fact: DateFact): { interval: DateInterval; span: Span; inferred: boolean } | undefined {
  if (fact.value === 'invalid') return undefined;
  if (fact.value) return { ...fact.value, inferred: false };
  if (fact.resolution?.ok) return { interval: fact.resolution.date.within, span: fact.labelSpan, inferred: true };
  return undefined;
}

const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Why a label that names a day of a month is no calendar date ("31 September", "September 31,
 * 2023", "29 February 2023"), or undefined when it is one or names no day of a month. Such labels
 * have no reading (chrono finds no date in them), but the writer plainly meant a day that does
 * not exist: a mistake, not a date the checker cannot place.
 */
export function notACalendarDay(label: string): string | undefined {
  const match = /^(?:(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)|([a-z]+) (\d{1,2})(?:st|nd|rd|th)?)(?:,? (\d{4}))?$/i.exec(label);
  if (!match) return undefined;
  const day = Number(match[1] ?? match[4]);
  const word = (match[2] ?? match[3])!.toLowerCase();
  const month = Array.from({ length: 12 }, (_, index) => monthName(index + 1).toLowerCase()).findIndex((name) => name === word || name.slice(0, 3) === word);
  if (month < 0) return undefined;
  const year = match[5] === undefined ? undefined : Number(match[5]);
  const leap = year !== undefined && (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
  // February without a year may be of a leap year: only its 30th and 31st are certainly no days.
  const days = month === 1 && year !== undefined && !leap ? 28 : MONTH_DAYS[month]!;
  if (day >= 1 && day <= days) return undefined;
  const name = monthName(month + 1);
  const length = day === 0 ? 'days start at 1' : `${name}${year === undefined ? '' : ` ${year}`} has ${month === 1 && year === undefined ? 'at most 29' : days} days`;
  return `"${label}" is not a calendar date: ${length}. Correct the label, or add value=YYYY-MM-DD.`;
}

/** A date label with no `value` that names a day no month has: what is wrong, and the annotation to flag. */
export interface ImpossibleDateLabel {
  annotation: Annotation;
  message: string;
}

/** The impossible date labels of a report, read once per block (date-invalid runs on every keystroke). */
/** The date labels without `value` in one block that name no calendar day. */
export function impossibleDateLabelsIn(part: ModelSink): readonly ImpossibleDateLabel[] {
  return extractOf(part, impossibleLabelsIn);
}

function impossibleLabelsIn(part: ModelSink): ImpossibleDateLabel[] {
  const found: ImpossibleDateLabel[] = [];
  for (const annotation of part.annotations) {
    if (annotation.kind !== 'date' || annotation.attributes.has('value')) continue;
    const message = notACalendarDay(annotation.label.trim());
    if (message) found.push({ annotation, message });
  }
  return found;
}
