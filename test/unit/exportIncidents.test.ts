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
          { label: '46', type: 'killed', group: 'civilians', id: 'civ', partOf: null, min: 46, max: null, precision: 'at-least', line: 7 },
          { label: 'nine', type: 'killed', group: 'women', id: null, partOf: 'civ', min: 9, max: 9, precision: 'exact', line: 7 },
        ],
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
        'file,incident,incident_line,date_start,date_end,place_id,place,type,group,min,max,precision,label,count_id,part_of,count_line,actors',
        '"a, b.md",idlib,6,2023-10-04,2023-10-07,idlib-governorate,Idlib Governorate,killed,civilians,46,,at-least,46,civ,,7,Government of Syria',
        '"a, b.md",idlib,6,2023-10-04,2023-10-07,idlib-governorate,Idlib Governorate,killed,women,9,9,exact,nine,,civ,7,Government of Syria',
        '',
      ].join('\n'),
    );
  });
});
