import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { FileEdit } from '../diagnostics.js';
import { LineIndex } from '../text.js';
import type { EntryCategory } from './gazetteerModel.js';

export interface NewEntry {
  id: string;
  name: string;
  kind: string | undefined;
  /** The containing place's id. */
  parent?: string | undefined;
}

/** A readable id for a new entry: "Wagner Group" → "wagner-group", unique among `taken`. */
export function idFor(name: string, taken: (id: string) => boolean): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/^the\s+/, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'entry';
  let id = base;
  for (let n = 2; taken(id); n++) id = `${base}-${n}`;
  return id;
}

function quoteIfNeeded(value: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} .,'’‘ʿʾ()-]*$/u.test(value) && !/:\s|\s#/.test(value) ? value : JSON.stringify(value);
}

/**
 * The edit that appends an entry to the `actors:` or `places:` list of a
 * YAML gazetteer, in the file's own indentation; undefined where a new
 * entry cannot be written without rewriting the file (JSON, flow lists).
 */
export function addEntryEdit(file: { path: string; text: string }, category: EntryCategory, entry: NewEntry): FileEdit | undefined {
  if (/\.json$/i.test(file.path)) return undefined;
  const doc = parseDocument(file.text);
  if (doc.errors.length > 0 || (doc.contents !== null && !isMap(doc.contents))) return undefined;
  const key = category === 'actor' ? 'actors' : 'places';
  const lines = new LineIndex(file.text);
  const item = (indent: string) =>
    [`${indent}- id: ${entry.id}`, `${indent}  name: ${quoteIfNeeded(entry.name)}`, ...(entry.kind ? [`${indent}  kind: ${entry.kind}`] : []), ...(entry.parent ? [`${indent}  in: ${entry.parent}`] : [])].join('\n');

  const pair = isMap(doc.contents) ? doc.contents.items.find((candidate) => isScalar(candidate.key) && candidate.key.value === key) : undefined;
  if (!pair) {
    const separator = file.text === '' || file.text.endsWith('\n') ? '' : '\n';
    const at = lines.positionAt(file.text.length);
    return { path: file.path, edits: [{ range: { start: at, end: at }, newText: `${separator}${key}:\n${item('  ')}\n` }] };
  }
  const list = pair.value as YamlNode | null;
  if (isSeq(list) && list.flow) {
    if (list.items.length > 0 || !list.range) return undefined;
    // `actors: []` becomes a block list holding the new entry (the space before `[` goes too).
    let start = list.range[0];
    while (start > 0 && /[ \t]/.test(file.text.charAt(start - 1))) start--;
    const range = lines.rangeOf({ start, end: list.range[1] });
    return { path: file.path, edits: [{ range, newText: `\n${item('  ')}` }] };
  }
  if (!isSeq(list) || list.items.length === 0 || !list.range) {
    if (list !== null && !(isScalar(list) && list.value === null)) return undefined;
    const keyEnd = (pair.key as YamlNode).range![1];
    const lineEnd = file.text.indexOf('\n', keyEnd);
    const at = lines.positionAt(lineEnd < 0 ? file.text.length : lineEnd);
    return { path: file.path, edits: [{ range: { start: at, end: at }, newText: `\n${item('  ')}` }] };
  }
  const last = list.items[list.items.length - 1] as YamlNode;
  const firstItemStart = (list.items[0] as YamlNode).range![0];
  const dashLineStart = file.text.lastIndexOf('\n', firstItemStart - 1) + 1;
  const indent = /^[ \t]*/.exec(file.text.slice(dashLineStart))![0];
  // After the last item's own text, before any blank lines or comments that follow it.
  let end = last.range![1];
  while (end > 0 && /\s/.test(file.text.charAt(end - 1))) end--;
  const at = lines.positionAt(end);
  return { path: file.path, edits: [{ range: { start: at, end: at }, newText: `\n${item(indent)}` }] };
}
