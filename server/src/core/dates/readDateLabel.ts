import { en, type ParsedComponents } from 'chrono-node';
import { detached, type Span } from '../text.js';
import { readCommonDate } from './commonDateForms.js';

/**
 * Reads what a date label states, as written: "4 October 2023", "October 4,
 * 2023", "4-7 October", "between 4 and 7 October", "early October", "October
 * 2023", "2023", "Monday", "on Monday", "Wednesday 4 October", "yesterday",
 * "today", "two days ago". chrono-node does the parsing (the commonest forms are read
 * without it, with the same result: commonDateForms.ts); this module keeps
 * only what the label itself says (chrono fills in the rest from its
 * reference date, which would pass guesses off as facts) and leaves placing
 * it on the calendar to resolveDateLabel.
 */

/** The calendar fields one end of a label states; weekday 0 is Sunday, as in chrono and Date. */
export interface LabelPoint {
  year?: number;
  month?: number;
  day?: number;
  weekday?: number;
}

export type DatePart = 'early' | 'mid' | 'late';

export interface WeekdayWord {
  /** Offsets in the label. */
  span: Span;
  weekday: number;
  end: 'start' | 'end';
}

export interface DateLabel {
  start: LabelPoint;
  end: LabelPoint;
  /** "yesterday" is -1: days from the publication date, for each end. */
  fromPublication?: { start: number; end: number };
  /** "last Monday": strictly before the anchor, not on it. */
  last?: boolean;
  /** "early October", "late 2023". */
  part?: DatePart;
  /** "the night of 4 October", "Saturday night": the night runs into the next day. */
  overnight?: boolean;
  weekdays: WeekdayWord[];
}

const WEEKDAY_WORD = /\b(sun|mon|tue|tues|wed|thu|thur|thurs|fri|sat)(?:day|nesday|sday|urday)?\b\.?/gi;
const WEEKDAY_INDEX: ReadonlyMap<string, number> = new Map(Object.entries({ sun: 0, mon: 1, tue: 2, tues: 2, wed: 3, thu: 4, thur: 4, thurs: 4, fri: 5, sat: 6 }));
export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Spans of time a label may name that have no fixed edges we could check against. */
const UNCHECKABLE = /\b(?:weeks?|months?|years?|weekends?|fortnight|decades?|recently|spring|summer|autumn|fall|winter|next|this (?:mon|tue|wed|thu|fri|sat|sun))\b/i;
const PART = /^(?:(early|beginning of|start of|the beginning of|the start of)|(mid|middle of|the middle of)|(late|end of|the end of))[\s-]+/i;
const TIME_OF_DAY = /^(?:on\s+)?(?:the\s+)?(?:night|morning|afternoon|evening|early hours|dawn)\s+of\s+/i;
const YEAR_ONLY = /^(?:in\s+)?(\d{4})$/i;
/** Phrases counted from the publication day; chrono computes the offset. */
const RELATIVE =
  /^(?:(?:on|from|since|until)\s+)?(?:yesterday|today|tonight|tomorrow|last night|this (?:morning|afternoon|evening)|(?:\w+|\d+) days? ago)(?:\s+(?:morning|afternoon|evening|night))?$/i;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;
/** 12/10/2023 is 12 October in Britain and December 10 in the United States: not read, rather than guessed. */
const AMBIGUOUS_NUMERIC = /\b(\d{1,2})[/.](\d{1,2})[/.]\d{2,4}\b/;

/**
 * chrono's reference for relative phrases; any fixed day works, offsets are
 * taken from it. A leap year, so that chrono accepts "29 February".
 */
const REFERENCE = Date.UTC(2000, 0, 12, 12);
const REFERENCE_DAY = Math.floor(REFERENCE / 86_400_000);

const cache = new Map<string, DateLabel | undefined>();

/** The label's statement, or undefined when it names no date we can check (or none at all). */
export function readDateLabel(label: string): DateLabel | undefined {
  const key = label.trim().replace(/\s+/g, ' ');
  if (cache.has(key)) return cache.get(key);
  const reading = read(key);
  if (cache.size > 5000) cache.clear();
  // Detached: the label is a slice of a parsed region that the key would otherwise keep alive.
  cache.set(detached(key), reading);
  return reading;
}

/**
 * readDateLabel without its memo. `commonForms: false` reads every label with chrono, as before
 * the common forms were read apart (commonDateForms.ts): the tests compare the two.
 */
export function readDateLabelUncached(label: string, { commonForms }: { commonForms: boolean }): DateLabel | undefined {
  return read(label.trim().replace(/\s+/g, ' '), commonForms);
}

