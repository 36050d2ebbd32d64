import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check as checkGeoJson } from '@placemarkio/check-geojson';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/runCli.js';
import { INCIDENT_COLUMNS } from '../../server/src/core/export/incidentFormats.js';
import { createLanguageService } from '../../server/src/core/languageService.js';
import { nodeFileSystem } from '../../server/src/core/workspace/fileSystem.js';
import { loadCities500, type Cities500 } from '../unit/worldSpellings.cities500.js';

const ROOT = join(import.meta.dirname, '../..');

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function sandbox(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'incident-markup-export-'));
  folders.push(root);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(root, name, '..'), { recursive: true });
    await writeFile(join(root, name), text);
  }
  return root;
}

async function cli(args: string[], cwd = ROOT) {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, { cwd, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) }, '9.9.9');
  return { status, stdout, stderr };
}

type Row = Record<(typeof INCIDENT_COLUMNS)[number], string>;
const csvRows = (text: string): Row[] => parseCsv(text, { columns: true }) as Row[];

interface GeoJsonExport {
  type: 'FeatureCollection';
  features: { type: 'Feature'; geometry: { type: 'Point'; coordinates: [number, number] }; properties: Record<string, string | number | null> }[];
  unlocated: Record<string, string | number | null>[];
}

/** Valid GeoJSON by RFC 7946, as geojson.io's checker reads it (it throws on the first problem). */
function geoJson(text: string): GeoJsonExport {
  checkGeoJson(text);
  return JSON.parse(text) as GeoJsonExport;
}

const GAZETTEER = `actors:
  - id: gov
    name: Government of Syria
    aliases: [Assad regime]
  - id: sohr
    name: Syrian Observatory for Human Rights
    aliases: [SOHR]
places:
  - id: syria
    name: Syria
    kind: country
  - id: idlib-governorate
    name: Idlib Governorate
    aliases: [Idlib province]
    kind: governorate
    in: syria
    coordinates: [35.8, 36.6]
`;

/** Two incidents, two sources for one of them, and figures outside any incident that count in no total. */
const MARKET = `---
title: Idlib, October 2023
published: 2023-10-10
totals: {killed: 49, injured: 213}
---
Before the strikes :count[5]{type=killed} people died elsewhere.

:::incident{#market date=2023-10-05 place=idlib-governorate}
:actor[SOHR]{role=source} counted :count[52]{type=killed source=sohr}; the report's own figure is :count[46]{type=killed},
and :count[at least 200]{type=injured} injured, by :actor[the Assad regime]{role=perpetrator}.
:::

:::incident{#camp date=2023-10-06 place=idlib-governorate killed=3}
:count[13]{type=injured} people were injured.
:::
`;

/** An error (a date that does not exist) and a warning (an unknown actor). */
const BROKEN = `---
published: 2023-10-10
---
:::incident{#strike date=2023-09-31 place=idlib-governorate}
:count[4]{type=killed} killed by :actor[Wagner].
:::
`;

