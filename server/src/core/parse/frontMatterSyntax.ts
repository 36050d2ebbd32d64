/**
 * YAML front matter as Pandoc and YAML read it: opened by a `---` line on the document's first
 * line, closed by the first later `---` or `...` line (YAML's end of document). remark-frontmatter
 * 5 closes it only with `---`, so the CommonMark specification's own text (whose front matter ends
 * with `...`) ran on to the next `---` line and read as YAML holding two documents.
 *
 * The tokens are remark-frontmatter's (`yaml`, `yamlFence`, `yamlFenceSequence`, `yamlValue`),
 * so its mdast side builds the `yaml` node as before; only the syntax is replaced.
 */
import remarkFrontmatter from 'remark-frontmatter';
import type { Processor } from 'unified';
import type { Code, Construct, Effects, Extension, State, TokenizeContext, TokenType } from 'micromark-util-types';

const DASH = 45;
const DOT = 46;

const tokenType = (name: string) => name as TokenType;
const YAML = tokenType('yaml');
const FENCE = tokenType('yamlFence');
const SEQUENCE = tokenType('yamlFenceSequence');
const VALUE = tokenType('yamlValue');
const LINE_ENDING = tokenType('lineEnding');
const WHITESPACE = tokenType('whitespace');

// micromark's codes: line endings are -5, -4 and -3 (CR, LF, CRLF); a tab is -2 and -1 (virtual spaces).
const isLineEnding = (code: Code) => code !== null && code < -2;
const isSpace = (code: Code) => code === -2 || code === -1 || code === 32;

const closingFence: Construct = { tokenize: tokenizeClosingFence, partial: true };
const frontMatter: Construct = { tokenize: tokenizeFrontMatter, concrete: true };

export const yamlFrontMatterSyntax: Extension = { flow: { [DASH]: [frontMatter] } };

/** remark-frontmatter for YAML, with a closing line of `---` or `...`. */
export function remarkYamlFrontMatter(this: Processor): undefined {
  const extensions = (this.data().micromarkExtensions ??= []);
  const before = extensions.length;
  remarkFrontmatter.call(this, 'yaml');
  // It adds one syntax extension (and its mdast and stringify extensions, which are kept).
  if (extensions.length !== before + 1) throw new Error('remark-frontmatter no longer adds one syntax extension');
  extensions[before] = yamlFrontMatterSyntax;
}

function tokenizeFrontMatter(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const start: State = (code) => {
    const position = this.now();
    // Only at the very start of the document, not indented.
    if (position.line !== 1 || position.column !== 1) return nok(code);
    effects.enter(YAML);
    return fenceLine(effects, [DASH], afterOpening, nok)(code);
  };
  const afterOpening: State = (code) => (code === null ? nok(code) : lineEnding(code));
  const lineEnding: State = (code) => {
    effects.enter(LINE_ENDING);
    effects.consume(code);
    effects.exit(LINE_ENDING);
    return effects.attempt(closingFence, after, contentStart);
  };
  const contentStart: State = (code) => {
    // Never closed: not front matter.
    if (code === null) return nok(code);
    if (isLineEnding(code)) return lineEnding(code);
    effects.enter(VALUE);
    return content(code);
  };
  const content: State = (code) => {
    if (code === null || isLineEnding(code)) {
      effects.exit(VALUE);
      return contentStart(code);
    }
    effects.consume(code);
    return content;
  };
  const after: State = (code) => {
    effects.exit(YAML);
    return ok(code);
  };
  return start;
}

function tokenizeClosingFence(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return fenceLine(effects, [DASH, DOT], ok, nok);
}

/** Three of one of `markers`, then spaces or tabs to the end of the line (or of the text). */
function fenceLine(effects: Effects, markers: readonly number[], ok: State, nok: State): State {
  let marker: number | undefined;
  let size = 0;
  const sequence: State = (code) => {
    if (marker === undefined) {
      if (code === null || !markers.includes(code)) return nok(code);
      marker = code;
      effects.enter(FENCE);
      effects.enter(SEQUENCE);
    }
    if (size < 3) {
      if (code !== marker) return nok(code);
      size++;
      effects.consume(code);
      return sequence;
    }
    effects.exit(SEQUENCE);
    if (!isSpace(code)) return end(code);
    effects.enter(WHITESPACE);
    return whitespace(code);
  };
  const whitespace: State = (code) => {
    if (isSpace(code)) {
      effects.consume(code);
      return whitespace;
    }
    effects.exit(WHITESPACE);
    return end(code);
  };
  const end: State = (code) => {
    if (code !== null && !isLineEnding(code)) return nok(code);
    effects.exit(FENCE);
    return ok(code);
  };
  return sequence;
}
