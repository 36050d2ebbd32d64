import { describe, expect, it } from 'vitest';
import { mergeRuleSettings, readProjectConfig } from '../../server/src/core/config/projectConfig.js';
import { createLanguageService, type ServiceSettings } from '../../server/src/core/languageService.js';
import { LineIndex } from '../../server/src/core/text.js';
import { normaliseSettings } from '../../server/src/lsp/settings.js';
import { stripMarkers } from '../helpers/markers.js';
import { MemoryFileSystem } from '../helpers/memoryFileSystem.js';

// Issue 10: user text (labels, ids, attribute names and values, gazetteer ids, names, aliases and
// kinds, front-matter keys, rule codes) must never be looked up in an object with a prototype, where
// `constructor` or `toString` finds Object.prototype's members. Each name below goes through every
// rule, hover, completion, definition and export, and must come out as an ordinary word does.

const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'] as const;

/**
 * The ordinary word a name is compared with: the name's shape (length, case, underscores) in
 * letters that spell nothing, so that whatever depends on the shape (the attribute-name pattern
 * of completion, lower-cased groups, Markdown escapes) treats both alike. `constructor` → `xzvxzvxzvxz`.
 */
function ordinary(name: string): string {
  return [...name].map((char, index) => (/[a-z]/i.test(char) ? (char === char.toUpperCase() ? 'XZV' : 'xzv')[index % 3]! : char)).join('');
}

/** Labels are Markdown prose, where `__proto__` is bold: their underscores are escaped. */
const md = (name: string) => name.replace(/_/g, '\\_');
/** Text read back from the report, or from hover Markdown, with those escapes undone. */
const plain = (text: string) => text.replace(/\\_/g, '_');

/**
 * A whole report's text: the body after front matter with its published date, so that what is
 * said is about the names alone (the body's lines are 4 on).
 */
const published = (body: string) => `---\npublished: 2023-10-10\n---\n${body}`;

const SETTINGS: ServiceSettings = { gazetteerPaths: [], root: '/team', rules: {}, builtinGazetteer: false };

/** The team's gazetteer, with the name as ids, names, aliases, a kind and a group. */
function gazetteerFor(name: string): string {
  return `groups:
  ${name}: [women, men]
actors:
  - id: ${name}
    name: ${name} forces
    aliases: [${name}]
    kind: armed-group
places:
  - id: ${name}
    name: ${name}
    kind: governorate
  - id: ${name}-city
    name: ${name} city
    aliases: [${name} town]
    kind: city
    in: ${name}
  - id: twin-${name}
    name: Twin
    kind: ${name}
    in: ${name}
  - id: twin-town
    name: Twin
    kind: town
    in: ${name}
`;
}

interface Options {
  rules?: ServiceSettings['rules'];
  /** The team's `.incident-markup.yaml`. */
  config?: string;
}

interface Run {
  diagnostics: { code: string; message: string; text: string }[];
  exported: unknown;
  /** Hover, completion and definition at each ‸ of the document. */
  at: { hover: unknown; completion: unknown; definition: unknown }[];
  gazetteerProblems: { code: string; message: string }[];
  configProblems: string[];
}

