/**
 * Documents rich in block structure, for property tests of parsing by regions: lines that open,
 * continue, close or interrupt blocks, in the places where cutting a text into regions could go wrong.
 */
import fc from 'fast-check';

export const LINES = [
  'Plain prose with :date[4 October 2023] and :place[Idlib]{type=city}.',
  'More prose, :count[12]{type=killed} people.',
  '```', '```js', '~~~~', '    indented code', '\tcode after a tab', '     more indented',
  ':::incident{#a date=2023-10-04}', ':::incident{#b}', '::::incident{#c}', ':::note', ':::', '::::',
  '- item :count[3]{type=killed}', '  continued item', 'lazy continuation :place[Idlib]', '1. first', '2) second', '* star', '      deep item',
  '> quote :actor[Syrian Army]', '>', '> > nested quote', '> - quoted item',
  '<div>', '</div>', '<!-- comment', '-->', '<script>', '</script>', '<?pi', '?>', '<b>inline html</b>',
  'Setext heading', '===', '---', '...', '***', '# ATX :date[5 Oct]', '## Section',
  '[foo]: /url', '[Foo', 'Bar]: /url "title"', '[bar]:', '/url', '> [Bar]: /quoted', '- [item]: /listed', '- ```', 'see [foo] and [foo bar] and [bar]', ':place[in [foo]]{type=city}', ':count[[bar] 3]{type=killed}',
  '\u00a0', '  ', '\t', '| a | b |', '\uFEFFbom',
];

const SEPARATORS = ['\n', '\n', '\n\n', '\n\n\n', '\n  \n', '\r\n', '\r\n\r\n', '\r\r'];

// One closed by YAML's end of document `...`, as Pandoc allows (frontMatterSyntax.ts), whose lines may come later too.
const FRONT_MATTER = ['', '---\ntitle: Idlib\n\ntotals: {killed: 3}\n---\n\n', '---\ntitle: unclosed\n\n', '---\n---\n', '---\npublished: 2023-10-10\n...\n\n'];

/** A document of up to `maxLines` such lines, after one of a few front matters (one never closed). */
export function blockRichDocuments(maxLines: number): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...FRONT_MATTER), fc.array(fc.tuple(fc.constantFrom(...LINES), fc.constantFrom(...SEPARATORS)), { maxLength: maxLines }))
    .map(([frontMatter, lines]) => frontMatter + lines.map(([line, separator]) => line + separator).join(''));
}
