/**
 * The parse cache of the language service: each open document's last parse and what the rules found
 * in it, a whole parse between other work (LanguageServiceOptions.betweenParseRegions), and a
 * check's rules run ahead in steps. The language service owns one; nothing else reads it.
 */
import type { Gazetteer } from './gazetteer/gazetteer.js';
import { parseFull, parseFullInSteps, parseIncremental, parseIncrementalOnly, type ParsedReport } from './parse/incrementalParse.js';
import { checkRulesAhead, createRuleResultCache, followEdit, keepsFindings, type RuleResultCache, type RuleRunOptions } from './runRules.js';
import type { TextLike } from './pieceText.js';
import { LineIndex } from './text.js';

/** Parses kept for re-use by incremental parsing; enough for every report a writer has open. */
const MAX_PARSED_DOCUMENTS = 64;

/**
 * A first parse, made from the text joined, as a parse of the text it was given: the next call with
 * the same pieces (the completion warm-up after the first check, a hover) must find it the same
 * text. It found a joined string, parsed the pieces again, and the first keystroke's check then
 * followed an edit from a parse the rules had not seen: the blockwise rules examined every incident
 * again, 225 of a 5 MiB report's 365 ms first keystroke.
 */
function parsedAs(parse: ParsedReport, text: TextLike): ParsedReport {
  parse.report.text = text;
  return parse;
}

/**
 * The regions of a whole parse run between other work: a quarter of parseFull's, so that a message
 * waits for a shorter step. The responsive bench (5 MiB opened, then the example report, hovers on it
 * meanwhile; load 1.9): the example's first diagnostics 780 -> 499 ms, the hovers' median wait 40 ->
 * 13 ms; cold opens alone, A B A B against 16 KB regions (load 1.9-2.7): 100 KiB 467 against 564 ms,
 * 1 MiB 1,729 against 1,784, 5 MiB 7,412 against 6,780 (one run of three at 9 s; server CPU 9,850
 * against 9,660 ms). chunkedParse.ts measured the parse's CPU the same from 4 to 16 KB regions.
 */
export const STEP_REGION_SIZE = 4 * 1024;

/** parseFull, with `betweenRegions` awaited between its regions when given. */
export async function parseBetween(text: string, betweenRegions: (() => Promise<void>) | undefined): Promise<ParsedReport> {
  if (!betweenRegions) return parseFull(text);
  const steps = parseFullInSteps(text, STEP_REGION_SIZE);
  let step = steps.next();
  for (; !step.done; step = steps.next()) await betweenRegions();
  return step.value;
}

/** How long one step of the rules run ahead (checkAheadBetween) may take before the next pause. */
const RULES_STEP_MS = 10;
/** After a parse that re-parsed more than this (a whole parse, a wide edit), as for a report's first check, the rules run ahead in steps. */
const RULES_AHEAD_FROM = 64 * 1024;

/**
 * A check's rules run ahead (checkRulesAhead: the block-scoped ones, and the blockwise examination of
 * each block by the report-scoped count rules) in steps of about RULES_STEP_MS with `betweenRegions`
 * awaited in between, for a report's first check, after a parse that re-parsed much of it, or when
 * what every block's findings depend on changed (a gazetteer edited, the front matter typed in); the
 * check then moves and flags what they found. At 5 MiB they are about 1 s of a first check (npm run
 * bench), which held every other message for that long in one go. Gives the entry to check, current
 * again.
 */
export async function checkAheadBetween(
  parses: ParseCache,
  first: ParseCacheEntry,
  text: TextLike,
  key: string,
  gazetteer: Gazetteer,
  options: RuleRunOptions,
  betweenRegions: () => Promise<void>,
): Promise<ParseCacheEntry> {
  let entry = parses.current(first, text, key);
  // A report checked before, edited in a few blocks, with the same gazetteer, countries, front matter and settings: those few are checked at once.
  if (entry.rules.lastSerial !== undefined && entry.parse.reparsed <= RULES_AHEAD_FROM && keepsFindings(entry.parse, gazetteer, options, entry.rules)) return entry;
  for (let from: number | undefined = 0; ; ) {
    const stepEnd = performance.now() + RULES_STEP_MS;
    from = checkRulesAhead(entry.parse, gazetteer, options, entry.rules, from, () => performance.now() < stepEnd);
    if (from === undefined) return entry;
    await betweenRegions();
    entry = parses.current(entry, text, key);
  }
}

