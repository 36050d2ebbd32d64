/**
 * Hostile reports, gazetteers and configuration files (issue 16): each ends in bounded work with
 * the exact problem the writer sees. Sizes are small enough to run in seconds; the full sizes of
 * the issue run in `npm run soak` (bench/soak.mjs). Work is bounded by counting (remark calls and
 * the characters they parse), never by timing.
 */
import { PieceText } from '../../server/src/core/pieceText.js';
import { describe, expect, it } from 'vitest';
import { readProjectConfig } from '../../server/src/core/config/projectConfig.js';
import { Gazetteer } from '../../server/src/core/gazetteer/gazetteer.js';
import { readGazetteerFile } from '../../server/src/core/gazetteer/readGazetteerFile.js';
import { UNCLOSED_FRONT_MATTER } from '../../server/src/core/parse/blocks.js';
import { CHUNK_SIZE, parseChunked, type ParseTally } from '../../server/src/core/parse/chunkedParse.js';
import { parseFull, parseIncremental } from '../../server/src/core/parse/incrementalParse.js';
import { parseReport } from '../../server/src/core/parse/parseReport.js';
import { runRules } from '../../server/src/core/runRules.js';

const gazetteer = new Gazetteer([]);

/** What a writer sees: code, line and message of every diagnostic, published: aside. */
function problems(text: string) {
  const report = parseReport(text);
  return runRules(report, gazetteer, { rules: { 'markup-missing-published': 'off' } }).map((diagnostic) => ({
    code: diagnostic.code,
    line: diagnostic.range.start.line,
    message: diagnostic.message,
  }));
}

const INCIDENT = ':::incident{#strike date=2023-10-04}\n:count[3]{type=killed} people were killed.\n:::\n';

describe('front matter', () => {
  it('an alias bomb is a front-matter problem, not a crash', () => {
    const bomb = [
      'published: 2023-10-10',
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    ].join('\n');
    expect(problems(`---\n${bomb}\n---\n${INCIDENT}`)).toEqual([
      {
        code: 'markup-invalid-front-matter',
        line: 0,
        message: 'The front matter is not read: its aliases (`*name`) expand to more than 100 copies. Write the values out instead.',
      },
    ]);
  });

  it('front matter with more keys than the limit is not read, and says so at its opening line', () => {
    const keys = Array.from({ length: 1001 }, (_, index) => `key${index}: value`).join('\n');
    expect(problems(`---\npublished: 2023-10-10\n${keys}\n---\n${INCIDENT}`)).toEqual([
      {
        code: 'markup-invalid-front-matter',
        line: 0,
        message:
          'The front matter has 1,002 keys, and front matter is read up to 1,000: none of it is read (published, gazetteer, countries, totals): keep long data out of the front matter.',
      },
    ]);
  });

  it('front matter longer than 64 KiB is not read, and still makes a report of the document by its keys', () => {
    const long = `published: 2023-10-10\nnotes: "${'x'.repeat(70 * 1024)}"`;
    const report = parseReport(`---\n${long}\n---\nText.\n`);
    expect(report.frontMatter?.reportKeys).toEqual(['published']);
    expect(report.frontMatter?.published).toBeUndefined();
    expect(problems(`---\n${long}\n---\nText.\n`)).toEqual([
      {
        code: 'markup-invalid-front-matter',
        line: 0,
        message:
          'The front matter is 70 KiB long, and front matter is read up to 64 KiB: none of it is read (published, gazetteer, countries, totals): keep long data out of the front matter.',
      },
    ]);
  });

  it('front matter nested deeper than YAML is read is a problem at the line that does', () => {
    const deep = Array.from({ length: 300 }, (_, index) => `${' '.repeat(index)}- `).join('\n');
    expect(problems(`---\npublished: 2023-10-10\nlist:\n${deep}x\n---\n${INCIDENT}`)).toEqual([
      {
        code: 'markup-invalid-front-matter',
        line: 258,
        message: 'The front matter nests 257 levels deep (indentation and `- ` items); it is read up to 256 levels: flatten it.',
      },
    ]);
  });
});

