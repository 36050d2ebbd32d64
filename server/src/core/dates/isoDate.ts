/**
 * ISO 8601 calendar dates at the precisions reports use (year, month, day) and
 * intervals `start/end`. Kept as calendar fields rather than `Date` objects so
 * that the precision survives every comparison.
 */

import { detached } from '../text.js';

export type DatePrecision = 'year' | 'month' | 'day';

export interface CalendarDate {
  year: number;
  month?: number;
  day?: number;
  precision: DatePrecision;
}

export interface DateInterval {
  start: CalendarDate;
  end: CalendarDate;
}

export type IsoDateResult =
  | { ok: true; interval: DateInterval }
  | { ok: false; kind: 'syntax' | 'calendar' | 'reversed'; message: string };

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

export function monthName(month: number): string {
  return MONTHS[month - 1] ?? String(month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

type Failure = Extract<IsoDateResult, { ok: false }>;

function parseOne(text: string): Failure | CalendarDate {
  const match = DATE.exec(text);
  if (!match) {
    return {
      ok: false,
      kind: 'syntax',
      message: `"${text}" is not an ISO date: write YYYY, YYYY-MM or YYYY-MM-DD, or an interval start/end.`,
    };
  }
  const year = Number(match[1]);
  if (match[2] === undefined) return { year, precision: 'year' };
  const month = Number(match[2]);
  if (month < 1 || month > 12) {
    return { ok: false, kind: 'calendar', message: `"${text}" has month ${month}; months run from 01 to 12.` };
  }
  if (match[3] === undefined) return { year, month, precision: 'month' };
  const day = Number(match[3]);
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    return {
      ok: false,
      kind: 'calendar',
      message: `"${text}" is not a calendar date: ${monthName(month)} ${year} has ${last} days.`,
    };
  }
  return { year, month, day, precision: 'day' };
}

function isFailure(value: Failure | CalendarDate): value is Failure {
  return 'ok' in value && value.ok === false;
}

const PARSED = new Map<string, IsoDateResult>();
const MAX_PARSED = 10_000;

/** Parses `2023`, `2023-10`, `2023-10-04` or an interval such as `2023-10-04/2023-10-07`. */
export function parseIsoDate(value: string): IsoDateResult {
  // The date rules read every date of the report on each keystroke; a report repeats few values.
  let result = PARSED.get(value);
  if (result) return result;
  if (PARSED.size >= MAX_PARSED) PARSED.clear();
  result = readIsoDate(value);
  // Detached: the value is a slice of a parsed region that the key would otherwise keep alive.
  PARSED.set(detached(value), result);
  return result;
}

function readIsoDate(value: string): IsoDateResult {
  const text = value.trim();
  const parts = text.split('/');
  if (parts.length > 2) {
    return {
      ok: false,
      kind: 'syntax',
      message: `"${text}" is not an ISO date: write YYYY, YYYY-MM or YYYY-MM-DD, or an interval start/end.`,
    };
  }
  const start = parseOne(parts[0]!);
  if (isFailure(start)) return start;
  if (parts.length === 1) return { ok: true, interval: { start, end: start } };
  const end = parseOne(parts[1]!);
  if (isFailure(end)) return end;
  if (compareStart(end, start) < 0) {
    return {
      ok: false,
      kind: 'reversed',
      message: `The interval ends (${formatIso(end)}) before it starts (${formatIso(start)}).`,
    };
  }
  return { ok: true, interval: { start, end } };
}

export function formatIso(date: CalendarDate): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  if (date.precision === 'year') return String(date.year);
  if (date.precision === 'month') return `${date.year}-${pad(date.month!)}`;
  return `${date.year}-${pad(date.month!)}-${pad(date.day!)}`;
}

export function formatInterval(interval: DateInterval): string {
  const start = formatIso(interval.start);
  const end = formatIso(interval.end);
  return start === end ? start : `${start}/${end}`;
}

/** The first day a date can mean, as days since the epoch. */
export function firstDay(date: CalendarDate): number {
  return Date.UTC(date.year, (date.month ?? 1) - 1, date.day ?? 1) / 86_400_000;
}

/** The last day a date can mean, as days since the epoch. */
export function lastDay(date: CalendarDate): number {
  if (date.precision === 'year') return Date.UTC(date.year, 11, 31) / 86_400_000;
  if (date.precision === 'month') return Date.UTC(date.year, date.month!, 0) / 86_400_000;
  return firstDay(date);
}

function compareStart(a: CalendarDate, b: CalendarDate): number {
  return lastDay(a) - firstDay(b) < 0 ? -1 : 0;
}
