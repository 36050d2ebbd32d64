#!/usr/bin/env node
// `npm run test:e2e`: runs the extension-host suites (test/e2e) inside real VS Code 1.96.4,
// as embedded in code-server 4.96.4, driven by Debian's Chromium through playwright-core.
// No VS Code download is needed: code-server comes from the npm registry (see codeServer.mjs).
//
//   node scripts/e2e/run.mjs [--suite extension|vsix]… [--grep PATTERN] [--vsix FILE]
//                            [--timeout SECONDS] [--keep-workspace] [--no-build]
//
// Two runs: `extension` (the repository as the extension under development) and `vsix` (the
// packaged .vsix installed with code-server's --install-extension). Each run gets its own
// code-server, user data and extensions folders, and browser; every process started is killed
// at the end of the run. The last line is `e2e: N passed, N failed, N skipped`.
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { format } from 'node:util';
import { buildSuites } from './buildSuites.mjs';
import { CODE_SERVER_VERSION, codeServerEntry, ensureCodeServer, SetupError, VSCODE_VERSION } from './codeServer.mjs';
import { killEverything } from './processes.mjs';
import { CHROMIUM_FLAGS, childEnv, freePort, preflight, projectCache, repo, startCodeServer } from './session.mjs';
import { prepareWorkspace, removeWorkspace } from './workspace.mjs';
import { DRIVER_ENV, startWebviewDriver, VIEWPORT } from './webviewDriver.mjs';

