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
      (this.data as OccurrenceData)[OCCURRENCES] = [];
    };
    // Every attribute's position as it is written, where mdast-util-directive keeps only the last of a name.
    for (const part of [`directive${form}AttributeName`, `directive${form}AttributeId`]) {
      const exitPart = exit[part] as Handle;
      exit[part] = function (token) {
        exitPart.call(this, token);
        const tail = this.data.directiveAttributes?.at(-1);
        const position = tail ? this.data.directiveAttributePositions?.[tail[0]] : undefined;
        // The same object, whose end moves to the end of the value when the value is read.
        if (tail && position) (this.data as OccurrenceData)[OCCURRENCES]?.push({ name: tail[0], position });
      };
    }
    const exitAttributes = exit[key] as Handle;
    exit[key] = function (token) {
      const list = this.data.directiveAttributes ?? [];
      const occurrences = (this.data as OccurrenceData)[OCCURRENCES] ?? [];
      exitAttributes.call(this, token);
      const attributes: Record<string, string> = Object.create(null);
      for (const [name, value] of list) attributes[name] = name === 'class' && attributes.class ? `${attributes.class} ${value}` : value;
      const node = this.stack[this.stack.length - 1] as Directives;
      node.attributes = attributes;
      const ignored = ignoredAttributes(list, occurrences);
      if (ignored.length > 0) (node.data ??= {}).ignoredAttributes = ignored;
    };
  }
  return { ...extension, enter, exit };
}

const OCCURRENCES = Symbol('attribute occurrences');
type AttributePosition = { start: { line: number; column: number; offset?: number | undefined }; end: { line: number; column: number; offset?: number | undefined } };
type OccurrenceData = { [OCCURRENCES]?: { name: string; position: AttributePosition }[] };

/** An attribute written again later in the same directive, whose value the later one replaces. */
export interface IgnoredAttribute {
  name: string;
  value: string;
  position: AttributePosition;
}

declare module 'mdast' {
  interface Data {
    /** Set by processor.ts on a directive that repeats an attribute (classes aside, which add up). */
    ignoredAttributes?: IgnoredAttribute[] | undefined;
  }
}

/** Each attribute but the last of its name (classes aside), with its value and position, in order. */
function ignoredAttributes(list: readonly [string, string][], occurrences: readonly { name: string; position: AttributePosition }[]): IgnoredAttribute[] {
  const last = new Map<string, number>();
  list.forEach(([name], index) => last.set(name, index));
  const ignored: IgnoredAttribute[] = [];
  // `list` and `occurrences` pair up, classes aside (`.x` has no occurrence here).
  const named = occurrences.filter((occurrence) => occurrence.name !== 'class');
  let occurrence = 0;
  list.forEach(([name, value], index) => {
    if (name === 'class') return;
    const at = named[occurrence++];
    if (at && at.name === name && last.get(name) !== index) ignored.push({ name, value, position: at.position });
  });
  return ignored;
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
