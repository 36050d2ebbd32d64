/**
 * Reads what a count's label says as an interval of whole numbers.
 * Hand-written: the npm number-word parsers are unmaintained and none reads
 * casualty-recording vagueness ("dozens", "at least") as intervals.
 */

import { detached } from '../text.js';

export type CountPrecision = 'exact' | 'at-least' | 'at-most' | 'approx';

export interface CountInterval {
  /** Lowest number the label allows. */
  min: number;
  /** Highest number the label allows; Infinity when unbounded. */
  max: number;
  /** The number as stated, before qualifiers widened it. */
  stated: number;
  precision: CountPrecision;
  /**
   * How the label said it, when not as one number: a range ("40-50") or a vague
   * quantity ("dozens"). Neither has a single figure that `precision` could qualify.
   */
  form?: 'range' | 'vague';
}

// Maps, not object literals: the words looked up are the writer's, and "constructor" or
// "toString" must not find Object.prototype's members.
const UNITS: ReadonlyMap<string, number> = new Map(Object.entries({
  zero: 0, no: 0, none: 0, one: 1, a: 1, an: 1, single: 1, two: 2, three: 3, four: 4, five: 5, six: 6,
  seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14,
  fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
}));
const TENS: ReadonlyMap<string, number> = new Map(Object.entries({
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
}));
const SCALES: ReadonlyMap<string, number> = new Map(Object.entries({ hundred: 100, thousand: 1000, million: 1_000_000 }));

/**
 * Vague quantities, coded conservatively: the smallest number the word can
 * honestly mean, with no upper bound. A plural of a unit means at least two of
 * it ("dozens" ≥ 24, "hundreds" ≥ 200), except "tens" (≥ 10): it mostly comes
 * from translations, where it renders words that also mean "more than ten".
 * With these floors a sum of parts can only be flagged when it is surely too big.
 */
const VAGUE: ReadonlyMap<string, number> = new Map(Object.entries({
  several: 3, few: 2, 'a few': 2, couple: 2, 'a couple': 2, 'a number': 2,
  tens: 10, dozens: 24, scores: 40, hundreds: 200, thousands: 2000,
  'tens of thousands': 20_000, 'hundreds of thousands': 200_000, millions: 2_000_000,
}));

/** "several hundred", "a few dozen": a vague multiplier of a unit. */
const VAGUE_MULTIPLIER: ReadonlyMap<string, number> = new Map(Object.entries({ several: 3, 'a few': 2, few: 2, 'a couple of': 2, 'a couple': 2, many: 2 }));
const VAGUE_UNIT: ReadonlyMap<string, number> = new Map(Object.entries({ dozen: 12, hundred: 100, thousand: 1000 }));

function readVague(text: string): number | undefined {
  const plain = text.replace(/ of$/, '');
  const direct = VAGUE.get(plain.replace(/^(?:many|several) (?=\w+s$)/, ''));
  if (direct !== undefined) return direct;
  const match = /^(.+) (dozen|hundred|thousand)$/.exec(plain);
  const multiplier = match ? VAGUE_MULTIPLIER.get(match[1]!) : undefined;
  return multiplier === undefined ? undefined : multiplier * VAGUE_UNIT.get(match![2]!)!;
}

interface Qualifier {
  precision: CountPrecision;
  strict?: 'above' | 'below';
  /** At the start of the label: "at least 46". */
  leading: RegExp;
  /** At the end of the prose before the directive: "at least :count[46]". */
  trailing: RegExp;
}

function qualifier(phrases: string, precision: CountPrecision, strict?: 'above' | 'below'): Qualifier {
  return {
    precision,
    strict,
    leading: new RegExp(`^(?:${phrases})(?![a-z])\\s*`),
    trailing: new RegExp(`(?:^|[^\\w])(?:${phrases})$`),
  };
}

const QUALIFIERS: Qualifier[] = [
  qualifier('at least|no fewer than|not less than|a minimum of|minimum of', 'at-least'),
  qualifier('more than|over|upwards of|in excess of|above|exceeding', 'at-least', 'above'),
  qualifier('at most|no more than|up to|a maximum of|maximum of|as many as', 'at-most'),
  qualifier('fewer than|less than|under|below|nearly|almost|just under', 'at-most', 'below'),
  qualifier('about|around|approximately|roughly|some|an estimated|estimated|circa|ca\\.|c\\.|close to|~', 'approx'),
];

/** The share an "about" figure is allowed to stray, at least 1. */
const APPROX_TOLERANCE = 0.1;

