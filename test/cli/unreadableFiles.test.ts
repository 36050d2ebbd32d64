import { execFileSync } from 'node:child_process';
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, sandboxes } from '../helpers/cliSandbox.js';

const sandbox = sandboxes('cli');

/** Published, and its one actor in GAZETTEER: a report with nothing to say of it. */
const REPORT = '---\npublished: 2023-10-10\n---\nBy :actor[Wagner Group].\n';
const GAZETTEER = 'actors:\n  - id: wagner\n    name: Wagner Group\n';
const FIFO = 'it is a FIFO (named pipe), not a regular file; name a file.';

// Each of these blocked the CLI forever, or read /dev/zero to 650 MB, before the file-system seam.
describe('incident-markup with files that are not regular files', () => {
  it('refuses a FIFO or a device named with --gazetteer, at once', async () => {
    const root = await sandbox({ 'report.md': REPORT });
    execFileSync('mkfifo', [join(root, 'pipe.yaml')]);
    expect(await cli(['check', 'report.md', '--gazetteer', 'pipe.yaml'], root)).toEqual({
      status: 2,
      stdout: '',
      stderr: `incident-markup: gazetteer file pipe.yaml was not read: ${FIFO}\n`,
    });
    expect(await cli(['check', 'report.md', '--gazetteer', '/dev/zero'], root)).toEqual({
      status: 2,
      stdout: '',
      stderr: 'incident-markup: gazetteer file /dev/zero was not read: it is a device, not a regular file; name a file.\n',
    });
    expect(await cli(['gazetteer', 'check', 'pipe.yaml'], root)).toEqual({ status: 2, stdout: '', stderr: `incident-markup: cannot check pipe.yaml: ${FIFO}\n` });
  });

  it('refuses a report that is a FIFO, naming it', async () => {
    const root = await sandbox({ 'gazetteer.yaml': GAZETTEER });
    execFileSync('mkfifo', [join(root, 'pipe.md')]);
    expect(await cli(['check', 'pipe.md'], root)).toEqual({ status: 2, stdout: '', stderr: `incident-markup: cannot check pipe.md: ${FIFO}\n` });
  });

  it('says a .incident-markup.yaml that is a FIFO was not read, checks with the default severities and exits 2', async () => {
    const root = await sandbox({ 'gazetteer.yaml': GAZETTEER, 'report.md': REPORT });
    execFileSync('mkfifo', [join(root, '.incident-markup.yaml')]);
    expect(await cli(['check', 'report.md'], root)).toEqual({
      status: 2,
      stdout: '✔ 1 file checked, no problems.\n',
      stderr: `incident-markup: .incident-markup.yaml:1:1: error: .incident-markup.yaml was not read, so the default severities apply: ${FIFO}\n`,
    });
  });

  it('reports an import that is a FIFO or a device in the gazetteer file, and uses the rest', async () => {
    const root = await sandbox({ 'gazetteer.yaml': `import: [pipe.txt, /dev/zero]\n${GAZETTEER}`, 'report.md': REPORT });
    execFileSync('mkfifo', [join(root, 'pipe.txt')]);
    const result = await cli(['check', 'report.md', '--format', 'json'], root);
    expect(JSON.parse(result.stdout)).toEqual([
      { file: 'gazetteer.yaml', line: 1, column: 10, endLine: 1, endColumn: 18, severity: 'error', code: 'gazetteer-import-failed', message: `GeoNames import "pipe.txt" was not read: ${FIFO}` },
      {
        file: 'gazetteer.yaml',
        line: 1,
        column: 20,
        endLine: 1,
        endColumn: 29,
        severity: 'error',
        code: 'gazetteer-import-failed',
        message: 'GeoNames import "/dev/zero" was not read: it is a device, not a regular file; name a file.',
      },
    ]);
    expect(result.status).toBe(1);
  });

  it('checks a report reached through a loop of links once', async () => {
    const root = await sandbox({ 'gazetteer.yaml': GAZETTEER, 'reports/report.md': REPORT });
    await symlink(join(root, 'reports'), join(root, 'reports/again'));
    expect(await cli(['check', '.'], root)).toEqual({ status: 0, stdout: '✔ 1 file checked, no problems.\n', stderr: '' });
  });
});
