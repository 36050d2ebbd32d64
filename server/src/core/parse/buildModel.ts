/**
 * Builds the report model from mdast: what each directive says and where,
 * to the character.
 */
import type { Nodes, Paragraph, RootContent } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import { toString } from 'mdast-util-to-string';
import type { Annotation, Attribute, Incident, Report } from '../model.js';
import type { Span } from '../text.js';
import { DIRECTIVE_FORM, isDirectiveName } from '../vocabulary.js';

type DirectiveNode = ContainerDirective | LeafDirective | TextDirective;

/** Where `collect` puts what it finds: a whole report, or one top-level block's share of it. */
export type ModelSink = Pick<Report, 'incidents' | 'annotations' | 'foreignDirectives' | 'headings'>;

export function collect(node: Nodes | RootContent, incident: Incident | undefined, report: ModelSink, text: string): void {
  if (node.type === 'heading' && incident === undefined) {
    report.headings.push({ depth: node.depth, text: toString(node), span: { start: node.position!.start.offset!, end: node.position!.end.offset! } });
  }
  if (node.type === 'containerDirective' || node.type === 'leafDirective' || node.type === 'textDirective') {
    const directiveNode = node as DirectiveNode;
    if (directiveNode.name === 'incident' && node.type === 'containerDirective') {
      const nested = readIncident(node as ContainerDirective, text);
      report.incidents.push(nested);
      for (const child of node.children) {
        if (isLabelParagraph(child)) continue;
        nested.contentBlocks.push({ start: child.position!.start.offset!, end: child.position!.end.offset! });
        collect(child, nested, report, text);
      }
      return;
    }
    if (isDirectiveName(directiveNode.name) && DIRECTIVE_FORM[directiveNode.name] === node.type) {
      const annotation: Annotation = {
        ...readDirectiveFields(directiveNode, text),
        kind: directiveNode.name as Annotation['kind'],
        incident,
      };
      report.annotations.push(annotation);
      incident?.annotations.push(annotation);
      // A label is prose about this fact; directives inside it are not facts of their own.
      return;
    }
    const fields = readDirectiveFields(directiveNode, text);
    if (fields.labelSpan !== undefined || fields.attributesSpan !== undefined) {
      report.foreignDirectives.push({
        ...fields,
        kind: 'foreign',
        form: node.type,
        misusedName: isDirectiveName(directiveNode.name),
      });
    }
  }
  if ('children' in node) {
    for (const child of node.children) {
      if (node.type === 'containerDirective' && isLabelParagraph(child)) continue;
      collect(child, incident, report, text);
    }
  }
}

function isLabelParagraph(node: RootContent): node is Paragraph {
  return node.type === 'paragraph' && (node.data as { directiveLabel?: boolean } | undefined)?.directiveLabel === true;
}

function readIncident(node: ContainerDirective, text: string): Incident {
  const fields = readDirectiveFields(node, text);
  const opening = node.data?.position?.opening;
  const openingEnd = opening?.end.offset ?? lineEnd(text, fields.span.start);
  return {
    ...fields,
    kind: 'incident',
    openingSpan: { start: fields.span.start, end: openingEnd },
    closed: node.data?.position?.closing !== undefined,
    annotations: [],
    contentBlocks: [],
  };
}

function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline;
}

function readDirectiveFields(node: DirectiveNode, text: string) {
  const span: Span = { start: node.position!.start.offset!, end: node.position!.end.offset! };
  let cursor = span.start;
  while (text.charCodeAt(cursor) === 58 /* : */) cursor++;
  const nameSpan: Span = { start: cursor, end: cursor + node.name.length };
  const afterName = nameSpan.end;

  let label = '';
  let labelSpan: Span | undefined;
  if (node.type === 'containerDirective') {
    const labelParagraph = node.children.find((child) => isLabelParagraph(child)) as Paragraph | undefined;
    if (labelParagraph?.position) {
      labelSpan = { start: labelParagraph.position.start.offset! + 1, end: labelParagraph.position.end.offset! - 1 };
      label = toString(labelParagraph);
    }
  } else if (text.charCodeAt(afterName) === 91 /* [ */) {
    const last = node.children[node.children.length - 1];
    const labelEnd = last?.position?.end.offset ?? afterName + 1;
    labelSpan = { start: afterName + 1, end: labelEnd };
    label = toString(node.children);
  }

  const attributeSpanEnd = attributesEnd(node, span, text);
  const attributesStart = labelSpan ? labelSpan.end + 1 : afterName;
  const attributesSpan: Span | undefined =
    text.charCodeAt(attributesStart) === 123 /* { */ && attributeSpanEnd !== undefined
      ? { start: attributesStart, end: attributeSpanEnd }
      : undefined;

  const attributes = new Map<string, Attribute>();
  const positions = node.data?.position?.attributes ?? {};
  for (const [name, value] of Object.entries(node.attributes ?? {})) {
    const position = Object.hasOwn(positions, name) ? positions[name] : undefined;
    const attributeSpan: Span = position
      ? { start: position.start.offset!, end: position.end.offset! }
      : // A copy: parseIncremental moves spans in place, and a shared one would move twice.
        { ...(attributesSpan ?? nameSpan) };
    attributes.set(name, {
      name,
      value: value ?? '',
      span: attributeSpan,
      valueSpan: valueSpanOf(attributeSpan, text),
    });
  }
  const ignored = node.data?.ignoredAttributes?.map(({ name, value, position }): Attribute => {
    const attributeSpan = { start: position.start.offset!, end: position.end.offset! };
    return { name, value, span: attributeSpan, valueSpan: valueSpanOf(attributeSpan, text) };
  });
  return { name: node.name, span, nameSpan, label, labelSpan, attributes, attributesSpan, ...(ignored ? { ignoredAttributes: ignored } : {}) };
}

/** The end of the `{…}` block: the opening's end for directives that have one. */
function attributesEnd(node: DirectiveNode, span: Span, text: string): number | undefined {
  const openingEnd = node.data?.position?.opening?.end.offset ?? span.end;
  return text.charCodeAt(openingEnd - 1) === 125 /* } */ ? openingEnd : undefined;
}

/**
 * mdast-util-directive gives the span of a whole attribute (`type="x"`, `#civ`);
 * the value inside it is found by the attribute syntax of micromark-extension-directive.
 */
function valueSpanOf(attribute: Span, text: string): Span {
  const source = text.slice(attribute.start, attribute.end);
  const first = source.charAt(0);
  if (first === '#' || first === '.') return { start: attribute.start + 1, end: attribute.end };
  const equals = source.indexOf('=');
  if (equals < 0) return { start: attribute.end, end: attribute.end };
  let start = attribute.start + equals + 1;
  while (start < attribute.end && /\s/.test(text.charAt(start))) start++;
  const quote = text.charAt(start);
  if ((quote === '"' || quote === "'") && text.charAt(attribute.end - 1) === quote && attribute.end - start >= 2) {
    return { start: start + 1, end: attribute.end - 1 };
  }
  return { start, end: attribute.end };
}
