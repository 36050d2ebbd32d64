import { describe, expect, it } from 'vitest';
import { exportIncidents, incidentsToCsv } from '../../server/src/core/export/exportIncidents.js';
import { Gazetteer } from '../../server/src/core/gazetteer/gazetteer.js';
import { readGazetteerFile } from '../../server/src/core/gazetteer/readGazetteerFile.js';
import { parseReport } from '../../server/src/core/parse/parseReport.js';
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