function read(label: string, commonForms = true): DateLabel | undefined {
  if (label === '' || UNCHECKABLE.test(label)) return undefined;
  let text = label.replace(TIME_OF_DAY, '');
  let part: DatePart | undefined;
  const partMatch = PART.exec(text);
  if (partMatch) {
    part = partMatch[1] ? 'early' : partMatch[2] ? 'mid' : 'late';
    text = text.slice(partMatch[0].length);
  }

  const year = YEAR_ONLY.exec(text);
  if (year) {
    const point = { year: Number(year[1]) };
    return { start: point, end: point, part, weekdays: [] };
  }
  const isoMonth = ISO_MONTH.exec(text);
  if (isoMonth) {
    const point = { year: Number(isoMonth[1]), month: Number(isoMonth[2]) };
    return point.month >= 1 && point.month <= 12 ? { start: point, end: point, part, weekdays: [] } : undefined;
  }
  const numeric = AMBIGUOUS_NUMERIC.exec(text);
  if (numeric && numeric[1] !== numeric[2] && Number(numeric[1]) <= 12 && Number(numeric[2]) <= 12) return undefined;

  // chrono reads "4 to 7 October" as a range but "between 4 and 7 October" as 7 October.
  text = text.replace(/^between\s+/i, '');
  const ands = text.match(/\s+and\s+/gi);
  if (ands?.length === 1) text = text.replace(/\s+and\s+/i, ' to ');

  const ends = commonForms ? (readCommonDate(text) ?? readWithChrono(text)) : readWithChrono(text);
  if (!ends) return undefined;
  if ('fromPublication' in ends) return { start: {}, end: {}, fromPublication: ends.fromPublication, weekdays: [] };
  const { start, end } = ends;
  if (!isDate(start) || !isDate(end)) return undefined;
  const reading: DateLabel = { start, end, part: start.day === undefined ? part : undefined, weekdays: weekdayWords(label, start, end) };
  if (/^(?:on\s+)?last\s/i.test(text) && start.day === undefined) reading.last = true;
  if (/\bnight\b/i.test(label)) reading.overnight = true;
  return reading;
}

let chronoWarm = false;

/**
 * Has chrono read one label, once per process, for a server to run while it is idle. The labels a
 * report's check reads are mostly the common forms read without chrono, so its first call came
 * with the first keystroke that made a label uncommon (a letter typed into a weekday): 118 ms of a
 * 159 ms keystroke in a profile of the 1 MiB report, nearly all of it V8 compiling chrono's
 * patterns on their first use.
 */
export function warmUpDateReading(): void {
  if (chronoWarm) return;
  chronoWarm = true;
  readWithChrono('the night of 4 to 5 October 2023');
}

/** The label's ends as chrono reads them: a day or a range, or days from the publication day. */
function readWithChrono(text: string): { start: LabelPoint; end: LabelPoint } | { fromPublication: { start: number; end: number } } | undefined {
  const results = en.GB.parse(text, { instant: new Date(REFERENCE), timezone: 0 }, { forwardDate: false });
  if (results.length !== 1) return undefined;
  const result = results[0]!;
  if (RELATIVE.test(text)) {
    const start = offsetFromReference(result.start);
    const end = result.end ? offsetFromReference(result.end) : start;
    return { fromPublication: { start, end } };
  }
  if (!coversLabel(text, result.index, result.text, result.end !== null)) return undefined;
  // chrono reads "Sept. 30" as September 2030: a year counts only when the label writes one out.
  const yearWritten = /\b\d{4}\b/.test(text);
  const start = stated(result.start, yearWritten);
  return { start, end: result.end ? stated(result.end, yearWritten) : start };
}

function stated(components: ParsedComponents, yearWritten: boolean): LabelPoint {
  const point: LabelPoint = {};
  for (const field of ['year', 'month', 'day', 'weekday'] as const) {
    if (field === 'year' && !yearWritten) continue;
    if (components.isCertain(field)) point[field] = components.get(field) ?? undefined;
  }
  return point;
}

/** Words that may stand around a date without changing which day it is. */
const FILLER = /^(?:on|in|at|the|of|early|dawn|night|morning|afternoon|evening|midday|noon|midnight|during|[,.;:()–-])$/i;

/**
 * Whether chrono read the whole label. "Oct 4–7" read as "Oct 4", or "before
 * 4 October" as 4 October, would be checked as a date the label does not say.
 */
function coversLabel(text: string, index: number, matched: string, isRange: boolean): boolean {
  const rest = `${text.slice(0, index)} ${text.slice(index + matched.length)}`;
  const words = rest.split(/\s+|(?=[,.;:()–-])|(?<=[,.;:()–-])/).filter((word) => word !== '');
  return words.every((word) => FILLER.test(word) || (isRange && /^(?:from|between)$/i.test(word)));
}

function isDate(point: LabelPoint): boolean {
  return point.year !== undefined || point.month !== undefined || point.day !== undefined || point.weekday !== undefined;
}

function offsetFromReference(components: ParsedComponents): number {
  const day = Date.UTC(components.get('year')!, components.get('month')! - 1, components.get('day')!) / 86_400_000;
  return day - REFERENCE_DAY;
}

/** Where the label names weekdays, matched to the ends chrono found them at. */
function weekdayWords(label: string, start: LabelPoint, end: LabelPoint): WeekdayWord[] {
  const words = [...label.matchAll(WEEKDAY_WORD)].map((match) => ({
    span: { start: match.index, end: match.index + match[0].replace(/\.$/, '').length },
    weekday: WEEKDAY_INDEX.get(match[1]!.toLowerCase())!,
  }));
  const ends: ('start' | 'end')[] = [];
  if (start.weekday !== undefined) ends.push('start');
  if (end !== start && end.weekday !== undefined) ends.push('end');
  // Only when the words and chrono's reading agree; otherwise a weekday check could point at the wrong word.
  if (words.length !== ends.length) return [];
  const checked = words.map((word, index) => ({ ...word, end: ends[index]! }));
  return checked.every((word) => (word.end === 'start' ? start : end).weekday === word.weekday) ? checked : [];
}
