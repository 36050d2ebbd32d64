/**
 * The date forms writers use most, read without chrono-node: "4 October 2023", "Wednesday 4
 * October", "4-7 October 2023", "October 4, 2023", "Friday, October 6 2023", "October 2023". A
 * report's first check reads every date label, and chrono's first calls in a process are slow
 * (its dozens of parsers each run their patterns, compiled on first use): most of the rules' 170
 * ms on a cold 100 KiB report, against 5 ms warm. These forms say exactly which day they mean, so
 * they are read here with what chrono would state for them; every other form (other words,
 * ordinals, abbreviations, other cases, a day past its month's end) goes to chrono as before.
 * test/unit/commonDateForms.test.ts compares both readings on generated labels.
 */

/** readDateLabel's LabelPoint (not imported: readDateLabel imports this module). */
interface LabelPoint {
  year?: number;
  month?: number;
  day?: number;
  weekday?: number;
}

export interface CommonDate {
  start: LabelPoint;
  /** The same object as `start` for one day, as readDateLabel's weekday matching expects. */
  end: LabelPoint;
}

const WEEKDAY = '(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)';
const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December)';
const DAY = '([1-9]|[12][0-9]|3[01])';
const YEAR = '([12][0-9]{3})';
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "Wednesday 4 October 2023", "4-7 October", "Friday, 6–8 January 2023". */
const DAY_FIRST = new RegExp(`^(?:${WEEKDAY},? )?${DAY}(?:[-–]${DAY})? ${MONTH}(?: ${YEAR})?$`);
/**
 * "October 4, 2023", "Friday, October 6 2023", "October 4-7, 2023". With a year only: chrono reads
 * "January 23" as January 2023. A range with a hyphen only: chrono reads "January 1–3, 2023" as 1 January.
 */
const MONTH_FIRST = new RegExp(`^(?:${WEEKDAY},? )?${MONTH} ${DAY}(?:-${DAY})?,? ${YEAR}$`);
/** "October 2023". */
const MONTH_YEAR = new RegExp(`^${MONTH} ${YEAR}$`);

/** What the label states, as chrono would read it; undefined when it is not one of these forms (chrono reads it). */
export function readCommonDate(text: string): CommonDate | undefined {
  const monthYear = MONTH_YEAR.exec(text);
  if (monthYear) {
    const point: LabelPoint = { year: Number(monthYear[2]), month: MONTHS.indexOf(monthYear[1]!) + 1 };
    return { start: point, end: point };
  }
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) return days(dayFirst[1], dayFirst[2]!, dayFirst[3], dayFirst[4]!, dayFirst[5]);
  const monthFirst = MONTH_FIRST.exec(text);
  if (monthFirst) return days(monthFirst[1], monthFirst[3]!, monthFirst[4], monthFirst[2]!, monthFirst[5]);
  return undefined;
}

function days(weekdayName: string | undefined, firstDay: string, lastDay: string | undefined, monthName: string, yearText: string | undefined): CommonDate | undefined {
  const month = MONTHS.indexOf(monthName) + 1;
  const year = yearText === undefined ? undefined : Number(yearText);
  // A day past the month's end is left to chrono, which refuses it. Without a year chrono takes
  // one near its reference day, in a leap year (readDateLabel's REFERENCE): 29 February stands.
  const fits = (day: number) => day <= new Date(Date.UTC(year ?? 2000, month, 0)).getUTCDate();
  const point = (day: number): LabelPoint | undefined => {
    if (!fits(day)) return undefined;
    const stated: LabelPoint = {};
    if (year !== undefined) stated.year = year;
    stated.month = month;
    stated.day = day;
    // chrono states the written weekday at both ends of a range, whether or not it fits the day.
    if (weekdayName !== undefined) stated.weekday = WEEKDAYS.indexOf(weekdayName);
    return stated;
  };
  const start = point(Number(firstDay));
  if (!start) return undefined;
  if (lastDay === undefined) return { start, end: start };
  const end = point(Number(lastDay));
  return end && { start, end };
}
