import type { Yaml } from 'mdast';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { FrontMatter, FrontMatterProblem } from '../model.js';
import type { Span } from '../text.js';
import { countryCode } from './countryCodes.js';

/**
 * The front-matter keys this tool reads (`title` is not one: Jekyll, Hugo and Pandoc documents
 * have it too). A document whose front matter has one is a report, as one with incident markup is.
 */
export const REPORT_KEYS: readonly string[] = ['published', 'gazetteer', 'countries', 'totals'];

/** Reads the YAML front matter; every problem carries the span it is about. */
export function readFrontMatter(node: Yaml, text: string): FrontMatter {
  const start = node.position!.start.offset!;
  const end = node.position!.end.offset!;
  // The value starts after the opening `---` line.
  const firstNewline = text.indexOf('\n', start);
  const valueStart = firstNewline < 0 ? end : firstNewline + 1;
  const span: Span = { start, end };
  const problems: FrontMatterProblem[] = [];
  const valueSpans = new Map<string, Span>();
  const toSpan = (range: readonly [number, number, ...number[]] | null | undefined): Span =>
    range ? { start: valueStart + range[0], end: valueStart + range[1] } : { start, end: start + 3 };

  const doc = parseDocument(node.value, { prettyErrors: false, uniqueKeys: true });
  for (const error of doc.errors) {
    problems.push({
      message: `The front matter is not valid YAML: ${error.message.split('\n')[0]}. Fix the YAML between the \`---\` lines.`,
      span: { start: valueStart + error.pos[0], end: valueStart + Math.max(error.pos[1], error.pos[0] + 1) },
    });
  }

  const result: FrontMatter = {
    span,
    data: undefined,
    published: undefined,
    title: undefined,
    gazetteer: [],
    countries: [],
    valueSpans,
    problems,
    reportKeys: reportKeysOf(doc.contents),
  };
  if (doc.errors.length > 0) return result;
  if (doc.contents !== null && !isMap(doc.contents)) {
    problems.push({
      message: 'The front matter must be a YAML mapping of keys such as `title:` and `published:`.',
      span: toSpan(doc.contents.range),
    });
    return result;
  }

  const data = (doc.toJS() ?? {}) as Record<string, unknown>;
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