/** Checks and exports the document made for `name`, and asks hover, completion and definition at each of its ‸. */
async function run(document: (name: string) => string, name: string, options: Options = {}): Promise<Run> {
  const { text, cursors } = stripMarkers(document(name));
  const files = new MemoryFileSystem({
    '/team/gazetteer.yaml': gazetteerFor(name),
    ...(options.config === undefined ? {} : { '/team/.incident-markup.yaml': options.config }),
  });
  const service = createLanguageService({ fileSystem: files });
  const report = { path: '/team/report.md', text };
  const settings = { ...SETTINGS, rules: options.rules ?? {} };
  const lines = new LineIndex(text);
  const slice = (source: string, span: { start: number; end: number }) => plain(source.slice(span.start, span.end));

  const checked = await service.check(report, settings);
  const diagnostics = checked.diagnostics.map(({ code, message, span }) => ({ code, message, text: slice(text, span) }));
  const configProblems = checked.projectConfig?.problems.map((problem) => problem.message) ?? [];
  const exported = await service.exportIncidents(report, settings);
  const at: Run['at'] = [];
  for (const cursor of cursors) {
    const position = lines.positionAt(cursor);
    const hover = await service.hover(report, position, settings);
    const completion = await service.complete(report, position, settings);
    const target = await service.definition(report, position, settings);
    at.push({
      hover: hover && { contents: plain(hover.contents), text: slice(text, hover.span) },
      completion: {
        incomplete: completion.incomplete,
        items: completion.items.map(({ label, kind, detail, newText, filterText, span }) => ({ label, kind, detail, newText, filterText, replaces: slice(text, span) })),
      },
      definition: target && {
        path: target.path,
        target: slice(target.path === undefined ? text : files.files.get(target.path)!, target.span),
        origin: slice(text, target.origin),
      },
    });
  }
  const gazetteerProblems = (await service.gazetteerProblems('/team/gazetteer.yaml', settings)).map(({ code, message }) => ({ code, message }));
  return { diagnostics, exported, at, gazetteerProblems, configProblems };
}

/** As JSON, with undefined as null so that absent answers compare equal (a function, which JSON drops, then differs from null). */
const toJson = (result: unknown) => JSON.stringify(result, (_key, value: unknown) => (value === undefined ? null : value));

/** What came out for the ordinary word, with the word replaced by `name` (and in lower case by `name` in lower case). */
function renamed<T>(result: T, word: string, name: string): T {
  return JSON.parse(toJson(result).replaceAll(word, name).replaceAll(word.toLowerCase(), name.toLowerCase())) as T;
}

function asJson<T>(result: T): T {
  return JSON.parse(toJson(result)) as T;
}

/**
 * For each name: its document gives the diagnostics `expected(name)`, and everything (diagnostics,
 * export, hover, completion and definition at each ‸, the gazetteer's own problems) is what the
 * ordinary word of its shape gives, renamed. No answer shows a function or an object's default string.
 */
