import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node.js';
import { describe, expect, it } from 'vitest';
import { serverNodeFlags } from '../../client/src/serverNodeFlags.js';

const SERVER = join(import.meta.dirname, '../../dist/server.js');

describe('the server\'s Node flags (scripts/build.mjs)', () => {
  it('are in the second line of dist/server.js, where the client and the benches read them; the first names none', () => {
    // BusyBox's env, in Alpine images, has no -S: `#!/usr/bin/env -S node FLAGS` would not start there.
    expect(readFileSync(SERVER, 'utf8').split('\n').slice(0, 2)).toEqual(['#!/usr/bin/env node', '// node flags: --max-semi-space-size=4 --heap-growing-percent=100']);
    expect(serverNodeFlags(SERVER)).toEqual(['--max-semi-space-size=4', '--heap-growing-percent=100']);
  });

  it('are not needed to run incident-markup-server as a program', async () => {
    const child = spawn(SERVER, ['--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.listen();
    const result = await connection.sendRequest<{ serverInfo?: { name: string } }>('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    expect(result.serverInfo?.name).toBe('incident-markup');
    // The process Node runs: env has replaced itself with node, which runs the server plainly.
    const commandLine = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    expect(commandLine.slice(1)).toEqual([SERVER, '--stdio']);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await connection.sendRequest('shutdown');
    connection.sendNotification('exit');
    expect(await exited).toBe(0);
    connection.dispose();
  });
});

const CLI = join(import.meta.dirname, '../../dist/cli.js');

describe('the CLI\'s first line (scripts/build.mjs)', () => {
  it('names no Node flag: BusyBox\'s env, in Alpine images, has no -S', () => {
    expect(readFileSync(CLI, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('runs the CLI when it is started as a program, as npx starts it', async () => {
    const child = spawn(CLI, ['check', '-', '--stdin-filename', 'report.md', '--no-builtin-gazetteer', '--no-color'], { cwd: join(import.meta.dirname, '../../examples'), stdio: ['pipe', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.stdin.end('No incidents here.\n');
    expect(await exited).toBe(0);
    expect(output).toContain('1 file checked, no problems.');
  });
});
