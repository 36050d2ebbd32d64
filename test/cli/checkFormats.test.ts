import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/runCli.js';
import { escapeGithubData, escapeGithubProperty, formatGithub } from '../../server/src/cli/formatters.js';
import { docsUrl } from '../../server/src/core/diagnostics.js';
import { RULES } from '../../server/src/core/rules/index.js';

async function cli(args: string[], cwd: string, color = false) {
  let stdout = '';
  let stderr = '';
  const io = { cwd, color, stdout: (text: string) => (stdout += text), stderr: (text: string) => (stderr += text) };
  const status = await runCli(args, io, '9.9.9');
  return { status, stdout, stderr };
}

/** One report with a hint (date-inferred), a warning (place-unknown) and an error (date-invalid). */
function reportFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'im-formats-'));
  writeFileSync(join(dir, 'gazetteer.yaml'), 'actors: []\nplaces: []\n');
  writeFileSync(
    join(dir, 'r.md'),
    '---\npublished: 2023-10-05\n---\n\n:::incident{id=a date=2023-10-04}\n' +
      'On :date[4 October], 100% of :place[Nowhere, here] burned; :date[31 September]{value=2023-09-31}.\n:::\n',
  );
  return dir;
}

// The built-in world layer is left out: the test is about formats, and the team gazetteer is empty.
const CHECK = ['check', 'r.md', '--no-builtin-gazetteer', '--min-severity', 'hint'];
const HINT = 'No value: "4 October" reads as 2023-10-04 (the year from the incident\'s date 2023-10-04).';
const WARNING = 'Place "Nowhere, here" is not in the gazetteer; add it to the gazetteer or give ref= with its id.';
const ERROR = '"2023-09-31" is not a calendar date: September 2023 has 30 days.';

