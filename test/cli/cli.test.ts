import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/runCli.js';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures/reports');

async function cli(args: string[], cwd = ROOT) {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, { cwd, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) }, '9.9.9');
  return { status, stdout, stderr };
}

const MISTAKES = [
  { file: 'test/fixtures/reports/mistakes.md', line: 6, column: 27, endLine: 6, endColumn: 37, severity: 'error', code: 'date-invalid', message: '"2023-09-31" is not a calendar date: September 2023 has 30 days.' },
  { file: 'test/fixtures/reports/mistakes.md', line: 7, column: 47, endLine: 7, endColumn: 49, severity: 'error', code: 'count-label-mismatch', message: 'The label says 46 but value=48; make the prose and the value agree.' },
  { file: 'test/fixtures/reports/mistakes.md', line: 8, column: 11, endLine: 8, endColumn: 25, severity: 'warning', code: 'place-unknown', message: 'Place "Idleb provinse" is not in the gazetteer; did you mean "Idlib province" (Idlib Governorate — governorate, Syria)?' },
  { file: 'test/fixtures/reports/mistakes.md', line: 8, column: 37, endLine: 8, endColumn: 52, severity: 'warning', code: 'actor-unknown', message: 'Actor "the Assad regim" is not in the gazetteer; did you mean "Assad regime" (Government of Syria — state-forces)?' },
  { file: 'test/fixtures/reports/mistakes.md', line: 8, column: 77, endLine: 8, endColumn: 82, severity: 'warning', code: 'markup-unknown-directive', message: 'Unknown directive ":cuont"; did you mean ":count"?' },
];