describe('incident-markup export, incident level', { timeout: 60_000 }, () => {
  let cities: Cities500;
  // 199,568 rows: a few seconds on a loaded machine, past the hooks' default 10 s at worst.
  beforeAll(() => {
    cities = loadCities500();
  }, 60_000);

  it('sums each example report\'s fatalities to the killed total its front matter states: no figure counted twice', async () => {
    const csv = await cli(['export', 'examples', '--format', 'csv']);
    expect(csv).toMatchObject({ status: 0, stderr: '' });
    const json = await cli(['export', 'examples']);
    const reports = JSON.parse(json.stdout) as { file: string; frontMatter: { totals: Record<string, number> }; incidents: { id: string }[] }[];
    const rows = csvRows(csv.stdout);
    expect(reports.map((report) => [report.file, report.incidents.length])).toEqual([
      ['examples/idlib-2023-10.md', 2],
      ['examples/kharkiv-oblast-2022-2024/report.md', 4],
    ]);
    for (const report of reports) {
      const own = rows.filter((row) => row.file === report.file);
      expect(own.map((row) => row.incident)).toEqual(report.incidents.map((incident) => incident.id));
      const killed = own.reduce((sum, row) => sum + Number(row.fatalities || 0), 0);
      expect({ file: report.file, killed }).toEqual({ file: report.file, killed: report.frontMatter.totals.killed });
    }
    // What one row per count gave: the superseded 52 and SOHR's 61 beside the 46, each summed.
    const counts = parseCsv((await cli(['export', 'examples/idlib-2023-10.md', '--format', 'csv', '--level', 'count'])).stdout, { columns: true }) as Record<string, string>[];
    expect(counts.filter((row) => row.type === 'killed' && row.part_of === '').reduce((sum, row) => sum + Number(row.min), 0)).toBe(159);
  });

  it('compares killed and injured with the stated totals on a report with two sources, and leaves out figures outside incidents', async () => {
    const root = await sandbox({ 'gazetteer.yaml': GAZETTEER, 'market.md': MARKET });
    const { status, stdout, stderr } = await cli(['export', 'market.md', '--format', 'csv'], root);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    const rows = csvRows(stdout);
    expect(rows.map((row) => [row.incident, row.fatalities, row.killed_low, row.killed_high, row.killed_as_written, row.killed_source, row.injured_low, row.injured_high])).toEqual([
      ['market', '46', '46', '52', '52; 46', 'Syrian Observatory for Human Rights; ', '200', ''],
      ['camp', '3', '3', '3', 'killed=3', '', '13', '13'],
    ]);
    const sum = (column: keyof Row) => rows.reduce((total, row) => total + Number(row[column] || 0), 0);
    expect({ killed: sum('fatalities'), injured: sum('injured_low') }).toEqual({ killed: 49, injured: 213 });
  });

  it('asserts a small report\'s incident whole, and carries its front matter in JSON', async () => {
    const root = await sandbox({ 'gazetteer.yaml': GAZETTEER, 'market.md': MARKET });
    const [report] = JSON.parse((await cli(['export', 'market.md'], root)).stdout) as Record<string, unknown>[];
    expect(report).toEqual({
      file: 'market.md',
      title: 'Idlib, October 2023',
      published: '2023-10-10',
      frontMatter: { title: 'Idlib, October 2023', published: '2023-10-10', totals: { killed: 49, injured: 213 } },
      incidents: [
        {
          id: 'market',
          line: 8,
          date: { value: '2023-10-05', start: '2023-10-05', end: '2023-10-05', precision: 'day' },
          place: {
            label: 'idlib-governorate', id: 'idlib-governorate', name: 'Idlib Governorate', kind: 'governorate', geonamesId: null,
            country: 'Syria', countryCode: 'SY', admin1: 'Idlib Governorate', admin2: null,
            latitude: 35.8, longitude: 36.6, coordinatesFrom: 'idlib-governorate', geoPrecision: 'area',
          },
          actors: {
            perpetrators: [{ name: 'Government of Syria', id: 'gov', label: 'the Assad regime' }],
            victims: [],
            sources: [{ name: 'Syrian Observatory for Human Rights', id: 'sohr', label: 'SOHR' }],
            claimants: [],
            others: [],
          },
          places: [],
          figures: {
            killed: {
              low: 46,
              high: 52,
              sources: [
                { source: 'Syrian Observatory for Human Rights', sourceId: 'sohr', asWritten: '52', low: 52, high: 52 },
                { source: null, sourceId: null, asWritten: '46', low: 46, high: 46 },
              ],
            },
            injured: { low: 200, high: null, sources: [{ source: null, sourceId: null, asWritten: 'at least 200', low: 200, high: null }] },
          },
          notes: "SOHR counted 52; the report's own figure is 46, and at least 200 injured, by the Assad regime.",
        },
        {
          id: 'camp',
          line: 13,
          date: { value: '2023-10-06', start: '2023-10-06', end: '2023-10-06', precision: 'day' },
          place: {
            label: 'idlib-governorate', id: 'idlib-governorate', name: 'Idlib Governorate', kind: 'governorate', geonamesId: null,
            country: 'Syria', countryCode: 'SY', admin1: 'Idlib Governorate', admin2: null,
            latitude: 35.8, longitude: 36.6, coordinatesFrom: 'idlib-governorate', geoPrecision: 'area',
          },
          actors: { perpetrators: [], victims: [], sources: [], claimants: [], others: [] },
          places: [],
          figures: {
            killed: { low: 3, high: 3, sources: [{ source: null, sourceId: null, asWritten: 'killed=3', low: 3, high: 3 }] },
            injured: { low: 13, high: 13, sources: [{ source: null, sourceId: null, asWritten: '13', low: 13, high: 13 }] },
          },
          notes: '13 people were injured.',
        },
      ],
    });
  });

  it('maps the example reports in GeoJSON at the gazetteer\'s coordinates, and lists the incidents it cannot place', async () => {
    const { status, stdout } = await cli(['export', 'examples', '--format', 'geojson']);
    expect(status).toBe(0);
    const collection = geoJson(stdout);
    const service = createLanguageService({ fileSystem: nodeFileSystem });
    const settings = { gazetteerPaths: [], root: ROOT, rules: {} };
    const checked: string[] = [];
    for (const { geometry, properties } of collection.features) {
      const path = join(ROOT, String(properties.file));
      const { gazetteer } = await service.gazetteerFor({ path, text: await readFile(path, 'utf8') }, settings);
      const entry = gazetteer.get('place', String(properties.coordinates_from))!;
      // GeoJSON puts the longitude first.
      expect([properties.incident, geometry.coordinates]).toEqual([properties.incident, [entry.coordinates![1], entry.coordinates![0]]]);
      // A built-in place's coordinates are GeoNames' own, found in the dump by its id.
      const row = entry.geonames === undefined ? undefined : cities.rowOf.get(entry.geonames);
      if (row === undefined) continue;
      expect(geometry.coordinates[0]).toBeCloseTo(cities.longitude[row]!, 3);
      expect(geometry.coordinates[1]).toBeCloseTo(cities.latitude[row]!, 3);
      checked.push(`${properties.incident} ${entry.geonames}`);
    }
    expect(checked).toEqual(['izium-burial-site 707292']);
    expect(collection.features.map((feature) => [feature.properties.incident, feature.properties.geo_precision])).toEqual([
      ['idlib-bombardment', 'area'],
      ['fath-al-mubeen-strikes', 'area'],
      ['izium-burial-site', 'area'],
    ]);
    // Built-in administrative areas have no coordinates: listed, not dropped.
    expect(collection.unlocated.map((row) => [row.incident, row.location, row.country, row.admin1])).toEqual([
      ['kharkiv-counter-offensive', 'Kharkiv', 'Ukraine', 'Kharkiv'],
      ['hroza-strike', 'Kupiansk Raion', 'Ukraine', 'Kharkiv'],
      ['northern-offensive', 'Kharkiv', 'Ukraine', 'Kharkiv'],
    ]);
  });

  it('places built-in towns at GeoNames\' coordinates by their GeoNames id, with their country and areas', async () => {
    const root = await sandbox({
      'towns.md': `---\npublished: 2022-09-12\ncountries: [UA]\n---\n:::incident{#a date=2022-09-08 place=Balakliia}\nRetaken.\n:::\n\n:::incident{#b date=2022-09-10 place=Kupiansk}\nRetaken.\n:::\n\n:::incident{#c date=2022-09-10 place=Atlantis}\nNowhere.\n:::\n`,
    });
    const collection = geoJson((await cli(['export', 'towns.md', '--format', 'geojson'], root)).stdout);
    const placed = collection.features.map(({ geometry, properties }) => {
      const row = cities.rowOf.get(Number(properties.geonames_id))!;
      expect(geometry.coordinates[0]).toBeCloseTo(cities.longitude[row]!, 3);
      expect(geometry.coordinates[1]).toBeCloseTo(cities.latitude[row]!, 3);
      return [properties.incident, properties.location, properties.country, properties.country_code, properties.admin1, properties.admin2, properties.geo_precision];
    });
    expect(placed).toEqual([
      ['a', 'Balakliia', 'Ukraine', 'UA', 'Kharkiv', 'Izyum Raion', 'place'],
      ['b', 'Kupiansk', 'Ukraine', 'UA', 'Kharkiv', 'Kupiansk Raion', 'place'],
    ]);
    expect(collection.unlocated.map((row) => [row.incident, row.location, row.place_id, row.latitude])).toEqual([['c', 'Atlantis', null, null]]);
  });
});