describe('gazetteer and configuration YAML', () => {
  it('a gazetteer nested a thousand deep is refused with a problem where it passes the limit, and the process lives', () => {
    const deep = Array.from({ length: 1000 }, (_, index) => `${' '.repeat(index)}- `).join('\n');
    const file = readGazetteerFile('/team/gazetteer.yaml', `places:\n${deep}x\n`);
    expect(file.usable).toBe(false);
    expect(file.problems).toEqual([
      {
        code: 'gazetteer-syntax',
        message:
          'This file nests 257 levels deep (indentation and `- ` items), and gazetteers are read up to 256 levels: flatten it. Until then the last good version stays in use.',
        file: '/team/gazetteer.yaml',
        span: { start: 'places:\n'.length + deep.indexOf(`\n${' '.repeat(255)}- `) + 1, end: 'places:\n'.length + deep.indexOf(`\n${' '.repeat(255)}- `) + 2 },
      },
    ]);
  });

  it('flow brackets a thousand deep in .incident-markup.yaml are a problem, not a stack overflow', () => {
    const config = readProjectConfig('/team/.incident-markup.yaml', `rules: ${'['.repeat(1000)}${']'.repeat(1000)}\n`);
    expect(config.problems.map(({ severity, message, span }) => ({ severity, message, span }))).toEqual([
      {
        severity: 'error',
        message: '.incident-markup.yaml nests brackets more than 256 deep, and it is read up to 256 levels: flatten it.',
        span: { start: 7 + 256, end: 7 + 257 },
      },
    ]);
  });
});

describe('an unclosed :::incident above many counts', () => {
  /** The report, and how many attribute reads all the rules make on it: the operations that grew with every pair of counts. */
  function attributeReads(counts: number) {
    const paragraphs = Array.from({ length: counts }, (_, index) => `On day ${index}, :count[${index % 50}]{type=killed group=civilians source=sohr} and :count[4]{type=injured as-of=2023-10-0${1 + (index % 9)}}.`);
    const report = parseReport(`---\npublished: 2023-10-10\n---\n:::incident{#new date=2023-10-04}\nA new incident, not closed yet.\n\n${paragraphs.join('\n\n')}\n`);
    let reads = 0;
    class CountingMap<K, V> extends Map<K, V> {
      override get(key: K): V | undefined {
        reads++;
        return super.get(key);
      }
    }
    for (const annotation of report.annotations) (annotation as { attributes: unknown }).attributes = new CountingMap(annotation.attributes);
    const diagnostics = runRules(report, gazetteer);
    return { reads, diagnostics };
  }

  it('is checked in work that grows with the counts, not with their pairs', () => {
    const small = attributeReads(150);
    const large = attributeReads(300);
    // Every pair of counts read each other's attributes: 300 counts made four times the reads of 150.
    expect(large.reads / small.reads).toBeLessThan(2.2);
    expect(large.diagnostics.filter((diagnostic) => diagnostic.code === 'count-unknown-source').length).toBe(300);
  });
});

/** A report with `block` between a checked incident before it and a count with a mistake after it. */
function around(block: string): string {
  return `---\npublished: 2023-10-10\n---\n${INCIDENT}\n${block}\n\nAfter it, :count[many]{type=killed} people were killed.\n`;
}

/** The remark calls and characters parsing `text` costs, and the characters of text around the block. */
function parseWork(text: string, chunkSize = CHUNK_SIZE) {
  const tally: ParseTally = { calls: 0, characters: 0 };
  parseChunked(text, chunkSize, tally);
  return tally;
}

const nestedList = (depth: number, marker = '-') => Array.from({ length: depth }, (_, level) => `${' '.repeat(level * (marker.length + 1))}${marker} item ${level}`).join('\n');

/** The diagnostics a writer sees for a block with a shape the parser is slow on: the block's one warning, the mistake after it. */
function expectUnchecked(block: string, message: string) {
  const text = around(block);
  expect(problems(text)).toEqual([
    { code: 'markup-not-checked', line: 7, message },
    { code: 'count-invalid', line: text.split('\n').length - 2, message: expect.stringContaining('Cannot read a number from "many"') },
  ]);
}

