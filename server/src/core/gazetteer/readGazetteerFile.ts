import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type YAMLMap } from 'yaml';
import { dirname, resolve } from 'node:path';
import type { Span } from '../text.js';
import { YAML_MAX_NESTING, yamlNestingProblem } from '../yamlLimits.js';
import type { ImportedTable } from './geonamesImport.js';
import {
  ACTOR_KINDS,
  PLACE_KINDS,
  type EntryCategory,
  type GazetteerEntry,
  type GazetteerProblem,
} from './gazetteerModel.js';

export interface GazetteerImport {
  /** As written in the file: relative to the gazetteer file. */
  path: string;
  /** The absolute path of the GeoNames dump. */
  absolute: string;
  span: Span | undefined;
}

export interface GazetteerFile {
  file: string;
  entries: GazetteerEntry[];
  groups: Map<string, string[]>;
  problems: GazetteerProblem[];
  /** False when the file could not be read as a gazetteer at all (bad YAML, not a mapping). */
  usable: boolean;
  /** GeoNames dumps the file imports (`import:`), read by the GazetteerStore. */
  imports: GazetteerImport[];
  /** The imported tables, once loaded; set by the GazetteerStore. */
  importedTables?: readonly ImportedTable[];
}

export const ENTRY_FIELDS: ReadonlySet<string> = new Set([
  'id', 'name', 'aliases', 'kind', 'in', 'coordinates', 'geonames', 'wikidata', 'members', 'note',
]);

/** Reads one gazetteer file (YAML or JSON; JSON is read as YAML, which it is). */
export function readGazetteerFile(file: string, text: string): GazetteerFile {
  const result: GazetteerFile = { file, entries: [], groups: new Map(), problems: [], usable: true, imports: [] };
  const problem = (code: GazetteerProblem['code'], message: string, node: YamlNode | null | undefined) =>
    result.problems.push({ code, message, file, span: spanOf(node) });

  // Before the yaml package sees it: nesting a thousand deep aborts the process (yamlLimits.ts).
  const nesting = yamlNestingProblem(text);
  if (nesting !== undefined) {
    result.problems.push({
      code: 'gazetteer-syntax',
      message: `This file ${nesting.message}, and gazetteers are read up to ${YAML_MAX_NESTING} levels: flatten it. Until then the last good version stays in use.`,
      file,
      span: { start: nesting.offset, end: nesting.offset + 1 },
    });
    result.usable = false;
    return result;
  }
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      result.problems.push({
        code: 'gazetteer-syntax',
        message: `${error.message.split('\n')[0]}. Fix the YAML/JSON syntax; until then the last good version stays in use.`,
        file,
        span: { start: error.pos[0], end: Math.max(error.pos[1], error.pos[0] + 1) },
      });
    }
    result.usable = false;
    return result;
  }
  if (doc.contents === null) return result;
  if (!isMap(doc.contents)) {
    problem('gazetteer-syntax', 'A gazetteer must be a mapping with `actors`, `places` and `groups`.', doc.contents);
    result.usable = false;
    return result;
  }

  for (const item of doc.contents.items) {
    const key = isScalar(item.key) ? String(item.key.value) : '';
    const value = item.value as YamlNode | null;
    if (key === 'actors' || key === 'places') {
      if (!isSeq(value)) {
        problem('gazetteer-invalid-entry', `\`${key}\` must be a list of entries.`, value ?? (item.key as YamlNode));
        continue;
      }
      for (const entryNode of value.items) {
        const entry = readEntry(entryNode as YamlNode, key === 'actors' ? 'actor' : 'place', file, problem);
        if (entry) result.entries.push(entry);
      }
    } else if (key === 'groups') {
      readGroups(value, result.groups, problem);
    } else if (key === 'import') {
      readImports(value, file, result.imports, problem);
    } else if (key === '$schema') {
      // For editors: the JSON Schema of the format.
    } else {
      problem('gazetteer-invalid-entry', `Unknown top-level key \`${key}\`; expected actors, places, groups or import.`, item.key as YamlNode);
    }
  }
  return result;
}

type Report = (code: GazetteerProblem['code'], message: string, node: YamlNode | null | undefined) => void;

