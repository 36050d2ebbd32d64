#!/usr/bin/env node
// `npm run screenshot`: the README's screenshot, taken from real VS Code 1.96.4 (code-server)
// in Chromium: a report with a diagnostic squiggle, the Problems panel, and the completion list
// open inside `:place[Saraq`.
//
//   node scripts/e2e/screenshot.mjs [--hover] [--out FILE]
// saves docs/images/vscode-diagnostic-and-completion.png, or with --hover (a hover card
// instead of the completion list) docs/images/vscode-diagnostic-and-hover.png.
import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { codeServerEntry, ensureCodeServer, SetupError } from './codeServer.mjs';
import { killEverything } from './processes.mjs';
import { CHROMIUM_FLAGS, childEnv, freePort, preflight, projectCache, repo, startCodeServer } from './session.mjs';
import { prepareWorkspace, removeWorkspace } from './workspace.mjs';

const argv = process.argv.slice(2);
const hoverMode = argv.includes('--hover');
const outIndex = argv.indexOf('--out');
const defaultOut = join(repo, 'docs', 'images', hoverMode ? 'vscode-diagnostic-and-hover.png' : 'vscode-diagnostic-and-completion.png');
const out = resolve(outIndex >= 0 ? argv[outIndex + 1] : defaultOut);

const FILE = 'saraqib-shelling.md';
// The line being typed ends in `:place[Saraq`; the count above it is flagged (label 4, value 5).
const REPORT = `---
title: Shelling of Saraqib, 5 October 2023
published: 2023-10-10
---

# Shelling of Saraqib

:::incident{#saraqib-shelling date=2023-10-05 place=idlib-governorate}
In all, :count[four]{type=killed group=civilians value=5} civilians
were killed on :date[Thursday 5 October]{value=2023-10-05} when
:actor[the Assad regime]{role=perpetrator} shelled :place[Saraq
:::
`;
const TYPING_LINE = 11;

const log = (message) => console.log(`[screenshot] ${message}`);

async function main() {
  const { chromium, playwright } = await preflight();
  const install = await ensureCodeServer({ log });
  execFileSync(process.execPath, [join(repo, 'scripts', 'build.mjs')], { cwd: repo, stdio: 'inherit' });
  const workspace = await prepareWorkspace(repo);
  await writeFile(join(workspace, 'reports', FILE), REPORT);

  const runDir = join(projectCache, 'runs', 'screenshot');
  await rm(runDir, { recursive: true, force: true });
  const userDataDir = join(runDir, 'user-data');
  const extensionsDir = join(runDir, 'extensions');
  await mkdir(join(userDataDir, 'User'), { recursive: true });
  await mkdir(extensionsDir, { recursive: true });
  await writeFile(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ 'workbench.colorTheme': 'Default Light Modern', 'editor.fontSize': 14, 'window.commandCenter': false, 'workbench.layoutControl.enabled': false, 'workbench.reduceMotion': 'on' }),
  );

  const groupLeaders = [];
  let browserServer;
  let page;
  try {
    const port = await freePort();
    const codeServer = await startCodeServer({
      entry: codeServerEntry(install.home),
      port,
      extensionsDir,
      userDataDir,
      workspace,
      env: childEnv(),
      logFile: join(runDir, 'code-server.log'),
    });
    groupLeaders.push(codeServer.child.pid);
    await codeServer.ready;

    browserServer = await playwright.chromium.launchServer({ executablePath: chromium, headless: true, args: CHROMIUM_FLAGS, env: childEnv() });
    groupLeaders.push(browserServer.process().pid);
    const browser = await playwright.chromium.connect(browserServer.wsEndpoint());
    page = await browser.newPage({ viewport: { width: 1200, height: 660 }, deviceScaleFactor: 1 });
    // No fade-ins: the screenshot is taken as soon as the hover or the list is there.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const authority = `127.0.0.1:${port}`;
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${repo}`],
      ['skipWelcome', 'true'],
    ];
    await page.goto(`http://${authority}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    await page.waitForSelector('.monaco-workbench .explorer-folders-view', { timeout: 60_000 });

    log(`opening ${FILE}`);
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget .quick-input-box input');
    await page.keyboard.type(FILE);
    await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${FILE}"]`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.monaco-editor .view-lines:has-text("Shelling of Saraqib")');

    log('waiting for the diagnostics');
    await page.waitForSelector('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error', { timeout: 60_000 });
    await page.keyboard.press('Control+Shift+M');
    await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 30_000 });

    // Back to the editor, without the side bar, at the end of the line being typed.
    await page.keyboard.press('Control+1');
    await page.keyboard.press('Control+B');
    await page.keyboard.press('Control+G');
    await page.keyboard.type(String(TYPING_LINE));
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');

    if (hoverMode) {
      // Finish the label, then ask for the hover over it.
      await page.keyboard.type('ib]');
      await page.keyboard.press('Escape');
      // The finished label is checked again: the Problems panel drops the unfinished label's warning.
      await page.waitForFunction(() => !document.querySelector('.markers-panel')?.textContent?.includes('place-unknown'), undefined, { timeout: 30_000 });
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      await page.waitForSelector('.monaco-hover:not(.hidden) .hover-contents', { timeout: 30_000 });
      // Fully shown, not fading in.
      await page.waitForFunction(
        () => [...document.querySelectorAll('.monaco-hover:not(.hidden)')].some((hover) => getComputedStyle(hover).opacity === '1' && getComputedStyle(hover.parentElement).opacity === '1'),
        undefined,
        { timeout: 10_000 },
      );
    } else {
      log('asking for completions');
      await page.keyboard.press('Control+Space');
      try {
        await page.waitForSelector('.suggest-widget.visible .monaco-list-row:has-text("Saraqib")', { timeout: 30_000 });
      } catch {
        throw new SetupError('No completion list with Saraqib appeared inside :place[Saraq (is completion served yet?). Use --hover for a hover card instead.');
      }
    }
    await mkdir(dirname(out), { recursive: true });
    await page.screenshot({ path: out });
    log(`saved ${relative(process.cwd(), out)}`);
    await browser.close();
  } catch (error) {
    // What the page showed when a step failed, to see which one.
    await page?.screenshot({ path: join(runDir, 'failure.png') }).catch(() => undefined);
    log(`the page at the failure: ${relative(process.cwd(), join(runDir, 'failure.png'))}`);
    throw error;
  } finally {
    await browserServer?.close().catch(() => undefined);
    await killEverything(groupLeaders);
    await removeWorkspace(workspace);
  }
}

main().catch((error) => {
  console.error(error instanceof SetupError ? `[screenshot] ${error.message}` : error);
  process.exitCode = 1;
});
