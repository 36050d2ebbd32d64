import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { colorWanted } from '../../server/src/cli/cliIo.js';
import { runCli } from '../../server/src/cli/runCli.js';
import { CHECK_USAGE } from '../../server/src/cli/checkOptions.js';
import { EXPORT_USAGE } from '../../server/src/cli/exportOptions.js';
import { SIZE_LIMITS } from '../../server/src/core/workspace/fileSystem.js';

async function cli(args: string[], cwd: string, extra: { color?: boolean; stdin?: string | Buffer } = {}) {
  let stdout = '';
  let stderr = '';
  const io = {
    cwd,
    color: extra.color ?? false,
    stdout: (text: string) => (stdout += text),
    stderr: (text: string) => (stderr += text),
    ...(extra.stdin !== undefined ? { stdin: () => Readable.from([Buffer.from(extra.stdin!)]) } : {}),
  };
  const status = await runCli(args, io, '9.9.9');
  return { status, stdout, stderr };
}

// A hint (date-inferred), a warning (place-unknown) and an error (date-invalid) on line 6.
const REPORT =
  '---\npublished: 2023-10-05\n---\n\n:::incident{id=a date=2023-10-04}\n' +
  'On :date[4 October], 100% of :place[Nowhere, here] burned; :date[31 September]{value=2023-09-31}.\n:::\n';
