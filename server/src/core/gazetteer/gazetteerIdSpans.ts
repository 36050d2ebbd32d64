import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { Span } from '../text.js';
import type { EntryCategory } from './gazetteerModel.js';

/**
 * Where a gazetteer file writes an id or a name: each entry's `id` and `name`, and the ids it
 * refers to in `in` and `members`. References and rename read a gazetteer file through these;
 * readGazetteerFile keeps only what resolution needs.
 */
export interface GazetteerIdSpan {
  /** The category of the entry it is written in. */
  category: EntryCategory;
  /** The id of the entry it is written in. */
  entryId: string;
  field: 'id' | 'name' | 'in' | 'members';
  value: string;
  /** The value without its quotes: what a rename replaces. */
  span: Span;
}

/** The last few files read, by text: a reference, a rename and a highlight on one version read it once. */
const RECENT: { text: string; spans: GazetteerIdSpan[] }[] = [];
const MAX_RECENT = 8;

/** The ids and names a gazetteer file's text writes, in file order; nothing of a text that does not parse. */
export function gazetteerIdSpans(text: string): GazetteerIdSpan[] {
  const recent = RECENT.find((known) => known.text === text);
  if (recent) return recent.spans;
  const spans = readIdSpans(text);
  RECENT.unshift({ text, spans });
  if (RECENT.length > MAX_RECENT) RECENT.pop();
  return spans;
}

function readIdSpans(text: string): GazetteerIdSpan[] {
  const spans: GazetteerIdSpan[] = [];
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return spans;
  for (const section of doc.contents.items) {
    const key = isScalar(section.key) ? String(section.key.value) : '';
    if ((key !== 'actors' && key !== 'places') || !isSeq(section.value)) continue;
    const category: EntryCategory = key === 'actors' ? 'actor' : 'place';
    for (const entry of section.value.items) {
      if (!isMap(entry)) continue;
      const id = entry.get('id', true) as YamlNode | undefined;
      if (!isScalar(id) || id.value === null || String(id.value) === '') continue;
      const entryId = String(id.value);
      const add = (field: GazetteerIdSpan['field'], node: unknown) => {
        const span = isScalar(node) && node.value !== null ? valueSpan(node, text) : undefined;
        if (span) spans.push({ category, entryId, field, value: String((node as { value: unknown }).value), span });
      };
      add('id', id);
      add('name', entry.get('name', true));
      add('in', entry.get('in', true));
      const members = entry.get('members', true);
      if (isSeq(members)) for (const member of members.items) add('members', member);
    }
  }
  return spans;
}

/** The scalar's source without its quotes. */
function valueSpan(node: YamlNode, text: string): Span | undefined {
  const range = node.range;
  if (!range) return undefined;
  const [start, end] = range;
  const first = text.charAt(start);
  if ((first === '"' || first === "'") && end - start >= 2 && text.charAt(end - 1) === first) return { start: start + 1, end: end - 1 };
  return { start, end };
}
