import { dirname, relative } from 'node:path';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import type { GazetteerEntry } from '../gazetteer/gazetteerModel.js';
import { escapeMarkdown as escaped } from '../markdownText.js';
import type { Span } from '../text.js';
import type { IndexedMention, WorkspaceIndex } from '../workspace/workspaceIndex.js';
import { entryKey, entryKeyOf, type WorkspaceNames } from './entryMentions.js';
import { declaredEntries, mentionsPhrase } from './gazetteerFileEntries.js';
import { entryCard, type HoverResult } from './hover.js';
import { gazetteerTargetAt } from './references.js';

/** Reports named in a hover; the rest are counted ("and 4 more"). */
const REPORTS_SHOWN = 5;

/** The entry a hover in a gazetteer file is about, the gazetteer it is read in, and its key in the workspace index (up to date). */
interface GazetteerHoverTarget {
  entry: GazetteerEntry;
  gazetteer: Gazetteer;
  index: WorkspaceIndex;
  key: string;
  span: Span;
}

/**
 * On an entry's `id:` or `name:` value, that entry as the text declares it; on an `in:` or
 * `members` item, the entry it names, in the gazetteer the file is loaded with (a built-in place
 * too, such as `in: geo:SY.12`). Elsewhere (kinds, aliases, notes: the YAML editor's business) nothing.
 */
async function gazetteerHoverTarget(path: string, text: string, offset: number, names: WorkspaceNames): Promise<GazetteerHoverTarget | undefined> {
  const target = gazetteerTargetAt(text, offset);
  if (!target) return undefined;
  const { span } = target.written;
  // The index knows which files the reports load this one with, once it is up to date.
  const index = await names.current();
  const gazetteer = await names.gazetteerOf(path);
  if (target.own) {
    const entry = declaredEntries(path, text).find((candidate) => candidate.category === target.category && candidate.id === target.id);
    return entry && { entry, gazetteer, index, key: entryKeyOf(entry.category, entry.id, path), span };
  }
  const entry = gazetteer.get(target.category, target.id);
  return entry && { entry, gazetteer, index, key: entryKey(entry), span };
}

/**
 * Hover in a gazetteer file: the entry's card, as a report's hover shows it, then how often the
 * workspace's reports mention it and which mention it most (paths relative to the gazetteer file).
 */
export async function gazetteerHover(path: string, text: string, offset: number, names: WorkspaceNames): Promise<HoverResult | undefined> {
  const target = await gazetteerHoverTarget(path, text, offset, names);
  if (!target) return undefined;
  const mentions = mentionsSection(target.index.mentionsOf(target.key), dirname(path));
  return { contents: `${entryCard(target.gazetteer, target.entry)}\n\n${mentions}`, span: target.span };
}

/** "3 mentions in 2 reports: reports/a.md (2), reports/b.md (1)", the reports that mention it most first. */
function mentionsSection(found: readonly IndexedMention[], folder: string): string {
  const perReport = new Map<string, number>();
  for (const mention of found) if (mention.listed) perReport.set(mention.path, (perReport.get(mention.path) ?? 0) + 1);
  if (perReport.size === 0) return 'No report in the workspace mentions it.';
  const reports = [...perReport].sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0));
  const total = reports.reduce((sum, [, count]) => sum + count, 0);
  const shown = reports.slice(0, REPORTS_SHOWN).map(([report, count]) => `${escaped(relative(folder, report))} (${count})`);
  const more = reports.length > REPORTS_SHOWN ? `, and ${reports.length - REPORTS_SHOWN} more` : '';
  const phrase = mentionsPhrase(total, reports.length);
  return `${phrase.charAt(0).toUpperCase()}${phrase.slice(1)}: ${shown.join(', ')}${more}`;
}
