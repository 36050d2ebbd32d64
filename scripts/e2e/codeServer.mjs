// Installs code-server 4.96.4 (which embeds VS Code 1.96.4 and runs on Node 20) into a cache
// folder outside the repository, following the recipe of issue 6 step by step, and reuses it
// when it is already there. Nothing here downloads a prebuilt binary: the native modules are
// built from source with node-gyp, and ripgrep comes from Debian's `ripgrep` package.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.96.4';
/** The VS Code release that code-server 4.96.4 embeds. */
export const VSCODE_VERSION = '1.96.4';
/** Same package, same integrity hash as the git dependency that VS Code's shrinkwrap names. */
const PROXY_AGENT = '@vscode/proxy-agent@0.27.0';
const NATIVE_MODULES = ['kerberos', 'node-pty', '@parcel/watcher', '@vscode/deviceid', '@vscode/spdlog', 'native-watchdog'];
const MARKER = '.incident-markup-complete';

export function cacheRoot() {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'incident-markup');
}

export function codeServerHome(root = cacheRoot()) {
  return join(root, `code-server-${CODE_SERVER_VERSION}`);
}

/** The script to run with Node: `node ENTRY --help`. */
export function codeServerEntry(home = codeServerHome()) {
  return join(home, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** Finds a program on PATH, or returns undefined. */
export function which(program) {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, program))) return join(dir, program);
  }
  return undefined;
}

export class SetupError extends Error {}

/** What the install needs from the machine, checked before anything is downloaded. */
export function checkInstallPrerequisites() {
  const missing = [];
  if (!which('rg')) missing.push('ripgrep (the `rg` command: apt-get install ripgrep)');
  if (!which('krb5-config')) missing.push('the Kerberos headers for the kerberos module (apt-get install libkrb5-dev)');
  for (const tool of ['make', 'g++', 'python3']) {
    if (!which(tool)) missing.push(`${tool} for node-gyp (apt-get install build-essential python3)`);
  }
  if (missing.length > 0) {
    throw new SetupError(`Cannot install code-server ${CODE_SERVER_VERSION}; missing:\n  - ${missing.join('\n  - ')}`);
  }
}

function run(command, args, cwd, log) {
  log(`$ (cd ${cwd} && ${command} ${args.join(' ')})`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
    let output = '';
    const collect = (chunk) => {
      output += chunk;
      if (output.length > 200_000) output = output.slice(-100_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new SetupError(`\`${command} ${args.join(' ')}\` in ${cwd} failed with exit code ${code}:\n${output.slice(-4000)}`));
    });
  });
}

async function replaceSymlink(target, path) {
  await rm(path, { recursive: true, force: true });
  await symlink(target, path);
}

/**
 * VS Code's shrinkwrap points @vscode/proxy-agent at a git URL that cannot be reached here.
 * The registry has the same package under the same integrity hash: point the entry at it.
 */
async function fixProxyAgent(vscodeDir, log) {
  const shrinkwrapPath = join(vscodeDir, 'npm-shrinkwrap.json');
  const shrinkwrap = JSON.parse(await readFile(shrinkwrapPath, 'utf8'));
  const entry = shrinkwrap.packages?.['node_modules/@vscode/proxy-agent'];
  if (!entry) throw new SetupError(`${shrinkwrapPath} has no @vscode/proxy-agent entry; the recipe no longer fits this code-server.`);
  if (!String(entry.resolved).startsWith('git')) return;
  const dist = JSON.parse(await run('npm', ['view', '--json', PROXY_AGENT, 'dist'], vscodeDir, log));
  if (dist.integrity !== entry.integrity) {
    throw new SetupError(`${PROXY_AGENT} on the registry has integrity ${dist.integrity}, but VS Code's shrinkwrap expects ${entry.integrity}.`);
  }
  log(`pointing @vscode/proxy-agent at ${PROXY_AGENT} (same integrity ${entry.integrity.slice(0, 20)}…)`);
  entry.resolved = dist.tarball;
  await writeFile(shrinkwrapPath, `${JSON.stringify(shrinkwrap, null, 2)}\n`);
}

async function install(staging, log) {
  await mkdir(staging, { recursive: true });
  await writeFile(join(staging, 'package.json'), `${JSON.stringify({ private: true, description: 'code-server for the Incident Markup e2e tests' })}\n`);
  const npmFlags = ['--no-audit', '--no-fund'];
  // As root, code-server's postinstall refuses to run: skip it and do its steps by hand.
  await run('npm', ['install', '--ignore-scripts', ...npmFlags, `code-server@${CODE_SERVER_VERSION}`], staging, log);
  await run('npm', ['rebuild', 'argon2'], staging, log);

  const codeServerDir = join(staging, 'node_modules', 'code-server');
  const vscodeDir = join(codeServerDir, 'lib', 'vscode');
  await fixProxyAgent(vscodeDir, log);
  await run('npm', ['install', '--omit=dev', '--ignore-scripts', ...npmFlags], vscodeDir, log);
  await run('npm', ['rebuild', ...NATIVE_MODULES], vscodeDir, log);

  // @vscode/ripgrep downloads its binary in a script that cannot reach its host: use Debian's rg.
  const rgDir = join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  await mkdir(rgDir, { recursive: true });
  await copyFile(which('rg'), join(rgDir, 'rg'));
  await chmod(join(rgDir, 'rg'), 0o755);

  // The rest of code-server's postinstall.sh.
  await replaceSymlink('node_modules', join(vscodeDir, 'node_modules.asar'));
  await replaceSymlink('code-linux.sh', join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  await replaceSymlink('browser-linux.sh', join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
  await run('npm', ['install', '--omit=dev', ...npmFlags], join(vscodeDir, 'extensions'), log);

  // A smoke test: the native modules load in this Node.
  for (const name of NATIVE_MODULES) {
    execFileSync(process.execPath, ['-e', `require(${JSON.stringify(name)})`], { cwd: vscodeDir, stdio: 'pipe' });
  }
  execFileSync(process.execPath, ['-e', 'require("argon2")'], { cwd: codeServerDir, stdio: 'pipe' });
  await writeFile(join(staging, MARKER), `${new Date().toISOString()} node ${process.version}\n`);
}

/**
 * Returns the code-server folder, installing it first when the cache lacks a complete install.
 * A half-finished install (interrupted, or failed) is never reused: it is built in a staging
 * folder and renamed into place only when every step passed.
 */
export async function ensureCodeServer({ log = console.log, home = codeServerHome() } = {}) {
  if (existsSync(join(home, MARKER)) && existsSync(codeServerEntry(home))) {
    const stamp = (await readFile(join(home, MARKER), 'utf8')).trim();
    // Native modules are built for one Node ABI; an install made under another Node is redone.
    if (stamp.endsWith(`node ${process.version}`)) return { home, installed: false, seconds: 0 };
    log(`code-server in ${home} was built for another Node (${stamp}); reinstalling for ${process.version}`);
  }
  checkInstallPrerequisites();
  const started = Date.now();
  const staging = `${home}.staging-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  log(`installing code-server ${CODE_SERVER_VERSION} (VS Code ${VSCODE_VERSION}) into ${home} …`);
  try {
    await install(staging, log);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  await rm(home, { recursive: true, force: true });
  await rename(staging, home);
  const seconds = (Date.now() - started) / 1000;
  log(`installed code-server in ${seconds.toFixed(0)} s`);
  return { home, installed: true, seconds };
}