describe('incident-markup check', () => {
  it('prints the JSON array of a report\'s mistakes and exits 1 on errors', async () => {
    const result = await cli(['check', 'test/fixtures/reports/mistakes.md', '--format', 'json']);
    expect(JSON.parse(result.stdout)).toEqual(MISTAKES);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
  });

  it('exits 0 with no output problems on a clean report, found through a folder', async () => {
    const result = await cli(['check', join(FIXTURES, 'clean.md')]);
    expect(result).toEqual({ status: 0, stdout: '✔ 1 file checked, no problems.\n', stderr: '' });
  });

  it('checks every Markdown file in a folder and groups the stylish output by file', async () => {
    const result = await cli(['check', 'test/fixtures/reports']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(
      [
        'test/fixtures/reports/mistakes.md',
        '  6:27  error        "2023-09-31" is not a calendar date: September 2023 has 30 days.  date-invalid',
        '  7:47  error        The label says 46 but value=48; make the prose and the value agree.  count-label-mismatch',
        '  8:11  warning      Place "Idleb provinse" is not in the gazetteer; did you mean "Idlib province" (Idlib Governorate — governorate, Syria)?  place-unknown',
        '  8:37  warning      Actor "the Assad regim" is not in the gazetteer; did you mean "Assad regime" (Government of Syria — state-forces)?  actor-unknown',
        '  8:77  warning      Unknown directive ":cuont"; did you mean ":count"?  markup-unknown-directive',
        '',
        '✖ 5 problems in 2 files (2 errors, 3 warnings, 0 information, 0 hints)',
        '',
      ].join('\n'),
    );
  });

  it('accepts globs and exits 0 when only warnings remain', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'im-cli-'));
    writeFileSync(join(dir, 'gazetteer.yaml'), 'actors: []\nplaces: []\n');
    writeFileSync(join(dir, 'a.md'), 'Strikes by :actor[Wagner Group].\n');
    const result = await cli(['check', '*.md', '--format', 'json'], dir);
    expect(JSON.parse(result.stdout)).toEqual([
      // No front matter, so no published date: flagged on the first line, a warning too.
      {
        file: 'a.md', line: 1, column: 1, endLine: 1, endColumn: 33, severity: 'warning', code: 'markup-missing-published',
        message: 'This report has no front matter, so no published date: "yesterday" or "last Monday" cannot be placed, and no date can be checked against publication. Add front matter with published: YYYY-MM-DD.',
      },
      { file: 'a.md', line: 1, column: 19, endLine: 1, endColumn: 31, severity: 'warning', code: 'actor-unknown', message: 'Actor "Wagner Group" is not in the gazetteer; add it to the gazetteer or give ref= with its id.' },
    ]);
    expect(result.status).toBe(0);
  });

  it('uses --gazetteer instead of the nearest gazetteer.yaml', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'im-cli-'));
    writeFileSync(join(dir, 'team.yaml'), 'actors:\n  - id: wagner\n    name: Wagner Group\n');
    // Published, so that the actor is all there is to say of the report.
    writeFileSync(join(dir, 'a.md'), '---\npublished: 2023-10-10\n---\nStrikes by :actor[Wagner Group].\n');
    expect(await cli(['check', 'a.md', '--gazetteer', 'team.yaml', '--format', 'json'], dir)).toEqual({ status: 0, stdout: '[]\n', stderr: '' });
  });

  it('shows the problems of a broken gazetteer the reports use', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'im-cli-'));
    writeFileSync(join(dir, 'gazetteer.yaml'), 'places:\n  - id: x\n    name: X\n    in: nowhere\n    coordinates: [95, 10]\n');
    writeFileSync(join(dir, 'a.md'), '---\npublished: 2023-10-10\n---\nIn :place[X].\n');
    const result = await cli(['check', '.', '--format', 'json'], dir);
    expect(JSON.parse(result.stdout)).toEqual([
      { file: 'gazetteer.yaml', line: 5, column: 18, endLine: 5, endColumn: 26, severity: 'error', code: 'gazetteer-invalid-coordinates', message: 'Coordinates must be [latitude, longitude] in degrees, latitude within ±90 and longitude within ±180.' },
      { file: 'gazetteer.yaml', line: 2, column: 5, endLine: 6, endColumn: 1, severity: 'warning', code: 'gazetteer-unknown-parent', message: '"X" is in "nowhere", which is not a place id in the gazetteer.' },
    ]);
    expect(result.status).toBe(1);
  });

  it.each([
    [['lint'], /^incident-markup: unknown command "lint"\./],
    [[], /^incident-markup: a command is required\./],
    [['check', '--min-severity', 'loud'], /^incident-markup: --min-severity must be one of error, warning, information, hint, not "loud"\.\n$/],
    [['check', '--format', 'xml'], /^incident-markup: --format must be stylish, json, sarif or github for check, not "xml"\.\n$/],
    [['check', '--bogus'], /^incident-markup: unknown option --bogus\.\n\nUsage: incident-markup check \[paths or globs… \| -\] \[--format stylish\|json\|sarif\|github\] \[options\]\n\(incident-markup check --help lists the options\)\n$/],
    [['check', 'no/such/*.md'], /^incident-markup: no\/such\/\*\.md matches no file; give Markdown files, folders or globs\.\n$/],
    [['check', 'test/fixtures/reports/clean.md', '--gazetteer', 'missing.yaml'], /^incident-markup: gazetteer file missing\.yaml was not read: it does not exist\. Check the --gazetteer path\.\n$/],
  ])('exits 2 with a clear message on a usage error: %j', async (args, message) => {
    const result = await cli(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });

  it('shows hints only when asked, and can show errors only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'im-cli-'));
    writeFileSync(join(dir, 'gazetteer.yaml'), 'actors:\n  - id: gov\n    name: Government of Syria\n    aliases: [Assad regime]\n');
    // Published, so that the two actors are all there is to say of the report (on its line 4).
    writeFileSync(join(dir, 'a.md'), '---\npublished: 2023-10-10\n---\nBy :actor[the Assad regime] and :actor[Wagner].\n');
    const hint = { file: 'a.md', line: 4, column: 11, endLine: 4, endColumn: 27, severity: 'hint', code: 'actor-alias', message: '"the Assad regime" is an alias of Government of Syria (gov).' };
    const warning = { file: 'a.md', line: 4, column: 40, endLine: 4, endColumn: 46, severity: 'warning', code: 'actor-unknown', message: 'Actor "Wagner" is not in the gazetteer; add it to the gazetteer or give ref= with its id.' };
    expect(JSON.parse((await cli(['check', '.', '--format', 'json'], dir)).stdout)).toEqual([warning]);
    expect(JSON.parse((await cli(['check', '.', '--format', 'json', '--min-severity', 'hint'], dir)).stdout)).toEqual([hint, warning]);
    expect(JSON.parse((await cli(['check', '.', '--format', 'json', '--min-severity', 'error'], dir)).stdout)).toEqual([]);
  });

  it('exports incidents as JSON and CSV at count level', async () => {
    const json = await cli(['export', 'test/fixtures/reports/clean.md', '--level', 'count']);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([
      {
        file: 'test/fixtures/reports/clean.md',
        incidents: [
          {
            id: 'strikes',
            line: 6,
            date: { value: '2023-10-04', start: '2023-10-04', end: '2023-10-04' },
            place: { label: 'idlib-governorate', id: 'idlib-governorate', name: 'Idlib Governorate', path: ['Syria'], role: null },
            counts: [
              {
                label: '46', type: 'killed', group: 'civilians', id: null, partOf: null, min: 46, max: 46, precision: 'exact',
                source: null, sourceId: null, asOf: null, superseded: false, line: 7,
              },
            ],
            figures: [{ type: 'killed', min: 46, max: 46, sources: [{ source: null, sourceId: null, min: 46, max: 46 }] }],
            dates: [{ label: '4 October', value: '2023-10-04', line: 7 }],
            actors: [{ label: 'the Assad regime', id: 'syrian-government', name: 'Government of Syria', path: [], role: 'perpetrator' }],
            places: [{ label: 'Idlib province', id: 'idlib-governorate', name: 'Idlib Governorate', path: ['Syria'], role: null }],
          },
        ],
      },
    ]);
    const csv = await cli(['export', 'test/fixtures/reports/clean.md', '--format', 'csv', '--level', 'count']);
    expect(csv.stdout.split('\n')[1]).toBe(
      'test/fixtures/reports/clean.md,strikes,6,2023-10-04,2023-10-04,idlib-governorate,Idlib Governorate,killed,civilians,46,46,exact,46,,,7,Government of Syria,,,,false,46,46',
    );
    expect((await cli(['export', '--format', 'stylish'])).stderr).toBe('incident-markup: --format must be json, csv or geojson for export, not "stylish".\n');
  });

  it('applies the team\'s .incident-markup.yaml, and stops with status 2 when it is broken', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'im-cli-'));
    writeFileSync(join(dir, 'gazetteer.yaml'), 'actors: []\n');
    writeFileSync(join(dir, '.incident-markup.yaml'), 'rules:\n  actor-unknown: error\n  actor-unkown: off\n');
    writeFileSync(join(dir, 'a.md'), '---\npublished: 2023-10-10\n---\nBy :actor[Wagner].\n');
    const result = await cli(['check', '.', '--format', 'json'], dir);
    expect(JSON.parse(result.stdout).map((d: { code: string; severity: string }) => [d.code, d.severity])).toEqual([['actor-unknown', 'error']]);
    expect(result.stderr).toBe('incident-markup: .incident-markup.yaml:3:3: warning: Unknown diagnostic code "actor-unkown"; did you mean "actor-unknown"? It is ignored (the codes are listed in docs/rules.md).\n');
    expect(result.status).toBe(1);

    writeFileSync(join(dir, '.incident-markup.yaml'), 'rules:\n  actor-unknown: loud\n');
    const broken = await cli(['check', '.', '--format', 'json'], dir);
    expect(broken.stderr).toMatch(/^incident-markup: \.incident-markup\.yaml:2:18: error: /);
    expect(broken.status).toBe(2);
  });

  it('prints help and version', async () => {
    expect((await cli(['--help'])).stdout).toMatch(/^Usage: incident-markup check/);
    expect(await cli(['--version'])).toEqual({ status: 0, stdout: '9.9.9\n', stderr: '' });
  });

  it('says so, and still checks, when the built-in world gazetteer cannot be read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'im-cli-'));
    writeFileSync(join(dir, 'broken.bin'), 'not a gazetteer');
    const spawned = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'check', 'test/fixtures/reports/clean.md'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, INCIDENT_MARKUP_WORLD_GAZETTEER: join(dir, 'broken.bin') },
    });
    expect(spawned.stderr).toMatch(/^incident-markup: .+; places are checked against the gazetteer files only\.\n$/);
    expect(spawned.stdout).toBe('✔ 1 file checked, no problems.\n');
    expect(spawned.status).toBe(0);
  });

  it('runs as the built bin, with the same result as in process', async () => {
    const spawned = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'check', 'test/fixtures/reports/mistakes.md', '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
    expect(spawned.stderr).toBe('');
    expect(spawned.status).toBe(1);
    expect(JSON.parse(spawned.stdout)).toEqual(MISTAKES);
  });
});
