import type { GazetteerEntry } from '../gazetteer/gazetteerModel.js';
import { readGazetteerFile } from '../gazetteer/readGazetteerFile.js';

/**
 * What the features of a gazetteer file (hover, definition, completion, code lens) share: the
 * entries its text declares, and how a number of mentions is told.
 */

/** The last few texts read: the lenses, a hover and a completion on one version read it once. */
const RECENT: { path: string; text: string; entries: GazetteerEntry[] }[] = [];
const MAX_RECENT = 4;

/**
 * The entries the text declares, read from the text itself (not the gazetteer loaded from it, which
 * keeps its last good version while the text does not parse): none while it does not parse.
 */
export function declaredEntries(path: string, text: string): GazetteerEntry[] {
  const recent = RECENT.find((known) => known.path === path && known.text === text);
  if (recent) return recent.entries;
  const { entries } = readGazetteerFile(path, text);
  RECENT.unshift({ path, text, entries });
  if (RECENT.length > MAX_RECENT) RECENT.pop();
  return entries;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** "3 mentions in 2 reports", "1 mention in 1 report", "no mentions": what a lens shows and a hover starts with. */
export function mentionsPhrase(mentions: number, reports: number): string {
  return mentions === 0 ? 'no mentions' : `${plural(mentions, 'mention')} in ${plural(reports, 'report')}`;
}
