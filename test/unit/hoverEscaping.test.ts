import fc from 'fast-check';
import type { Nodes, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { micromark } from 'micromark';
// Both come with markdownlint (a dev dependency): GFM's autolink literals and tables, which remark-parse alone does not read.
import { gfmAutolinkLiteral, gfmAutolinkLiteralHtml } from 'micromark-extension-gfm-autolink-literal';
import { gfmTable, gfmTableHtml } from 'micromark-extension-gfm-table';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { Gazetteer } from '../../server/src/core/gazetteer/gazetteer.js';
import { readGazetteerFile } from '../../server/src/core/gazetteer/readGazetteerFile.js';
import { complete } from '../../server/src/core/languageFeatures/completion.js';
import { entryCard, hover } from '../../server/src/core/languageFeatures/hover.js';
import { codeSpan, escapeMarkdown } from '../../server/src/core/markdownText.js';
import { parseReport } from '../../server/src/core/parse/parseReport.js';
import { stripMarkers } from '../helpers/markers.js';

// Text from files goes into hover Markdown escaped: each hover is checked as a whole string, and
// rendered with a real CommonMark parser (remark) and GFM's autolinks and tables (micromark) to
// show that no link, image or HTML comes out of it and that its text is the file's text.

const LINK = '[z](command:workbench.action.quit)';
const IMAGE = '![i](https://evil/x.png)';
const IMG = '<img src=x onerror=alert(1)>';
const ANCHOR = '<a href="command:x">go</a>';
const BARE = 'https://evil.example/x www.evil.example a@evil.example';
const FILE = `/team/${IMG} ${LINK} **b**.yaml`;
const FILE_NAME = `${IMG} ${LINK} **b**.yaml`;
const ESCAPED_FILE_NAME = '\\<img src=x onerror=alert(1)> \\[z\\](command\\:workbench.action.quit) \\*\\*b\\*\\*.yaml';

const ACTOR = {
  id: 'x`y``z',
  name: `**b** ${LINK}`,
  aliases: [IMG, '# h', '`c` &amp; &#60;'],
  kind: ANCHOR,
  members: ['member', 'missing <b>'],
  wikidata: 'Q1](command:x)',
  note: `${IMAGE} &amp; <https://evil.example>\n\n# two\r\n- three`,
};
const MEMBER = { id: 'member', name: `1. ${BARE}` };
const COUNTRY = { id: 'evil-country', name: '<script>alert(1)</script>', kind: 'country' };
const TOWN = {
  id: 'evil-town',
  name: '~~s~~ | t | $x$',
  aliases: ['Twin'],
  kind: 'town',
  in: 'evil-country',
  coordinates: [35.5, -36.25],
  geonames: 169375,
  wikidata: 'Q42',
  note: 'www.evil.example',
};
const TWIN = { id: 'p`2', name: '- <b>x</b>', aliases: ['Twin'], kind: '> quote', in: 'evil-country' };

const gazetteer = new Gazetteer([readGazetteerFile(FILE, stringify({ actors: [ACTOR, MEMBER], places: [COUNTRY, TOWN, TWIN] }))]);

const GEONAMES_URL = 'https://www.geonames.org/169375';
const WIKIDATA_URL = 'https://www.wikidata.org/wiki/Q42';

/** The hover at ‸. */
function hoverAt(marked: string): string {
  const { text, cursors } = stripMarkers(marked);
  const result = hover(parseReport(text), gazetteer, cursors[0]!);
  if (!result) throw new Error(`no hover in ${marked}`);
  return result.contents;
}

const FORBIDDEN = new Set(['link', 'image', 'html', 'linkReference', 'imageReference', 'definition', 'heading', 'code', 'blockquote', 'thematicBreak', 'break']);

function nodes(node: Nodes): Nodes[] {
  return [node, ...('children' in node ? (node.children as Nodes[]).flatMap(nodes) : [])];
}

/**
 * Parses `markdown` as CommonMark and GFM and checks that nothing in it is a link, image, HTML,
 * heading… other than links to `allowedUrls`; returns the plain text of each paragraph and list item.
 */
function render(markdown: string, allowedUrls: string[] = []): string[] {
  const tree: Root = unified().use(remarkParse).parse(markdown);
  for (const node of nodes(tree)) {
    if (node.type === 'link' && allowedUrls.includes(node.url)) continue;
    expect(FORBIDDEN.has(node.type), `${node.type} in ${JSON.stringify(markdown)}`).toBe(false);
  }
  const html = micromark(markdown, { extensions: [gfmAutolinkLiteral(), gfmTable()], htmlExtensions: [gfmAutolinkLiteralHtml(), gfmTableHtml()] });
  expect([...html.matchAll(/<a href="([^"]*)"/g)].map((match) => match[1]).filter((url) => !allowedUrls.includes(url!)), html).toEqual([]);
  expect(html).not.toMatch(/<(img|table|del)\b/);
  const blocks = (children: RootContent[]): string[] =>
    children.flatMap((child) => (child.type === 'list' ? child.children.flatMap((item) => blocks(item.children)) : [toString(child)]));
  return blocks(tree.children);
}

/** Property tests render thousands of strings: time enough on a busy machine, and more when FC_RUNS asks for more runs. */
const PROPERTY_TIMEOUT = process.env.FC_RUNS ? 3_600_000 : 60_000;

/** What CommonMark shows of a file's text on one line. */
const oneLine = (text: string) => text.replace(/\r\n|\r|\n/g, ' ');

describe('escapeMarkdown', () => {
  it('escapes what Markdown, HTML and GFM would read, and leaves ordinary names alone', () => {
    const cases: [string, string][] = [
      ['Ma‘arrat an Nu‘mān', 'Ma‘arrat an Nu‘mān'],
      ['Kharkiv oblast', 'Kharkiv oblast'],
      ['al-Bab (Aleppo) & Tal Rifaat, St. Petersburg; Note: 1.5 km!', 'al-Bab (Aleppo) & Tal Rifaat, St. Petersburg; Note: 1.5 km!'],
      ['**b** _i_ ~~s~~ `c`', '\\*\\*b\\*\\* \\_i\\_ \\~\\~s\\~\\~ \\`c\\`'],
      [LINK, '\\[z\\](command\\:workbench.action.quit)'],
      [IMAGE, '!\\[i\\](https\\://evil/x.png)'],
      [IMG, '\\<img src=x onerror=alert(1)>'],
      [ANCHOR, '\\<a href="command\\:x">go\\</a>'],
      ['&amp; &#60; &#x3C;', '\\&amp; \\&#60; \\&#x3C;'],
      [BARE, 'https\\://evil.example/x www\\.evil.example a\\@evil.example'],
      ['WWW.evil.example mailto:a@b.example', 'WWW\\.evil.example mailto\\:a\\@b.example'],
      ['a\\b | $x$', 'a\\\\b \\| \\$x\\$'],
      ['# h', '\\# h'],
      ['- item', '\\- item'],
      ['+ item', '\\+ item'],
      ['> quote', '\\> quote'],
      ['===', '\\==='],
      ['1. first', '1\\. first'],
      ['12) twelfth', '12\\) twelfth'],
      ['a > b - c # d', 'a > b - c # d'],
      ['one\n\n# two\r\n- three\rfour', 'one  # two - three four'],
      ['    code', '&#32;   code'],
      ['\tx ', '&#9;x&#32;'],
    ];
    for (const [text, escaped] of cases) expect(escapeMarkdown(text), text).toBe(escaped);
  });

  it('renders as the text itself, alone, at a list item\'s start and inside emphasis', () => {
    const TOKENS = [
      ...'\\`*_~[]()!<>&#;:/.@-+=|${}^"\' \t\n\r\f‘\u00a0\u2003a1wW',
      'www.', 'HTTPS://', 'ftp://', 'mailto:', 'command:x', '&amp;', '&#60;', '<a>', '</a>', '<!--', '```', '~~~', '1.', '1)', '---', '***', '    ', 'x@y.example',
    ];
    const text = fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (raw) => {
        const escaped = escapeMarkdown(raw);
        const shown = oneLine(raw);
        expect(render(escaped)).toEqual([shown]);
        expect(render(`- ${escaped}`)).toEqual([shown]);
        expect(render(`**${escaped}**`)).toEqual([shown]);
        expect(render(`_${escaped}_`)).toEqual([shown]);
        expect(render(`**"${escaped}"** could be:\n- ${escaped} (x)`)).toEqual([`"${shown}" could be:`, `${shown} (x)`]);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  }, PROPERTY_TIMEOUT);
});

describe('codeSpan', () => {
  it('fences ids with backticks in them so that nothing inside is read', () => {
    expect(codeSpan('maarat-al-numan')).toBe('`maarat-al-numan`');
    expect(codeSpan('x`y``z')).toBe('```x`y``z```');
    expect(codeSpan('`c`')).toBe('`` `c` ``');
    expect(codeSpan(' a ')).toBe('`  a  `');
    expect(codeSpan(`${LINK}\n\n${IMG}`)).toBe(`\`${LINK}  ${IMG}\``);
  });

  it('renders as an inline code span holding exactly the text', () => {
    const TOKENS = [...'`` ` a<>[]()&\\*_\n', LINK, IMG, '&amp;', 'https://x.example'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 10 }).map((parts) => parts.join('')), (raw) => {
        const tree: Root = unified().use(remarkParse).parse(`id ${codeSpan(raw)} · x`);
        const inline = nodes(tree).filter((node) => node.type !== 'root' && node.type !== 'paragraph');
        expect(inline.map((node) => node.type)).toEqual(['text', 'inlineCode', 'text']);
        expect(inline[1]).toMatchObject({ value: oneLine(raw) });
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  }, PROPERTY_TIMEOUT);
});

describe('hovers show file text as written', () => {
  it('an actor card: name, kind, aliases, members, Wikidata, note, id and file name', () => {
    const contents = hoverAt(`Shelled by :actor[The‸m]{ref="${ACTOR.id}"}.`);
    expect(contents).toBe(
      [
        '**\\*\\*b\\*\\* \\[z\\](command\\:workbench.action.quit)** — \\<a href="command\\:x">go\\</a>',
        'Also written: \\<img src=x onerror=alert(1)>, \\# h, \\`c\\` \\&amp; \\&#60;',
        'Members: 1\\. https\\://evil.example/x www\\.evil.example a\\@evil.example, missing \\<b>',
        'Wikidata Q1\\](command\\:x)',
        '_!\\[i\\](https\\://evil/x.png) \\&amp; \\<https\\://evil.example>  # two - three_',
        `id \`\`\`x\`y\`\`z\`\`\` · ${ESCAPED_FILE_NAME}`,
      ].join('\n\n'),
    );
    expect(render(contents)).toEqual([
      `${ACTOR.name} — ${ACTOR.kind}`,
      `Also written: ${ACTOR.aliases.join(', ')}`,
      `Members: ${MEMBER.name}, missing <b>`,
      `Wikidata ${ACTOR.wikidata}`,
      oneLine(ACTOR.note),
      `id ${ACTOR.id} · ${FILE_NAME}`,
    ]);
    // The same card whichever way the actor is named.
    expect(hoverAt(`By :actor[<img src=x onerror=alert(1)>‸].`)).toBe(contents);
  });

  it('a place card: the place it is in, and links only from a valid GeoNames and Wikidata id', () => {
    const contents = hoverAt(`In :place[Tw‸in]{ref=evil-town}.`);
    expect(contents).toBe(
      [
        '**\\~\\~s\\~\\~ \\| t \\| \\$x\\$** — town',
        'in \\<script>alert(1)\\</script>',
        'Also written: Twin',
        `35.5, -36.25 · [GeoNames 169375](${GEONAMES_URL}) · [Wikidata Q42](${WIKIDATA_URL})`,
        '_www\\.evil.example_',
        `id \`evil-town\` · ${ESCAPED_FILE_NAME}`,
      ].join('\n\n'),
    );
    expect(render(contents, [GEONAMES_URL, WIKIDATA_URL])).toEqual([
      `${TOWN.name} — town`,
      `in ${COUNTRY.name}`,
      'Also written: Twin',
      '35.5, -36.25 · GeoNames 169375 · Wikidata Q42',
      TOWN.note,
      `id evil-town · ${FILE_NAME}`,
    ]);
  });

  it('a GeoNames or Wikidata id that is not one is shown as text, not linked', () => {
    const town = gazetteer.get('place', 'evil-town')!;
    for (const [geonames, wikidata, shown] of [
      [1e21, 'Q0', 'GeoNames 1e+21 · Wikidata Q0'],
      [Number.NaN, 'q42', 'GeoNames NaN · Wikidata q42'],
      [-5, 'Q42 ', 'GeoNames \\-5 · Wikidata Q42&#32;'],
      [1.5, `Q1 ${LINK}`, 'GeoNames 1.5 · Wikidata Q1 \\[z\\](command\\:workbench.action.quit)'],
    ] as const) {
      const card = entryCard(gazetteer, { ...town, coordinates: undefined, geonames, wikidata });
      expect(card.split('\n\n')[3]).toBe(shown);
      expect(render(card)[3]).toBe(`GeoNames ${geonames} · Wikidata ${wikidata}`);
    }
  });

  it('the candidates of an ambiguous name', () => {
    const contents = hoverAt('In :place[Tw‸in].');
    expect(contents).toBe(
      [
        '**"Twin"** could be:',
        '- \\~\\~s\\~\\~ \\| t \\| \\$x\\$ — town, \\<script>alert(1)\\</script> (`evil-town`)',
        '- \\- \\<b>x\\</b> — > quote, \\<script>alert(1)\\</script> (``p`2``)',
      ].join('\n'),
    );
    expect(render(contents)).toEqual([
      '"Twin" could be:',
      `${TOWN.name} — town, ${COUNTRY.name} (evil-town)`,
      `${TWIN.name} — ${TWIN.kind}, ${COUNTRY.name} (${TWIN.id})`,
    ]);
  });

  it('a name or ref= not in the gazetteer', () => {
    const byRef = hoverAt(`In :place[X‸]{ref="${LINK} ${IMG}"}.`);
    expect(byRef).toBe('**"\\[z\\](command\\:workbench.action.quit) \\<img src=x onerror=alert(1)>"** is not in the gazetteer.');
    expect(render(byRef)).toEqual([`"${LINK} ${IMG}" is not in the gazetteer.`]);
    // The label is its plain text: remark has read `**b**` and `&amp;` already.
    const byName = hoverAt(`By :actor[‸**b** &amp; ${ANCHOR} ${BARE}].`);
    expect(byName).toBe(
      '**"b & \\<a href="command\\:x">go\\</a> https\\://evil.example/x www\\.evil.example a\\@evil.example"** is not in the gazetteer.',
    );
    expect(render(byName)).toEqual([`"b & ${ANCHOR} ${BARE}" is not in the gazetteer.`]);
  });

  it('a count: its group, label, value and parts', () => {
    const withParts = hoverAt(`:count[4‸6]{#civ type=killed group="**b** ${IMG}"}, :count[9 <i>x</i>]{type=killed group="<i>w</i>" part-of=civ}`);
    expect(withParts).toBe(
      '**46 \\*\\*b\\*\\* \\<img src=x onerror=alert(1)> killed**\n\nRead from the label "46" as an exact figure.\n\nParts: 9 \\<i>x\\</i> \\<i>w\\</i>',
    );
    expect(render(withParts)).toEqual([`46 **b** ${IMG} killed`, 'Read from the label "46" as an exact figure.', 'Parts: 9 <i>x</i> <i>w</i>']);

    const value = hoverAt(`:count[x‸]{value="${IMAGE}"}`);
    expect(value).toBe('**Count**: no number could be read (value "!\\[i\\](https\\://evil/x.png)" is not a number; write a whole number such as value=46.).');
    expect(render(value)).toEqual([`Count: no number could be read (value "${IMAGE}" is not a number; write a whole number such as value=46.).`]);

    const unread = hoverAt(`:count[ma‸ny]{type=killed group="${LINK}"}`);
    expect(unread).toBe('**Count** of \\[z\\](command\\:workbench.action.quit) killed: no number could be read.');
    expect(render(unread)).toEqual([`Count of ${LINK} killed: no number could be read.`]);

    const label = hoverAt(`:count[ab‸out 40 ${BARE}]{value=40 type=killed}`);
    expect(label).toBe('**40 killed**\n\nRead from value=40 as an exact figure.');
  });

  it('a date with a value that is not one', () => {
    const contents = hoverAt(`:date[x‸]{value="${IMG} ${LINK}"}`);
    expect(contents).toBe(
      '**Date**: "\\<img src=x onerror=alert(1)> \\[z\\](command\\:workbench.action.quit)" is not an ISO date: write YYYY, YYYY-MM or YYYY-MM-DD, or an interval start/end.',
    );
    expect(render(contents)).toEqual([`Date: "${IMG} ${LINK}" is not an ISO date: write YYYY, YYYY-MM or YYYY-MM-DD, or an interval start/end.`]);
  });

  it('an incident: its id and date', () => {
    const contents = hoverAt(`:::inc‸ident{id="${LINK} \`c\`" date='${IMG}'}\nx\n:::`);
    expect(contents).toBe(
      `**Incident** \`\` ${LINK} \`c\` \`\`\n\n**Date**: "\\<img src=x onerror=alert(1)>" is not an ISO date: write YYYY, YYYY-MM or YYYY-MM-DD, or an interval start/end.`,
    );
    expect(render(contents)).toEqual([
      `Incident ${LINK} \`c\``,
      `Date: "${IMG}" is not an ISO date: write YYYY, YYYY-MM or YYYY-MM-DD, or an interval start/end.`,
    ]);
  });
});

describe('completion items are plain text', () => {
  function completeAt(marked: string) {
    const { text, cursors } = stripMarkers(marked);
    return complete(parseReport(text), gazetteer, cursors[0]!).items;
  }

  it('keeps names, kinds and ids as the file has them, and carries no Markdown documentation', () => {
    const item = completeAt(':place[X]{ref=twi‸}').find((candidate) => candidate.label === 'evil-town');
    expect(item).toMatchObject({ label: 'evil-town', detail: `${TOWN.name} — town, ${COUNTRY.name}`, newText: 'evil-town', snippet: false });
    expect(Object.keys(item!).sort()).toEqual(['detail', 'filterText', 'kind', 'label', 'labelDetails', 'newText', 'snippet', 'sortText', 'span']);
    expect(item!.labelDetails).toEqual({ detail: ` (${TOWN.name}) town`, description: COUNTRY.name });
    const [alias] = completeAt(':actor[<img‸');
    expect(alias).toMatchObject({ label: IMG, detail: `${ACTOR.name} — ${ACTOR.kind}`, labelDetails: { detail: ` (${ACTOR.name}) ${ACTOR.kind}`, description: undefined }, snippet: false });
    const [part] = completeAt(`:count[46 ${LINK}]{#civ group="${IMG}"} :count[9]{part-of=c‸}`);
    expect(part).toMatchObject({ label: 'civ', detail: `46 z ${IMG}` });
  });

  it('reads an attribute the writer typed without looking it up on Object', () => {
    expect(completeAt(':count[46]{constructor=‸')).toEqual([]);
    expect(completeAt(':actor[Them]{hasownproperty=‸')).toEqual([]);
  });
});