describe('Markdown shapes the parser is super-linear on', () => {
  it('lists nested 100 deep: one warning at the list, the text around it checked', () => {
    expectUnchecked(nestedList(100), 'This block nests lists or block quotes 100 deep, and incident markup is checked up to a depth of 32: incident markup in it is not checked. Flatten it.');
  });

  it('ordered lists nested 100 deep', () => {
    expectUnchecked(nestedList(100, '1.'), 'This block nests lists or block quotes 100 deep, and incident markup is checked up to a depth of 32: incident markup in it is not checked. Flatten it.');
  });

  it('list markers 4,000 deep on one line, which overflowed the stack of the model builder', () => {
    expectUnchecked(`${'- '.repeat(4000)}x`, 'This block nests lists or block quotes 4,000 deep, and incident markup is checked up to a depth of 32: incident markup in it is not checked. Flatten it.');
  });

  it('block quotes 4,000 deep', () => {
    expectUnchecked(`${'> '.repeat(4000)}x`, 'This block nests lists or block quotes 4,000 deep, and incident markup is checked up to a depth of 32: incident markup in it is not checked. Flatten it.');
  });

  it('brackets nested 5,000 deep', () => {
    expectUnchecked(`${'['.repeat(5000)}x${']'.repeat(5000)}`, 'This block nests brackets `[` 5,000 deep, and incident markup is checked up to a depth of 32: incident markup in it is not checked. Close the brackets or escape them as `\\[`.');
  });

  it('3,000 directives in one paragraph', () => {
    expectUnchecked(':count[1]{type=killed} '.repeat(3000), 'This block has a paragraph of 3,000 directives, and incident markup is checked in paragraphs of up to 2,000: incident markup in it is not checked. Split the paragraph with blank lines.');
  });

  it('a long list whose every item has a sub-item (130 KB of it took 129 s)', () => {
    const items = Array.from({ length: 1500 }, (_, index) => `- item ${index}\n  - detail ${index}`).join('\n');
    expectUnchecked(items, 'This list is too long for its nested lists to be parsed in reasonable time: incident markup in it is not checked. Split it into shorter lists, with a paragraph or a heading between them.');
  });

  it('20 unclosed :::note containers, each inside the last, above the rest of the report', () => {
    const text = `---\npublished: 2023-10-10\n---\n${INCIDENT}\n${Array.from({ length: 20 }, (_, index) => `:::note${index}`).join('\n')}\nText.\n\n:count[many]{type=killed}\n`;
    expect(problems(text)).toEqual([
      {
        code: 'markup-not-checked',
        line: 7,
        message: 'This block nests `:::` containers 20 deep, and incident markup is checked up to a depth of 8: incident markup in it is not checked. Close each container with a `:::` line.',
      },
    ]);
  });

  it('a list 32 deep, at the limit, is parsed and checked', () => {
    const text = around(`${nestedList(31)}\n${' '.repeat(62)}- :count[many]{type=injured}`);
    expect(problems(text).map((problem) => problem.code)).toEqual(['count-invalid', 'count-invalid']);
  });

  it('the blocks that pass a limit are not given to remark: twice the shape, the same parsing work', () => {
    for (const shape of [(size: number) => nestedList(size), (size: number) => `${'['.repeat(size * 20)}x`, (size: number) => ':count[1]{type=killed} '.repeat(size * 30)]) {
      const small = parseWork(around(shape(100)));
      const large = parseWork(around(shape(200)));
      expect(large).toEqual(small);
    }
  });
});

