import { describe, expect, it } from 'vitest';
import { EXPORT_USAGE } from '../../server/src/cli/exportOptions.js';
import { inShard, parseShard, pathHash } from '../../server/src/cli/shard.js';
import { cli, sandboxes } from '../helpers/cliSandbox.js';

const sandbox = sandboxes('shard');

/** 30 reports in three folders, each with one unknown actor, so that each file checked shows in the JSON. */
function archive(): Record<string, string> {
  const files: Record<string, string> = { 'gazetteer.yaml': 'actors:\n  - id: wagner\n    name: Wagner Group\n' };
  for (let n = 1; n <= 30; n++) files[`${2021 + (n % 3)}/report-${n}.md`] = `---\npublished: 2023-10-10\n---\nStrikes by :actor[Wagner Grup].\n`;
  return files;
}

const REPORTS = Object.keys(archive()).filter((name) => name.endsWith('.md')).sort();
const filesOf = (stdout: string) => (JSON.parse(stdout) as { file: string }[]).map((finding) => finding.file);

describe('incident-markup check --shard', { timeout: 60_000 }, () => {
  it('splits the reports into disjoint shards whose union is every report, the same on every run', async () => {
    const root = await sandbox(archive());
    const whole = await cli(['check', '.', '--format', 'json'], root);
    expect(filesOf(whole.stdout)).toEqual(REPORTS);
    const shards: string[][] = [];
    for (const index of [1, 2, 3]) {
      const result = await cli(['check', '.', '--format', 'json', '--shard', `${index}/3`], root);
      expect([result.status, result.stderr]).toEqual([0, '']);
      // Each shard is what the hash of the path relative to the working folder says.
      expect(filesOf(result.stdout)).toEqual(REPORTS.filter((name) => pathHash(name) % 3 === index - 1));
      expect(filesOf((await cli(['check', '.', '--format', 'json', '--shard', `${index}/3`], root)).stdout)).toEqual(filesOf(result.stdout));
      shards.push(filesOf(result.stdout));
    }
    expect(shards.flat().sort()).toEqual(REPORTS);
    expect(new Set(shards.flat()).size).toBe(REPORTS.length);
    expect(shards.map((shard) => shard.length)).toEqual([7, 15, 8]);
    // The shards of a path do not depend on how the folder was named on the command line.
    expect(filesOf((await cli(['check', '2021', '2022', '2023', '--format', 'json', '--shard', '2/3'], root)).stdout)).toEqual(shards[1]);
    expect((await cli(['check', '.', '--shard', '1/1', '--format', 'json'], root)).stdout).toBe(whole.stdout);
  });

  it('hashes the path relative to the working folder with FNV-1a (32 bits), with forward slashes', () => {
    expect(pathHash('')).toBe(0x811c9dc5);
    expect(pathHash('a')).toBe(0xe40c292c);
    expect(pathHash('foobar')).toBe(0xbf9cf968);
    expect(inShard('/archive/2021/report-1.md', '/archive', { index: (pathHash('2021/report-1.md') % 4) + 1, count: 4 })).toBe(true);
    expect(parseShard(' 2/4 ')).toEqual({ index: 2, count: 4 });
  });

  it('refuses a shard that is not INDEX/COUNT with 1 ≤ INDEX ≤ COUNT, and standard input', async () => {
    const root = await sandbox(archive());
    for (const value of ['0/3', '4/3', '1-3', '3', 'a/b', '1/0']) {
      expect(await cli(['check', '.', '--shard', value], root)).toEqual({
        status: 2,
        stdout: '',
        stderr: `incident-markup: --shard must be INDEX/COUNT with 1 ≤ INDEX ≤ COUNT, as in --shard 2/4 (the second of four jobs), not "${value}".\n`,
      });
    }
    for (const flag of ['--shard=1/2', '--cache', '--cache-location=kept', '--concurrency=2']) {
      expect(await cli(['export', '.', flag], root)).toEqual({
        status: 2,
        stdout: '',
        stderr: `incident-markup: ${flag.split('=')[0]} is an option of check, not of export.\n\n${EXPORT_USAGE.split('\n')[0]}\n(incident-markup export --help lists the options)\n`,
      });
    }
    expect(await cli(['check', '-', '--shard', '1/2'], root)).toEqual({
      status: 2,
      stdout: '',
      stderr: 'incident-markup: --shard splits files among CI jobs; it does not go with "-" (standard input).\n',
    });
  });
});
