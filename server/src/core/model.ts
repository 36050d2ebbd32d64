import type { LineIndex, Span } from './text.js';
import type { TextLike } from './pieceText.js';
import type { AnnotationName } from './vocabulary.js';

/** One attribute as written: `type=killed`, `#civ` (name `id`), `place="Idlib city"`. */
export interface Attribute {
  name: string;
  value: string;
  /** The whole attribute, name and value. */
  span: Span;
  /** The value without its quotes; empty at the end of the attribute when there is no value. */
  valueSpan: Span;
}

interface DirectiveFields {
  name: string;
  /** The whole directive; for a container, from the opening fence to the end of the closing fence. */
  span: Span;
  /** The name after the colons. */
  nameSpan: Span;
  /** Plain text of the label (`[…]`), '' when there is none. */
  label: string;
  /** Inside the brackets; undefined when the directive has no `[…]`. */
  labelSpan: Span | undefined;
  /** By name; for a repeated name the last one wins, as in remark-directive. */
  attributes: ReadonlyMap<string, Attribute>;
  /** The `{…}` block including braces, undefined when absent. */
  attributesSpan: Span | undefined;
  /** Attributes written again later in the directive, whose values the later ones replace; absent when none is. */
  ignoredAttributes?: Attribute[];
}

export interface Incident extends DirectiveFields {
  kind: 'incident';
  /** The opening line `:::incident{…}`. */
  openingSpan: Span;
  closed: boolean;
  annotations: Annotation[];
  /** The blocks inside the container (paragraphs, lists, quotes…), without its label: what selection widens through. */
  contentBlocks: Span[];
}

export interface Annotation extends DirectiveFields {
  kind: AnnotationName;
  incident: Incident | undefined;
}

/** A directive that is not ours but was clearly meant as one: it has a label or attributes. */
export interface ForeignDirective extends DirectiveFields {
  kind: 'foreign';
  form: 'containerDirective' | 'leafDirective' | 'textDirective';
  /** One of our names written in the wrong form (`::count[…]`, `:incident[…]`). */
  misusedName: boolean;
}

/** A Markdown heading outside incidents (one inside an incident is part of its prose), for the outline. */
export interface Heading {
  /** 1 for `#` and a `===` underline, 2 for `##` and `---`, up to 6. */
  depth: number;
  /** Plain text, without the marks; directives give their labels. */
  text: string;
  /** The whole heading: its marks and text, and a setext heading's underline. */
  span: Span;
}

export interface FrontMatterProblem {
  message: string;
  span: Span;
}

export interface FrontMatter {
  span: Span;
  /** Parsed YAML, or undefined when it does not parse to a mapping. */
  data: Record<string, unknown> | undefined;
  published: { value: string; span: Span } | undefined;
  title: string | undefined;
  gazetteer: { path: string; span: Span }[];
  /** `countries:` as ISO 3166 codes: the countries the report is about, whose places rank first. */
  countries: { code: string; span: Span }[];
  /** Locates the value of a top-level key, for diagnostics on it. */
  valueSpans: ReadonlyMap<string, Span>;
  problems: FrontMatterProblem[];
  /**
   * The top-level keys of this tool (REPORT_KEYS: `published`, `gazetteer`, `countries`,
   * `totals`) that it has, in order, read even when the YAML has errors: front matter with one
   * makes a report of the document, without incident markup (isReport).
   */
  reportKeys: string[];
}

/**
 * A part of a report that is not parsed, because the Markdown parser would take more than linear
 * time on its shape (parse/hostileShapes.ts): nothing in it is checked, and markup-not-checked says
 * so at `span`, its first line.
 */
export interface UncheckedRegion {
  span: Span;
  message: string;
}

export interface Report {
  text: TextLike;
  lines: LineIndex;
  frontMatter: FrontMatter | undefined;
  incidents: Incident[];
  /** Every count, date, actor and place in document order, inside incidents or not. */
  annotations: Annotation[];
  foreignDirectives: ForeignDirective[];
  /** Headings outside incidents, in document order. */
  headings: Heading[];
  /** Parts not parsed, in document order. */
  unchecked: UncheckedRegion[];
  /**
   * A fenced code block or an HTML comment (or `<pre>`…) never closed, which makes all the rest of
   * the report its content: always the last block, so the parse finds it at once.
   */
  openBlock?: OpenBlock;
}

/** Where such a block opens, what it is and what closes it (markup-unclosed-block). */
export interface OpenBlock {
  /** Its first line. */
  span: Span;
  what: 'code fence' | 'HTML comment' | 'HTML block';
  closeWith: string;
}