function readEntry(node: YamlNode, category: EntryCategory, file: string, problem: Report): GazetteerEntry | undefined {
  if (!isMap(node)) {
    problem('gazetteer-invalid-entry', `Each ${category} must be a mapping with at least \`id\` and \`name\`.`, node);
    return undefined;
  }
  const map = node as YAMLMap;
  for (const item of map.items) {
    const key = isScalar(item.key) ? String(item.key.value) : '';
    if (!ENTRY_FIELDS.has(key)) {
      problem(
        'gazetteer-invalid-entry',
        `Unknown field \`${key}\`; an entry has ${[...ENTRY_FIELDS].join(', ')}.`,
        item.key as YamlNode,
      );
    }
  }
  const text = (key: string): string | undefined => {
    const value = map.get(key, true) as YamlNode | undefined;
    if (value === undefined || value === null) return undefined;
    if (isScalar(value) && (typeof value.value === 'string' || typeof value.value === 'number')) {
      return String(value.value);
    }
    problem('gazetteer-invalid-entry', `\`${key}\` must be a single text value.`, value);
    return undefined;
  };
  const list = (key: string): string[] => {
    const value = map.get(key, true) as YamlNode | undefined;
    if (value === undefined || value === null) return [];
    if (isSeq(value) && value.items.every((item) => isScalar(item) && item.value !== null)) {
      return value.items.map((item) => String((item as { value: unknown }).value));
    }
    problem('gazetteer-invalid-entry', `\`${key}\` must be a list of names, e.g. [Assad regime, Syrian regime].`, value);
    return [];
  };

  const id = text('id');
  const name = text('name');
  if (!id || !name) {
    problem('gazetteer-invalid-entry', `This ${category} needs both \`id\` and \`name\`.`, node);
    return undefined;
  }
  const kind = text('kind');
  const kinds: readonly string[] = category === 'actor' ? ACTOR_KINDS : PLACE_KINDS;
  if (kind !== undefined && !kinds.includes(kind)) {
    problem('gazetteer-invalid-entry', `Unknown ${category} kind "${kind}"; expected one of ${kinds.join(', ')}.`, map.get('kind', true) as YamlNode);
  }

  let coordinates: [number, number] | undefined;
  const coordinateNode = map.get('coordinates', true) as YamlNode | undefined;
  if (coordinateNode !== undefined) {
    const values = isSeq(coordinateNode) ? coordinateNode.items.map((item) => (isScalar(item) ? item.value : undefined)) : [];
    const [lat, lon] = values;
    if (values.length === 2 && typeof lat === 'number' && typeof lon === 'number' && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
      coordinates = [lat, lon];
    } else {
      problem(
        'gazetteer-invalid-coordinates',
        'Coordinates must be [latitude, longitude] in degrees, latitude within ±90 and longitude within ±180.',
        coordinateNode,
      );
    }
  }
  const geonames = text('geonames');
  const aliasesNode = map.get('aliases', true) as YamlNode | undefined;
  const fields: NonNullable<GazetteerEntry['source']['fields']> = {
    id: spanOf(map.get('id', true) as YamlNode | undefined),
    name: spanOf(map.get('name', true) as YamlNode | undefined),
    in: spanOf(map.get('in', true) as YamlNode | undefined),
    aliases: isSeq(aliasesNode) ? aliasesNode.items.map((item) => spanOf(item as YamlNode)).filter((span) => span !== undefined) : [],
  };
  return {
    category,
    id,
    name,
    aliases: list('aliases'),
    kind,
    parent: text('in'),
    coordinates,
    geonames: geonames !== undefined && /^\d+$/.test(geonames) ? Number(geonames) : undefined,
    wikidata: text('wikidata'),
    members: list('members'),
    note: text('note'),
    source: { file, span: spanOf(node), fields },
  };
}

/** `import: [SY.txt]` or `import: SY.txt`: GeoNames dumps, relative to the gazetteer file. */
function readImports(node: YamlNode | null, file: string, imports: GazetteerImport[], problem: Report): void {
  const items = isSeq(node) ? node.items : [node];
  for (const item of items) {
    if (isScalar(item) && typeof item.value === 'string' && item.value.trim() !== '') {
      imports.push({ path: item.value, absolute: resolve(dirname(file), item.value), span: spanOf(item) });
    } else {
      problem('gazetteer-invalid-entry', '`import` lists GeoNames dump files, relative to this file, e.g. import: [geonames/SY.txt].', (item ?? node) as YamlNode);
    }
  }
}

function readGroups(node: YamlNode | null, groups: Map<string, string[]>, problem: Report): void {
  if (!isMap(node)) {
    problem('gazetteer-invalid-entry', '`groups` must map a group to its subgroups, e.g. civilians: [women, men, children].', node);
    return;
  }
  for (const item of node.items) {
    const key = isScalar(item.key) ? String(item.key.value) : '';
    const value = item.value as YamlNode | null;
    if (isSeq(value) && value.items.every((sub) => isScalar(sub))) {
      groups.set(key, value.items.map((sub) => String((sub as { value: unknown }).value)));
    } else if (value === null || (isScalar(value) && value.value === null)) {
      // `teachers:` with nothing after it, like `teachers: []`: a group of its own, for counts to name.
      groups.set(key, []);
    } else {
      problem('gazetteer-invalid-entry', `Group \`${key}\` must list its subgroups, e.g. [women, men, children].`, value ?? (item.key as YamlNode));
    }
  }
}

function spanOf(node: YamlNode | null | undefined): Span | undefined {
  const range = node && 'range' in node ? node.range : undefined;
  return range ? { start: range[0], end: range[1] } : undefined;
}
