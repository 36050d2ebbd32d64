import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckStats } from '../../server/src/cli/cliIo.js';
import { runCli } from '../../server/src/cli/runCli.js';

// Worker processes run dist/checkWorker.js (npm test builds it before the tests): these tests check
// that the bundle prints what the sources print in one thread.

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function sandbox(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'incident-markup-scale-'));
  folders.push(root);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(root, name, '..'), { recursive: true });
    await writeFile(join(root, name), text);
  }
  return root;
}

async function cli(args: string[], cwd: string, tty = false) {
  let stdout = '';
  let stderr = '';
  let stats: CheckStats | undefined;
  const status = await runCli(
    args,
    { cwd, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), stderrIsTTY: tty, onCheckStats: (figures) => (stats = figures) },
    '9.9.9',
  );
  return { status, stdout, stderr, stats };
}

/** Two teams' folders, each with its gazetteer (south's with a duplicate id), five reports each. */
function archive(): Record<string, string> {
  const files: Record<string, string> = {
    'north/gazetteer.yaml': 'actors:\n  - id: wagner\n    name: Wagner Group\n',
    'south/gazetteer.yaml': 'actors:\n  - id: rsf\n    name: Rapid Support Forces\n    aliases: [RSF]\n  - id: rsf\n    name: Duplicate\n',
  };
  for (let n = 1; n <= 5; n++) {
    files[`north/report-${n}.md`] = `---\npublished: 2023-10-10\n---\nOn :date[2023-09-3${n}] strikes by :actor[Wagner Group] and :actor[Wagner Grup].\n`;
    files[`south/report-${n}.md`] = `---\npublished: 2023-10-10\n---\nAttacks by :actor[RSF] killed :count[${n} people]{type=killed}.\n`;
  }
  return files;
}

const at = (line: number, column: number, endColumn: number) => ({ line, column, endLine: line, endColumn });

/** The whole JSON output of `check .` on archive(), at the default severity. */
function expectedArchive() {
  const north = [1, 2, 3, 4, 5].flatMap((n) => [
    { file: `north/report-${n}.md`, ...at(4, 10, 20), severity: 'information', code: 'date-unresolved', message: `Cannot read a date from "2023-09-3${n}"; add value=YYYY-MM-DD (or YYYY-MM, YYYY, or start/end).` },
    { file: `north/report-${n}.md`, ...at(4, 65, 76), severity: 'warning', code: 'actor-unknown', message: 'Actor "Wagner Grup" is not in the gazetteer; did you mean "Wagner Group" (Wagner Group)?' },
  ]);
  const south = [1, 2, 3, 4, 5].map((n) => ({
    file: `south/report-${n}.md`,
    ...at(4, 38, 46),
    severity: 'error',
    code: 'count-invalid',
    message: `Cannot read a number from "${n} people"; write the figure in the label ("46", "forty-six", "at least 46", "dozens") or add value=N.`,
  }));
  const gazetteer = {
    file: 'south/gazetteer.yaml',
    ...at(5, 9, 12),
    severity: 'error',
    code: 'gazetteer-duplicate-id',
    message: 'The id "rsf" is already used by "Rapid Support Forces" (earlier in this file); ids must be unique across all gazetteer files.',
  };
  return [...north, ...south, gazetteer];
}