// Two warnings (place-unknown) and nothing else.
const WARNINGS = '---\npublished: 2023-10-05\n---\n\nStrikes in :place[Nowhere] and :place[Elsewhere].\n';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'im-options-'));
  writeFileSync(join(dir, 'gazetteer.yaml'), 'actors: []\nplaces: []\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

// The built-in world layer is left out: these tests are about options, and the team gazetteer is empty.
const NO_WORLD = '--no-builtin-gazetteer';
const row = (line: number, column: number, endColumn: number, severity: string, code: string, message: string) =>
  ({ file: 'r.md', line, column, endLine: line, endColumn, severity, code, message });
const ERROR = row(6, 86, 96, 'error', 'date-invalid', '"2023-09-31" is not a calendar date: September 2023 has 30 days.');
const WARNING = row(6, 37, 50, 'warning', 'place-unknown', 'Place "Nowhere, here" is not in the gazetteer; add it to the gazetteer or give ref= with its id.');
const unknownPlace = (name: string, column: number, endColumn: number) =>
  ({ ...row(5, column, endColumn, 'warning', 'place-unknown', `Place "${name}" is not in the gazetteer; add it to the gazetteer or give ref= with its id.`), file: 'w.md' });
const TWO_WARNINGS = [unknownPlace('Nowhere', 19, 26), unknownPlace('Elsewhere', 39, 48)];

describe('check options', () => {
  it('--quiet shows errors only', async () => {
    const result = await cli(['check', 'r.md', NO_WORLD, '--quiet', '--format', 'json'], folder({ 'r.md': REPORT }));
    expect({ ...result, stdout: JSON.parse(result.stdout) }).toEqual({ status: 1, stdout: [ERROR], stderr: '' });
  });

  it('--max-warnings N exits 1 only when more than N warnings are shown, and says so on stderr', async () => {
    const dir = folder({ 'w.md': WARNINGS });
    const atTwo = await cli(['check', 'w.md', NO_WORLD, '--format', 'json', '--max-warnings', '2'], dir);
    expect({ ...atTwo, stdout: JSON.parse(atTwo.stdout) }).toEqual({ status: 0, stdout: TWO_WARNINGS, stderr: '' });
    const atOne = await cli(['check', 'w.md', NO_WORLD, '--format', 'json', '--max-warnings', '1'], dir);
    expect({ ...atOne, stdout: JSON.parse(atOne.stdout) }).toEqual({
      status: 1,
      stdout: TWO_WARNINGS,
      stderr: 'incident-markup: 2 warnings, more than --max-warnings 1 allows.\n',
    });
    expect(await cli(['check', 'w.md', '--max-warnings', 'some'], dir)).toEqual({
      status: 2,
      stdout: '',
      stderr: 'incident-markup: --max-warnings must be a whole number, 0 or more, not "some".\n',
    });
  });

  it('--rule CODE=SEVERITY overrides a code\'s severity, repeatable; an unknown code is a usage error with a suggestion', async () => {
    const dir = folder({ 'r.md': REPORT });
    const result = await cli(['check', 'r.md', NO_WORLD, '--format', 'json', '--rule', 'date-invalid=warning', '--rule', 'place-unknown=off'], dir);
    expect({ ...result, stdout: JSON.parse(result.stdout) }).toEqual({ status: 0, stdout: [{ ...ERROR, severity: 'warning' }], stderr: '' });
    expect(await cli(['check', 'r.md', '--rule', 'place-unknwn=off'], dir)).toEqual({
      status: 2,
      stdout: '',
      stderr: 'incident-markup: --rule place-unknwn=off: unknown code "place-unknwn"; did you mean "place-unknown"? (the codes are listed in docs/rules.md)\n',
    });
    expect(await cli(['check', 'r.md', '--rule', 'place-unknown=loud'], dir)).toEqual({
      status: 2,
      stdout: '',
      stderr: 'incident-markup: --rule place-unknown=loud: the severity must be off, hint, information, warning or error, as in --rule place-unknown=warning.\n',
    });
  });

  it('--config FILE is used instead of the nearest .incident-markup.yaml', async () => {
    const dir = folder({ 'r.md': REPORT, '.incident-markup.yaml': 'rules:\n  place-unknown: off\n', 'strict.yaml': 'rules:\n  date-invalid: warning\n' });
    const nearest = await cli(['check', 'r.md', NO_WORLD, '--format', 'json'], dir);
    expect(JSON.parse(nearest.stdout)).toEqual([ERROR]);
    const named = await cli(['check', 'r.md', NO_WORLD, '--format', 'json', '--config', 'strict.yaml'], dir);
    expect({ ...named, stdout: JSON.parse(named.stdout) }).toEqual({ status: 0, stdout: [WARNING, { ...ERROR, severity: 'warning' }], stderr: '' });
    expect(await cli(['check', 'r.md', '--config', 'missing.yaml'], dir)).toEqual({
      status: 2,
      stdout: '',
      stderr: 'incident-markup: configuration file missing.yaml was not read: it does not exist. Check the --config path.\n',
    });
  });

  it('- with --stdin-filename checks standard input as that file, with its folder\'s gazetteer', async () => {
    const dir = folder({});
    const result = await cli(['check', '-', '--stdin-filename', 'r.md', NO_WORLD, '--format', 'json'], dir, { stdin: REPORT });
    expect({ ...result, stdout: JSON.parse(result.stdout) }).toEqual({ status: 1, stdout: [WARNING, ERROR], stderr: '' });
    const unnamed = await cli(['check', '-', NO_WORLD, '--quiet'], dir, { stdin: REPORT });
    expect(unnamed).toEqual({
      status: 1,
      stdout: `<stdin>\n  6:86  error        ${ERROR.message}  date-invalid\n\n✖ 1 problem in 1 file (1 error, 0 warnings, 0 information, 0 hints)\n`,
      stderr: '',
    });
  });

  it('refuses standard input past the size limit for reports', async () => {
    const result = await cli(['check', '-', NO_WORLD], folder({}), { stdin: Buffer.alloc(SIZE_LIMITS.report + 1, 'a') });
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr: 'incident-markup: cannot check standard input: it is larger than the 16 MiB limit for reports; split it into smaller files.\n',
    });
  });

  it('--no-color turns the terminal\'s colours off', async () => {
    const result = await cli(['check', 'r.md', NO_WORLD, '--quiet', '--no-color'], folder({ 'r.md': REPORT }), { color: true });
    expect(result).toEqual({
      status: 1,
      stdout: `r.md\n  6:86  error        ${ERROR.message}  date-invalid\n\n✖ 1 problem in 1 file (1 error, 0 warnings, 0 information, 0 hints)\n`,
      stderr: '',
    });
  });

  it('colours only a terminal, and not when NO_COLOR is set', () => {
    const cases = [
      [true, {}],
      [true, { NO_COLOR: '1' }],
      [true, { NO_COLOR: '' }],
      [false, {}],
      [undefined, {}],
    ] as const;
    expect(cases.map(([isTTY, env]) => colorWanted(isTTY, env))).toEqual([true, false, true, false, false]);
  });

  it('reads standard input in the built bin too', () => {
    const dir = folder({});
    const bin = join(import.meta.dirname, '../../dist/cli.js');
    const spawned = spawnSync(process.execPath, [bin, 'check', '-', '--stdin-filename', 'r.md', NO_WORLD, '--format', 'github', '--quiet'], { cwd: dir, input: REPORT, encoding: 'utf8' });
    expect({ status: spawned.status, stdout: spawned.stdout, stderr: spawned.stderr }).toEqual({
      status: 1,
      stdout: `::error file=r.md,line=6,col=86,endLine=6,endColumn=96,title=date-invalid::${ERROR.message}\n`,
      stderr: '',
    });
  });

  it('check --help and export --help print their own usage', async () => {
    expect(await cli(['check', '--help'], folder({}))).toEqual({ status: 0, stdout: CHECK_USAGE, stderr: '' });
    expect(await cli(['export', '-h'], folder({}))).toEqual({ status: 0, stdout: EXPORT_USAGE, stderr: '' });
    expect(CHECK_USAGE).toMatch(/^Usage: incident-markup check /);
    expect(EXPORT_USAGE).toMatch(/^Usage: incident-markup export /);
  });

  it.each([
    [['check', '--min-severty', 'hint'], 'unknown option --min-severty; did you mean --min-severity?', CHECK_USAGE],
    [['check', '--quite'], 'unknown option --quite; did you mean --quiet?', CHECK_USAGE],
    [['export', '--fromat', 'csv'], 'unknown option --fromat; did you mean --format?', EXPORT_USAGE],
    // Accepted and ignored before: export has no severities.
    [['export', '--min-severity', 'error'], '--min-severity is an option of check, not of export.', EXPORT_USAGE],
    [['check', '--format'], '--format needs a value.', CHECK_USAGE],
  ])('answers %j with the usage line and a suggestion', async (args, message, usage) => {
    const command = args[0];
    expect(await cli(args, folder({}))).toEqual({
      status: 2,
      stdout: '',
      stderr: `incident-markup: ${message}\n\n${usage.split('\n')[0]}\n(incident-markup ${command} --help lists the options)\n`,
    });
  });

  it('refuses a file that is not Markdown named explicitly; globs pick only .md and .markdown', async () => {
    const dir = folder({ 'notes.txt': REPORT, 'r.markdown': REPORT });
    expect(await cli(['check', 'notes.txt'], dir)).toEqual({
      status: 2,
      stdout: '',
      stderr: 'incident-markup: notes.txt is not a Markdown file (.md, .markdown); name Markdown files, folders or globs.\n',
    });
    const globbed = await cli(['check', '*', NO_WORLD, '--quiet', '--format', 'json'], dir);
    expect({ ...globbed, stdout: JSON.parse(globbed.stdout) }).toEqual({ status: 1, stdout: [{ ...ERROR, file: 'r.markdown' }], stderr: '' });
  });
});
