import { execFileSync } from 'node:child_process';
import { readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliWithStats as cli, sandboxes } from '../helpers/cliSandbox.js';

const sandbox = sandboxes('cache');

const NORTH_GAZETTEER = 'actors:\n  - id: wagner\n    name: Wagner Group\n';
const SOUTH_GAZETTEER = 'actors:\n  - id: rsf\n    name: Rapid Support Forces\n';
const north = (n: number) => `---\npublished: 2023-10-10\n---\nStrikes by :actor[Wagner Group] and :actor[Wagner Grup] (${n}).\n`;
const south = (n: number) => `---\npublished: 2023-10-10\n---\nAttacks by :actor[RSF] (${n}).\n`;

function files(): Record<string, string> {
  const result: Record<string, string> = { 'north/gazetteer.yaml': NORTH_GAZETTEER, 'south/gazetteer.yaml': SOUTH_GAZETTEER };
  for (const n of [1, 2, 3]) {
    result[`north/report-${n}.md`] = north(n);
    result[`south/report-${n}.md`] = south(n);
  }
  return result;
}

const line4 = (column: number, endColumn: number) => ({ line: 4, column, endLine: 4, endColumn });
const northFinding = (n: number) => ({ file: `north/report-${n}.md`, ...line4(44, 55), severity: 'warning', code: 'actor-unknown', message: 'Actor "Wagner Grup" is not in the gazetteer; did you mean "Wagner Group" (Wagner Group)?' });
const southFinding = (n: number) => ({ file: `south/report-${n}.md`, ...line4(19, 22), severity: 'warning', code: 'actor-unknown', message: 'Actor "RSF" is not in the gazetteer; add it to the gazetteer or give ref= with its id.' });
const ALL = [...[1, 2, 3].map(northFinding), ...[1, 2, 3].map(southFinding)];
const CHECK = ['check', '.', '--format', 'json', '--cache'];
const CACHE_FILE = '.cache/incident-markup/check-cache.json';

