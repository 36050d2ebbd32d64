import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
// Both packages are CommonJS bundles whose named exports Node cannot detect, so take the default export.
import oniguruma from 'vscode-oniguruma';
import textmate from 'vscode-textmate';
import type { IGrammar, StateStack } from 'vscode-textmate';

const INJECTION_SCOPE = 'markdown.incident-markup.injection';
const grammarPath = fileURLToPath(
  new URL('../../syntaxes/incident-markup.injection.tmLanguage.json', import.meta.url),
);
const wasmPath = fileURLToPath(
  new URL('../../node_modules/vscode-oniguruma/release/onig.wasm', import.meta.url),
);

/**
 * Stand-in for VS Code's Markdown grammar: only the two constructs the injection selector excludes
 * (fenced code and inline code), so the tests can show the exclusions work.
 */
const hostGrammar = {
  scopeName: 'text.html.markdown',
  patterns: [{ include: '#fenced-code' }, { include: '#inline-code' }],
  repository: {
    'fenced-code': {
      name: 'markup.fenced_code.block.markdown',
      begin: '^[ ]{0,3}(`{3,}|~{3,}).*$',
      end: '^[ ]{0,3}\\1\\s*$',
    },
    // begin/end rather than match, so that the injection selector alone has to keep directives out.
    'inline-code': {
      name: 'markup.inline.raw.string.markdown',
      begin: '(`+)(?!`)',
      end: '(?<!`)\\1(?!`)',
    },
  },
};

interface Token {
  text: string;
  scopes: string[];
}

let grammar: IGrammar;

beforeAll(async () => {
  await oniguruma.loadWASM(readFileSync(wasmPath));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName: string) => {
      if (scopeName === 'text.html.markdown') {
        return textmate.parseRawGrammar(JSON.stringify(hostGrammar), 'host.json');
      }
      if (scopeName === INJECTION_SCOPE) {
        return textmate.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath);
      }
      return null;
    },
    getInjections: (scopeName: string) =>
      scopeName === 'text.html.markdown' ? [INJECTION_SCOPE] : undefined,
  });
  const loaded = await registry.loadGrammar('text.html.markdown');
  if (!loaded) throw new Error('host grammar did not load');
  grammar = loaded;
});

function tokenizeDocument(doc: string): Token[][] {
  let stack: StateStack = textmate.INITIAL;
  return doc.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.map((t) => ({
      text: line.slice(t.startIndex, t.endIndex),
      scopes: t.scopes,
    }));
  });
}

function tokenizeLine(line: string): Token[] {
  const [tokens] = tokenizeDocument(line);
  if (!tokens) throw new Error('no tokens');
  return tokens;
}

/** Each token as [text, innermost scope]. */
function innermost(tokens: Token[]): [string, string][] {
  return tokens.map((t) => [t.text, t.scopes[t.scopes.length - 1] ?? '']);
}

function incidentScopes(tokens: Token[]): string[] {
  return tokens.flatMap((t) => t.scopes).filter((s) => s.endsWith('.incident-markup'));
}

