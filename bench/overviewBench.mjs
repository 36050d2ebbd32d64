// The Incidents Overview's static page of a large report: its weight and how long Chromium takes
// to open it (issue 17's targets: a 1 MiB report's page under 2 MB, open in under 2 s).
//
//   npm run build && node bench/overviewBench.mjs [--size 1m] [--runs 3]
//
// Generates a report of the size (bench/generate-report.ts, against examples/gazetteer.yaml) in a
// temporary folder, writes its overview with dist/cli.js, then opens the page in headless Chromium
// (Debian's, as the e2e tests) `runs` times: from navigation to the page's data-ready attribute
// (parsing, the script, drawing the map, the timeline and the table), median reported.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { bundleBench } from './bundleBench.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { size: { type: 'string', default: '1m' }, runs: { type: 'string', default: '3' } } });
const outdir = join(root, 'node_modules/.cache/bench-overview');
await bundleBench(root, { 'generate-report': join(root, 'bench/generate-report.ts') }, outdir);
const { generateReport, parseSize } = await import(pathToFileURL(join(outdir, 'generate-report.mjs')).href);

const folder = await mkdtemp(join(tmpdir(), 'overview-bench-'));
try {
  const gazetteer = await readFile(join(root, 'examples/gazetteer.yaml'), 'utf8');
  const report = generateReport({ bytes: parseSize(values.size), gazetteer, seed: 17 });
  await writeFile(join(folder, 'gazetteer.yaml'), gazetteer);
  await writeFile(join(folder, 'report.md'), report.text);
  const started = performance.now();
  execFileSync(process.execPath, [join(root, 'dist/cli.js'), 'overview', 'report.md', '-o', 'overview.html'], { cwd: folder, stdio: ['ignore', 'ignore', 'inherit'] });
  const cliMs = performance.now() - started;
  const pageBytes = (await stat(join(folder, 'overview.html'))).size;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const opens = [];
  const scripts = [];
  const starts = [];
  for (let run = 0; run < Number(values.runs); run++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(pathToFileURL(join(folder, 'overview.html')).href, { waitUntil: 'commit' });
    await page.waitForSelector('#overview[data-ready="true"]', { timeout: 60_000 });
    // Milliseconds since the navigation started, read once the page has drawn everything.
    opens.push(await page.evaluate('performance.now()'));
    starts.push(await page.evaluate("performance.getEntriesByName('overview-start')[0].startTime"));
    scripts.push(await page.evaluate("performance.getEntriesByName('overview-rendered')[0].startTime - performance.getEntriesByName('overview-start')[0].startTime"));
    await page.close();
  }
  await browser.close();
  opens.sort((a, b) => a - b);
  const median = opens[Math.floor(opens.length / 2)];
  console.log(JSON.stringify({
    reportBytes: Buffer.byteLength(report.text),
    incidents: report.incidents,
    pageBytes,
    cliMs: Math.round(cliMs),
    openMs: opens.map(Math.round),
    medianOpenMs: Math.round(median),
    scriptStartMs: starts.map(Math.round),
    scriptMs: scripts.map(Math.round),
    targets: { pageUnder2MB: pageBytes < 2_000_000, openUnder2s: median < 2000 },
  }, null, 2));
} finally {
  await rm(folder, { recursive: true, force: true });
}