describe('odd input', () => {
  it('lone-CR line endings are line breaks, in the front matter too (it was read as invalid YAML)', () => {
    const lines = ['---', 'title: Idlib', 'published: 2023-10-10', 'totals: {killed: 1}', '---', ':::incident{#strike date=2023-10-04}', ':count[3]{type=killed} people were killed, :count[x]{type=injured}.', ':::', ''];
    for (const eol of ['\r', '\r\n', '\n']) {
      const text = lines.join(eol);
      const report = parseReport(text);
      expect(report.frontMatter?.published).toEqual({ value: '2023-10-10', span: { start: text.indexOf('2023-10-10'), end: text.indexOf('2023-10-10') + 10 } });
      expect(runRules(report, gazetteer).map(({ code, range, message }) => ({ code, range, message }))).toEqual([
        {
          code: 'count-report-total',
          range: { start: { line: 3, character: 17 }, end: { line: 3, character: 18 } },
          message: 'totals.killed is 1, but the incidents come to at least 3 killed (#strike: 3).',
        },
        {
          code: 'count-invalid',
          range: { start: { line: 6, character: 50 }, end: { line: 6, character: 51 } },
          message: 'Cannot read a number from "x"; write the figure in the label ("46", "forty-six", "at least 46", "dozens") or add value=N.',
        },
      ]);
    }
  });

  it('a report saved with lone-CR line endings is parsed region by region, as one with \\n is', () => {
    const text = `---\npublished: 2023-10-10\n---\n${'A paragraph with :count[3]{type=killed} people.\n\n- a list\n- more\n\n'.repeat(100)}`;
    // It had no region boundary, and was parsed in one remark call.
    expect(parseWork(text.replace(/\n/g, '\r'), 1024)).toEqual(parseWork(text, 1024));
    expect(parseWork(text, 1024).calls).toBeGreaterThan(5);
  });

  it('a `---` first line never closed opens no front matter: one warning on it, and the rest is Markdown, parsed region by region', () => {
    const body = (paragraphs: number) => `---\ntitle: x\n\n${'Some text with :count[3]{type=killed} people.\n\n- a list\n- more\n\n> quote\n\n'.repeat(paragraphs)}`;
    expect(problems(body(2))).toEqual([{ code: 'markup-not-checked', line: 0, message: UNCLOSED_FRONT_MATTER }]);
    // Markdown from the second line: the lists are lists (the front-matter syntax made them paragraphs).
    expect(problems(`---\ntitle: x\n\n- :count[many]{type=killed}\n`).map((problem) => problem.code)).toEqual(['markup-not-checked', 'count-invalid']);
    const small = parseWork(body(100), 1024);
    const large = parseWork(body(200), 1024);
    // Regions of the chunk size, as in any report: twice the text, about twice the calls, each call bounded.
    expect(large.characters / small.characters).toBeCloseTo(2, 1);
    expect(large.calls / small.calls).toBeLessThan(2.2);
    expect(small.calls).toBeGreaterThan(5);
  });
});

describe('duplicate attributes', () => {
  it('are flagged at each ignored one, in a region parsed on its own and after an edit above moves them', () => {
    const paragraph = 'Then :count[3]{type=killed group=civilians type=injured type=missing} people.\n';
    const text = `---\npublished: 2023-10-10\n---\n${'Prose.\n\n'.repeat(3000)}${paragraph}`;
    const expected = (textNow: string) =>
      ['type=killed', 'type=injured'].map((written) => ({
        code: 'markup-duplicate-attribute',
        span: { start: textNow.lastIndexOf(written), end: textNow.lastIndexOf(written) + written.length },
        message: `:count sets type twice: the last value, "missing", is kept and this "${written.slice(5)}" is ignored. Delete the one that is wrong.`,
      }));
    const parsed = parseFull(text, 1024);
    const found = (report: typeof parsed.report) =>
      runRules(report, gazetteer).filter((diagnostic) => diagnostic.code === 'markup-duplicate-attribute').map(({ code, span, message }) => ({ code, span, message }));
    expect(found(parsed.report)).toEqual(expected(text));
    const edited = text.replace('Prose.', 'Prose, longer.');
    const reparsed = parseIncremental(parsed, edited);
    expect(reparsed.reparsed).toBeLessThan(100);
    expect(found(reparsed.report)).toEqual(expected(edited));
  });
});

describe('a :::incident never closed above the rest of a long report', () => {
  const report = (paragraphs: number) =>
    `---\npublished: 2023-10-10\n---\n:::incident{#new date=2023-10-04}\nA new incident, not closed yet.\n\n${Array.from({ length: paragraphs }, (_, index) => `On day ${index}, :count[${index % 50}]{type=killed} people were killed.`).join('\n\n')}\n\n:count[many]{type=killed}\n`;

  it('is cut out with one warning at its opening line, and what follows is checked as outside it', () => {
    const text = report(400);
    expect(problems(text)).toEqual([
      {
        code: 'markup-not-checked',
        line: 3,
        message: 'This `:::` container is never closed, so it would hold all the rest of the report: it is not checked, and what follows is checked as if it were not there. Close it with a `:::` line.',
      },
      { code: 'count-invalid', line: 806, message: expect.stringContaining('Cannot read a number from "many"') },
    ]);
  });

  it('costs parsing that grows with the report, and a short one is read as before', () => {
    const small = parseWork(report(400));
    const large = parseWork(report(800));
    expect(large.characters / small.characters).toBeLessThan(2.3);
    // Under 16 KiB the container holds the rest, as micromark reads it.
    expect(parseReport(report(20)).incidents.map((incident) => [incident.attributes.get('id')?.value, incident.closed, incident.annotations.length])).toEqual([['new', false, 21]]);
  });
});

