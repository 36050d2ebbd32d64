import type { Root } from 'mdast';
import { directiveFromMarkdown } from 'mdast-util-directive';
import { directive } from 'micromark-extension-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';

/**
 * remark-directive, with mdast-util-directive's `verbose` option switched on:
 * remark-directive 4 does not expose it, and without it the tree has no
 * positions for attributes, which every attribute diagnostic needs.
 */
function remarkDirectiveVerbose(this: Processor): undefined {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(directive());
  (data.fromMarkdownExtensions ??= []).push(directiveFromMarkdown({ verbose: true }));
}

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkDirectiveVerbose);
// Front matter exists only at the very start of a document, never in a slice of it.
const bodyProcessor = unified().use(remarkParse).use(remarkDirectiveVerbose);

export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}

/** Parses text that does not start the document: a `---` line in it is a thematic break, not front matter. */
export function parseMarkdownBody(text: string): Root {
  return bodyProcessor.parse(text);
}
