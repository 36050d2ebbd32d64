// What the e2e runner (run.mjs) and the screenshot script share: the machine checks, the
// environment of every process they start, code-server on loopback, and Chromium's flags.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_SERVER_VERSION, SetupError } from './codeServer.mjs';
import { RUN_MARKER_NAME, runMarker } from './processes.mjs';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The project's ignored cache folder for everything the e2e runs write. */
export const projectCache = join(repo, '.cache', 'e2e');

/** The flags verified here for Debian's Chromium, run as root on a machine with no outside network. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Fails early, with the command that fixes it, when the machine lacks something. */
export async function preflight() {
  const problems = [];
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) problems.push(`code-server ${CODE_SERVER_VERSION} runs on Node 20; this is Node ${process.version}.`);
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(chromium)) problems.push(`Chromium is not installed at ${chromium}: apt-get install chromium (or set CHROMIUM_PATH).`);
  let playwright;
  try {
    playwright = await import('playwright-core');
  } catch {
    problems.push('playwright-core is not installed: npm ci');
  }
  if (problems.length > 0) throw new SetupError(`Cannot run the e2e tests:\n  - ${problems.join('\n  - ')}`);
  return { chromium, playwright };
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

export function childEnv(extra = {}) {
  const xdg = join(projectCache, 'xdg');
  return {
    ...process.env,
    // Nothing is written to the home folder: code-server's config and data live in the cache.
    XDG_CONFIG_HOME: join(xdg, 'config'),
    XDG_DATA_HOME: join(xdg, 'data'),
    XDG_CACHE_HOME: join(xdg, 'cache'),
    [RUN_MARKER_NAME]: runMarker,
    ...extra,
  };
}

/** Starts code-server on loopback and resolves once it listens. */
export async function startCodeServer({ entry, port, extensionsDir, userDataDir, workspace, env, logFile }) {
  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--extensions-dir', extensionsDir,
    '--user-data-dir', userDataDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    workspace,
  ];
  const child = spawn(process.execPath, args, { detached: true, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logStream = createWriteStream(logFile);
  let output = '';
  const ready = new Promise((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not listen on 127.0.0.1:${port} within 60 s; see ${logFile}`)), 60_000);
    const onData = (chunk) => {
      logStream.write(chunk);
      output += chunk;
      if (output.includes('HTTP server listening on')) {
        clearTimeout(timer);
        resolveReady();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${signal ?? code}) before it listened:\n${output.slice(-3000)}`));
    });
  });
  return { child, ready, logStream };
}
