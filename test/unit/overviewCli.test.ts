import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/runCli.js';
import { OVERVIEW_USAGE } from '../../server/src/cli/overviewOptions.js';

// `incident-markup overview`: its usage errors, and a page no report's text can break out of.
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'overview-cli-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, { cwd: folder, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { status, stdout, stderr };
}

describe('incident-markup overview', () => {
  it('prints its usage, and refuses what it cannot do before reading any report', async () => {
    expect(await cli(['overview', '--help'])).toEqual({ status: 0, stdout: OVERVIEW_USAGE, stderr: '' });
    expect(await cli(['overview', '--output', 'missing/overview.html'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'incident-markup: cannot write missing/overview.html: the folder missing does not exist; create it first or name another file.\n',
    });
    expect(await cli(['overview', '--format', 'csv'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'incident-markup: unknown option --format.\n\nUsage: incident-markup overview [paths or globs…] [--output FILE] [options]\n(incident-markup overview --help lists the options)\n',
    });
  });

  it('writes a page that a report\'s text cannot close a script of, its title escaped', async () => {
    const title = '</script><script>alert(1)</script> & <b>';
    await writeFile(join(folder, 'hostile.md'), `---\ntitle: "${title}"\npublished: 2023-10-10\n---\n:::incident{#a date=2023-10-05}\nText </script> and <!-- here.\n:::\n`);
    const { status, stdout, stderr } = await cli(['overview', 'hostile.md', '--no-builtin-gazetteer']);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    // Only the page's own two scripts close: the data's and the bundle's.
    expect(stdout.match(/<\/script/gi)).toHaveLength(2);
    expect(stdout).toContain('<title>Incidents Overview: &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;</title>');
    const data = JSON.parse(/<script type="application\/json" id="overview-data">(.*?)<\/script>/s.exec(stdout)![1]!) as { reports: { title: string }[] };
    expect(data.reports[0]!.title).toBe(title);
  });

  it('writes the page to --output and says what it wrote', async () => {
    await writeFile(join(folder, 'one.md'), '---\npublished: 2023-10-10\n---\n:::incident{#a date=2023-10-05}\nText.\n:::\n');
    const { status, stdout, stderr } = await cli(['overview', 'one.md', '--no-builtin-gazetteer', '-o', 'page.html']);
    const page = await readFile(join(folder, 'page.html'), 'utf8');
    expect({ status, stdout, stderr }).toEqual({ status: 0, stdout: '', stderr: `incident-markup: the overview of 1 incident in 1 report written to page.html (${Math.round(Buffer.byteLength(page) / 1024)} KiB).\n` });
    expect(page.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
  });
});
