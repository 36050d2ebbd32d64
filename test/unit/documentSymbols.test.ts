// How the outline names incidents and annotations, through the language service; where the
// symbols are (ranges, nesting under headings) is tested over LSP in test/lsp/outlineFoldingSelection.test.ts.
import { describe, expect, it } from 'vitest';
import type { OutlineSymbol } from '../../server/src/core/languageFeatures/documentSymbols.js';
import { createLanguageService, type ServiceSettings } from '../../server/src/core/languageService.js';
import { MemoryFileSystem } from '../helpers/memoryFileSystem.js';

const GAZETTEER = `actors:
  - id: russian-armed-forces
    name: Russian Armed Forces
    aliases: [Russia]
places:
  - id: syria
    name: Syria
    kind: country
  - id: idlib-governorate
    name: Idlib Governorate
    kind: governorate
    in: syria
  - id: idlib-city
    name: Idlib
    kind: city
    in: idlib-governorate
`;
const settings: ServiceSettings = { gazetteerPaths: [], root: '/team', rules: {}, builtinGazetteer: false };

/** The outline as names, details and kinds, nested. */
type Named = { name: string; detail?: string; kind: string; children?: Named[] };
const named = (symbol: OutlineSymbol): Named => ({
  name: symbol.name,
  ...(symbol.detail ? { detail: symbol.detail } : {}),
  kind: symbol.kind,
  ...(symbol.children.length > 0 ? { children: symbol.children.map(named) } : {}),
});

async function outline(text: string): Promise<Named[]> {
  const service = createLanguageService({ fileSystem: new MemoryFileSystem({ '/team/gazetteer.yaml': GAZETTEER }) });
  return (await service.documentSymbols({ path: '/team/report.md', text }, settings)).map(named);
}

describe('document symbols: names', () => {
  it('shortens a date interval to what its end does not repeat, and keeps a date that is not ISO as written', async () => {
    const incidents = [
      ':::incident{#a date=2023-10-04/2023-10-07}\n:::',
      ':::incident{#b date=2023-09-30/2023-10-02}\n:::',
      ':::incident{#c date=2023-12-30/2024-01-02}\n:::',
      ':::incident{#d date=2023-09/2023-11}\n:::',
      ':::incident{#e date=2023/2024-01}\n:::',
      ':::incident{#f date="4 Oct 2023"}\n:::',
    ];
    expect(await outline(incidents.join('\n\n'))).toEqual([
      { name: '2023-10-04 – 07', detail: '#a', kind: 'incident' },
      { name: '2023-09-30 – 10-02', detail: '#b', kind: 'incident' },
      { name: '2023-12-30 – 2024-01-02', detail: '#c', kind: 'incident' },
      { name: '2023-09 – 11', detail: '#d', kind: 'incident' },
      { name: '2023 – 2024-01', detail: '#e', kind: 'incident' },
      { name: '4 Oct 2023', detail: '#f', kind: 'incident' },
    ]);
  });

  it("gives the incident's own figures first, else what its counts imply, each as the least number unless a count says otherwise", async () => {
    const text = [
      ':::incident{#own place=idlib-city killed=46 injured="at least 200"}',
      ':count[40]{type=killed} people were killed and :count[about 250]{type=injured} injured.',
      ':::',
      '',
      ':::incident{#counts place="Idlib Governorate"}',
      ':count[about 50]{type=killed} died; :count[at most 10]{type=missing} are missing; :count[dozens]{type=displaced} fled.',
      ':count[40-60]{type=detained} were detained, and :count[many]{type=injured} hurt.',
      ':::',
      '',
      ':::incident',
      'Nothing to name it by.',
      ':::',
    ].join('\n');
    expect(await outline(text)).toEqual([
      {
        name: 'Idlib · 46 killed, 200 injured',
        detail: '#own',
        kind: 'incident',
        children: [
          { name: '40 killed', kind: 'count' },
          { name: 'about 250 injured', kind: 'count' },
        ],
      },
      {
        // A count with no number ("many") gives no figure.
        name: 'Idlib Governorate · 45–55 killed, at most 10 missing, 40–60 detained, 24 displaced',
        detail: '#counts',
        kind: 'incident',
        children: [
          { name: 'about 50 killed', kind: 'count' },
          { name: 'at most 10 missing', kind: 'count' },
          { name: 'dozens displaced', kind: 'count' },
          { name: '40-60 detained', kind: 'count' },
          { name: 'many injured', kind: 'count' },
        ],
      },
      { name: 'incident', kind: 'incident' },
    ]);
  });

  it('names actors and places by the gazetteer where they resolve (with the label beside), by their label or ref where not, and headings by their text', async () => {
    const text = [
      '# Strikes by :actor[Russia]',
      '',
      '##',
      '',
      ':actor[Russia]{role=perpetrator} struck :place[Idlib]{ref=idlib-city} and :place{ref=nowhere},',
      'and :actor[the\nmilitia]{role=other} :place[Idleb city].',
    ].join('\n');
    expect(await outline(text)).toEqual([
      {
        name: 'Strikes by Russia',
        kind: 'heading',
        children: [
          { name: 'Russian Armed Forces', detail: 'Russia', kind: 'actor' },
          {
            name: '##',
            kind: 'heading',
            children: [
              { name: 'Russian Armed Forces', detail: 'Russia · perpetrator', kind: 'actor' },
              { name: 'Idlib', kind: 'place' },
              { name: 'nowhere', detail: 'not in the gazetteer', kind: 'place' },
              { name: 'the militia', detail: 'other · not in the gazetteer', kind: 'actor' },
              // A variant spelling of a place in the report's countries.
              { name: 'Idlib', detail: 'Idleb city', kind: 'place' },
            ],
          },
        ],
      },
    ]);
  });
});
