#!/usr/bin/env node
// The README's screenshots of the Incidents Overview panel, taken from real VS Code 1.96.4
// (code-server) in Chromium, in the light and the dark default themes: examples/idlib-2023-10.md
// open, the panel opened beside it by the palette command, an incident chosen in its table (a
// click in the webview, which puts the editor's cursor at the incident: the script waits for it).
//
//   node scripts/e2e/overviewScreenshot.mjs
// saves docs/images/overview-panel-light.png and docs/images/overview-panel-dark.png.
import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { codeServerEntry, ensureCodeServer, SetupError } from './codeServer.mjs';
import { killEverything } from './processes.mjs';
import { CHROMIUM_FLAGS, childEnv, freePort, preflight, projectCache, repo, startCodeServer } from './session.mjs';
import { prepareWorkspace, removeWorkspace } from './workspace.mjs';

const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern' };
const REPORT = 'idlib-2023-10.md';
const log = (message) => console.log(`[overview screenshot] ${message}`);

/** The webview frame that holds the drawn overview: VS Code nests the page two frames down. */
async function overviewFrame(page, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (await frame.$('#overview[data-ready="true"]').catch(() => null)) return frame;
    }
    await page.waitForEvent('framenavigated', { timeout: 2_000 }).catch(() => undefined);
  }
  throw new SetupError('The Incidents Overview panel did not draw its page.');
}

async function shoot(theme, { chromium, playwright, install }) {
  const workspace = await prepareWorkspace(repo);
  const runDir = join(projectCache, 'runs', `overview-${theme}`);
  await rm(runDir, { recursive: true, force: true });
  const userDataDir = join(runDir, 'user-data');
  const extensionsDir = join(runDir, 'extensions');
  await mkdir(join(userDataDir, 'User'), { recursive: true });
  await mkdir(extensionsDir, { recursive: true });
  await writeFile(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ 'workbench.colorTheme': THEMES[theme], 'editor.fontSize': 13, 'window.commandCenter': false, 'workbench.layoutControl.enabled': false, 'workbench.reduceMotion': 'on' }),
  );
  const groupLeaders = [];
  let browserServer;
  let page;
  try {
    const port = await freePort();
    const codeServer = await startCodeServer({ entry: codeServerEntry(install.home), port, extensionsDir, userDataDir, workspace, env: childEnv(), logFile: join(runDir, 'code-server.log') });
    groupLeaders.push(codeServer.child.pid);
    await codeServer.ready;
    browserServer = await playwright.chromium.launchServer({ executablePath: chromium, headless: true, args: CHROMIUM_FLAGS, env: childEnv() });
    groupLeaders.push(browserServer.process().pid);
    const browser = await playwright.chromium.connect(browserServer.wsEndpoint());
    page = await browser.newPage({ viewport: { width: 1500, height: 1000 }, deviceScaleFactor: 1 });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const authority = `127.0.0.1:${port}`;
    const payload = [['extensionDevelopmentPath', `vscode-remote://${authority}${repo}`], ['skipWelcome', 'true']];
    await page.goto(`http://${authority}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    await page.waitForSelector('.monaco-workbench .explorer-folders-view', { timeout: 60_000 });
    log(`${theme}: opening ${REPORT}`);
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget .quick-input-box input');
    await page.keyboard.type(REPORT);
    await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${REPORT}"]`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.monaco-editor .view-lines:has-text("Bombardment")');
    await page.keyboard.press('Control+B');
    log(`${theme}: Show Incidents Overview`);
    await page.keyboard.press('F1');
    await page.waitForSelector('.quick-input-widget .quick-input-box input');
    await page.keyboard.type('Incident Markup: Show Incidents Overview');
    await page.waitForSelector('.quick-input-list .monaco-list-row[aria-label*="Show Incidents Overview"]', { timeout: 60_000 });
    await page.keyboard.press('Enter');
    const frame = await overviewFrame(page, 90_000);
    // Choose the second incident in the table, as a reviewer would: the editor shows it.
    await frame.click('.incidents tbody tr:nth-child(2) td:first-child');
    await frame.waitForSelector('.incidents tbody tr:nth-child(2)[aria-selected="true"]');
    // The click revealed the incident: the cursor is at its :::incident (line 54 of the report).
    await page.waitForSelector('.statusbar-item:has-text("Ln 54, Col 1")', { timeout: 30_000 });
    // The selected row was scrolled into view; the picture shows the page from its top.
    await frame.evaluate('window.scrollTo(0, 0)');
    const out = join(repo, 'docs', 'images', `overview-panel-${theme}.png`);
    await page.screenshot({ path: out });
    log(`saved ${relative(process.cwd(), out)}`);
    await browser.close();
  } catch (error) {
    await page?.screenshot({ path: join(runDir, 'failure.png') }).catch(() => undefined);
    log(`the page at the failure: ${relative(process.cwd(), join(runDir, 'failure.png'))}`);
    throw error;
  } finally {
    await browserServer?.close().catch(() => undefined);
    await killEverything(groupLeaders);
    await removeWorkspace(workspace);
  }
}

async function main() {
  const { chromium, playwright } = await preflight();
  const install = await ensureCodeServer({ log });
  execFileSync(process.execPath, [join(repo, 'scripts', 'build.mjs')], { cwd: repo, stdio: 'inherit' });
  for (const theme of Object.keys(THEMES)) await shoot(theme, { chromium, playwright, install });
}

main().catch((error) => {
  console.error(error instanceof SetupError ? `[overview screenshot] ${error.message}` : error);
  process.exitCode = 1;
});