/** What the parse cache keeps of a document: its last parse, and what the rules found in it. */
export interface ParseCacheEntry {
  parse: ParsedReport;
  rules: RuleResultCache;
}

/**
 * Each open document keeps its last parse, so that the next version re-parses only the blocks an
 * edit touched; hover, definition and diagnostics on one version parse it once. With the parse,
 * what the block-scoped rules found in each block, so that a keystroke re-checks only the blocks
 * it touched.
 */
export function createParseCache(betweenRegions: (() => Promise<void>) | undefined) {
  type Entry = ParseCacheEntry;
  const parsed = new Map<string, Entry>();
  /** Whole parses under way between other work (`settle`), by key. */
  const underWay = new Map<string, Promise<void>>();
  /** The entry, as the document's most recently used. */
  const remember = (key: string, entry: Entry): Entry => {
    parsed.delete(key);
    parsed.set(key, entry);
    if (parsed.size > MAX_PARSED_DOCUMENTS) parsed.delete(parsed.keys().next().value!);
    return entry;
  };
  /** A new parse of the document, made from the previous one's (consumed) or whole. */
  const keep = (key: string, previous: Entry | undefined, parse: ParsedReport): Entry => {
    if (!previous) return remember(key, { parse, rules: createRuleResultCache() });
    // Hover, semantic tokens and inlay hints parse versions whose diagnostics may never be asked for.
    const next = { parse, rules: previous.rules };
    followEdit(next.parse, next.rules);
    return remember(key, next);
  };
  const entry = (text: TextLike, key: string): Entry => {
    const previous = parsed.get(key);
    // The same text (hover, completion and the check of one version): the same entry, so that a
    // check that awaited finds its parse still current.
    if (previous?.parse.report.text === text) return remember(key, previous);
    return keep(key, previous, previous ? parseIncremental(previous.parse, text) : parsedAs(parseFull(text.toString()), text));
  };
  /**
   * The entry for this text, as `entry` gives it, but a whole parse runs between other work
   * (betweenRegions), and a whole parse of the document under way is waited for first
   * (LanguageService.parse).
   */
  async function settle(text: TextLike, key: string): Promise<Entry> {
    for (let waiting = underWay.get(key); waiting; waiting = underWay.get(key)) await waiting.catch(() => undefined);
    const previous = parsed.get(key);
    if (!betweenRegions || previous?.parse.report.text === text) return entry(text, key);
    const followed = previous && parseIncrementalOnly(previous.parse, text);
    if (followed) return keep(key, previous, followed);
    let made: Entry | undefined;
    const whole: Promise<void> = parseBetween(text.toString(), betweenRegions)
      .then((parse) => {
        parsedAs(parse, text);
        // Kept unless the document was closed meanwhile (forget), or a feature that did not wait
        // parsed a later version (the cache holds that); the check that waited reads it either way.
        made = underWay.get(key) === whole && parsed.get(key) === previous ? keep(key, previous, parse) : { parse, rules: createRuleResultCache() };
      })
      .finally(() => {
        if (underWay.get(key) === whole) underWay.delete(key);
      });
    underWay.set(key, whole);
    await whole;
    return made!;
  }
  return {
    entry,
    settle,
    /**
     * The entry for this text after an await: another version of the document may have been
     * parsed meanwhile, which moved the blocks this entry shares with it, so it is parsed again.
     */
    current: (previous: Entry, text: TextLike, key: string): Entry => {
      // No entry at all: the document was closed (or its parse dropped as the least recently used), and nothing moved its blocks since.
      const now = parsed.get(key);
      return now === previous || now === undefined ? previous : entry(text, key);
    },
    /** The line index of this text, from its parse when it is the last one (no second pass over the text). */
    lineIndex: (text: TextLike, key: string): LineIndex => {
      const report = parsed.get(key)?.parse.report;
      return report?.text === text ? report.lines : new LineIndex(text);
    },
    forget: (key: string) => {
      parsed.delete(key);
      // A whole parse under way is not kept when it ends.
      underWay.delete(key);
    },
  };
}

export type ParseCache = ReturnType<typeof createParseCache>;
