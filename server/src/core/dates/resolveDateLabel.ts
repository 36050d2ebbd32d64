import { daysInMonth, firstDay, formatInterval, formatIso, lastDay, type CalendarDate, type DateInterval } from './isoDate.js';
import { WEEKDAY_NAMES, type DateLabel, type LabelPoint } from './readDateLabel.js';

/**
 * Places a date label on the calendar, the way a reader of the report would:
 *
 * - A date without a year takes the year that puts it inside its incident's
 *   date, or else the latest year that does not put it after publication
 *   ("4 October" in a report published on 10 October 2023 is 2023-10-04; in
 *   one published on 1 October 2023 it is 2022-10-04).
 * - A bare weekday ("Monday", "on Monday") is the one inside the incident's
 *   date when there is one, else the latest one on or before publication
 *   ("last Monday": before it).
 * - "yesterday", "today", "two days ago" count from the publication date.
 * - "early", "mid" and "late" narrow a month to days 1-10, 11-20 and 21 to
 *   the end, and a year to January-April, May-August and September-December;
 *   only the inference uses the narrowing: any day of the month agrees with
 *   "early October", since writers draw the line in different places.
 */

export interface DateAnchors {
  /** The publication date, when valid. */
  published?: DateInterval;
  /** The incident's date, when the label is inside one and its date is valid. */
  incident?: DateInterval;
}

export interface ResolvedDate {
  /** What the label means: the value a writer would write for it. */
  interval: DateInterval;
  /** The widest reading: a value inside it agrees with the label. */
  within: DateInterval;
  /** How the label was placed, for messages ("the year from published 2023-10-10"). */
  basis: string | undefined;
}

export type Resolution =
  | { ok: true; date: ResolvedDate }
  /** `publication`: counts from a publication day the report lacks; `anchor`: no year or week to put it in. */
  | { ok: false; needs: 'publication' | 'anchor' };

const DAY = 86_400_000;

export function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY;
}

function fromDayNumber(days: number): CalendarDate {
  const date = new Date(days * DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), precision: 'day' };
}

