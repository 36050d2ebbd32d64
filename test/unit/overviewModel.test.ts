import { describe, expect, it } from 'vitest';
import { createLanguageService, type ServiceSettings } from '../../server/src/core/languageService.js';
import { firstDay, lastDay } from '../../server/src/core/overview/overviewModel.js';
import { MemoryFileSystem } from '../helpers/memoryFileSystem.js';

const GAZETTEER = `actors:
  - id: saa
    name: Syrian Arab Army
  - id: sohr
    name: Syrian Observatory for Human Rights
places:
  - id: syria
    name: Syria
    kind: country
  - id: idlib-governorate
    name: Idlib Governorate
    kind: governorate
    in: syria
    coordinates: [35.9, 36.6]
  - id: ariha
    name: Ariha
    kind: town
    in: idlib-governorate
    coordinates: [35.81, 36.55]
  - id: sarmin
    name: Sarmin
    kind: town
    in: idlib-governorate
`;

const FIRST = `---
published: 2023-10-10
---
# Idlib

:::incident{#ariha date=2023-10-05 place=ariha}
:actor[SAA]{role=perpetrator} shelling killed :count[4]{type=killed source=sohr} and injured :count[at least 11]{type=injured}.
:::

:::incident{#sarmin date=2023-10 place=sarmin}
Houses hit, :count[2 to 3]{type=killed}, on :date[31 September]{value=2023-09-31}.
:::
`;

const SECOND = `# Second

:::incident{date=2023-10-06/2023-10-07 place=Nowhere}
Shelling.
:::
`;

describe('the overview model', () => {
  it('turns the incident records of two reports into incidents with ranges, places, figures, actors and their diagnostics', async () => {
    const fileSystem = new MemoryFileSystem({ '/r/gazetteer.yaml': GAZETTEER });
    const service = createLanguageService({ fileSystem });
    const settings: ServiceSettings = { gazetteerPaths: [], root: '/r', rules: {}, builtinGazetteer: false };
    const model = await service.overview(
      [
        { file: 'first.md', document: { path: '/r/first.md', text: FIRST } },
        { file: 'second.md', document: { path: '/r/second.md', text: SECOND } },
      ],
      settings,
    );
    // Sarmin has no coordinates of its own: it is drawn at its governorate's, as an area; Nowhere has none.
    expect(model).toEqual({
      reports: [
        { file: 'first.md', title: 'Idlib', incidents: 2, outside: [] },
        {
          file: 'second.md',
          title: 'Second',
          incidents: 1,
          outside: [
            {
              code: 'markup-missing-published',
              severity: 'warning',
              message: 'This report has no front matter, so no published date: "yesterday" or "last Monday" cannot be placed, and no date can be checked against publication. Add front matter with published: YYYY-MM-DD.',
              range: { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } },
            },
          ],
        },
      ],
      incidents: [
        {
          key: '0:0',
          id: 'ariha',
          file: 'first.md',
          line: 6,
          range: { start: { line: 5, character: 0 }, end: { line: 7, character: 3 } },
          date: { value: '2023-10-05', start: '2023-10-05', end: '2023-10-05', precision: 'day' },
          place: {
            label: 'ariha',
            name: 'Ariha',
            country: 'Syria',
            countryCode: null,
            admin1: 'Idlib Governorate',
            admin2: null,
            latitude: 35.81,
            longitude: 36.55,
            precision: 'place',
          },
          figures: [
            {
              type: 'killed',
              low: 4,
              high: 4,
              sources: [{ source: 'Syrian Observatory for Human Rights', asWritten: '4', low: 4, high: 4 }],
            },
            {
              type: 'injured',
              low: 11,
              high: null,
              sources: [{ source: null, asWritten: 'at least 11', low: 11, high: null }],
            },
          ],
          actors: {
            perpetrators: ['SAA'],
            victims: [],
            sources: ['Syrian Observatory for Human Rights'],
            claimants: [],
            others: [],
          },
          severity: 'warning',
          diagnostics: [
            {
              code: 'actor-unknown',
              severity: 'warning',
              message: 'Actor "SAA" is not in the gazetteer; did you mean "Syrian Arab Army" (Syrian Arab Army), or "Syrian Observatory for Human Rights" (Syrian Observatory for Human Rights)?',
              range: { start: { line: 6, character: 7 }, end: { line: 6, character: 10 } },
            },
          ],
        },
        {
          key: '0:1',
          id: 'sarmin',
          file: 'first.md',
          line: 10,
          range: { start: { line: 9, character: 0 }, end: { line: 11, character: 3 } },
          date: { value: '2023-10', start: '2023-10', end: '2023-10', precision: 'month' },
          place: {
            label: 'sarmin',
            name: 'Sarmin',
            country: 'Syria',
            countryCode: null,
            admin1: 'Idlib Governorate',
            admin2: null,
            latitude: 35.9,
            longitude: 36.6,
            precision: 'area',
          },
          figures: [{ type: 'killed', low: 2, high: 3, sources: [{ source: null, asWritten: '2 to 3', low: 2, high: 3 }] }],
          actors: { perpetrators: [], victims: [], sources: [], claimants: [], others: [] },
          severity: 'error',
          diagnostics: [
            {
              code: 'date-invalid',
              severity: 'error',
              message: '"2023-09-31" is not a calendar date: September 2023 has 30 days.',
              range: { start: { line: 10, character: 70 }, end: { line: 10, character: 80 } },
            },
          ],
        },
        {
          key: '1:0',
          id: null,
          file: 'second.md',
          line: 3,
          range: { start: { line: 2, character: 0 }, end: { line: 4, character: 3 } },
          date: { value: '2023-10-06/2023-10-07', start: '2023-10-06', end: '2023-10-07', precision: 'day' },
          place: {
            label: 'Nowhere',
            name: null,
            country: null,
            countryCode: null,
            admin1: null,
            admin2: null,
            latitude: null,
            longitude: null,
            precision: null,
          },
          figures: [],
          actors: { perpetrators: [], victims: [], sources: [], claimants: [], others: [] },
          severity: 'warning',
          diagnostics: [
            {
              code: 'place-unknown',
              severity: 'warning',
              message: 'Place "Nowhere" is not in the gazetteer; add it to the gazetteer.',
              range: { start: { line: 2, character: 45 }, end: { line: 2, character: 52 } },
            },
          ],
        },
      ],
      extent: { west: 36.55, south: 35.81, east: 36.6, north: 35.9 },
      period: { start: '2023-10-01', end: '2023-10-31' },
    });
  });

  it('reads the first and last day of years, months and days', () => {
    expect([firstDay('2023'), lastDay('2023'), firstDay('2024-02'), lastDay('2024-02'), lastDay('2023-02'), firstDay('2023-10-05'), lastDay('2023-10-05')]).toEqual([
      '2023-01-01', '2023-12-31', '2024-02-01', '2024-02-29', '2023-02-28', '2023-10-05', '2023-10-05',
    ]);
  });
});