describe('incident-markup check with worker processes', { timeout: 120_000 }, () => {
  it('prints the same diagnostics in the same order as in one thread, in every format', async () => {
    const root = await sandbox(archive());
    const serial = await cli(['check', '.', '--format', 'json', '--concurrency', 'off'], root);
    expect(JSON.parse(serial.stdout)).toEqual(expectedArchive());
    expect([serial.status, serial.stderr, serial.stats]).toEqual([1, '', { files: 10, checked: 10, fromCache: 0, workers: 0 }]);
    const parallel = await cli(['check', '.', '--format', 'json', '--concurrency', '2'], root);
    expect(parallel).toEqual({ ...serial, stats: { files: 10, checked: 10, fromCache: 0, workers: 2 } });
    for (const format of ['stylish', 'sarif', 'github']) {
      const inOneThread = await cli(['check', '.', '--format', format, '--min-severity', 'hint', '--concurrency', 'off'], root);
      const inWorkers = await cli(['check', '.', '--format', format, '--min-severity', 'hint', '--concurrency', '3'], root);
      expect(inWorkers).toEqual({ ...inOneThread, stats: { files: 10, checked: 10, fromCache: 0, workers: 3 } });
    }
  });

  it('runs its workers from beside the built bin, as npx incident-markup does', async () => {
    const root = await sandbox(archive());
    const spawned = spawnSync(process.execPath, [join(import.meta.dirname, '../../dist/cli.js'), 'check', '.', '--format', 'json', '--concurrency', '2'], { cwd: root, encoding: 'utf8' });
    expect([spawned.status, spawned.stderr]).toEqual([1, '']);
    expect(JSON.parse(spawned.stdout)).toEqual(expectedArchive());
  });

  it('says a worker process killed from outside was killed, not that it is a bug, and exits 2', async () => {
    const root = await sandbox(archive());
    const child = spawn(process.execPath, [join(import.meta.dirname, '../../dist/cli.js'), 'check', '.', '--format', 'json', '--concurrency', '2'], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Its workers are forked before any report is sent to them: the first found is killed at once.
    let worker: number | undefined;
    while (worker === undefined) {
      const found = spawnSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
      if (found) worker = Number(found);
      else await new Promise((resolve) => setImmediate(resolve));
    }
    process.kill(worker, 'SIGTERM');
    expect(await exited).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      "incident-markup: a check worker process was stopped by SIGTERM, sent from outside (a CI job's time limit, the system's out-of-memory killer, a kill command), " +
        'so the check did not finish and no report was printed. Run it again; with --concurrency off it runs in one process.\n',
    );
  });

  it('checks a handful of files in this thread by default (auto)', async () => {
    const root = await sandbox(archive());
    const result = await cli(['check', '.', '--format', 'json'], root);
    expect(JSON.parse(result.stdout)).toEqual(expectedArchive());
    expect(result.stats).toEqual({ files: 10, checked: 10, fromCache: 0, workers: 0 });
  });

  it('reports an unreadable file among several, checks the others and exits 2', async () => {
    const root = await sandbox(archive());
    execFileSync('mkfifo', [join(root, 'north/pipe.md')]);
    for (const concurrency of ['2', 'off']) {
      const result = await cli(['check', '.', 'north/pipe.md', '--format', 'json', '--concurrency', concurrency], root);
      expect(JSON.parse(result.stdout)).toEqual(expectedArchive());
      expect(result.stderr).toBe('incident-markup: cannot check north/pipe.md: it is a FIFO (named pipe), not a regular file; name a file.\n');
      expect(result.status).toBe(2);
    }
  });

  it('refuses a --concurrency that is not a number of workers, auto or off', async () => {
    const root = await sandbox(archive());
    for (const value of ['0', 'two', '-1']) {
      expect(await cli(['check', '.', `--concurrency=${value}`], root)).toEqual({
        status: 2,
        stdout: '',
        stderr: `incident-markup: --concurrency must be a number of worker processes (1 or more), auto or off, not "${value}".\n`,
        stats: undefined,
      });
    }
  });

  it('shows progress on standard error when it is a terminal, and clears it', async () => {
    const root = await sandbox(archive());
    const result = await cli(['check', '.', '--format', 'json', '--concurrency', '2'], root, true);
    expect(JSON.parse(result.stdout)).toEqual(expectedArchive());
    // The first and the last report always show; those between only 100 ms apart.
    expect(result.stderr.startsWith('\rchecked 1/10 files')).toBe(true);
    expect(result.stderr.endsWith('\rchecked 10/10 files\r\x1b[K')).toBe(true);
    expect(result.stderr.split('\r').slice(1, -1).every((part) => /^checked \d+\/10 files$/.test(part))).toBe(true);
    expect((await cli(['check', '.', '--format', 'json'], root, false)).stderr).toBe('');
  });
});