/** 0 is Sunday. */
export function weekdayOf(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

export function weekdayName(weekday: number): string {
  return WEEKDAY_NAMES[weekday] ?? String(weekday);
}

function publicationDay(anchors: DateAnchors): number | undefined {
  const published = anchors.published;
  return published && published.start.precision === 'day' && formatIso(published.start) === formatIso(published.end)
    ? firstDay(published.start)
    : undefined;
}

/** The last day a date may fall on without being after publication. */
function latestDay(anchors: DateAnchors): number | undefined {
  return anchors.published ? lastDay(anchors.published.end) : undefined;
}

export function resolveDateLabel(label: DateLabel, anchors: DateAnchors): Resolution {
  if (label.fromPublication) {
    const published = publicationDay(anchors);
    if (published === undefined) return { ok: false, needs: 'publication' };
    const start = fromDayNumber(published + label.fromPublication.start);
    const end = fromDayNumber(published + label.fromPublication.end);
    const interval = { start, end };
    return { ok: true, date: { interval, within: interval, basis: `counted from published ${formatInterval(anchors.published!)}` } };
  }
  if (isWeekdayOnly(label.end)) return resolveWeekdays(label, anchors);

  const end = placePoint(label.end, anchors, latestDay(anchors));
  if (!end) return { ok: false, needs: 'anchor' };
  let start = end.date;
  if (label.start !== label.end) {
    const placed = placePoint(label.start, { ...anchors }, lastDay(end.date), end.date.year);
    if (!placed) return { ok: false, needs: 'anchor' };
    start = placed.date;
  }
  const within = { start, end: end.date };
  return { ok: true, date: { interval: clip(narrow(within, label.part), within, anchors.incident), within, basis: end.basis } };
}

/**
 * "early October" inside an incident of 4-7 October means those days: a
 * narrowed reading that would stray outside the incident it overlaps is cut to
 * the incident, so that writing the inferred value never makes a new problem.
 */
function clip(interval: DateInterval, within: DateInterval, incident: DateInterval | undefined): DateInterval {
  if (!incident || interval === within) return interval;
  const outside = lastDay(interval.start) < firstDay(incident.start) || firstDay(interval.end) > lastDay(incident.end);
  if (!outside) return interval;
  const from = Math.max(firstDay(interval.start), firstDay(incident.start));
  const to = Math.min(lastDay(interval.end), lastDay(incident.end));
  return from <= to ? { start: fromDayNumber(from), end: fromDayNumber(to) } : interval;
}

function isWeekdayOnly(point: LabelPoint): boolean {
  return point.weekday !== undefined && point.day === undefined && point.month === undefined && point.year === undefined;
}

/**
 * One end of a label as a calendar date. `notAfter` is the last day it may
 * fall on; `yearHint` is the year of the other end of a range.
 */
function placePoint(
  point: LabelPoint,
  anchors: DateAnchors,
  notAfter: number | undefined,
  yearHint?: number,
): { date: CalendarDate; basis: string | undefined } | undefined {
  if (point.month === undefined && point.year === undefined) return undefined;
  const at = (year: number): CalendarDate | undefined => {
    if (point.month === undefined) return { year, precision: 'year' };
    if (point.day === undefined) return { year, month: point.month, precision: 'month' };
    if (point.day > daysInMonth(year, point.month)) return undefined;
    return { year, month: point.month, day: point.day, precision: 'day' };
  };
  if (point.year !== undefined) {
    const date = at(point.year);
    return date ? { date, basis: undefined } : undefined;
  }
  const fits = (date: CalendarDate) => notAfter === undefined || firstDay(date) <= notAfter;

  if (yearHint !== undefined) {
    for (const year of [yearHint, yearHint - 1]) {
      const date = at(year);
      if (date && fits(date)) return { date, basis: undefined };
    }
  }
  const incident = anchors.incident;
  if (incident) {
    for (let year = incident.end.year; year >= incident.start.year; year--) {
      const date = at(year);
      if (date && fits(date) && lastDay(date) >= firstDay(incident.start) && firstDay(date) <= lastDay(incident.end)) {
        return { date, basis: `the year from the incident's date ${formatInterval(incident)}` };
      }
    }
  }
  const limit = notAfter ?? (incident ? lastDay(incident.end) : undefined);
  if (limit === undefined) return undefined;
  const limitYear = fromDayNumber(limit).year;
  // Eight years back reaches a 29 February from any year.
  for (let year = limitYear; year > limitYear - 8; year--) {
    const date = at(year);
    if (date && firstDay(date) <= limit) {
      const from = anchors.published && notAfter !== undefined ? `published ${formatInterval(anchors.published)}` : `the incident's date`;
      return { date, basis: `the year from ${from}` };
    }
  }
  return undefined;
}

function resolveWeekdays(label: DateLabel, anchors: DateAnchors): Resolution {
  const published = latestDay(anchors);
  const incident = anchors.incident;
  const endWeekday = label.end.weekday!;
  let endDay: number | undefined;
  let basis: string | undefined;
  if (incident && incident.start.precision !== 'year') {
    // The latest such weekday inside the incident, not after publication.
    let last = lastDay(incident.end);
    if (published !== undefined) last = Math.min(last, published);
    for (let day = last; day >= Math.max(firstDay(incident.start), last - 6); day--) {
      if (weekdayOf(day) === endWeekday) {
        endDay = day;
        basis = `the ${weekdayName(endWeekday)} within the incident's date ${formatInterval(incident)}`;
        break;
      }
    }
  }
  if (endDay === undefined && published !== undefined) {
    const from = label.last ? published - 1 : published;
    endDay = from - ((weekdayOf(from) - endWeekday + 7) % 7);
    basis = `the ${label.last ? 'last ' : ''}${weekdayName(endWeekday)} ${label.last ? 'before' : 'on or before'} published ${formatInterval(anchors.published!)}`;
  }
  if (endDay === undefined) return { ok: false, needs: 'anchor' };
  let startDay = endDay;
  if (label.start !== label.end && label.start.weekday !== undefined) {
    startDay = endDay - ((endWeekday - label.start.weekday + 7) % 7);
  }
  const interval = { start: fromDayNumber(startDay), end: fromDayNumber(endDay) };
  return { ok: true, date: { interval, within: interval, basis } };
}

/** "early October" as days 1-10; "late 2023" as September-December. */
function narrow(interval: DateInterval, part: DateLabel['part']): DateInterval {
  if (!part || formatIso(interval.start) !== formatIso(interval.end)) return interval;
  const date = interval.start;
  const third = part === 'early' ? 0 : part === 'mid' ? 1 : 2;
  if (date.precision === 'month') {
    const last = daysInMonth(date.year, date.month!);
    const from = [1, 11, 21][third]!;
    const to = [10, 20, last][third]!;
    return {
      start: { year: date.year, month: date.month, day: from, precision: 'day' },
      end: { year: date.year, month: date.month, day: to, precision: 'day' },
    };
  }
  if (date.precision === 'year') {
    return {
      start: { year: date.year, month: third * 4 + 1, precision: 'month' },
      end: { year: date.year, month: third * 4 + 4, precision: 'month' },
    };
  }
  return interval;
}