function parseArgs(argv) {
  const options = { suites: [], grep: undefined, vsix: undefined, timeout: 600, keepWorkspace: false, build: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new SetupError(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--suite') options.suites.push(value());
    else if (arg === '--grep') options.grep = value();
    else if (arg === '--vsix') options.vsix = resolve(value());
    else if (arg === '--timeout') options.timeout = Number(value());
    else if (arg === '--keep-workspace') options.keepWorkspace = true;
    else if (arg === '--no-build') options.build = false;
    else throw new SetupError(`Unknown option ${arg}. Usage: node scripts/e2e/run.mjs [--suite extension|vsix]… [--grep PATTERN] [--vsix FILE] [--timeout SECONDS] [--keep-workspace] [--no-build]`);
  }
  if (options.suites.length === 0) options.suites = ['extension', 'vsix'];
  for (const suite of options.suites) {
    if (suite !== 'extension' && suite !== 'vsix') throw new SetupError(`Unknown suite "${suite}": extension or vsix`);
  }
  if (!(options.timeout > 0)) throw new SetupError('--timeout takes a number of seconds');
  return options;
}

const log = (message) => console.log(`[e2e] ${message}`);

/** Runs code-server's CLI to install a .vsix into an extensions folder. */
function installVsix(entry, vsix, extensionsDir, userDataDir) {
  log(`installing ${relative(repo, vsix) || vsix} into ${relative(repo, extensionsDir)}`);
  const output = execFileSync(
    process.execPath,
    [entry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix],
    { env: childEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 },
  );
  if (!/successfully installed/i.test(output)) throw new Error(`code-server --install-extension did not confirm the install:\n${output}`);
}

/**
 * One run: code-server with the given extension under development and suite, opened in
 * Chromium; resolves with the suite's exit code and results.
 */
async function runSuite({ name, entry, chromium, playwright, workspace, developmentPath, testsPath, extensionsDir, timeout, grep }) {
  const runDir = join(projectCache, 'runs', name);
  await rm(runDir, { recursive: true, force: true });
  const userDataDir = join(runDir, 'user-data');
  const resultsFile = join(runDir, 'results.json');
  const logFile = join(runDir, 'code-server.log');
  await mkdir(userDataDir, { recursive: true });
  await mkdir(extensionsDir, { recursive: true });

  const port = await freePort();
  // Clicks inside webviews, which the suites ask for (webviewDriver.mjs).
  const driver = await startWebviewDriver();
  const env = childEnv({
    [DRIVER_ENV]: driver.url,
    INCIDENT_MARKUP_E2E_RESULTS: resultsFile,
    INCIDENT_MARKUP_E2E_EXTENSIONS_DIR: extensionsDir,
    INCIDENT_MARKUP_E2E_REPO: repo,
    ...(grep ? { INCIDENT_MARKUP_E2E_GREP: grep } : {}),
  });
  const groupLeaders = [];
  const started = Date.now();
  let browserServer;
  let logStream;
  let workbenchLog;
  try {
    const codeServer = await startCodeServer({ entry, port, extensionsDir, userDataDir, workspace, env, logFile });
    groupLeaders.push(codeServer.child.pid);
    logStream = codeServer.logStream;
    await codeServer.ready;
    log(`${name}: code-server ${CODE_SERVER_VERSION} (VS Code ${VSCODE_VERSION}) listening on 127.0.0.1:${port}`);

    browserServer = await playwright.chromium.launchServer({
      executablePath: chromium,
      headless: true,
      args: CHROMIUM_FLAGS,
      env: childEnv(),
    });
    groupLeaders.push(browserServer.process().pid);
    const browser = await playwright.chromium.connect(browserServer.wsEndpoint());
    // The size of the README's screenshots of the workbench, which the overview suite takes.
    const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    driver.attach(page);

    let settle;
    const exited = new Promise((resolveExit, reject) => {
      settle = { resolveExit, reject };
    });
    // VS Code's web workbench reports the extension-host log and the tests' exit code
    // through these two functions when it runs extension tests.
    workbenchLog = createWriteStream(join(runDir, 'workbench.log'));
    const printHostLog = hostLogPrinter(workbenchLog);
    await page.exposeFunction('codeAutomationLog', (type, args) => printHostLog(type, args));
    await page.exposeFunction('codeAutomationExit', (code) => settle.resolveExit(Number(code)));
    page.on('crash', () => settle.reject(new Error('the browser page crashed')));
    page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));

    const authority = `127.0.0.1:${port}`;
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${developmentPath}`],
      ['extensionTestsPath', `vscode-remote://${authority}${testsPath}`],
      ['skipWelcome', 'true'],
    ];
    const url = `http://${authority}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    let timer;
    const timedOut = new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the ${name} suite did not finish within ${timeout} s; see ${relative(repo, logFile)} and ${relative(repo, join(runDir, 'workbench.log'))}`)),
        timeout * 1000,
      );
    });
    const code = await Promise.race([exited, timedOut]).finally(() => clearTimeout(timer));
    const results = existsSync(resultsFile) ? JSON.parse(await readFile(resultsFile, 'utf8')) : undefined;
    log(`${name}: exit code ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await browser.close().catch(() => undefined);
    return { name, code, results };
  } finally {
    await driver.close();
    await browserServer?.close().catch(() => undefined);
    const stragglers = await killEverything(groupLeaders);
    if (stragglers.length > 0) log(`${name}: killed ${stragglers.length} process(es) that outlived SIGTERM`);
    logStream?.end();
    workbenchLog?.end();
  }
}

/** Marks the suite's own output in the log (test/e2e/runMocha.ts prints it). */
const OUTPUT_MARKER = '\u2063e2e\u2063';

/**
 * VS Code forwards its whole log through codeAutomationLog: the suite's own lines are printed
 * as they come, everything else (VS Code's messages, such as the marketplace it cannot reach)
 * goes to the run's workbench.log.
 */
function hostLogPrinter(file) {
  return (type, args) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
    const marker = text.indexOf(OUTPUT_MARKER);
    if (marker >= 0) console.log(text.slice(marker + OUTPUT_MARKER.length));
    else file.write(`[${type}] ${text}\n`);
  };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const { chromium, playwright } = await preflight();
  const totalStarted = Date.now();
  const install = await ensureCodeServer({ log });
  const entry = codeServerEntry(install.home);

  await mkdir(projectCache, { recursive: true });
  let vsix = options.vsix;
  if (options.suites.includes('vsix') && !vsix) {
    vsix = join(projectCache, 'incident-markup-e2e.vsix');
    log('packaging the extension (npm run package)');
    execFileSync(process.execPath, [join(repo, 'scripts', 'package.mjs'), '--out', vsix], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
    log(`packaged ${relative(repo, vsix)}: ${(statSync(vsix).size / 1024).toFixed(0)} KiB`);
  }
  if (options.build) {
    // The development build, with source maps, for the extension suite and for F5 debugging.
    execFileSync(process.execPath, [join(repo, 'scripts', 'build.mjs')], { cwd: repo, stdio: 'inherit' });
  }
  for (const bundle of ['client.js', 'server.js']) {
    if (!existsSync(join(repo, 'dist', bundle))) throw new SetupError(`dist/${bundle} is missing: npm run build`);
  }
  const suites = await buildSuites(repo, join(projectCache, 'out'));
  const workspace = await prepareWorkspace(repo);
  log(`workspace: ${workspace}`);

  const outcomes = [];
  try {
    for (const name of options.suites) {
      const extensionsDir = join(projectCache, 'runs', `${name}-extensions`);
      await rm(extensionsDir, { recursive: true, force: true });
      await mkdir(extensionsDir, { recursive: true });
      if (name === 'vsix') installVsix(entry, vsix, extensionsDir, join(projectCache, 'runs', 'vsix-install-user-data'));
      log(`running the ${name} suite`);
      try {
        outcomes.push(
          await runSuite({
            name,
            entry,
            chromium,
            playwright,
            workspace,
            developmentPath: name === 'vsix' ? suites.harness : repo,
            testsPath: name === 'vsix' ? suites.vsix : suites.extension,
            extensionsDir,
            timeout: options.timeout,
            grep: options.grep,
          }),
        );
      } catch (error) {
        console.error(`[e2e] ${name}: ${error.message}`);
        outcomes.push({ name, code: 1, results: undefined, error });
      }
    }
  } finally {
    if (options.keepWorkspace) log(`kept the workspace ${workspace}`);
    else await removeWorkspace(workspace);
  }

  let passed = 0;
  let failed = 0;
  let skipped = 0;
  console.log('');
  for (const { name, code, results } of outcomes) {
    if (!results) {
      failed++;
      console.log(`${name}: no results (exit code ${code}); the suite did not run to its end`);
      continue;
    }
    passed += results.passed;
    failed += results.failed;
    skipped += results.skipped;
    if (code !== 0 && results.failed === 0) failed++;
    console.log(`${name}: ${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped (exit code ${code})`);
    for (const skip of results.skips) console.log(`  skipped: ${skip.title}: ${skip.reason}`);
    for (const failure of results.failures) console.log(`  failed: ${failure.title}`);
  }
  const installNote = install.installed ? `, code-server install ${install.seconds.toFixed(0)} s` : ', code-server from the cache';
  log(`done in ${((Date.now() - totalStarted) / 1000).toFixed(0)} s${installNote}`);
  console.log(`e2e: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(error instanceof SetupError ? `[e2e] ${error.message}` : error);
  process.exitCode = 1;
});
