import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../server/src/core/gazetteer/gazetteer.js';
import { readGazetteerFile } from '../../server/src/core/gazetteer/readGazetteerFile.js';
import { complete } from '../../server/src/core/languageFeatures/completion.js';
import { parseReport } from '../../server/src/core/parse/parseReport.js';
import { EXAMPLE_GAZETTEER } from '../../server/src/core/rules/rule.js';
import { stripMarkers } from '../helpers/markers.js';

const gazetteer = new Gazetteer([
  readGazetteerFile('/g.yaml', `${EXAMPLE_GAZETTEER}  - id: saraqib\n    name: Saraqib\n    aliases: [Saraqeb]\n    kind: town\n    in: idlib-governorate\n`),
]);

/** Completes at ‸ and applies the first item, so tests assert the document the writer ends up with. */
function completeAt(marked: string) {
  const { text, cursors } = stripMarkers(marked);
  const result = complete(parseReport(text), gazetteer, cursors[0]!);
  const apply = (index = 0) => {
    const item = result.items[index]!;
    return `${text.slice(0, item.span.start)}${item.newText}${text.slice(item.span.end)}`;
  };
  return { result, apply, labels: result.items.map((item) => item.label) };
}

describe('completion', () => {
  it('offers places as the writer types a label without diacritics, and closes the bracket', () => {
    const { result, apply } = completeAt('Shelling in :place[Saraq‸ yesterday');
    expect(result.incomplete).toBe(true);
    expect(result.items[0]).toMatchObject({ label: 'Saraqib', kind: 'place', detail: 'town, Idlib Governorate, Syria', filterText: 'Saraq' });
    expect(apply()).toBe('Shelling in :place[Saraqib] yesterday');
  });

  it('puts places inside the incident\'s place first', () => {
    const { labels } = completeAt(':::incident{place=homs-city}\nStrike on :place[F‸\n:::');
    expect(labels[0]).toBe('Furqan');
    expect(completeAt(':::incident{place=homs-city}\nStrike on :place[F‸\n:::').result.items[0]!.detail).toBe('neighbourhood, Homs, Syria');
    expect(completeAt(':::incident{place=aleppo-governorate}\nStrike on :place[F‸\n:::').result.items[0]!.detail).toBe(
      'neighbourhood, Aleppo, Aleppo Governorate, Syria',
    );
    // From three letters on, the places inside are searched for on their own; one or two put the best matches in order.
    for (const typed of ['F', 'Fu', 'Furq']) {
      expect(completeAt(`:::incident{place=homs-city}\nStrike on :place[${typed}‸\n:::`).result.items.map((item) => item.detail)).toEqual([
        'neighbourhood, Homs, Syria',
        'neighbourhood, Aleppo, Aleppo Governorate, Syria',
      ]);
    }
  });

  it('matches a transliteration and keeps the writer\'s closing bracket', () => {
    const { result, apply } = completeAt('Strikes on :place[maarat‸]{in=idlib-governorate}.');
    expect(result.items[0]).toMatchObject({ label: 'Ma‘arrat an Nu‘mān', detail: 'town, Idlib Governorate, Syria' });
    expect(apply()).toBe('Strikes on :place[Ma‘arrat an Nu‘mān]{in=idlib-governorate}.');
  });

  it('adds ref= when the name alone would be ambiguous', () => {
    const { labels, result, apply } = completeAt('Strike on :place[Furq‸');
    expect(labels).toEqual(['Furqan', 'Furqan']);
    expect(result.items.map((item) => item.detail)).toEqual([
      'neighbourhood, Aleppo, Aleppo Governorate, Syria',
      'neighbourhood, Homs, Syria',
    ]);
    expect(apply(1)).toBe('Strike on :place[Furqan]{ref=furqan-homs}');
  });

  it('offers actors by alias, showing the canonical name', () => {
    const { result, apply } = completeAt('By :actor[Assad‸]');
    expect(result.items[0]).toMatchObject({ label: 'Assad regime', kind: 'actor', detail: 'Government of Syria — state-forces' });
    expect(apply()).toBe('By :actor[Assad regime]');
  });

  it('completes ids in ref=, in= and an incident\'s place=', () => {
    expect(completeAt(':place[Idlib]{ref=idlib‸}').labels.slice(0, 2).sort()).toEqual(['idlib-city', 'idlib-governorate']);
    expect(completeAt(':::incident{#x place=aleppo‸').apply()).toBe(':::incident{#x place=aleppo-city');
    expect(completeAt(':place[Idlib]{in=syr‸}').apply()).toBe(':place[Idlib]{in=syria}');
  });

  it('completes attribute names, closed values and part-of ids', () => {
    expect(completeAt(':count[46]{type=killed ‸}').labels).toEqual(['group', 'part-of', 'value', 'precision']);
    expect(completeAt(':count[46]{type=‸}').labels).toEqual(['killed', 'injured', 'missing', 'detained', 'displaced', 'affected']);
    expect(completeAt(':actor[Russia]{role=‸}').labels).toEqual(['perpetrator', 'victim', 'source', 'claimant', 'other']);
    const partOf = completeAt(':count[46]{#civ type=killed group=civilians} and :count[9]{type=killed part-of=‸}');
    expect(partOf.result.items).toEqual([expect.objectContaining({ label: 'civ', detail: '46 civilians', kind: 'reference' })]);
  });

  it('offers directive snippets after a colon that starts a word, never in a time', () => {
    expect(completeAt('At least :co‸').result.items).toEqual([
      expect.objectContaining({ label: ':count', snippet: true, newText: 'count[${1:46}]{type=${2|killed,injured,missing,detained,displaced,affected|} group=${3:civilians}}' }),
    ]);
    expect(completeAt(':::‸').labels).toEqual([':::incident']);
    expect(completeAt('At 10:3‸').result.items).toEqual([]);
    expect(completeAt('Plain prose‸').result).toEqual({ items: [], incomplete: false });
  });
});
