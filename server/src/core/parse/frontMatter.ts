import type { Yaml } from 'mdast';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { FrontMatter, FrontMatterProblem } from '../model.js';
import type { Span } from '../text.js';
import { YAML_MAX_ALIAS_COUNT, yamlExpansionMessage, yamlNestingProblem } from '../yamlLimits.js';
import { countryCode } from './countryCodes.js';

/**
 * How much front matter is read. A report's front matter holds a handful of keys; the yaml
 * package's duplicate-key check makes a long mapping slow (5,000 keys 1.1 s, 20,000 keys 3.6 s,
 * 40,000 keys 10 s in a whole check, measured on 2 loaded cores), so a longer one is not read at
 * all and says so, instead of stalling every keystroke of the report.
 */
export const FRONT_MATTER_MAX_CHARACTERS = 64 * 1024;
export const FRONT_MATTER_MAX_KEYS = 1000;

/**
 * The front-matter keys this tool reads (`title` is not one: Jekyll, Hugo and Pandoc documents
 * have it too). A document whose front matter has one is a report, as one with incident markup is.
 */
export const REPORT_KEYS: readonly string[] = ['published', 'gazetteer', 'countries', 'totals'];

/** Reads the YAML front matter; every problem carries the span it is about. */
export function readFrontMatter(node: Yaml, text: string): FrontMatter {
  const start = node.position!.start.offset!;
  const end = node.position!.end.offset!;
  // The value starts after the opening `---` line, which may end in \r\n, \n or a lone \r (CommonMark's line endings).
  const lineEnding = /\r\n|\r|\n/g;
  lineEnding.lastIndex = start;
  const opening = lineEnding.exec(text);
  const valueStart = opening ? opening.index + opening[0].length : end;
  const span: Span = { start, end };
  const problems: FrontMatterProblem[] = [];
  const valueSpans = new Map<string, Span>();
  const toSpan = (range: readonly [number, number, ...number[]] | null | undefined): Span =>
    range ? { start: valueStart + range[0], end: valueStart + range[1] } : { start, end: start + 3 };

  const tooLarge = frontMatterLimitProblem(node.value);
  if (tooLarge !== undefined) {
    return { ...emptyFrontMatter(span, valueSpans, problems), problems: [{ message: tooLarge, span: { start, end: start + 3 } }], reportKeys: reportKeysIn(node.value) };
  }
  const nesting = yamlNestingProblem(node.value);
  if (nesting !== undefined) {
    const at = valueStart + nesting.offset;
    problems.push({ message: `The front matter ${nesting.message}; it is read up to 256 levels: flatten it.`, span: { start: at, end: at + 1 } });
    return { ...emptyFrontMatter(span, valueSpans, problems), reportKeys: reportKeysIn(node.value) };
  }

  // The yaml package reads a lone \r as no line break ("Nested mappings are not allowed in compact
  // mappings" on a file saved with old Mac line endings): as \n, which keeps every offset.
  const doc = parseDocument(node.value.replace(/\r(?!\n)/g, '\n'), { prettyErrors: false, uniqueKeys: true });
  for (const error of doc.errors) {
    problems.push({
      message: `The front matter is not valid YAML: ${error.message.split('\n')[0]}. Fix the YAML between the \`---\` lines.`,
      span: { start: valueStart + error.pos[0], end: valueStart + Math.max(error.pos[1], error.pos[0] + 1) },
    });
  }

  const result: FrontMatter = { ...emptyFrontMatter(span, valueSpans, problems), reportKeys: reportKeysOf(doc.contents) };
  if (doc.errors.length > 0) return result;
  if (doc.contents !== null && !isMap(doc.contents)) {
    problems.push({
      message: 'The front matter must be a YAML mapping of keys such as `title:` and `published:`.',
      span: toSpan(doc.contents.range),
    });
    return result;
  }

  let data: Record<string, unknown>;
  try {
    data = (doc.toJS({ maxAliasCount: YAML_MAX_ALIAS_COUNT }) ?? {}) as Record<string, unknown>;
  } catch (error) {
    problems.push({ message: `The front matter is not read: ${yamlExpansionMessage(error)}. Write the values out instead.`, span: { start, end: start + 3 } });
    return result;
  }
  result.data = data;
  if (isMap(doc.contents)) {
    for (const item of doc.contents.items) {
      if (isScalar(item.key) && item.value && 'range' in item.value && item.value.range) {
        valueSpans.set(String(item.key.value), toSpan(item.value.range));
      }
    }
  }

  const published = doc.get('published', true);
  if (published !== undefined) {
    const publishedSpan = valueSpans.get('published') ?? span;
    // YAML reads an unquoted 2023-10-10 as a string here (core schema), but a number such as 2023 as a number.
    const value = isScalar(published) ? String(published.value) : undefined;
    if (value === undefined) {
      problems.push({ message: '`published` must be a date such as 2023-10-10.', span: publishedSpan });
    } else {
      result.published = { value, span: publishedSpan };
    }
  }

  const title = data.title;
  if (typeof title === 'string') result.title = title;

  const gazetteer = doc.get('gazetteer', true);
  if (gazetteer !== undefined) {
    const items = isSeq(gazetteer) ? gazetteer.items : [gazetteer];
    for (const item of items) {
      if (isScalar(item) && typeof item.value === 'string' && item.value.trim() !== '') {
        result.gazetteer.push({ path: item.value, span: toSpan(item.range) });
      } else {
        problems.push({
          message: '`gazetteer` must be a path or a list of paths of gazetteer files, relative to this report.',
          span: toSpan(isScalar(item) || isSeq(item) || isMap(item) ? item.range : undefined),
        });
      }
    }
  }
  readCountries(doc.get('countries', true), toSpan, result);
  return result;
}