describe('incident-markup injection grammar', () => {
  it('is an injection into Markdown that skips comments and code', () => {
    const raw = JSON.parse(readFileSync(grammarPath, 'utf8')) as Record<string, unknown>;
    expect(raw.scopeName).toBe(INJECTION_SCOPE);
    expect(raw.injectionSelector).toBe(
      'L:text.html.markdown -comment -markup.fenced_code -markup.inline.raw -markup.raw',
    );
  });

  describe('text directives', () => {
    it('scopes every part of :count[46]{#civ type=killed}', () => {
      const tokens = tokenizeLine('at least :count[46]{#civ type=killed} civilians');
      expect(innermost(tokens)).toEqual([
        ['at least ', 'text.html.markdown'],
        [':', 'punctuation.definition.directive.text.incident-markup'],
        ['count', 'entity.name.tag.directive.count.incident-markup'],
        ['[', 'punctuation.definition.label.begin.incident-markup'],
        ['46', 'constant.numeric.label.count.incident-markup'],
        [']', 'punctuation.definition.label.end.incident-markup'],
        ['{', 'punctuation.definition.attributes.begin.incident-markup'],
        ['#', 'punctuation.definition.attribute.id.incident-markup'],
        ['civ', 'entity.other.attribute-name.id.incident-markup'],
        [' ', 'meta.attributes.incident-markup'],
        ['type', 'entity.other.attribute-name.incident-markup'],
        ['=', 'punctuation.separator.key-value.incident-markup'],
        ['killed', 'string.unquoted.attribute-value.incident-markup'],
        ['}', 'punctuation.definition.attributes.end.incident-markup'],
        [' civilians', 'text.html.markdown'],
      ]);
      const civ = tokens.find((t) => t.text === 'civ');
      expect(civ?.scopes).toEqual([
        'text.html.markdown',
        'meta.directive.text.count.incident-markup',
        'meta.attributes.incident-markup',
        'entity.other.attribute-name.id.incident-markup',
      ]);
    });

    it('gives date, actor and place their own name and label scopes', () => {
      const tokens = tokenizeLine(
        ':date[4-7 October]{value=2023-10-04/2023-10-07} :actor[the regime]{role=perpetrator} :place[Idlib]{ref=idlib-city}',
      );
      const pick = (text: string) => tokens.find((t) => t.text === text)?.scopes.at(-1);
      expect(pick('date')).toBe('entity.name.tag.directive.date.incident-markup');
      expect(pick('4-7 October')).toBe('string.other.label.date.incident-markup');
      expect(pick('2023-10-04/2023-10-07')).toBe('string.unquoted.attribute-value.incident-markup');
      expect(pick('actor')).toBe('entity.name.tag.directive.actor.incident-markup');
      expect(pick('the regime')).toBe('string.other.label.actor.incident-markup');
      expect(pick('place')).toBe('entity.name.tag.directive.place.incident-markup');
      expect(pick('Idlib')).toBe('string.other.label.place.incident-markup');
      expect(pick('idlib-city')).toBe('string.unquoted.attribute-value.incident-markup');
    });

    it('scopes quoted values, classes and bare attributes', () => {
      const tokens = tokenizeLine(`:place[Idlib]{.town a="x y" b='z' c}`);
      expect(innermost(tokens).slice(5)).toEqual([
        ['{', 'punctuation.definition.attributes.begin.incident-markup'],
        ['.', 'punctuation.definition.attribute.class.incident-markup'],
        ['town', 'entity.other.attribute-name.class.incident-markup'],
        [' ', 'meta.attributes.incident-markup'],
        ['a', 'entity.other.attribute-name.incident-markup'],
        ['=', 'punctuation.separator.key-value.incident-markup'],
        ['"', 'punctuation.definition.string.begin.incident-markup'],
        ['x y', 'string.quoted.double.attribute-value.incident-markup'],
        ['"', 'punctuation.definition.string.end.incident-markup'],
        [' ', 'meta.attributes.incident-markup'],
        ['b', 'entity.other.attribute-name.incident-markup'],
        ['=', 'punctuation.separator.key-value.incident-markup'],
        ["'", 'punctuation.definition.string.begin.incident-markup'],
        ['z', 'string.quoted.single.attribute-value.incident-markup'],
        ["'", 'punctuation.definition.string.end.incident-markup'],
        [' ', 'meta.attributes.incident-markup'],
        ['c', 'entity.other.attribute-name.incident-markup'],
        ['}', 'punctuation.definition.attributes.end.incident-markup'],
      ]);
    });

    it('keeps a quoted } inside the attribute block and balanced brackets inside the label', () => {
      const tokens = tokenizeLine(':actor[the [so-called] regime]{note="a}b"} after');
      expect(innermost(tokens)).toEqual([
        [':', 'punctuation.definition.directive.text.incident-markup'],
        ['actor', 'entity.name.tag.directive.actor.incident-markup'],
        ['[', 'punctuation.definition.label.begin.incident-markup'],
        ['the [so-called] regime', 'string.other.label.actor.incident-markup'],
        [']', 'punctuation.definition.label.end.incident-markup'],
        ['{', 'punctuation.definition.attributes.begin.incident-markup'],
        ['note', 'entity.other.attribute-name.incident-markup'],
        ['=', 'punctuation.separator.key-value.incident-markup'],
        ['"', 'punctuation.definition.string.begin.incident-markup'],
        ['a}b', 'string.quoted.double.attribute-value.incident-markup'],
        ['"', 'punctuation.definition.string.end.incident-markup'],
        ['}', 'punctuation.definition.attributes.end.incident-markup'],
        [' after', 'text.html.markdown'],
      ]);
    });

    it('highlights a directive nested in another directive label', () => {
      const tokens = tokenizeLine(':actor[forces in :place[Idlib]]');
      const idlib = tokens.find((t) => t.text === 'Idlib');
      expect(idlib?.scopes).toEqual([
        'text.html.markdown',
        'meta.directive.text.actor.incident-markup',
        'string.other.label.actor.incident-markup',
        'meta.directive.text.place.incident-markup',
        'string.other.label.place.incident-markup',
      ]);
    });

    it('still recognises a directive after an escaped backslash, and non-Latin labels', () => {
      const tokens = tokenizeLine('\\\\:place[حلب]{ref=aleppo}');
      expect(innermost(tokens).slice(0, 5)).toEqual([
        ['\\\\', 'text.html.markdown'],
        [':', 'punctuation.definition.directive.text.incident-markup'],
        ['place', 'entity.name.tag.directive.place.incident-markup'],
        ['[', 'punctuation.definition.label.begin.incident-markup'],
        ['حلب', 'string.other.label.place.incident-markup'],
      ]);
    });

    it('marks attributes that remark-directive would reject as invalid', () => {
      // A quoted attribute name makes remark-directive drop the whole {...} block.
      const tokens = tokenizeLine(`:place[Idlib]{ref=idlib-city "in"="x"}`);
      expect(innermost(tokens).slice(-3)).toEqual([
        [' ', 'meta.attributes.incident-markup'],
        ['"in"="x"', 'invalid.illegal.attribute.incident-markup'],
        ['}', 'punctuation.definition.attributes.end.incident-markup'],
      ]);
    });

    it('leaves an unclosed label or attribute block as plain text', () => {
      expect(innermost(tokenizeLine(':count[46 killed'))).toEqual([
        [':', 'punctuation.definition.directive.text.incident-markup'],
        ['count', 'entity.name.tag.directive.count.incident-markup'],
        ['[46 killed', 'text.html.markdown'],
      ]);
      expect(innermost(tokenizeLine(':count[46]{type=killed'))).toEqual([
        [':', 'punctuation.definition.directive.text.incident-markup'],
        ['count', 'entity.name.tag.directive.count.incident-markup'],
        ['[', 'punctuation.definition.label.begin.incident-markup'],
        ['46', 'constant.numeric.label.count.incident-markup'],
        [']', 'punctuation.definition.label.end.incident-markup'],
        ['{type=killed', 'text.html.markdown'],
      ]);
    });

    it.each([
      ':smile:',
      'at 10:30',
      'word:word',
      'see `:count[46]{#civ type=killed}` for the syntax',
      ':count: is not a directive',
      'a :counter[3] or :count-up[3] is another directive',
      ':incident[x] is a container name, not a text directive',
      '::count[3]{type=killed}',
      '\\:count[3]{type=killed}',
    ])('gives %j no incident-markup scopes', (line) => {
      expect(incidentScopes(tokenizeLine(line))).toEqual([]);
    });

    it('leaves inline code as inline code', () => {
      const tokens = tokenizeLine('see `:count[46]{#civ}` here');
      expect(innermost(tokens)).toEqual([
        ['see ', 'text.html.markdown'],
        ['`', 'markup.inline.raw.string.markdown'],
        [':count[46]{#civ}', 'markup.inline.raw.string.markdown'],
        ['`', 'markup.inline.raw.string.markdown'],
        [' here', 'text.html.markdown'],
      ]);
      expect(incidentScopes(tokenizeLine('``a :place[Idlib] b``'))).toEqual([]);
    });
  });

  describe(':::incident container', () => {
    it('scopes the opener line', () => {
      const [opener] = tokenizeDocument(':::incident{date=2023-10-04 place="Idlib city"}\ntext\n:::');
      expect(innermost(opener ?? [])).toEqual([
        [':::', 'punctuation.definition.directive.container.begin.incident-markup'],
        ['incident', 'entity.name.tag.directive.incident.incident-markup'],
        ['{', 'punctuation.definition.attributes.begin.incident-markup'],
        ['date', 'entity.other.attribute-name.incident-markup'],
        ['=', 'punctuation.separator.key-value.incident-markup'],
        ['2023-10-04', 'string.unquoted.attribute-value.incident-markup'],
        [' ', 'meta.attributes.incident-markup'],
        ['place', 'entity.other.attribute-name.incident-markup'],
        ['=', 'punctuation.separator.key-value.incident-markup'],
        ['"', 'punctuation.definition.string.begin.incident-markup'],
        ['Idlib city', 'string.quoted.double.attribute-value.incident-markup'],
        ['"', 'punctuation.definition.string.end.incident-markup'],
        ['}', 'punctuation.definition.attributes.end.incident-markup'],
      ]);
      expect(opener?.[0]?.scopes).toEqual([
        'text.html.markdown',
        'meta.directive.container.incident.incident-markup',
        'punctuation.definition.directive.container.begin.incident-markup',
      ]);
    });

    it('scopes the #id shorthand and a label on the opener', () => {
      const [opener] = tokenizeDocument(':::incident[Strikes]{#idlib-strikes}');
      expect(innermost(opener ?? [])).toEqual([
        [':::', 'punctuation.definition.directive.container.begin.incident-markup'],
        ['incident', 'entity.name.tag.directive.incident.incident-markup'],
        ['[', 'punctuation.definition.label.begin.incident-markup'],
        ['Strikes', 'string.other.label.incident.incident-markup'],
        [']', 'punctuation.definition.label.end.incident-markup'],
        ['{', 'punctuation.definition.attributes.begin.incident-markup'],
        ['#', 'punctuation.definition.attribute.id.incident-markup'],
        ['idlib-strikes', 'entity.other.attribute-name.id.incident-markup'],
        ['}', 'punctuation.definition.attributes.end.incident-markup'],
      ]);
    });

    it('covers the body, scopes the closing fence and stops there', () => {
      const lines = tokenizeDocument(
        [
          ':::incident{#idlib-strikes date=2023-10-04/2023-10-07 place=idlib-governorate}',
          'Between :date[4-7 October]{value=2023-10-04/2023-10-07}, at least :count[46]{#civ type=killed group=civilians}',
          ':::',
          'After :count[1]{type=injured}.',
        ].join('\n'),
      );
      const [, body, closer, after] = lines;
      expect(body?.[0]).toEqual({
        text: 'Between ',
        scopes: ['text.html.markdown', 'meta.directive.container.incident.incident-markup'],
      });
      expect(body?.find((t) => t.text === '46')?.scopes).toEqual([
        'text.html.markdown',
        'meta.directive.container.incident.incident-markup',
        'meta.directive.text.count.incident-markup',
        'constant.numeric.label.count.incident-markup',
      ]);
      expect(closer).toEqual([
        {
          text: ':::',
          scopes: [
            'text.html.markdown',
            'meta.directive.container.incident.incident-markup',
            'punctuation.definition.directive.container.end.incident-markup',
          ],
        },
      ]);
      expect(after?.[0]).toEqual({ text: 'After ', scopes: ['text.html.markdown'] });
      expect(after?.find((t) => t.text === '1')?.scopes.at(-1)).toBe(
        'constant.numeric.label.count.incident-markup',
      );
    });

    it('highlights every directive of a full incident', () => {
      const doc = [
        ':::incident{#idlib-strikes date=2023-10-04/2023-10-07 place=idlib-governorate}',
        'Between :date[4-7 October]{value=2023-10-04/2023-10-07}, at least :count[46]{#civ type=killed group=civilians}',
        'civilians were killed, including :count[9]{type=killed group=women part-of=civ} women, as :actor[the Assad regime]{role=perpetrator}',
        "struck :place[Idlib]{ref=idlib-city key='single quoted'}.",
        ':::',
      ].join('\n');
      const names = tokenizeDocument(doc)
        .flat()
        .filter((t) => t.scopes.at(-1)?.startsWith('entity.name.tag.directive.'))
        .map((t) => t.text);
      expect(names).toEqual(['incident', 'date', 'count', 'count', 'actor', 'place']);
    });

    it('needs a closing fence at least as long as the opening one', () => {
      const lines = tokenizeDocument('::::incident\n:::\ntext\n::::\ntext');
      const inside = (n: number) =>
        lines[n]?.[0]?.scopes.includes('meta.directive.container.incident.incident-markup');
      expect([1, 2, 3, 4].map(inside)).toEqual([true, true, true, false]);
    });

    it('lets another container nested inside keep its own closing fence', () => {
      const lines = tokenizeDocument(':::incident\n:::note\naside\n:::\nstill inside\n:::\noutside');
      expect(incidentScopes(lines[1] ?? [])).toEqual([
        'meta.directive.container.incident.incident-markup',
      ]);
      expect(lines[4]?.[0]?.scopes).toEqual([
        'text.html.markdown',
        'meta.directive.container.incident.incident-markup',
      ]);
      expect(lines[5]?.[0]?.scopes.at(-1)).toBe(
        'punctuation.definition.directive.container.end.incident-markup',
      );
      expect(lines[6]?.[0]?.scopes).toEqual(['text.html.markdown']);
    });

    it.each([
      ':::note{#x}',
      ':::incidents',
      ':::incident{date=2023-10-04} trailing text',
      '::incident{date=2023-10-04}',
      ':::',
    ])('does not treat %j as an incident opener or closer', (line) => {
      expect(incidentScopes(tokenizeDocument(line).flat())).toEqual([]);
    });

    it('ignores directives inside fenced code', () => {
      const lines = tokenizeDocument('```markdown\n:::incident{#x}\n:count[3]{type=killed}\n```');
      expect(incidentScopes(lines.flat())).toEqual([]);
    });
  });
});
