#!/usr/bin/env node
// `npm run test:electron`: the same extension-host suites as `npm run test:e2e`, run by
// @vscode/test-electron in desktop VS Code 1.96.4, which it downloads. For machines that can
// reach VS Code's download servers (the project's CI machines cannot: use test:e2e there).
//
//   node scripts/e2e/electron.mjs [--suite extension|vsix]…
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';
import { buildSuites } from './buildSuites.mjs';
import { VSCODE_VERSION } from './codeServer.mjs';
import { prepareWorkspace, removeWorkspace } from './workspace.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cache = join(repo, '.cache', 'e2e-electron');
const requested = process.argv.slice(2).filter((arg, i, all) => all[i - 1] === '--suite');
const suites = requested.length > 0 ? requested : ['extension', 'vsix'];

function run(command, args) {
  const result = spawnSync(command, args, { cwd: repo, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal})`);
}

let vscodeExecutablePath;
try {
  vscodeExecutablePath = await downloadAndUnzipVSCode({ version: VSCODE_VERSION, cachePath: join(repo, '.vscode-test') });
} catch (error) {
  console.error(`Cannot download VS Code ${VSCODE_VERSION} (${error.message}).\nOn a machine without access to VS Code's downloads, run npm run test:e2e instead.`);
  process.exit(1);
}

const vsix = join(cache, 'incident-markup-e2e.vsix');
await mkdir(cache, { recursive: true });
if (suites.includes('vsix')) run(process.execPath, [join(repo, 'scripts', 'package.mjs'), '--out', vsix]);
run(process.execPath, [join(repo, 'scripts', 'build.mjs')]);
const bundles = await buildSuites(repo, join(cache, 'out'));
const workspace = await prepareWorkspace(repo);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  for (const name of suites) {
    const runDir = join(cache, 'runs', name);
    const extensionsDir = join(runDir, 'extensions');
    const userDataDir = join(runDir, 'user-data');
    const resultsFile = join(runDir, 'results.json');
    await rm(runDir, { recursive: true, force: true });
    await mkdir(extensionsDir, { recursive: true });
    if (name === 'vsix') {
      // The CLI's own --extensions-dir/--user-data-dir are replaced by this run's.
      const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath);
      const args = cliArgs.filter((arg) => !/^--(extensions-dir|user-data-dir)=/.test(arg));
      const install = spawnSync(cli, [...args, `--extensions-dir=${extensionsDir}`, `--user-data-dir=${userDataDir}`, '--install-extension', vsix], {
        encoding: 'utf8',
        stdio: 'inherit',
      });
      if (install.status !== 0) throw new Error(`installing ${vsix} failed`);
    }
    try {
      await runTests({
        vscodeExecutablePath,
        extensionDevelopmentPath: name === 'vsix' ? bundles.harness : repo,
        extensionTestsPath: name === 'vsix' ? bundles.vsix : bundles.extension,
        extensionTestsEnv: { INCIDENT_MARKUP_E2E_RESULTS: resultsFile, INCIDENT_MARKUP_E2E_EXTENSIONS_DIR: extensionsDir, INCIDENT_MARKUP_E2E_REPO: repo },
        launchArgs: [
          workspace,
          `--extensions-dir=${extensionsDir}`,
          `--user-data-dir=${userDataDir}`,
          '--disable-workspace-trust',
          '--skip-welcome',
          '--skip-release-notes',
        ],
      });
    } catch (error) {
      console.error(`${name}: ${error.message ?? error}`);
      if (!existsSync(resultsFile)) failed++;
    }
    if (existsSync(resultsFile)) {
      const results = JSON.parse(await readFile(resultsFile, 'utf8'));
      passed += results.passed;
      failed += results.failed;
      skipped += results.skipped;
      for (const skip of results.skips) console.log(`  skipped: ${skip.title}: ${skip.reason}`);
    }
  }
} finally {
  await removeWorkspace(workspace);
}
console.log(`electron: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