describe('check --format', () => {
  it('stylish: grouped by file with a summary line, no colour unless asked', async () => {
    const dir = reportFolder();
    const expected = [
      'r.md',
      `  6:10  hint         ${HINT}  date-inferred`,
      `  6:37  warning      ${WARNING}  place-unknown`,
      `  6:86  error        ${ERROR}  date-invalid`,
      '',
      '✖ 3 problems in 1 file (1 error, 1 warning, 0 information, 1 hint)',
      '',
    ].join('\n');
    expect(await cli([...CHECK, '--format', 'stylish'], dir)).toEqual({ status: 1, stdout: expected, stderr: '' });
  });

  it('stylish: coloured on a terminal', async () => {
    const dir = reportFolder();
    const expected = [
      '\x1b[4mr.md\x1b[0m',
      `  \x1b[2m6:10\x1b[0m  \x1b[2mhint       \x1b[0m  ${HINT}  \x1b[2mdate-inferred\x1b[0m`,
      `  \x1b[2m6:37\x1b[0m  \x1b[33mwarning    \x1b[0m  ${WARNING}  \x1b[2mplace-unknown\x1b[0m`,
      `  \x1b[2m6:86\x1b[0m  \x1b[31merror      \x1b[0m  ${ERROR}  \x1b[2mdate-invalid\x1b[0m`,
      '',
      '\x1b[31m✖ 3 problems in 1 file (1 error, 1 warning, 0 information, 1 hint)\x1b[0m',
      '',
    ].join('\n');
    expect(await cli([...CHECK], dir, true)).toEqual({ status: 1, stdout: expected, stderr: '' });
  });

  it('json: the diagnostics as an array, as before', async () => {
    const dir = reportFolder();
    const result = await cli([...CHECK, '--format', 'json'], dir);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual([
      { file: 'r.md', line: 6, column: 10, endLine: 6, endColumn: 19, severity: 'hint', code: 'date-inferred', message: HINT },
      { file: 'r.md', line: 6, column: 37, endLine: 6, endColumn: 50, severity: 'warning', code: 'place-unknown', message: WARNING },
      { file: 'r.md', line: 6, column: 86, endLine: 6, endColumn: 96, severity: 'error', code: 'date-invalid', message: ERROR },
    ]);
  });

  it('github: one workflow command per diagnostic, notice for the lower severities, escaped', async () => {
    const dir = reportFolder();
    const expected = [
      `::notice file=r.md,line=6,col=10,endLine=6,endColumn=19,title=date-inferred::${HINT}`,
      `::warning file=r.md,line=6,col=37,endLine=6,endColumn=50,title=place-unknown::${WARNING}`,
      `::error file=r.md,line=6,col=86,endLine=6,endColumn=96,title=date-invalid::${ERROR}`,
      '',
    ].join('\n');
    expect(await cli([...CHECK, '--format', 'github'], dir)).toEqual({ status: 1, stdout: expected, stderr: '' });
  });

  it('github: escapes %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeGithubData('100% a:b,c\r\nd')).toBe('100%25 a:b,c%0D%0Ad');
    expect(escapeGithubProperty('100% a:b,c\r\nd')).toBe('100%25 a%3Ab%2Cc%0D%0Ad');
    const diagnostic = { file: 'a,b:c%.md', line: 1, column: 2, endLine: 3, endColumn: 4, severity: 'information' as const, code: 'x', message: '50%\nmore: yes, really' };
    expect(formatGithub([diagnostic])).toBe('::notice file=a%2Cb%3Ac%25.md,line=1,col=2,endLine=3,endColumn=4,title=x::50%25%0Amore: yes, really\n');
  });

  it('sarif: SARIF 2.1.0 with every rule described and each result located relative to %SRCROOT%', async () => {
    const dir = reportFolder();
    const result = await cli([...CHECK, '--format', 'sarif'], dir);
    expect(result.status).toBe(1);
    const log = JSON.parse(result.stdout);
    const rules = log.runs[0].tool.driver.rules;
    // Every rule module is described once, with its own summary, severity and docs anchor.
    for (const rule of RULES) {
      expect(rules.find((r: { id: string }) => r.id === rule.code)).toEqual({
        id: rule.code,
        shortDescription: { text: rule.summary },
        defaultConfiguration: { level: { error: 'error', warning: 'warning', information: 'note', hint: 'note' }[rule.defaultSeverity] },
        helpUri: docsUrl(rule.code),
      });
    }
    expect(new Set(rules.map((r: { id: string }) => r.id)).size).toBe(rules.length);
    const index = (code: string) => rules.findIndex((r: { id: string }) => r.id === code);
    const result_ = (code: string, level: string, message: string, columns: [number, number]) => ({
      ruleId: code,
      ruleIndex: index(code),
      level,
      message: { text: message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'r.md', uriBaseId: '%SRCROOT%' },
            region: { startLine: 6, startColumn: columns[0], endLine: 6, endColumn: columns[1] },
          },
        },
      ],
    });
    expect(log).toEqual({
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'incident-markup', version: '9.9.9', informationUri: 'https://github.com/incident-markup/incident-markup', rules } },
          columnKind: 'utf16CodeUnits',
          results: [
            result_('date-inferred', 'note', HINT, [10, 19]),
            result_('place-unknown', 'warning', WARNING, [37, 50]),
            result_('date-invalid', 'error', ERROR, [86, 96]),
          ],
        },
      ],
    });
  });

  it('sarif: valid against the SARIF 2.1.0 JSON schema, with a file outside the working folder as a file: URI', async () => {
    // The schema as @microsoft/jest-sarif ships it (2.1.0-rtm.5, the final 2.1.0 schema), read offline.
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    // It is written in draft-04, whose only difference that it uses is the top-level "id" (draft-07's "$id"),
    // so Ajv 8 reads it as draft-07 with those two keys put in their draft-07 form.
    const { $schema: _draft04, id, ...body } = schema;
    const formats = {
      uri: (value: string) => URL.canParse(value),
      'uri-reference': (value: string) => URL.canParse(value, 'file:///'),
      'date-time': (value: string) => !Number.isNaN(Date.parse(value)),
    };
    // One of its patterns (a language tag's) has a stray "]", an error with the u flag, so patterns are read without it.
    const validate = new Ajv({ allErrors: true, formats, unicodeRegExp: false }).compile({ ...body, $id: id });
    const dir = reportFolder();
    const outside = mkdtempSync(join(tmpdir(), 'im-outside-'));
    writeFileSync(join(outside, 'gazetteer.yaml'), 'actors: []\nplaces: []\n');
    writeFileSync(join(outside, 'o t.md'), 'Strikes in :place[Nowhere].\n');
    const result = await cli([...CHECK, join(outside, 'o t.md'), '--format', 'sarif'], dir);
    const log = JSON.parse(result.stdout);
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    // The validator bites: "information" is a severity of ours, not a SARIF level.
    const wrong = structuredClone(log);
    wrong.runs[0].results[0].level = 'information';
    expect(validate(wrong)).toBe(false);
    // A file outside the working folder cannot be relative to %SRCROOT%: it is an absolute file: URI.
    expect(log.runs[0].results.at(-1).locations[0].physicalLocation.artifactLocation).toEqual({ uri: `file://${outside}/o%20t.md` });
  });

  it('refuses a format it does not know', async () => {
    const dir = reportFolder();
    expect(await cli(['check', 'r.md', '--format', 'xml'], dir)).toEqual({
      status: 2,
      stdout: '',
      stderr: 'incident-markup: --format must be stylish, json, sarif or github for check, not "xml".\n',
    });
  });
});
