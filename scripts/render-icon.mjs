#!/usr/bin/env node
// `node scripts/render-icon.mjs`: renders images/icon.svg to images/icon.png (256×256, transparent
// background), the extension's icon, in headless Chromium through playwright-core, as the e2e runs
// and the screenshot script use them. The PNG is committed, so neither the build nor CI needs this;
// run it again after changing the SVG. Needs Debian's chromium (or CHROMIUM_PATH).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { CHROMIUM_FLAGS, repo } from './e2e/session.mjs';

const SIZE = 256;
const source = join(repo, 'images', 'icon.svg');
const out = join(repo, 'images', 'icon.png');

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`Chromium is not installed at ${chromium}: apt-get install chromium (or set CHROMIUM_PATH).`);
  process.exit(1);
}
const { chromium: launcher } = await import('playwright-core');
const svg = await readFile(source, 'utf8');
const browser = await launcher.launch({ executablePath: chromium, headless: true, args: CHROMIUM_FLAGS });
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
  // The SVG sets its own size; the page is exactly as large, and what it leaves uncovered stays transparent.
  await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } });
  console.log(`saved ${relative(process.cwd(), out)} from ${relative(process.cwd(), source)}`);
} finally {
  await browser.close();
}
