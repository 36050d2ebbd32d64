/**
 * The CLI on hostile files (issue 16): a clear message and an exit status, never a stack trace or
 * a hang. Bounded sizes; `npm run soak` runs the full sizes through the built CLI.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { internalErrorMessage, runCli } from '../../server/src/cli/runCli.js';

async function cli(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, { cwd, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) }, '9.9.9');
  return { status, stdout, stderr };
}

function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'im-hostile-'));
  writeFileSync(join(dir, 'gazetteer.yaml'), 'actors: []\nplaces: []\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('check on hostile reports', () => {
  it('a YAML alias bomb in the front matter is a diagnostic at the front matter, exit 1, no stack trace', async () => {
    const bomb = [
      '---',
      'published: 2023-10-10',
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      '---',
      ':::incident{#strike date=2023-10-04}',
      ':count[3]{type=killed} people were killed.',
      ':::',
      '',
    ].join('\n');
    const dir = folderWith({ 'bomb.md': bomb });
    const result = await cli(['check', 'bomb.md', '--format', 'json'], dir);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([
      {
        file: 'bomb.md',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 4,
        severity: 'error',
        code: 'markup-invalid-front-matter',
        message: 'The front matter is not read: its aliases (`*name`) expand to more than 100 copies. Write the values out instead.',
      },
    ]);
    expect(result.status).toBe(1);
  });
});

describe('check on shapes the Markdown parser is slow on', () => {
  it('a list nested 200 deep is one warning at the list, and the mistake after it is still found', async () => {
    const list = Array.from({ length: 200 }, (_, level) => `${'  '.repeat(level)}- item ${level}`).join('\n');
    const dir = folderWith({ 'deep.md': `---\npublished: 2023-10-10\n---\n${list}\n\nAfter it, :count[many]{type=killed} people were killed.\n` });
    const result = await cli(['check', 'deep.md', '--format', 'json'], dir);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).map(({ line, code, message }: { line: number; code: string; message: string }) => ({ line, code, message }))).toEqual([
      {
        line: 4,
        code: 'markup-not-checked',
        message: 'This block nests lists or block quotes 200 deep, and incident markup is checked up to a depth of 32: incident markup in it is not checked. Flatten it.',
      },
      {
        line: 205,
        code: 'count-invalid',
        message: 'Cannot read a number from "many"; write the figure in the label ("46", "forty-six", "at least 46", "dozens") or add value=N.',
      },
    ]);
    expect(result.status).toBe(1);
  });
});

describe('an internal error', () => {
  it('says what went wrong and on which file, in one line, without the stack', () => {
    const error = Object.assign(new Error('EISDIR: illegal operation on a directory, read'), { path: '/reports/a.md' });
    expect(internalErrorMessage(error, false)).toBe(
      'incident-markup: internal error: EISDIR: illegal operation on a directory, read (/reports/a.md). This is a bug: please report it with the command and the files it was given (INCIDENT_MARKUP_DEBUG=1 prints the details).\n',
    );
  });

  it('prints the stack only when asked to with INCIDENT_MARKUP_DEBUG=1', () => {
    const error = new Error('something\nwith more lines');
    error.stack = 'Error: something\n    at place (file.ts:1:1)';
    expect(internalErrorMessage(error, true)).toBe(
      'incident-markup: internal error: something. This is a bug: please report it with the command and the files it was given (INCIDENT_MARKUP_DEBUG=1 prints the details).\nError: something\n    at place (file.ts:1:1)\n',
    );
  });
});
