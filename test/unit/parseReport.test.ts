import { describe, expect, it } from 'vitest';
import { parseReport } from '../../server/src/core/parse/parseReport.js';
import type { Span } from '../../server/src/core/text.js';
import { stripMarkers } from '../helpers/markers.js';

const slice = (text: string, span: Span | undefined) => (span ? text.slice(span.start, span.end) : undefined);

describe('parseReport: the report model', () => {
  it('reads an incident with its annotations, labels and attribute value spans', () => {
    const text = [
      '---',
      'title: Idlib',
      'published: 2023-10-10',
      'gazetteer: [extra.yaml]',
      '---',
      '',
      ':::incident{#idlib-strikes date=2023-10-04/2023-10-07 place="Idlib Governorate"}',
      'Between :date[4-7 October]{value=2023-10-04/2023-10-07}, at least :count[46]{#civ type=killed group=civilians}',
      "civilians, including :count[9]{type=killed group=women part-of='civ'} women, as :actor[the *Assad* regime]{role=perpetrator}",
      'struck :place[Idlib]{ref=idlib-city}.',
      ':::',
      '',
    ].join('\n');
    const report = parseReport(text);

    expect(report.frontMatter?.published).toEqual({ value: '2023-10-10', span: { start: text.indexOf('2023-10-10'), end: text.indexOf('2023-10-10') + 10 } });
    expect(report.frontMatter?.title).toBe('Idlib');
    expect(report.frontMatter?.gazetteer.map((entry) => [entry.path, slice(text, entry.span)])).toEqual([['extra.yaml', 'extra.yaml']]);
    expect(report.frontMatter?.problems).toEqual([]);

    expect(report.incidents).toHaveLength(1);
    const incident = report.incidents[0]!;
    expect(slice(text, incident.openingSpan)).toBe(':::incident{#idlib-strikes date=2023-10-04/2023-10-07 place="Idlib Governorate"}');
    expect(incident.closed).toBe(true);
    expect(slice(text, incident.span)?.endsWith('struck :place[Idlib]{ref=idlib-city}.\n:::')).toBe(true);
    expect([...incident.attributes.values()].map((a) => [a.name, a.value, slice(text, a.valueSpan), slice(text, a.span)])).toEqual([
      ['id', 'idlib-strikes', 'idlib-strikes', '#idlib-strikes'],
      ['date', '2023-10-04/2023-10-07', '2023-10-04/2023-10-07', 'date=2023-10-04/2023-10-07'],
      ['place', 'Idlib Governorate', 'Idlib Governorate', 'place="Idlib Governorate"'],
    ]);

    expect(
      report.annotations.map((a) => ({
        kind: a.kind,
        label: a.label,
        labelText: slice(text, a.labelSpan),
        name: slice(text, a.nameSpan),
        whole: slice(text, a.span),
        attributes: Object.fromEntries([...a.attributes.values()].map((attr) => [attr.name, slice(text, attr.valueSpan)])),
        inIncident: a.incident === incident,
      })),
    ).toEqual([
      { kind: 'date', label: '4-7 October', labelText: '4-7 October', name: 'date', whole: ':date[4-7 October]{value=2023-10-04/2023-10-07}', attributes: { value: '2023-10-04/2023-10-07' }, inIncident: true },
      { kind: 'count', label: '46', labelText: '46', name: 'count', whole: ':count[46]{#civ type=killed group=civilians}', attributes: { id: 'civ', type: 'killed', group: 'civilians' }, inIncident: true },
      { kind: 'count', label: '9', labelText: '9', name: 'count', whole: ":count[9]{type=killed group=women part-of='civ'}", attributes: { type: 'killed', group: 'women', 'part-of': 'civ' }, inIncident: true },
      { kind: 'actor', label: 'the Assad regime', labelText: 'the *Assad* regime', name: 'actor', whole: ':actor[the *Assad* regime]{role=perpetrator}', attributes: { role: 'perpetrator' }, inIncident: true },
      { kind: 'place', label: 'Idlib', labelText: 'Idlib', name: 'place', whole: ':place[Idlib]{ref=idlib-city}', attributes: { ref: 'idlib-city' }, inIncident: true },
    ]);
    expect(incident.annotations).toEqual(report.annotations);
  });

  it('keeps annotations outside incidents, and inside other containers, lists and quotes', () => {
    const { text } = stripMarkers('Intro :count[3]{type=killed}.\n\n> quoted :actor[Russia]\n\n- item :place[Idlib]\n\n:::note\n:date[May 2023]{value=2023-05}\n:::\n');
    const report = parseReport(text);
    expect(report.incidents).toEqual([]);
    expect(report.annotations.map((a) => [a.kind, a.label, a.incident])).toEqual([
      ['count', '3', undefined],
      ['actor', 'Russia', undefined],
      ['place', 'Idlib', undefined],
      ['date', 'May 2023', undefined],
    ]);
    expect(report.foreignDirectives).toEqual([]);
  });

  it('never reads directives in code spans, fenced or indented code, or HTML comments', () => {
    const text = [
      'Use `:count[46]{type=killed}` in prose.',
      '',
      '```markdown',
      ':::incident{#x}',
      ':count[46]{type=killed}',
      ':::',
      '```',
      '',
      '    :actor[indented code]{ref=x}',
      '',
      '<!-- :place[Idlib]{ref=idlib-city} -->',
      '',
    ].join('\n');
    const report = parseReport(text);
    expect(report.incidents).toEqual([]);
    expect(report.annotations).toEqual([]);
    expect(report.foreignDirectives).toEqual([]);
  });

  it('treats label-less, attribute-less foreign directives as text, and keeps the others', () => {
    const text = 'At 10:30 :smile: a word:word ratio 3:1, see :abbr[SOHR]{title=x} and :note{a=b}.';
    const report = parseReport(text);
    expect(report.foreignDirectives.map((d) => [d.name, slice(text, d.nameSpan), d.label, d.misusedName])).toEqual([
      ['abbr', 'abbr', 'SOHR', false],
      ['note', 'note', '', false],
    ]);
  });

  it('marks our names written in the wrong form', () => {
    const text = '::count[46]{type=killed}\n\nText :incident[x]{date=2023}.\n';
    const report = parseReport(text);
    expect(report.annotations).toEqual([]);
    expect(report.incidents).toEqual([]);
    expect(report.foreignDirectives.map((d) => [d.form, d.name, d.misusedName])).toEqual([
      ['leafDirective', 'count', true],
      ['textDirective', 'incident', true],
    ]);
  });

  it('gives an empty label its span and a missing label none', () => {
    const text = ':count[]{type=killed} :actor{ref=russia}';
    const [empty, none] = parseReport(text).annotations;
    expect(empty!.labelSpan).toEqual({ start: 7, end: 7 });
    expect(none!.labelSpan).toBeUndefined();
    expect(slice(text, none!.attributesSpan)).toBe('{ref=russia}');
  });

  it('reports front-matter YAML errors at their place', () => {
    const text = '---\ntitle: [unclosed\npublished: 2023-10-10\n---\nText.\n';
    const problems = parseReport(text).frontMatter!.problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/^The front matter is not valid YAML: .+\. Fix the YAML between the `---` lines\.$/);
    expect(problems[0]!.span.start).toBeGreaterThanOrEqual(4);
    expect(problems[0]!.span.end).toBeLessThanOrEqual(text.indexOf('\n---'));
  });

  it("reads front matter closed by YAML's end of document `...`, as Pandoc does, up to that line", () => {
    const text = "---\ntitle: CommonMark Spec\nversion: '0.31.2'\n...\n\n# Introduction\n\n---\n\nText.\n";
    const frontMatter = parseReport(text).frontMatter!;
    expect(frontMatter.span).toEqual({ start: 0, end: text.indexOf('...') + 3 });
    expect(frontMatter.data).toEqual({ title: 'CommonMark Spec', version: '0.31.2' });
    expect(frontMatter.problems).toEqual([]);
  });

  it("lists this tool's front-matter keys, from the mapping even when its YAML has errors", () => {
    const keys = (yaml: string) => parseReport(`---\n${yaml}\n---\nText.\n`).frontMatter!.reportKeys;
    expect(keys('title: Idlib\ntotals: {killed: 3}\npublished: 2023-10-10')).toEqual(['totals', 'published']);
    expect(keys('published: 2023-10-10\ntitle: [unclosed')).toEqual(['published']);
    expect(keys('title: Idlib\nlayout: post\ndate: 2023-10-10')).toEqual([]);
    expect(keys('- published: 2023-10-10')).toEqual([]);
    expect(keys('Foo')).toEqual([]);
  });

  it('keeps an unclosed incident open to the end of the document', () => {
    const text = ':::incident{#a}\nText :count[3]{type=killed}\n';
    const report = parseReport(text);
    expect(report.incidents[0]!.closed).toBe(false);
    expect(report.annotations[0]!.incident).toBe(report.incidents[0]);
  });

  it('keeps the headings outside incidents, and the blocks inside an incident', () => {
    const { text, spans } = stripMarkers(
      [
        '⟦# Strikes on :place[Idlib]⟧',
        '',
        '⟦Setext *title*',
        '---⟧',
        '',
        '> ⟦### Quoted⟧',
        '',
        ':::incident[The market]{#a}',
        '### Inside',
        '',
        '- one',
        '- two',
        ':::',
      ].join('\n'),
    );
    const report = parseReport(text);
    expect(report.headings).toEqual([
      { depth: 1, text: 'Strikes on Idlib', span: spans[0] },
      { depth: 2, text: 'Setext title', span: spans[1] },
      { depth: 3, text: 'Quoted', span: spans[2] },
    ]);
    expect(report.annotations.map((annotation) => annotation.label)).toEqual(['Idlib']);
    expect(report.incidents[0]!.contentBlocks.map((span) => slice(text, span))).toEqual(['### Inside', '- one\n- two']);
  });
});
