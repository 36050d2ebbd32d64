import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import axe from 'axe-core';
import { geoNaturalEarth1, type GeoProjection } from 'd3-geo';
import { chromium, type Browser, type Page } from 'playwright-core';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import countries110m from 'world-atlas/countries-110m.json' with { type: 'json' };
import { runCli } from '../../server/src/cli/runCli.js';
import { createLanguageService } from '../../server/src/core/languageService.js';
import type { OverviewIncident, OverviewModel } from '../../server/src/core/overview/overviewModel.js';
import { nodeFileSystem } from '../../server/src/core/workspace/fileSystem.js';

/**
 * The static Incidents Overview of the example reports, rendered in headless Chromium (Debian's
 * chromium, as the e2e suites run it): what it draws is checked against the model the core
 * computes, independently of the page's code (the projection, the sizes and the timeline's scale
 * are computed here again from the numbers docs/overview.md gives).
 */

const repo = resolve(import.meta.dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const REPORTS = ['examples/idlib-2023-10.md', 'examples/kharkiv-oblast-2022-2024/report.md'];

let browser: Browser;
let page: Page;
let folder: string;
let fileUrl: string;
let model: OverviewModel;
const requests: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH).`);
  folder = await mkdtemp(join(tmpdir(), 'overview-page-'));
  const output = join(folder, 'overview.html');
  let stderr = '';
  const status = await runCli(['overview', ...REPORTS, '-o', output], { cwd: repo, stdout: () => undefined, stderr: (text) => (stderr += text) });
  expect({ status, stderr: stderr.replace(/\(\d+ KiB\)/, '(n KiB)') }).toEqual({
    status: 0,
    stderr: `incident-markup: the overview of 6 incidents in 2 reports written to ${output} (n KiB).\n`,
  });
  const service = createLanguageService({ fileSystem: nodeFileSystem });
  const documents = await Promise.all(REPORTS.map(async (file) => ({ file, document: { path: join(repo, file), text: await readFile(join(repo, file), 'utf8') } })));
  model = await service.overview(documents, { gazetteerPaths: [], root: repo, rules: {}, builtinGazetteer: true });
  fileUrl = pathToFileURL(output).href;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  // Every request is recorded, and any but the page's own refused: the page must need none.
  await page.route('**/*', (route) => {
    requests.push(route.request().url());
    return route.request().url() === fileUrl ? route.continue() : route.abort();
  });
  await page.goto(fileUrl);
  await page.waitForSelector('#overview[data-ready="true"]');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** The map's projection (960 x 480, 40 of padding, at least 3 degrees around the extent's centre). */
function mapProjection(): GeoProjection {
  const extent = model.extent!;
  const [lon, lat] = [(extent.west + extent.east) / 2, (extent.south + extent.north) / 2];
  const [w, h] = [Math.max(extent.east - extent.west, 3) / 2, Math.max(extent.north - extent.south, 3) / 2];
  return geoNaturalEarth1().fitExtent([[40, 40], [920, 440]], {
    type: 'MultiPoint',
    coordinates: [[lon - w, lat - h], [lon + w, lat + h], [lon - w, lat + h], [lon + w, lat - h]],
  });
}

/** An SVG path of M, L and Z commands as its rings of points. */
function ringsOf(path: string): [number, number][][] {
  return path
    .split('M')
    .filter(Boolean)
    .map((ring) => ring.replace(/Z$/, '').split('L').map((point) => point.split(',').map(Number) as [number, number]));
}

const located = (incident: OverviewIncident) => incident.place?.latitude != null && incident.place.longitude != null;
const radius = (incident: OverviewIncident) => {
  const low = (type: string) => incident.figures.find((figure) => figure.type === type)?.low ?? 0;
  return Math.min(30, 4 + 1.5 * Math.sqrt(low('killed') + low('injured')));
};

// Each step waits for what it checks; the time limit is for a machine whose cores are all busy.
describe('the static overview page', { timeout: 60_000 }, () => {
  it('holds the model the core computes, and made no request but for itself', async () => {
    const embedded = JSON.parse((await page.textContent('#overview-data'))!);
    expect(embedded).toEqual(model);
    expect(model.incidents).toHaveLength(6);
    expect(requests).toEqual([fileUrl]);
  });

  it('draws each located incident at its coordinates, sized by its casualties, with a diamond for an area', async () => {
    const projection = mapProjection();
    const marks = await page.$$eval('.map .mark', (elements) =>
      elements.map((mark) => {
        const [, e, f] = /^translate\(([-\d.e]+) ([-\d.e]+)\)$/.exec(mark.getAttribute('transform')!)!;
        const shape = mark.firstElementChild!;
        const size = shape.tagName === 'circle' ? Number(shape.getAttribute('r')) : Number(/^M0,-([\d.]+)/.exec(shape.getAttribute('d')!)![1]);
        return { key: mark.getAttribute('data-key')!, x: Number(e), y: Number(f), shape: shape.tagName, size, area: mark.classList.contains('area'), label: mark.getAttribute('aria-label'), role: mark.getAttribute('role') };
      }),
    );
    const expected = model.incidents.filter(located);
    expect(marks.map((mark) => mark.key).sort()).toEqual(expected.map((incident) => incident.key).sort());
    for (const incident of expected) {
      const mark = marks.find((one) => one.key === incident.key)!;
      const [x, y] = projection([incident.place!.longitude!, incident.place!.latitude!])!;
      expect(mark.x).toBeCloseTo(x, 3);
      expect(mark.y).toBeCloseTo(y, 3);
      expect(mark.size).toBeCloseTo(radius(incident), 3);
      expect({ area: mark.area, shape: mark.shape, role: mark.role }).toEqual(
        incident.place!.precision === 'area' ? { area: true, shape: 'path', role: 'button' } : { area: false, shape: 'circle', role: 'button' },
      );
      expect(mark.label).toContain(incident.id!);
    }
    const unlocated = await page.$$eval('.unlocated button', (buttons) => buttons.map((button) => button.getAttribute('data-key')));
    expect(unlocated).toEqual(model.incidents.filter((incident) => !located(incident)).map((incident) => incident.key));
  });

  it("draws the countries' outlines where the projection puts Natural Earth's points, and none across the whole map", async () => {
    const projection = mapProjection();
    const outlines = await page.$$eval('.countries path', (paths) => paths.map((path) => ({ name: path.getAttribute('data-country')!, d: path.getAttribute('d')! })));
    const topology = countries110m as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    const countries = feature(topology, topology.objects.countries).features;
    expect(outlines.map((outline) => outline.name)).toEqual(countries.map((country) => country.properties!.name));
    // Half the width of the whole world in the projection: no edge of a country is as long (three cross the antimeridian).
    const halfWorld = projection([180, 0])![0] - projection([0, 0])![0];
    const crossing: string[] = [];
    for (const [index, country] of countries.entries()) {
      const rings = ringsOf(outlines[index]!.d);
      for (const ring of rings) {
        for (let i = 1; i < ring.length; i++) expect(Math.abs(ring[i]![0] - ring[i - 1]![0]), `${country.properties!.name}'s edge`).toBeLessThan(halfWorld);
      }
      const geometry = country.geometry as { type: string; coordinates: unknown };
      const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as [number, number][][][];
      const expected = polygons.flat().map((ring) => ring.map((point) => projection(point)!));
      const crosses = polygons.flat().some((ring) => ring.some((point, i) => i > 0 && Math.abs(point[0] - ring[i - 1]![0]) > 180));
      if (crosses) {
        crossing.push(country.properties!.name);
        continue;
      }
      // Every ring, every point, to the page's 0.01.
      expect(rings.length, country.properties!.name).toBe(expected.length);
      for (const [r, ring] of rings.entries()) {
        expect(ring.length, `${country.properties!.name} ring ${r}`).toBe(expected[r]!.length);
        for (const [i, [x, y]] of ring.entries()) {
          expect(Math.abs(x - expected[r]![i]![0]) + Math.abs(y - expected[r]![i]![1]), `${country.properties!.name} ring ${r} point ${i}`).toBeLessThan(0.011);
        }
      }
    }
    expect(crossing).toEqual(['Fiji', 'Russia', 'Antarctica']);
  });

  it('puts each dated incident on the timeline at its interval, and the killed and injured per day below', async () => {
    const DAY = 86_400_000;
    const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
    const first = dayOf(model.period!.start);
    const days = dayOf(model.period!.end) - first + 1;
    const x = (day: number) => 40 + ((day - first) / days) * 880;
    const marks = await page.$$eval('.timeline .mark', (elements) =>
      elements.map((mark) => {
        const shape = mark.firstElementChild!;
        const attribute = (name: string) => Number(shape.getAttribute(name));
        return { key: mark.getAttribute('data-key')!, shape: shape.tagName, left: shape.tagName === 'circle' ? attribute('cx') : attribute('x'), width: attribute('width') };
      }),
    );
    const dated = model.incidents.filter((incident) => incident.date !== null);
    expect(marks).toHaveLength(dated.length);
    for (const incident of dated) {
      const mark = marks.find((one) => one.key === incident.key)!;
      // The examples' dates are days: a day is a point at its middle, a range a bar over its days.
      const [start, end] = [dayOf(incident.date!.start), dayOf(incident.date!.end)];
      if (start === end) expect({ shape: mark.shape, left: mark.left }).toEqual({ shape: 'circle', left: expect.closeTo(x(start + 0.5), 3) });
      else expect({ shape: mark.shape, left: mark.left, width: mark.width }).toEqual({ shape: 'rect', left: expect.closeTo(x(start), 3), width: expect.closeTo(x(end + 1) - x(start), 3) });
    }
    const low = (type: string) => Math.round(dated.reduce((sum, incident) => sum + (incident.figures.find((figure) => figure.type === type)?.low ?? 0), 0));
    const daily = await page.getAttribute('.timeline .daily', 'aria-label');
    expect(daily).toMatch(new RegExp(`^Killed and injured per day: ${low('killed')} killed and ${low('injured')} injured in all, the most on \\d{4}-\\d\\d-\\d\\d \\(\\d+\\)$`));
    expect(await page.locator('.timeline .daily rect.killed').count()).toBeGreaterThan(0);
  });

  it('lists one row per incident with its date, place, figures and diagnostics', async () => {
    const rows = await page.$$eval('.incidents tbody tr', (elements) => elements.map((row) => ({ key: row.getAttribute('data-key'), cells: [...row.children].map((cell) => cell.textContent) })));
    expect(rows.map((row) => row.key)).toEqual(model.incidents.map((incident) => incident.key));
    for (const [index, incident] of model.incidents.entries()) {
      const cells = rows[index]!.cells;
      expect(cells[0]).toBe(incident.date!.start === incident.date!.end ? incident.date!.start : `${incident.date!.start} to ${incident.date!.end}`);
      expect(cells[5]).toBe(`${incident.file}:${incident.line}`);
      for (const diagnostic of incident.diagnostics) expect(cells[4]).toContain(`${diagnostic.code} (line ${diagnostic.range.start.line + 1}): ${diagnostic.message}`);
      for (const figure of incident.figures) expect(cells[3]).toContain(`${figure.type}: `);
    }
    expect(await page.textContent('.incidents caption')).toBe('6 of 6 incidents');
  });

  it('selects the incident of a clicked row in the table, the map and the timeline', async () => {
    const incident = model.incidents.find((one) => located(one) && one.date !== null)!;
    await page.click(`.incidents tbody tr[data-key="${incident.key}"] td:first-child`);
    await page.waitForSelector(`.incidents tr[data-key="${incident.key}"][aria-selected="true"]`);
    expect(await page.$$eval('[aria-selected="true"], .mark.selected', (elements) => elements.map((element) => `${element.closest('section')!.className} ${element.getAttribute('data-key')}`))).toEqual([
      `map ${incident.key}`,
      `timeline ${incident.key}`,
      `incidents ${incident.key}`,
    ]);
    // And from the keyboard: the next row, by the arrow key and Enter.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const next = model.incidents[model.incidents.indexOf(incident) + 1]!;
    await page.waitForSelector(`.incidents tr[data-key="${next.key}"][aria-selected="true"]`);
    expect(await page.getAttribute(`.incidents tr[data-key="${incident.key}"]`, 'aria-selected')).toBe('false');
    // The README's screenshot of the static page, an incident selected: UPDATE_SCREENSHOTS=1 npx vitest run test/unit/overviewPage.test.ts
    if (process.env.UPDATE_SCREENSHOTS === '1') await page.screenshot({ path: join(repo, 'docs/images/overview-static.png'), fullPage: true });
  });

  it('filters every view by an actor typed in the filter bar', async () => {
    const actor = 'Syria Civil Defence';
    const expected = model.incidents.filter((incident) => Object.values(incident.actors).flat().includes(actor)).map((incident) => incident.key);
    await page.fill('#filter-actor', actor);
    await page.waitForSelector(`#overview-status:text("${expected.length} of 6 incidents shown")`);
    const shown = (selector: string) => page.$$eval(selector, (elements) => elements.filter((element) => !element.closest('.hidden')).map((element) => element.getAttribute('data-key')));
    expect(await shown('.incidents tbody tr')).toEqual(expected);
    expect((await shown('.timeline .mark')).sort()).toEqual([...expected].sort());
    expect((await shown('.map .mark')).sort()).toEqual(expected.filter((key) => located(model.incidents.find((one) => one.key === key)!)).sort());
    await page.click('.filters button[type="reset"]');
    await page.waitForSelector('#overview-status:text("6 of 6 incidents shown")');
  });

  it('filters every view by a country clicked on the map, shown in the filter bar; a second click clears it', async () => {
    const expected = model.incidents.filter((incident) => incident.place?.country === 'Ukraine').map((incident) => incident.key);
    expect(expected).toHaveLength(4);
    // Dispatched on the outline itself: a mark may lie over the country's middle, where a pointer would click.
    await page.locator('.countries path[data-country="Ukraine"]').dispatchEvent('click');
    await page.waitForSelector('#overview-status:text("4 of 6 incidents shown")');
    const shown = (selector: string) => page.$$eval(selector, (elements) => elements.filter((element) => !element.closest('.hidden')).map((element) => element.getAttribute('data-key')));
    expect(await shown('.incidents tbody tr')).toEqual(expected);
    expect((await shown('.timeline .mark')).sort()).toEqual([...expected].sort());
    expect(await page.inputValue('#filter-place')).toBe('Ukraine');
    await page.locator('.countries path[data-country="Ukraine"]').dispatchEvent('click');
    await page.waitForSelector('#overview-status:text("6 of 6 incidents shown")');
    expect(await page.inputValue('#filter-place')).toBe('');
  });

  it('has no serious or critical accessibility violation (axe-core)', async () => {
    await page.evaluate(axe.source);
    // A string, run in the page, where axe and document are (this file is compiled without the DOM's types).
    const violations = await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => violation.id + ': ' + violation.help + ' (' + violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ') + ')'))`);
    expect(violations).toEqual([]);
    expect(requests).toEqual([fileUrl]);
  });
});