export function parseNumberPhrase(phrase: string): number | undefined {
  const text = phrase.trim().toLowerCase();
  if (text === '') return undefined;
  // Digits with thousands separators: 1,200 1 200 1.200 1'200 (and the narrow no-break space).
  if (/^\d{1,3}(?:([,.\u00a0\u202f' ])\d{3})(?:\1\d{3})*$/.test(text)) return Number(text.replace(/\D/g, ''));
  if (/^\d+$/.test(text)) return Number(text);
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text); // fractional: count-invalid says why
  return parseNumberWords(text);
}

/**
 * English number words, strictly: "forty-six", "two hundred and thirteen",
 * "a thousand", "1.2 thousand" is not one. Loose readings ("a single" as 1 + 1)
 * would turn prose into wrong figures, so anything out of order is unreadable.
 */
function parseNumberWords(text: string): number | undefined {
  if (text === 'a dozen' || text === 'dozen' || text === 'a single' || text === 'single') return text.endsWith('dozen') ? 12 : 1;
  const words = text.replace(/-/g, ' ').split(/\s+/);
  let total = 0;
  let current = 0;
  let last: 'start' | 'article' | 'unit' | 'tens' | 'scale' | 'and' = 'start';
  for (const [index, word] of words.entries()) {
    if ((word === 'a' || word === 'an') && index === 0) {
      current = 1;
      last = 'article';
    } else if (word === 'and') {
      if (last !== 'scale') return undefined;
      last = 'and';
    } else if (UNITS.has(word) && word !== 'a' && word !== 'an') {
      const unit = UNITS.get(word)!;
      if (last === 'unit' || last === 'article') return undefined;
      if (last === 'tens' && (unit === 0 || unit > 9)) return undefined;
      if (last !== 'tens' && current % 100 !== 0) return undefined;
      current += unit;
      last = 'unit';
    } else if (TENS.has(word)) {
      if (last === 'unit' || last === 'tens' || last === 'article' || current % 100 !== 0) return undefined;
      current += TENS.get(word)!;
      last = 'tens';
    } else if (/^\d+$/.test(word) && index === 0) {
      current = Number(word);
      last = 'unit';
    } else if (word === 'dozen' || SCALES.has(word)) {
      const scale = word === 'dozen' ? 12 : SCALES.get(word)!;
      if (last === 'start' || last === 'and' || last === 'scale' || current === 0) return undefined;
      if (scale < 1000) {
        // "twelve hundred", "three dozen": the multiplier is the words since the last thousand.
        if (current >= 100) return undefined;
        current *= scale;
      } else {
        total += current * scale;
        current = 0;
      }
      last = 'scale';
    } else {
      return undefined;
    }
  }
  if (last === 'start' || last === 'article' || last === 'and') return undefined;
  return total + current;
}

/**
 * Reads a label such as "46", "at least 46", "forty-six", "1,200", "dozens",
 * "between 40 and 50". `before` is the prose just before the directive, where
 * writers often put the qualifier ("at least :count[46]").
 */
export function readCountLabel(label: string, before = ''): CountInterval | undefined {
  // Every check reads every incident's own figures again; a report repeats few of them.
  const key = `${label.toLowerCase()}\u0000${before.toLowerCase()}`;
  if (READINGS.has(key)) return READINGS.get(key);
  if (READINGS.size >= MAX_READINGS) READINGS.clear();
  const reading = readCountLabelUncached(label, before);
  // Detached: `before` is a slice of the whole report, which a kept key would pin (lower-casing
  // alone does not copy a slice that is already lower-case).
  READINGS.set(detached(key), reading);
  return reading;
}

const READINGS = new Map<string, CountInterval | undefined>();
const MAX_READINGS = 10_000;

function readCountLabelUncached(label: string, before: string): CountInterval | undefined {
  let text = label.trim().toLowerCase().replace(/\s+/g, ' ');
  if (text === '') return undefined;

  const range = /^(?:between )?(.+?)(?: and | to |\s*[-–—]\s*)(.+)$/.exec(text);
  if (range) {
    const low = parseNumberPhrase(range[1]!);
    const high = parseNumberPhrase(range[2]!);
    if (low !== undefined && high !== undefined && low <= high) {
      return { min: low, max: high, stated: low, precision: 'approx', form: 'range' };
    }
  }

  let found = QUALIFIERS.find((candidate) => candidate.leading.test(text));
  if (found) {
    text = text.replace(found.leading, '');
  } else {
    const tail = before.toLowerCase().replace(/\s+/g, ' ').trimEnd();
    found = QUALIFIERS.find((candidate) => candidate.trailing.test(tail));
  }

  const vague = readVague(text);
  if (vague !== undefined) {
    // "up to hundreds", "nearly dozens": the word's floor no longer holds, and nothing bounds it from above.
    if (found?.precision === 'at-most') return { min: 0, max: Infinity, stated: vague, precision: 'at-most', form: 'vague' };
    return { min: vague, max: Infinity, stated: vague, precision: 'at-least', form: 'vague' };
  }
  const stated = parseNumberPhrase(text);
  if (stated === undefined) return undefined;
  return intervalFor(stated, found?.precision ?? 'exact', found?.strict);
}

export function intervalFor(stated: number, precision: CountPrecision, strict?: 'above' | 'below'): CountInterval {
  switch (precision) {
    case 'exact':
      return { min: stated, max: stated, stated, precision };
    case 'at-least':
      return { min: strict === 'above' ? stated + 1 : stated, max: Infinity, stated, precision };
    case 'at-most':
      return { min: 0, max: strict === 'below' ? Math.max(0, stated - 1) : stated, stated, precision };
    case 'approx': {
      const slack = Math.max(1, Math.round(stated * APPROX_TOLERANCE));
      return { min: Math.max(0, stated - slack), max: stated + slack, stated, precision };
    }
  }
}

export function formatInterval(interval: CountInterval): string {
  if (interval.min === interval.max) return String(interval.min);
  if (interval.max === Infinity) return `at least ${interval.min}`;
  if (interval.min === 0) return `at most ${interval.max}`;
  return `${interval.min}–${interval.max}`;
}
