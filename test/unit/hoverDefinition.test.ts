import { describe, expect, it } from 'vitest';
import { createLanguageService, type ServiceSettings } from '../../server/src/core/languageService.js';
import { LineIndex } from '../../server/src/core/text.js';
import { stripMarkers } from '../helpers/markers.js';
import { MemoryFileSystem } from '../helpers/memoryFileSystem.js';

const GAZETTEER = `actors:
  - id: syrian-government
    name: Government of Syria
    aliases: [Assad regime]
    kind: state-forces
places:
  - id: syria
    name: Syria
    kind: country
  - id: idlib-governorate
    name: Idlib Governorate
    kind: governorate
    in: syria
  - id: maarat-al-numan
    name: Ma‘arrat an Nu‘mān
    aliases: [Maarat al-Numan]
    kind: town
    in: idlib-governorate
    coordinates: [35.64, 36.67]
    geonames: 169375
`;
const settings: ServiceSettings = { gazetteerPaths: [], root: '/team', rules: {} };

function setup(marked: string) {
  const { text, cursors, spans } = stripMarkers(marked);
  const service = createLanguageService({ fileSystem: new MemoryFileSystem({ '/team/gazetteer.yaml': GAZETTEER }) });
  const lines = new LineIndex(text);
  const document = { path: '/team/report.md', text };
  return { service, document, at: (index: number) => lines.positionAt(cursors[index]!), text, spans };
}

describe('hover', () => {
  it('shows the gazetteer card of a place', async () => {
    const { service, document, at, text, spans } = setup('Shelling in :place[⟦Maarat al-N‸uman⟧].');
    const result = await service.hover(document, at(0), settings);
    expect(result).toEqual({
      contents: [
        '**Ma‘arrat an Nu‘mān** — town',
        'in Idlib Governorate › Syria',
        'Also written: Maarat al-Numan',
        '35.64, 36.67 · [GeoNames 169375](https://www.geonames.org/169375)',
        'id `maarat-al-numan` · gazetteer.yaml',
      ].join('\n\n'),
      span: spans[0],
    });
    expect(text.slice(result!.span.start, result!.span.end)).toBe('Maarat al-Numan');
  });

  it('explains how a count was read, with its parts', async () => {
    const { service, document, at } = setup(
      'At least :count[4‸6]{#civ type=killed group=civilians}, including :count[9]{type=killed group=women part-of=civ}.',
    );
    const result = await service.hover(document, at(0), settings);
    expect(result?.contents).toBe(
      '**at least 46 civilians killed**\n\nRead from the label "46" as at-least.\n\nParts: 9 women',
    );
  });

  it('names the weekdays of a date interval', async () => {
    const { service, document, at } = setup(':date[4-7 Oc‸tober]{value=2023-10-04/2023-10-07}');
    expect((await service.hover(document, at(0), settings))?.contents).toBe(
      '**Wednesday 4 October 2023 – Saturday 7 October 2023**',
    );
  });

  it('says when a name is not in the gazetteer, and is silent outside markup', async () => {
    const { service, document, at } = setup('By :actor[Wag‸ner] in pl‸ain text.');
    expect((await service.hover(document, at(0), settings))?.contents).toBe('**"Wagner"** is not in the gazetteer.');
    expect(await service.hover(document, at(1), settings)).toBeUndefined();
  });
});

describe("hover in the report's countries", () => {
  it('reads a name as the check does, before any check has run', async () => {
    // The team's places are in Syria; the report says it is about Palestine. Jenin is also a
    // Polish village: read with the team's countries alone, the name would be ambiguous.
    const { service, document, at } = setup('---\ntitle: Raids\npublished: 2024-01-10\ncountries: [PS]\n---\nRaids on :place[Jen‸in].\n');
    const hover = await service.hover(document, at(0), settings);
    expect(hover?.contents).toBe(
      [
        '**Janīn** — town',
        'in Jenin › West Bank › Palestinian Territories',
        'Also written: Djenin, Dschenin, Dzhenin, Engannim, Jenin, Jenine, Jinin, \\`Ein Gannim, Дженин, جنين',
        '32.45943, 35.30086 · [GeoNames 283506](https://www.geonames.org/283506)',
        'id `geo:PS.WE:janin` · built-in',
      ].join('\n\n'),
    );
    // The check reads it as the same place.
    const { diagnostics } = await service.check(document, settings);
    expect(diagnostics.map(({ code, severity, message }) => ({ code, severity, message }))).toEqual([
      { code: 'place-alias', severity: 'hint', message: '"Jenin" is an alias of Janīn (geo:PS.WE:janin).' },
    ]);
    // In the team's countries alone, a town abroad is only a suggestion: what a hover read out of scope would show.
    const inSyria = setup('Raids on :place[Jen‸in].\n');
    expect((await inSyria.service.hover(inSyria.document, inSyria.at(0), settings))?.contents).toBe('**"Jenin"** is not in the gazetteer.');
  });
});

describe('definition', () => {
  it('goes from a place to its entry in the gazetteer file', async () => {
    const { service, document, at } = setup(':::incident{place=idlib-gov‸ernorate}\nIn :place[Maarat al-Numan‸].\n:::');
    const [incidentPlace, inlinePlace] = [await service.definition(document, at(0), settings), await service.definition(document, at(1), settings)];
    const entryStart = (id: string) => GAZETTEER.indexOf(`id: ${id}`);
    expect(incidentPlace?.path).toBe('/team/gazetteer.yaml');
    expect(incidentPlace?.span.start).toBe(entryStart('idlib-governorate'));
    expect(GAZETTEER.slice(inlinePlace!.span.start, inlinePlace!.span.end)).toMatch(/^id: maarat-al-numan\n {4}name: Ma‘arrat an Nu‘mān\n[\s\S]*geonames: 169375\n?$/);
  });

  it('goes from part-of to the count it names', async () => {
    const { service, document, at, spans, text } = setup(':count[46]{⟦#civ⟧ type=killed} and :count[9]{type=killed part-of=c‸iv}');
    const target = await service.definition(document, at(0), settings);
    expect(target).toEqual({ path: undefined, span: spans[0], origin: { start: text.lastIndexOf('civ'), end: text.lastIndexOf('civ') + 3 } });
  });
});
