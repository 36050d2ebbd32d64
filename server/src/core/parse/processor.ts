import type { Root } from 'mdast';
import { directiveFromMarkdown, type Directives } from 'mdast-util-directive';
import { directive } from 'micromark-extension-directive';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { remarkYamlFrontMatter } from './frontMatterSyntax.js';

/**
 * remark-directive, with mdast-util-directive's `verbose` option switched on:
 * remark-directive 4 does not expose it, and without it the tree has no
 * positions for attributes, which every attribute diagnostic needs.
 */
function remarkDirectiveVerbose(this: Processor): undefined {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(directive());
  (data.fromMarkdownExtensions ??= []).push(withOwnAttributes(directiveFromMarkdown({ verbose: true })));
}

type FromMarkdown = ReturnType<typeof directiveFromMarkdown>;
type Handle = NonNullable<NonNullable<FromMarkdown['enter']>[string]>;

/**
 * mdast-util-directive gathers a directive's attributes, and their positions, into plain objects
 * keyed by the writer's attribute names: `{__proto__=1}` set the object's prototype instead of
 * adding an attribute, so no check saw it. Here both objects have no prototype, and the
 * attributes are gathered again from the list it keeps, as it gathers them (classes joined).
 */
function withOwnAttributes(extension: FromMarkdown): FromMarkdown {
  const enter = { ...extension.enter };
  const exit = { ...extension.exit };
  for (const form of ['Container', 'Leaf', 'Text']) {
    const key = `directive${form}Attributes`;
    const enterAttributes = enter[key] as Handle;
    enter[key] = function (token) {
      enterAttributes.call(this, token);
      if (this.data.directiveAttributePositions) this.data.directiveAttributePositions = Object.create(null);
    };
    const exitAttributes = exit[key] as Handle;
    exit[key] = function (token) {
      const list = this.data.directiveAttributes ?? [];
      exitAttributes.call(this, token);
      const attributes: Record<string, string> = Object.create(null);
      for (const [name, value] of list) attributes[name] = name === 'class' && attributes.class ? `${attributes.class} ${value}` : value;
      (this.stack[this.stack.length - 1] as Directives).attributes = attributes;
    };
  }
  return { ...extension, enter, exit };
}

const processor = unified().use(remarkParse).use(remarkYamlFrontMatter).use(remarkDirectiveVerbose);
// Front matter exists only at the very start of a document, never in a slice of it.
const bodyProcessor = unified().use(remarkParse).use(remarkDirectiveVerbose);

export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}

/** Parses text that does not start the document: a `---` line in it is a thematic break, not front matter. */
export function parseMarkdownBody(text: string): Root {
  return bodyProcessor.parse(text);
}