describe('incident-markup check --cache', { timeout: 60_000 }, () => {
  it('checks only what changed: a second run reads every report from the cache', async () => {
    const root = await sandbox(files());
    const first = await cli(CHECK, root);
    expect(JSON.parse(first.stdout)).toEqual(ALL);
    expect([first.status, first.stderr, first.stats]).toEqual([0, '', { files: 6, checked: 6, fromCache: 0, workers: 0 }]);
    const written = await stat(join(root, CACHE_FILE));
    const second = await cli(CHECK, root);
    expect(second).toEqual({ ...first, stats: { files: 6, checked: 0, fromCache: 6, workers: 0 } });
    // Nothing changed, so nothing is written.
    expect((await stat(join(root, CACHE_FILE))).mtimeMs).toBe(written.mtimeMs);

    // What the second run printed came from the cache: a result changed in the file is printed as it is there.
    const cache = JSON.parse(await readFile(join(root, CACHE_FILE), 'utf8'));
    cache.entries[join(root, 'north/report-2.md')].result.diagnostics[0].message = 'from the cache';
    await writeFile(join(root, CACHE_FILE), JSON.stringify(cache));
    const third = await cli(CHECK, root);
    expect(JSON.parse(third.stdout)).toEqual(ALL.map((finding) => (finding.file === 'north/report-2.md' ? { ...finding, message: 'from the cache' } : finding)));

    // A changed report is checked again, and only it.
    await writeFile(join(root, 'north/report-2.md'), north(2).replace('Wagner Grup', 'Wagner Group'));
    const fourth = await cli(CHECK, root);
    expect(JSON.parse(fourth.stdout)).toEqual(ALL.filter((finding) => finding.file !== 'north/report-2.md'));
    expect(fourth.stats).toEqual({ files: 6, checked: 1, fromCache: 5, workers: 0 });
  });

  it('checks again the reports whose gazetteer changed, and only them', async () => {
    const root = await sandbox(files());
    await cli(CHECK, root);
    await writeFile(join(root, 'south/gazetteer.yaml'), `${SOUTH_GAZETTEER}    aliases: [RSF]\n`);
    const after = await cli(CHECK, root);
    expect(JSON.parse(after.stdout)).toEqual([1, 2, 3].map(northFinding));
    expect(after.stats).toEqual({ files: 6, checked: 3, fromCache: 3, workers: 0 });
    await writeFile(join(root, 'north/gazetteer.yaml'), NORTH_GAZETTEER.replace('Wagner Group', 'Wagner Grup'));
    const renamed = await cli(CHECK, root);
    expect(JSON.parse(renamed.stdout)).toEqual([1, 2, 3].map((n) => ({ ...northFinding(n), ...line4(19, 31), message: 'Actor "Wagner Group" is not in the gazetteer; did you mean "Wagner Grup" (Wagner Grup)?' })));
    expect(renamed.stats).toEqual({ files: 6, checked: 3, fromCache: 3, workers: 0 });
    // A gazetteer farther up changes nothing; once south's own is gone, it is the one south's reports use.
    await writeFile(join(root, 'gazetteer.yaml'), 'actors: []\n');
    expect((await cli(CHECK, root)).stats).toEqual({ files: 6, checked: 0, fromCache: 6, workers: 0 });
    await rm(join(root, 'south/gazetteer.yaml'));
    const moved = await cli(CHECK, root);
    expect(moved.stats).toEqual({ files: 6, checked: 3, fromCache: 3, workers: 0 });
    expect(JSON.parse(moved.stdout).slice(3)).toEqual([1, 2, 3].map(southFinding));
  });

  it('checks everything again when the configuration or the command line\'s rules change', async () => {
    const root = await sandbox(files());
    await cli(CHECK, root);
    await writeFile(join(root, '.incident-markup.yaml'), 'rules:\n  actor-unknown: error\n');
    const configured = await cli(CHECK, root);
    expect(JSON.parse(configured.stdout)).toEqual(ALL.map((finding) => ({ ...finding, severity: 'error' })));
    expect([configured.status, configured.stats]).toEqual([1, { files: 6, checked: 6, fromCache: 0, workers: 0 }]);
    expect((await cli(CHECK, root)).stats).toEqual({ files: 6, checked: 0, fromCache: 6, workers: 0 });
    const ruled = await cli([...CHECK, '--rule', 'actor-unknown=off'], root);
    expect([ruled.stdout, ruled.stats]).toEqual(['[]\n', { files: 6, checked: 6, fromCache: 0, workers: 0 }]);
  });

  it('keeps the diagnostics the run shows: a run that shows more checks again, one that shows less reads them', async () => {
    const root = await sandbox(files());
    expect((await cli(CHECK, root)).stats).toEqual({ files: 6, checked: 6, fromCache: 0, workers: 0 });
    const quiet = await cli([...CHECK, '--quiet'], root);
    expect([quiet.stdout, quiet.stats]).toEqual(['[]\n', { files: 6, checked: 0, fromCache: 6, workers: 0 }]);
    const hints = await cli([...CHECK, '--min-severity', 'hint'], root);
    expect(hints.stats).toEqual({ files: 6, checked: 6, fromCache: 0, workers: 0 });
    expect(await cli([...CHECK, '--min-severity', 'hint'], root)).toEqual({ ...hints, stats: { files: 6, checked: 0, fromCache: 6, workers: 0 } });
    const again = await cli(CHECK, root);
    expect([JSON.parse(again.stdout), again.stats]).toEqual([ALL, { files: 6, checked: 0, fromCache: 6, workers: 0 }]);
  });

  it('keeps the cache where --cache-location says, shared by worker processes', async () => {
    const root = await sandbox(files());
    const inWorkers = await cli([...CHECK, '--cache-location', 'kept', '--concurrency', '2'], root);
    expect(JSON.parse(inWorkers.stdout)).toEqual(ALL);
    expect(inWorkers.stats).toEqual({ files: 6, checked: 6, fromCache: 0, workers: 2 });
    const again = await cli([...CHECK, '--cache-location', 'kept/check.json'], root);
    expect(again.stats).toEqual({ files: 6, checked: 6, fromCache: 0, workers: 0 });
    expect((await cli([...CHECK, '--cache-location', 'kept'], root)).stats).toEqual({ files: 6, checked: 0, fromCache: 6, workers: 0 });
    expect(await cli(['check', '.', '--cache-location', 'kept'], root)).toEqual({
      status: 2,
      stdout: '',
      stderr: 'incident-markup: --cache-location goes with --cache, which turns the cache on.\n',
      stats: undefined,
    });
  });

  it('checks again the reports whose gazetteer imports a dump that changed, by its content, not its time', async () => {
    const line = (name: string) => `9001001\t${name}\t${name}\t\t35.86447\t36.80591\tP\tPPL\tSY\t\t12\t\t\t\t34000\t\t368\tAsia/Damascus\t2024-01-01\n`;
    const root = await sandbox({
      'gazetteer.yaml': 'import: [dump.txt]\nactors: []\n',
      'dump.txt': line('Saraqib'),
      'report.md': '---\npublished: 2023-10-10\n---\nShelling of :place[Saraqib].\n',
    });
    const args = [...CHECK, '--no-builtin-gazetteer'];
    expect(await cli(args, root)).toEqual({ status: 0, stdout: '[]\n', stderr: '', stats: { files: 1, checked: 1, fromCache: 0, workers: 0 } });
    expect((await cli(args, root)).stats).toEqual({ files: 1, checked: 0, fromCache: 1, workers: 0 });
    // A new time on the same content (a CI checkout): hashed again, and the same.
    const later = new Date(Date.now() + 60_000);
    await utimes(join(root, 'dump.txt'), later, later);
    expect((await cli(args, root)).stats).toEqual({ files: 1, checked: 0, fromCache: 1, workers: 0 });
    await writeFile(join(root, 'dump.txt'), line('Saraqix'));
    const changed = await cli(args, root);
    expect(JSON.parse(changed.stdout)).toEqual([
      { file: 'report.md', ...line4(20, 27), severity: 'warning', code: 'place-unknown', message: 'Place "Saraqib" is not in the gazetteer; did you mean "Saraqix" (Saraqix — town)?' },
    ]);
    expect(changed.stats).toEqual({ files: 1, checked: 1, fromCache: 0, workers: 0 });
  });

  it('does not wait on an import that is a FIFO', async () => {
    const root = await sandbox({ 'gazetteer.yaml': 'import: [pipe.txt]\nactors: []\n', 'report.md': '---\npublished: 2023-10-10\n---\nNo names.\n' });
    execFileSync('mkfifo', [join(root, 'pipe.txt')]);
    const args = [...CHECK, '--no-builtin-gazetteer'];
    const first = await cli(args, root);
    expect(JSON.parse(first.stdout)).toEqual([
      {
        file: 'gazetteer.yaml',
        line: 1,
        column: 10,
        endLine: 1,
        endColumn: 18,
        severity: 'error',
        code: 'gazetteer-import-failed',
        message: 'GeoNames import "pipe.txt" was not read: it is a FIFO (named pipe), not a regular file; name a file.',
      },
    ]);
    expect((await cli(args, root)).stats).toEqual({ files: 1, checked: 0, fromCache: 1, workers: 0 });
  });

  it('reads from the cache a report larger than its first read buffer (1 MiB)', async () => {
    const long = `---\npublished: 2023-10-10\n---\n${'Nothing to mark up in this line of prose.\n\n'.repeat(26_000)}`;
    expect(Buffer.byteLength(long)).toBeGreaterThan(1.05 * 1024 * 1024);
    const root = await sandbox({ 'gazetteer.yaml': NORTH_GAZETTEER, 'long.md': long });
    const first = await cli([...CHECK, '--no-builtin-gazetteer'], root);
    expect(first).toEqual({ status: 0, stdout: '[]\n', stderr: '', stats: { files: 1, checked: 1, fromCache: 0, workers: 0 } });
    expect((await cli([...CHECK, '--no-builtin-gazetteer'], root)).stats).toEqual({ files: 1, checked: 0, fromCache: 1, workers: 0 });
  });

  it('checks a report that is not valid UTF-8 every time, and keeps the others', async () => {
    const root = await sandbox(files());
    await writeFile(join(root, 'south/report-4.md'), Buffer.concat([Buffer.from(south(4)), Buffer.from([0xff, 0x0a])]));
    const first = await cli(CHECK, root);
    expect(first.stats).toEqual({ files: 7, checked: 7, fromCache: 0, workers: 0 });
    const second = await cli(CHECK, root);
    expect(second).toEqual({ ...first, stats: { files: 7, checked: 1, fromCache: 6, workers: 0 } });
  });

  it('says a corrupt cache file was not read, checks every report and writes it anew', async () => {
    const root = await sandbox({ ...files(), [CACHE_FILE]: '{"format": 1, "entries": {' });
    const first = await cli(CHECK, root);
    expect(JSON.parse(first.stdout)).toEqual(ALL);
    expect(first.stderr).toBe(
      "incident-markup: the cache .cache/incident-markup/check-cache.json is not valid JSON (cut short or edited); its reports are checked again.\n",
    );
    expect((await cli(CHECK, root)).stats).toEqual({ files: 6, checked: 0, fromCache: 6, workers: 0 });
    await writeFile(join(root, CACHE_FILE), '[1, 2]');
    const wrongShape = await cli(CHECK, root);
    expect([wrongShape.stderr, wrongShape.stats]).toEqual([
      'incident-markup: the cache .cache/incident-markup/check-cache.json is not a cache file of this tool; its reports are checked again.\n',
      { files: 6, checked: 6, fromCache: 0, workers: 0 },
    ]);
    // An entry of the right file with a broken result is not used.
    const cache = JSON.parse(await readFile(join(root, CACHE_FILE), 'utf8'));
    cache.entries[join(root, 'south/report-1.md')].result.diagnostics = [{ code: 'actor-unknown' }];
    await writeFile(join(root, CACHE_FILE), JSON.stringify(cache));
    const broken = await cli(CHECK, root);
    expect([JSON.parse(broken.stdout), broken.stats]).toEqual([ALL, { files: 6, checked: 1, fromCache: 5, workers: 0 }]);
  });
});