describe('typing a new :::incident opener above existing incidents', () => {
  it('re-parses a few lines, not the rest of the report, and says the opener is not closed yet', () => {
    const incidents = Array.from({ length: 200 }, (_, index) => `:::incident{#i${index} date=2023-10-04}\n:count[${index}]{type=killed} people were killed.\n:::\n`).join('\n');
    const text = `---\npublished: 2023-10-10\n---\nIntro.\n\n${incidents}`;
    const edited = text.replace('Intro.\n\n', 'Intro.\n\n:::incident{#new date=2023-10-05}\n');
    const at = text.indexOf('Intro.\n\n') + 'Intro.\n\n'.length;
    // As the language server hands it over (in pieces) and as the CLI and tests do (one string): the same.
    const inPieces = parseIncremental(parseFull(text), PieceText.of(text, 1024).replace(at, at, ':::incident{#new date=2023-10-05}\n'));
    const reparsed = parseIncremental(parseFull(text), edited);
    expect(inPieces.report.text.toString()).toBe(edited);
    expect({ ...inPieces.report, text: edited, lines: undefined }).toEqual({ ...reparsed.report, lines: undefined });
    expect(inPieces.report.lines.rangeOf({ start: 0, end: edited.length })).toEqual(reparsed.report.lines.rangeOf({ start: 0, end: edited.length }));
    expect(inPieces.reparsed).toBe(reparsed.reparsed);
    // The front matter, the opener's paragraph and the incident after it (234 characters), not 200 incidents.
    expect(reparsed.reparsed).toBeLessThan(500);
    expect(reparsed.report.incidents.length).toBe(200);
    expect(reparsed.report.unchecked).toEqual([
      {
        span: { start: edited.indexOf(':::incident{#new'), end: edited.indexOf(':::incident{#new') + ':::incident{#new date=2023-10-05}'.length },
        message: 'This `:::` container is never closed, so it would hold all the rest of the report: it is not checked, and what follows is checked as if it were not there. Close it with a `:::` line.',
      },
    ]);
    // The same as parsing the edited text afresh.
    expect(reparsed.report).toEqual(parseFull(edited).report);
  });

  it('keeps the opener flagged, where it moved to, through keystrokes elsewhere, and drops it once a line closes it', () => {
    const incidents = Array.from({ length: 300 }, (_, index) => `:::incident{#i${index} date=2023-10-04}\n:count[${index}]{type=killed} people were killed.\n:::\n`).join('\n');
    const steps = [
      `Intro.\n\n:::incident{#new date=2023-10-05}\n${incidents}`,
      // A letter typed above it, one below it, then the closing line typed under the opener.
      `Intro, typed.\n\n:::incident{#new date=2023-10-05}\n${incidents}`,
      `Intro, typed.\n\n:::incident{#new date=2023-10-05}\n${incidents.replace('were killed', 'were all killed')}`,
      `Intro, typed.\n\n:::incident{#new date=2023-10-05}\n:::\n\n${incidents.replace('were killed', 'were all killed')}`,
    ];
    let parsed = parseFull(steps[0]!);
    const flagged = [];
    for (const text of steps.slice(1)) {
      parsed = parseIncremental(parsed, text);
      expect(parsed.report).toEqual(parseFull(text).report);
      flagged.push(parsed.report.unchecked.map((region) => text.slice(region.span.start, region.span.end)));
    }
    expect(flagged).toEqual([[':::incident{#new date=2023-10-05}'], [':::incident{#new date=2023-10-05}'], []]);
  });
});