function emptyFrontMatter(span: Span, valueSpans: Map<string, Span>, problems: FrontMatterProblem[]): FrontMatter {
  return { span, data: undefined, published: undefined, title: undefined, gazetteer: [], countries: [], valueSpans, problems, reportKeys: [] };
}

/** Why front matter this long is not read, or undefined: its length, then its keys (lines `name:`), counted without parsing it. */
function frontMatterLimitProblem(value: string): string | undefined {
  const advice = 'none of it is read (published, gazetteer, countries, totals): keep long data out of the front matter.';
  if (value.length > FRONT_MATTER_MAX_CHARACTERS) {
    return `The front matter is ${Math.round(value.length / 1024).toLocaleString('en')} KiB long, and front matter is read up to ${FRONT_MATTER_MAX_CHARACTERS / 1024} KiB: ${advice}`;
  }
  const keys = value.match(KEY_LINE)?.length ?? 0;
  if (keys > FRONT_MATTER_MAX_KEYS) {
    return `The front matter has ${keys.toLocaleString('en')} keys, and front matter is read up to ${FRONT_MATTER_MAX_KEYS.toLocaleString('en')}: ${advice}`;
  }
  return undefined;
}

/** A line that starts a key of a mapping (`name:`, `  - name:`), the comment lines aside. */
const KEY_LINE = /^[ \t]*(?:- +)*[^\s#:][^\r\n:]*:(?=[ \t\r\n]|$)/gm;
/** A top-level key of this tool's, found without parsing the YAML. */
const REPORT_KEY_LINE = new RegExp(`^(${REPORT_KEYS.join('|')})[ \t]*:`, 'gm');

/** This tool's top-level keys in front matter that is not parsed, so that it still makes a report of the document. */
function reportKeysIn(value: string): string[] {
  const keys = new Set<string>();
  for (const match of value.matchAll(REPORT_KEY_LINE)) keys.add(match[1]!);
  return [...keys];
}

type SpanOf = (range: readonly [number, number, ...number[]] | null | undefined) => Span;

/** `countries: [UA, Sudan]`: ISO codes or English names; each other value is a problem at its place. */
function readCountries(value: unknown, toSpan: SpanOf, result: FrontMatter): void {
  if (value === undefined) return;
  const items = isSeq(value) ? value.items : [value];
  for (const item of items) {
    const text = isScalar(item) && typeof item.value === 'string' ? item.value : undefined;
    const code = text === undefined ? undefined : countryCode(text);
    const span = toSpan(isScalar(item) || isSeq(item) || isMap(item) ? item.range : undefined);
    if (code) {
      result.countries.push({ code, span });
      continue;
    }
    result.problems.push({
      message:
        text === undefined
          ? '`countries` must be a country or a list of countries, each an ISO 3166 code (UA) or an English name (Ukraine).'
          : `"${text}" is not a country: write its ISO 3166 code (such as UA or SD) or its English name (Ukraine, Sudan).`,
      span,
    });
  }
}

/**
 * This tool's keys among the top-level keys of a mapping, which the yaml package builds even when
 * the YAML has errors (`published: 2023-10-10` with a broken line below is still a report's).
 */
function reportKeysOf(contents: unknown): string[] {
  if (!isMap(contents)) return [];
  const keys = new Set<string>();
  for (const item of contents.items) {
    if (isScalar(item.key) && REPORT_KEYS.includes(String(item.key.value))) keys.add(String(item.key.value));
  }
  return [...keys];
}