async function expectOrdinary(document: (name: string) => string, expected: (name: string) => [code: string, message: string][], options: Options = {}) {
  for (const name of NAMES) {
    const result = await run(document, name, options);
    expect(JSON.stringify(result), name).not.toMatch(/native code|\[object |function /);
    expect(result.diagnostics.map(({ code, message }) => [code, message]), name).toEqual(expected(name));
    const word = ordinary(name);
    const baseline = await run(document, word, options);
    expect(baseline.diagnostics.map(({ code, message }) => [code, message]), word).toEqual(expected(word));
    // Messages are compared above (a name may be near a word the message suggests); here what they point at.
    const pointedAt = (run: Run) => ({ ...run, diagnostics: run.diagnostics.map(({ code, text }) => ({ code, text })) });
    expect(asJson(pointedAt(result)), name).toEqual(renamed(pointedAt(baseline), word, name));
  }
}

const CANNOT_READ = (label: string) =>
  ['count-invalid', `Cannot read a number from "${label}"; write the figure in the label ("46", "forty-six", "at least 46", "dozens") or add value=N.`] as [string, string];

describe('names of Object.prototype in a report are ordinary words', () => {
  it('a count label that is one reads as no number, as "blorp" does, and is exported with all its fields', async () => {
    const service = createLanguageService({ fileSystem: new MemoryFileSystem({ '/team/gazetteer.yaml': gazetteerFor('x') }) });
    const results = [];
    for (const label of ['blorp', ...NAMES]) {
      const { text, cursors } = stripMarkers(published(`At least :count[${md(label)}‸]{type=killed group=civilians} civilians died.`));
      const report = { path: '/team/report.md', text };
      const diagnostics = (await service.check(report, SETTINGS)).diagnostics.map(({ code, message }) => ({ code, message: message.replace(label, '…') }));
      const exported = await service.exportIncidents(report, SETTINGS);
      const hover = await service.hover(report, new LineIndex(text).positionAt(cursors[0]!), SETTINGS);
      results.push({ label, diagnostics, exported, hover: hover?.contents });
    }
    for (const { label, diagnostics, exported, hover } of results) {
      expect(diagnostics, label).toEqual([
        { code: 'count-invalid', message: 'Cannot read a number from "…"; write the figure in the label ("46", "forty-six", "at least 46", "dozens") or add value=N.' },
      ]);
      expect(exported, label).toEqual([
        {
          // The report's one implicit incident starts at its first line; the count is on line 4, after the front matter.
          // No number, so no figure, and no source or date to show (b510ebd added these fields to the export).
          id: null, line: 1, date: null, place: null, dates: [], actors: [], places: [], figures: [],
          counts: [
            { label, type: 'killed', group: 'civilians', id: null, partOf: null, min: null, max: null, precision: null, source: null, sourceId: null, asOf: null, superseded: false, line: 4 },
          ],
        },
      ]);
      expect(hover, label).toBe('**Count** of civilians killed: no number could be read.');
    }
  });

  it('in count labels, number words and vague quantities, and an incident\'s own figure', async () => {
    await expectOrdinary(
      (name) => published(`:::incident{#market date=2023-10-05 killed=${name}}
:count[${md(name)}‸]{type=killed group=civilians}, :count[${md(name)} dozen‸]{type=injured}, :count[several ${md(name)}‸]{type=missing},
:count[twenty ${md(name)}]{type=detained}, :count[at least ${md(name)}]{type=displaced} and :count[${md(name)} of]{type=affected}.
:::
`),
      (name) => [
        ['count-invalid', `killed="${name}" is not a number; an incident's own figure is a whole number such as killed=46.`],
        CANNOT_READ(name),
        CANNOT_READ(`${name} dozen`),
        CANNOT_READ(`several ${name}`),
        CANNOT_READ(`twenty ${name}`),
        CANNOT_READ(`at least ${name}`),
        CANNOT_READ(`${name} of`),
      ],
    );
  });

  it('as count ids, part-of, groups, types and precisions', async () => {
    await expectOrdinary(
      (name) => published(`:::incident{#market date=2023-10-05}
:count[46]{#${name} type=killed group=${name}} people, :count[9]{type=killed group=women part-of=${name}‸},
:count[3]{type=${name}‸ group=children part-of=${name}} and :count[5]{type=killed group=${name}‸ precision=${name}}.
:::

:::incident{#camp date=2023-10-06}
:count[4]{type=killed group=men‸ part-of=${name}} and :count[2]{type=killed part-of=nothing}.
:::
`),
      (name) => [
        ['count-part-type-mismatch', `This part counts ${name} people but ${name} counts killed; a part must be of its total's type.`],
        ['markup-invalid-value', `type "${name}" is not one of killed, injured, missing, detained, displaced, affected.`],
        ['count-conflict', `This says 5 ${name.toLowerCase()} killed, but line 5 says 46 for the same incident; state one figure, or mark a breakdown with part-of.`],
        ['markup-invalid-value', `precision "${name}" is not one of exact, at-least, at-most, approx.`],
        ['count-unknown-ref', `part-of=nothing names no count in this report (the ids here: ${name}).`],
      ],
    );
  });

  it('as incident ids, and a part-of that names one', async () => {
    await expectOrdinary(
      (name) => published(`:::incident{#${name}‸ date=2023-10-05 killed=2}
:count[2]{#dead type=killed}.
:::

:::incident{#${name} date=2023-10-06}
:count[1]{type=killed part-of=${name}‸}.
:::
`),
      (name) => [
        ['markup-duplicate-id', `The id "${name}" is already used on line 4; ids must be unique within a report.`],
        ['count-unknown-ref', `part-of=${name} names an incident, not a count; give the #id of the count this one is part of (the ids here: dead).`],
      ],
    );
  });

  it('as actor and place labels, ref and in ids, roles, and gazetteer ids, names, aliases, kinds and groups', async () => {
    await expectOrdinary(
      (name) => published(`:::incident{#strike date=2023-10-05 place=${name}‸}
:actor[${md(name)}‸]{role=perpetrator} and :actor[Someone]{ref=${name}‸ role=${name}} struck :place[${md(name)}‸],
:place[${md(name)} city‸]{in=${name}‸}, :place[${md(name)} town‸], :place[Twin‸] and :place[Elsewhere]{ref=${name}‸};
:actor[${md(name)} forces‸] watched :place[Twin]{ref=twin-${name}‸}.
:::

Also :place[${name}‸
`),
      (name) => [
        ['actor-alias', `"${name}" is an alias of ${name} forces (${name}).`],
        ['markup-invalid-value', `role "${name}" is not one of perpetrator, victim, source, claimant, other.`],
        ['place-alias', `"${name} town" is an alias of ${name} city (${name}-city).`],
        [
          'place-ambiguous',
          // The town first: a place of an unknown kind (`kind: ${name}`) weighs nothing.
          `"Twin" could be Twin — town, ${name} (twin-town); or Twin — ${name}, ${name} (twin-${name}). Add ref= with the id of the one meant, or in= with a place that contains it.`,
        ],
      ],
    );
  });

  it('in date labels and values', async () => {
    await expectOrdinary(
      (name) => `---
published: 2023-10-10
---
:::incident{#strike date=2023-10-04/2023-10-07}
On :date[${md(name)}‸], :date[${md(name)} 4], :date[4 ${md(name)}‸], :date[early ${md(name)}], :date[${md(name)} night]
and :date[4 October]{value=${name}‸}.
:::
`,
      (name) => [
        ...[name, `${name} 4`, `4 ${name}`, `early ${name}`, `${name} night`].map(
          (label): [string, string] => ['date-unresolved', `Cannot read a date from "${label}"; add value=YYYY-MM-DD (or YYYY-MM, YYYY, or start/end).`],
        ),
        ['date-invalid', `"${name}" is not an ISO date: write YYYY, YYYY-MM or YYYY-MM-DD, or an interval start/end.`],
      ],
    );
  });

  it('as front-matter keys and totals', async () => {
    await expectOrdinary(
      (name) => `---
${name}: 1
title: Strikes
published: 2023-10-10
totals: {${name}: 3, killed: 40}
gazetteer: [${name}.yaml]
---
:::incident{#market date=2023-10-05 killed=46}
A strike‸.
:::
`,
      (name) => [
        ['count-report-total', `totals.${name} is not a count type. The types are killed, injured, missing, detained, displaced, affected.`],
        ['count-report-total', 'totals.killed is 40, but the incidents come to at least 46 killed (#market: 46).'],
        ['gazetteer-not-found', `Gazetteer file "${name}.yaml" was not found next to this report; check the path, which is relative to the report.`],
      ],
    );
  });

  it('as attribute names', async () => {
    await expectOrdinary(
      (name) => published(`:::incident{#market date=2023-10-05 ${name}=2}
:count[46]{type=killed ${name}=1‸} by :actor[${md(name)}]{${name}} in :place[${md(name)}]{${name}=x‸ in=${name}} on :date[4 October]{${name}=2023-10-04}.
:count[3]{type=killed ${name}‸}
:::
`),
      (name) => {
        // valueOf is one letter-pair from `value`: the same message with its "did you mean".
        const takes = (directive: string, attributes: string) =>
          name === 'valueOf' && attributes.split(', ').includes('value') ? `did you mean "value"? It takes ${attributes}` : `it takes ${attributes}`;
        const unknown = (directive: string, attributes: string): [string, string] => [
          'markup-unknown-attribute',
          `:${directive} has no attribute "${name}"; ${takes(directive, attributes)}.`,
        ];
        return [
          unknown('incident', 'id, date, place, killed, injured, missing, detained, displaced, affected'),
          unknown('count', 'id, type, group, part-of, value, precision, source, as-of'),
          ['actor-alias', `"${name}" is an alias of ${name} forces (${name}).`],
          unknown('actor', 'ref, role'),
          unknown('place', 'ref, in, kind'),
          // 4 October is outside the incident's day, so its year is the last one not after publication.
          ['date-inferred', 'No value: "4 October" reads as 2023-10-04 (the year from published 2023-10-10).'],
          ['date-outside-incident', '"4 October" (read as 2023-10-04) is not within the incident\'s date 2023-10-05.'],
          unknown('date', 'value'),
          ['count-conflict', 'This says 3 people killed, but line 5 says 46 for the same incident; state one figure, or mark a breakdown with part-of.'],
          unknown('count', 'id, type, group, part-of, value, precision, source, as-of'),
        ];
      },
    );
  });
});

describe('rule codes that are names of Object.prototype', () => {
  /** The settings as the editor sends them (JSON: `__proto__` is a key like any other). */
  const SETTINGS_JSON = '{"constructor":"off","__proto__":"off","toString":"error","hasOwnProperty":"hint","valueOf":"warning","count-invalid":"hint"}';
  const given = (name: string) => Object.getOwnPropertyDescriptor(JSON.parse(SETTINGS_JSON), name)?.value as string;
  const CONFIG = `rules:\n${NAMES.map((name) => `  ${name}: off\n`).join('')}  count-invalid: hint\n`;

  it('are kept as given by the editor settings and by mergeRuleSettings, and nothing else is found', () => {
    const settings = normaliseSettings({ rules: JSON.parse(SETTINGS_JSON) }, '/team');
    const merged = mergeRuleSettings(readProjectConfig('/team/.incident-markup.yaml', CONFIG).rules, settings.rules);
    const empty = mergeRuleSettings(normaliseSettings({ rules: {} }, '/team').rules, readProjectConfig('/team/.incident-markup.yaml', 'rules: {}\n').rules);
    for (const name of NAMES) {
      expect(settings.rules[name], name).toBe(given(name));
      expect(merged[name], name).toBe(given(name));
      expect(empty[name], name).toBeUndefined();
      expect(normaliseSettings({}, '/team').rules[name], name).toBeUndefined();
    }
    expect(Object.entries(merged)).toEqual([['count-invalid', 'hint'], ...NAMES.map((name) => [name, given(name)])]);
  });

  it('are unknown codes in .incident-markup.yaml, which keeps only the known ones', () => {
    const config = readProjectConfig('/team/.incident-markup.yaml', CONFIG);
    expect(Object.entries(config.rules)).toEqual([['count-invalid', 'hint']]);
    for (const name of NAMES) expect(config.rules[name], name).toBeUndefined();
    expect(config.problems.map((problem) => [problem.severity, problem.message])).toEqual(
      NAMES.map((name) => ['warning', `Unknown diagnostic code "${name}" It is ignored (the codes are listed in docs/rules.md).`]),
    );
  });

  it('change no diagnostic, from the settings or the team file', async () => {
    const text = published('There were :count[many]{type=killed} victims of :actor[Wagner]{role=perpetrator}.');
    const check = async (rules: ServiceSettings['rules'], config?: string) => {
      const files = new MemoryFileSystem({ '/team/gazetteer.yaml': gazetteerFor('x'), ...(config === undefined ? {} : { '/team/.incident-markup.yaml': config }) });
      const checked = await createLanguageService({ fileSystem: files }).check({ path: '/team/report.md', text }, { ...SETTINGS, rules });
      return checked.diagnostics.map(({ code, severity, message }) => ({ code, severity, message }));
    };
    const expected = [
      { code: 'count-invalid', severity: 'hint', message: CANNOT_READ('many')[1] },
      { code: 'actor-unknown', severity: 'warning', message: 'Actor "Wagner" is not in the gazetteer; add it to the gazetteer or give ref= with its id.' },
    ];
    expect(await check({ 'count-invalid': 'hint' })).toEqual(expected);
    expect(await check(normaliseSettings({ rules: JSON.parse(SETTINGS_JSON) }, '/team').rules)).toEqual(expected);
    expect(await check({}, CONFIG)).toEqual(expected);
  });
});