describe('the static overview page of a report of 130 incidents', { timeout: 60_000 }, () => {
  it('paints first with 20 rows in the table, then adds the others after it, in the table\'s order', async () => {
    const incidents = Array.from({ length: 130 }, (_, index) => `:::incident{#strike-${index + 1} date=2023-10-${String((index % 28) + 1).padStart(2, '0')}}\nA strike.\n:::\n`);
    const report = join(folder, 'many.md');
    await writeFile(report, `---\ntitle: Many strikes\n---\n\n${incidents.join('\n')}`);
    const output = join(folder, 'many.html');
    let stderr = '';
    const status = await runCli(['overview', report, '-o', output], { cwd: folder, stdout: () => undefined, stderr: (text) => (stderr += text) });
    expect({ status, stderr }).toEqual({ status: 0, stderr: expect.stringMatching(/^incident-markup: the overview of 130 incidents in 1 report written to /) });
    const many = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    try {
      // The rows in the table when the page's script has drawn it (a mutation observer's callback runs as soon as the script ends, before any paint).
      await many.addInitScript(`new MutationObserver((changes, observer) => {
        const root = document.getElementById('overview');
        if (root && root.getAttribute('data-ready') === 'true') {
          window.rowsAtReady = root.querySelectorAll('.incidents tbody tr').length;
          observer.disconnect();
        }
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });`);
      await many.goto(pathToFileURL(output).href);
      await many.waitForSelector('#overview[data-complete="true"]');
      expect(await many.evaluate('window.rowsAtReady')).toBe(20);
      const keys = await many.$$eval('.incidents tbody tr', (rows) => rows.map((row) => row.textContent!.match(/many\.md:\d+/)![0]));
      expect(keys).toEqual(incidents.map((_, index) => `many.md:${5 + 4 * index}`));
      expect(await many.textContent('.incidents caption')).toBe('130 of 130 incidents');
      // The columns keep the widths the first rows gave them, so that each row added is laid out alone.
      expect(await many.getAttribute('.incidents table', 'class')).toBe('fixed');
      const widths = await many.$$eval('.incidents th', (cells) => cells.map((cell) => Number(/^([\d.]+)%$/.exec(cell.style.width)![1])));
      expect(widths.reduce((sum, width) => sum + width, 0)).toBeCloseTo(100, 0);
      expect(await many.locator('.timeline .mark').count()).toBe(130);
    } finally {
      await many.close();
    }
  });
});
