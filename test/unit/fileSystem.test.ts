import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileSystem, ReadFailureError, SIZE_LIMITS } from '../../server/src/core/workspace/fileSystem.js';

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function sandbox(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'incident-markup-fs-'));
  folders.push(root);
  await mkdir(join(root, 'workspace'));
  await mkdir(join(root, 'outside'));
  await writeFile(join(root, 'workspace/inside.yaml'), 'inside');
  await writeFile(join(root, 'outside/secret.yaml'), 'secret');
  return root;
}

const REFUSED = 'outside the workspace folders, and the workspace is not trusted (Restricted Mode). Trust the workspace to use it, or copy it into the workspace.';

describe('createFileSystem', () => {
  it('documents its limits', () => {
    expect(SIZE_LIMITS).toEqual({ report: 16 * 1024 * 1024, gazetteer: 16 * 1024 * 1024, import: 512 * 1024 * 1024, config: 1024 * 1024 });
  });

  it('reads any regular file when trusted, and says why it does not read the rest', async () => {
    const root = await sandbox();
    const files = createFileSystem();
    expect(await files.read(join(root, 'outside/secret.yaml'), 'gazetteer')).toEqual({ text: 'secret' });
    expect(await files.read(join(root, 'none.yaml'), 'gazetteer')).toEqual({ failure: { reason: 'missing', message: 'it does not exist.' } });
    expect(await files.read(join(root, 'outside/secret.yaml/x'), 'gazetteer')).toEqual({ failure: { reason: 'missing', message: 'it does not exist.' } });
    expect(await files.read(root, 'gazetteer')).toEqual({ failure: { reason: 'not-a-file', message: 'it is a folder, not a regular file; name a file.' } });
    expect(await files.read('/dev/null', 'config')).toEqual({ failure: { reason: 'not-a-file', message: 'it is a device, not a regular file; name a file.' } });
    execFileSync('mkfifo', [join(root, 'pipe')]);
    expect(await files.read(join(root, 'pipe'), 'report')).toEqual({ failure: { reason: 'not-a-file', message: 'it is a FIFO (named pipe), not a regular file; name a file.' } });
    await symlink(join(root, 'loop-a'), join(root, 'loop-b'));
    await symlink(join(root, 'loop-b'), join(root, 'loop-a'));
    expect(await files.read(join(root, 'loop-a'), 'report')).toEqual({ failure: { reason: 'unreadable', message: 'it is a loop of symbolic links; point the link at a file.' } });
  });

  it('refuses, in Restricted Mode, whatever lies outside the workspace by its real path', async () => {
    const root = await sandbox();
    const workspace = join(root, 'workspace');
    const refused: string[] = [];
    const files = createFileSystem({ restrictTo: () => [workspace], onRefused: (path) => refused.push(path) });
    await symlink(join(root, 'outside/secret.yaml'), join(workspace, 'link.yaml'));
    await symlink(join(root, 'outside'), join(workspace, 'linked'));
    await symlink(join(workspace, 'inside.yaml'), join(root, 'outside/back-in.yaml'));
    expect(await files.read(join(workspace, 'inside.yaml'), 'gazetteer')).toEqual({ text: 'inside' });
    expect(await files.read(join(workspace, '../outside/secret.yaml'), 'gazetteer')).toEqual({ failure: { reason: 'refused', message: `it is ${REFUSED}` } });
    const linkMessage = `it is a link to ${join(root, 'outside/secret.yaml')}, which is ${REFUSED}`;
    expect(await files.read(join(workspace, 'link.yaml'), 'gazetteer')).toEqual({ failure: { reason: 'refused', message: linkMessage } });
    expect(await files.read(join(workspace, 'linked/secret.yaml'), 'gazetteer')).toEqual({ failure: { reason: 'refused', message: linkMessage } });
    expect(await files.stream(join(workspace, 'link.yaml'), 'import')).toEqual({ failure: { reason: 'refused', message: linkMessage } });
    // A link from outside into the workspace leads to a file inside: it may be read.
    expect(await files.read(join(root, 'outside/back-in.yaml'), 'gazetteer')).toEqual({ text: 'inside' });
    // The workspace opened through a link of its own still holds its files.
    await symlink(workspace, join(root, 'workspace-link'));
    const throughLink = createFileSystem({ restrictTo: () => [join(root, 'workspace-link')] });
    expect(await throughLink.read(join(workspace, 'inside.yaml'), 'gazetteer')).toEqual({ text: 'inside' });
    expect(refused).toEqual([join(workspace, '../outside/secret.yaml'), join(workspace, 'link.yaml'), join(workspace, 'linked/secret.yaml'), join(workspace, 'link.yaml')]);
  });

  it('takes editor buffers over the disk, but not from outside the workspace in Restricted Mode', async () => {
    const root = await sandbox();
    const buffers = new Map([
      [join(root, 'workspace/inside.yaml'), 'edited'],
      [join(root, 'outside/secret.yaml'), 'edited secret'],
    ]);
    const files = createFileSystem({ restrictTo: () => [join(root, 'workspace')], overlay: (path) => buffers.get(path) });
    expect(await files.read(join(root, 'workspace/inside.yaml'), 'gazetteer')).toEqual({ text: 'edited' });
    expect(await files.read(join(root, 'outside/secret.yaml'), 'gazetteer')).toEqual({ failure: { reason: 'refused', message: `it is ${REFUSED}` } });
  });

  it('refuses a file over its role\'s limit before reading it, and one that grows past it while read', async () => {
    const root = await sandbox();
    await writeFile(join(root, 'workspace/ten.txt'), '0123456789');
    const files = createFileSystem({ limits: { gazetteer: 9, import: 9, config: 10 } });
    expect(await files.read(join(root, 'workspace/ten.txt'), 'config')).toEqual({ text: '0123456789' });
    const tooLarge = {
      reason: 'too-large',
      message: 'it is 10 bytes, over the 9 bytes limit for gazetteer files (see docs/configuration.md, "Size limits"); split it into smaller files.',
    };
    expect(await files.read(join(root, 'workspace/ten.txt'), 'gazetteer')).toEqual({ failure: tooLarge });
    expect(await files.stream(join(root, 'workspace/ten.txt'), 'import')).toEqual({
      failure: { ...tooLarge, message: tooLarge.message.replace('gazetteer files', 'GeoNames imports') },
    });

    // Growth after the size was taken: the stream counts what it reads.
    const growing = join(root, 'workspace/growing.txt');
    await writeFile(growing, '01234');
    const opened = await files.stream(growing, 'import');
    await writeFile(growing, '0123456789abcdef');
    const read: string[] = [];
    const consume = async () => {
      for await (const chunk of opened.stream!.chunks) read.push(chunk);
    };
    await expect(consume()).rejects.toEqual(
      new ReadFailureError({
        reason: 'too-large',
        message: 'it grew while being read, past the 9 bytes limit for GeoNames imports (see docs/configuration.md, "Size limits"); split it into smaller files.',
      }),
    );
    expect(read).toEqual([]);
  });

  it('streams a file in chunks and closes it', async () => {
    const root = await sandbox();
    const text = 'line\n'.repeat(50_000);
    await writeFile(join(root, 'workspace/dump.txt'), text);
    const opened = await createFileSystem().stream(join(root, 'workspace/dump.txt'), 'import');
    let joined = '';
    let chunks = 0;
    for await (const chunk of opened.stream!.chunks) {
      joined += chunk;
      chunks++;
    }
    expect({ joined: joined === text, size: opened.stream!.size, many: chunks > 1 }).toEqual({ joined: true, size: text.length, many: true });
  });
});