describe('incident-markup export, options and exit statuses', { timeout: 60_000 }, () => {
  it('exports a report with errors, their fields empty, with a warning naming file and line; --strict exports nothing and exits 1', async () => {
    const root = await sandbox({ 'gazetteer.yaml': GAZETTEER, 'broken.md': BROKEN, 'market.md': MARKET });
    const lenient = await cli(['export', '.', '--format', 'csv'], root);
    expect(lenient.status).toBe(0);
    expect(lenient.stderr).toBe(
      'incident-markup: broken.md:4:26: warning: date-invalid: "2023-09-31" is not a calendar date: September 2023 has 30 days. (exported, with the fields it touches empty)\n',
    );
    expect(csvRows(lenient.stdout).map((row) => [row.file, row.incident, row.event_date, row.fatalities, row.actor1])).toEqual([
      ['broken.md', 'strike', '', '4', ''],
      ['market.md', 'market', '2023-10-05', '46', 'Government of Syria'],
      ['market.md', 'camp', '2023-10-06', '3', ''],
    ]);
    expect(await cli(['export', '.', '--format', 'csv', '--strict'], root)).toEqual({
      status: 1,
      stdout: '',
      stderr:
        'incident-markup: broken.md:4:26: error: date-invalid: "2023-09-31" is not a calendar date: September 2023 has 30 days.\n' +
        'incident-markup: nothing exported: 1 error in 1 report (--strict); fix them, or export without --strict.\n',
    });
    expect((await cli(['export', 'market.md', '--strict'], root)).status).toBe(0);
  });

  it('writes --output, and refuses a file in a folder that does not exist before doing any work', async () => {
    const root = await sandbox({ 'gazetteer.yaml': GAZETTEER, 'market.md': MARKET });
    expect(await cli(['export', 'market.md', '--format', 'geojson', '--output', 'market.geojson'], root)).toEqual({
      status: 0,
      stdout: '',
      stderr: 'incident-markup: 2 incidents of 1 report written to market.geojson.\n',
    });
    const written = await readFile(join(root, 'market.geojson'), 'utf8');
    expect(written).toBe((await cli(['export', 'market.md', '--format', 'geojson'], root)).stdout);
    expect(geoJson(written).features).toHaveLength(2);
    expect(await cli(['export', 'market.md', '-o', 'out/market.csv'], root)).toEqual({
      status: 2,
      stdout: '',
      stderr: 'incident-markup: cannot write out/market.csv: the folder out does not exist; create it first or name another file.\n',
    });
    expect(await cli(['export', 'market.md', '-o', '.'], root)).toEqual({ status: 2, stdout: '', stderr: 'incident-markup: cannot write .: it is a folder; name a file.\n' });
  });

  it('refuses a missing file among several, exporting nothing; globs pick Markdown files only', async () => {
    const root = await sandbox({ 'gazetteer.yaml': GAZETTEER, 'reports/a/market.md': MARKET, 'reports/b/broken.md': BROKEN, 'reports/b/notes.txt': 'not a report' });
    expect(await cli(['export', 'reports/a/market.md', 'reports/missing.md', 'reports/b/broken.md'], root)).toEqual({
      status: 2,
      stdout: '',
      stderr: 'incident-markup: reports/missing.md matches no file; give Markdown files, folders or globs.\n',
    });
    const globbed = await cli(['export', 'reports/**/*', '--format', 'csv'], root);
    expect(globbed.status).toBe(0);
    expect(csvRows(globbed.stdout).map((row) => `${row.file}#${row.incident}`)).toEqual(['reports/a/market.md#market', 'reports/a/market.md#camp', 'reports/b/broken.md#strike']);
  });

  it('--level count keeps one row per count, figures outside incidents under an incident without id; it has no GeoJSON', async () => {
    const root = await sandbox({ 'gazetteer.yaml': GAZETTEER, 'market.md': MARKET });
    const counts = await cli(['export', 'market.md', '--level', 'count', '--format', 'csv'], root);
    expect(counts.stdout.split('\n')).toEqual([
      'file,incident,incident_line,date_start,date_end,place_id,place,type,group,min,max,precision,label,count_id,part_of,count_line,actors,source,source_id,as_of,superseded,incident_min,incident_max',
      'market.md,market,8,2023-10-05,2023-10-05,idlib-governorate,Idlib Governorate,killed,,52,52,exact,52,,,9,Syrian Observatory for Human Rights; Government of Syria,Syrian Observatory for Human Rights,sohr,,false,46,52',
      'market.md,market,8,2023-10-05,2023-10-05,idlib-governorate,Idlib Governorate,killed,,46,46,exact,46,,,9,Syrian Observatory for Human Rights; Government of Syria,,,,false,46,52',
      'market.md,market,8,2023-10-05,2023-10-05,idlib-governorate,Idlib Governorate,injured,,200,,at-least,at least 200,,,10,Syrian Observatory for Human Rights; Government of Syria,,,,false,200,',
      'market.md,camp,13,2023-10-06,2023-10-06,idlib-governorate,Idlib Governorate,injured,,13,13,exact,13,,,14,,,,,false,13,13',
      'market.md,,1,,,,,killed,,5,5,exact,5,,,6,,,,,false,,',
      '',
    ]);
    const json = JSON.parse((await cli(['export', 'market.md', '--level', 'count'], root)).stdout) as { incidents: { id: string | null }[] }[];
    expect(json[0]!.incidents.map((incident) => incident.id)).toEqual(['market', 'camp', null]);
    expect(await cli(['export', 'market.md', '--level', 'count', '--format', 'geojson'], root)).toEqual({
      status: 2,
      stdout: '',
      stderr: 'incident-markup: --level count has no places to map; use --format json or csv with it, or --level incident with geojson.\n',
    });
    expect((await cli(['export', 'market.md', '--level', 'counts'], root)).stderr).toBe('incident-markup: --level must be incident or count, not "counts".\n');
  });
});
