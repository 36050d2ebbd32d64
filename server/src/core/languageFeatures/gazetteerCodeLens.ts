import { gazetteerIdSpans } from '../gazetteer/gazetteerIdSpans.js';
import type { Span } from '../text.js';
import { entryKeyOf, type WorkspaceNames } from './entryMentions.js';
import { declaredEntries, mentionsPhrase } from './gazetteerFileEntries.js';

/** What a code lens above a gazetteer entry shows, and where its mentions are asked for. */
export interface EntryLens {
  /** The entry: the lens stands above its first line. */
  span: Span;
  /** "3 mentions in 2 reports", "no mentions". */
  title: string;
  /**
   * The start of the entry's `id:` value, where references list the mentions the title counts;
   * undefined when there are none to list.
   */
  referencesAt: number | undefined;
}

/**
 * A lens above each entry the file declares: how many times the workspace's reports mention it
 * (labels, `in=` and incidents' `place=`, as references lists them: a `ref=` counts through its
 * label) and in how many reports, from the workspace index brought up to date first.
 */
export async function gazetteerCodeLenses(path: string, text: string, names: WorkspaceNames): Promise<EntryLens[]> {
  const entries = declaredEntries(path, text);
  if (entries.length === 0) return [];
  const keys = entries.map((entry) => entryKeyOf(entry.category, entry.id, path));
  // The ids without their quotes, where references finds the entry.
  const ids = gazetteerIdSpans(text).filter((written) => written.field === 'id');
  const counts = (await names.current()).mentionCounts(new Set(keys));
  return entries.map((entry, at) => {
    const { mentions, reports } = counts.get(keys[at]!) ?? { mentions: 0, reports: 0 };
    const id = ids.find((written) => written.category === entry.category && written.entryId === entry.id);
    return { span: withoutTrailingSpace(text, entry.source.span!), title: mentionsPhrase(mentions, reports), referencesAt: mentions > 0 ? id?.span.start : undefined };
  });
}

/** A YAML block mapping's range runs to the next entry's line: the lens spans the entry as written, to its last value. */
function withoutTrailingSpace(text: string, span: Span): Span {
  let { end } = span;
  while (end > span.start && /\s/.test(text.charAt(end - 1))) end--;
  return { start: span.start, end };
}
