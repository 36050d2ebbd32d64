// The README's screenshots of the Incidents Overview panel (docs/images/overview-panel-light.png
// and -dark.png), taken by the overview suite through the runner's webview driver
// (scripts/e2e/webviewDriver.mjs): written over the README's pictures under UPDATE_SCREENSHOTS=1
// (as test/unit/overviewPage.test.ts writes the static page's), to a temporary folder otherwise, so
// that every run takes them and checks what it took.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';

/** The workbench page's size in the runner (webviewDriver.mjs's VIEWPORT; the suites import nothing of the scripts). */
export const SCREENSHOT_SIZE = { width: 1500, height: 1000 };

/** VS Code's default themes, and the class VS Code gives the workbench and a webview's body under each. */
export const THEMES = {
  light: { name: 'Default Light Modern', workbench: '.monaco-workbench.vs', webview: 'body.vscode-light' },
  dark: { name: 'Default Dark Modern', workbench: '.monaco-workbench.vs-dark', webview: 'body.vscode-dark' },
} as const;

/** The settings of the pictures: the theme, a readable editor, a plain title bar and no animation. */
export function screenshotSettings(theme: keyof typeof THEMES): Record<string, unknown> {
  return {
    'workbench.colorTheme': THEMES[theme].name,
    'editor.fontSize': 13,
    'window.commandCenter': false,
    'workbench.layoutControl.enabled': false,
    'workbench.reduceMotion': 'on',
  };
}

/** Sets user settings (`undefined` removes one) and resolves once VS Code has them. */
export async function updateSettings(settings: Record<string, unknown>): Promise<void> {
  for (const [key, value] of Object.entries(settings)) {
    const dot = key.lastIndexOf('.');
    await vscode.workspace.getConfiguration(key.slice(0, dot)).update(key.slice(dot + 1), value, vscode.ConfigurationTarget.Global);
  }
}

/** The user settings' values now, to put back with updateSettings. */
export function currentSettings(keys: string[]): Record<string, unknown> {
  return Object.fromEntries(
    keys.map((key) => {
      const dot = key.lastIndexOf('.');
      return [key, vscode.workspace.getConfiguration(key.slice(0, dot)).inspect(key.slice(dot + 1))?.globalValue];
    }),
  );
}

export interface ScreenshotRequest {
  /** A selector that only the wanted webview's page matches. */
  page: string;
  area: 'workbench' | 'webview';
  /** Selectors the workbench must match before the picture is taken. */
  workbenchReady: string[];
  /** Selectors the webview's page must match before the picture is taken. */
  webviewReady: string[];
  scrollToTop: boolean;
}

/** Has the runner's driver take the picture (it waits for the `…Ready` selectors first); its PNG bytes. */
export async function takeScreenshot(driver: string, request: ScreenshotRequest): Promise<Buffer> {
  const response = await fetch(`${driver}/webview/screenshot`, { method: 'POST', body: JSON.stringify(request) });
  if (response.status !== 200) assert.fail(`the runner's screenshot: ${response.status} ${((await response.json()) as { error?: string }).error}`);
  return Buffer.from(await response.arrayBuffer());
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG's width and height, from its IHDR chunk (always the first, right after the signature). */
export function pngSize(png: Buffer): { width: number; height: number } {
  assert.ok(png.length > 33 && png.subarray(0, 8).equals(PNG_SIGNATURE) && png.toString('latin1', 12, 16) === 'IHDR', `not a PNG: ${png.length} bytes starting ${png.subarray(0, 16).toString('hex')}`);
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * Where the pictures go: the README's docs/images (the repository's, from the runner's
 * INCIDENT_MARKUP_E2E_REPO) under UPDATE_SCREENSHOTS=1, else a new temporary folder; `done`
 * removes the temporary one.
 */
export async function screenshotFolder(): Promise<{ folder: string; done(): Promise<void> }> {
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    const repo = process.env.INCIDENT_MARKUP_E2E_REPO;
    assert.ok(repo, 'UPDATE_SCREENSHOTS=1 needs the repository\'s path in INCIDENT_MARKUP_E2E_REPO (set by scripts/e2e/run.mjs)');
    return { folder: join(repo, 'docs', 'images'), done: async () => undefined };
  }
  const folder = await mkdtemp(join(tmpdir(), 'incident-markup-overview-shots-'));
  return { folder, done: () => rm(folder, { recursive: true, force: true }) };
}

/** Writes the picture and checks what is on disk: a PNG of the workbench's size. */
export async function savePng(path: string, png: Buffer): Promise<void> {
  await writeFile(path, png);
  assert.equal((await stat(path)).size, png.length, `${path} was written whole`);
  assert.deepEqual(pngSize(png), SCREENSHOT_SIZE, `${path} is a picture of the whole workbench`);
}
