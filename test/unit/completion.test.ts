import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../server/src/core/gazetteer/gazetteer.js';
import { readGazetteerFile } from '../../server/src/core/gazetteer/readGazetteerFile.js';
import { loadWorldLayer } from '../../server/src/core/gazetteer/worldLayer.js';
import { complete, type CompletionEntry } from '../../server/src/core/languageFeatures/completion.js';
import { parseReport } from '../../server/src/core/parse/parseReport.js';
import { EXAMPLE_GAZETTEER } from '../../server/src/core/rules/rule.js';
import { stripMarkers } from '../helpers/markers.js';

const gazetteer = new Gazetteer([
  readGazetteerFile('/g.yaml', `${EXAMPLE_GAZETTEER}  - id: saraqib\n    name: Saraqib\n    aliases: [Saraqeb]\n    kind: town\n    in: idlib-governorate\n`),
]);

/** The same team gazetteer over the built-in world layer (GeoNames), as the editor loads it by default. */
const withWorld = new Gazetteer(
  [readGazetteerFile('/g.yaml', `${EXAMPLE_GAZETTEER}  - id: saraqib\n    name: Saraqib\n    aliases: [Saraqeb]\n    kind: town\n    in: idlib-governorate\n`)],
  { builtin: loadWorldLayer().table },
);

/** Completes at ‸ and applies the first item, so tests assert the document the writer ends up with. */
function completeAt(marked: string, over = gazetteer) {
  const { text, cursors } = stripMarkers(marked);
  const result = complete(parseReport(text), over, cursors[0]!);
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
    expect(completeAt(':count[46]{type=killed ‸}').labels).toEqual(['group', 'part-of', 'value', 'precision', 'source', 'as-of']);
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

/** An item in one line: its label, its label details (after the label, then apart), and what accepting it writes. */
function shown(item: CompletionEntry): string {
  return `${item.label}${item.labelDetails?.detail ?? ''} | ${item.labelDetails?.description ?? ''} | ${item.newText}`;
}

describe('completion over the world layer', () => {
  it("puts the incident's place first and offers a place once: the team's Saraqib, not also the built-in one by its alternate Saraquib", () => {
    const { result, apply } = completeAt(':::incident{place=idlib-governorate}\nStrike on :place[Saraq‸\n:::', withWorld);
    expect(result.items[0]).toEqual({
      label: 'Saraqib',
      kind: 'place',
      // The team's entry gives no population: its GeoNames twin's is shown.
      detail: 'town, Idlib Governorate, Syria · pop. 34,231',
      labelDetails: { detail: ' town', description: 'Idlib Governorate, Syria · pop. 34,231' },
      newText: 'Saraqib]',
      span: { start: 54, end: 59 },
      snippet: false,
      filterText: 'Saraq',
      sortText: '00000',
    });
    expect(apply()).toBe(':::incident{place=idlib-governorate}\nStrike on :place[Saraqib]\n:::');
    // Then the world, each place told apart by its kind, areas and population; an alternate name
    // with the place's own name in brackets; a name that alone would be ambiguous with its ref.
    expect(result.items.map(shown)).toEqual([
      'Saraqib town | Idlib Governorate, Syria · pop. 34,231 | Saraqib]',
      'Saraqosa (Zaragoza) city | Provincia de Zaragoza, Aragon, Spain · pop. 675,301 | Saraqosa]',
      'Sirak (Shirak) village | Akhuryan Municipality, Shirak, Armenia · pop. 1,007 | Sirak]{ref=geo:AM.07:shirak}',
      'Sarika (Sharjah) city | Sharjah, United Arab Emirates · pop. 1,274,749 | Sarika]',
      'Sirakuz (Siracusa) city | Provincia di Siracusa, Sicily, Italy · pop. 121,605 | Sirakuz]{ref=geo:IT.15:siracusa}',
      'Sirakuz (Syracuse) city | Onondaga County, New York, United States · pop. 144,142 | Sirakuz]{ref=geo:US.NY:syracuse}',
      'Sara Kaeo (Sa Kaeo) city | Amphoe Mueang Sa Kaeo, Sa Kaeo, Thailand · pop. 28,497 | Sara Kaeo]',
      'Serekunda city | Banjul, Gambia · pop. 340,000 | Serekunda]',
      'Serik town | Serik, Antalya, Türkiye · pop. 36,925 | Serik]{ref=geo:TR.07:serik}',
      'Seriki (Sarikei) town | Bahagian Sarikei, Sarawak, Malaysia · pop. 29,281 | Seriki]{ref=geo:MY.11:sarikei}',
      'Sieraków town | Powiat międzychodzki, Greater Poland, Poland · pop. 6,090 | Sieraków]{ref=geo:PL.86:sierakow}',
      'Serik district | Antalya, Türkiye | Serik]{ref=geo:TR.07.7732195}',
      'Sarakhs town | Razavi Khorasan, Iran · pop. 46,499 | Sarakhs]{ref=geo:IR.42:sarakhs}',
      'Sarikoy (Şarköy) town | Şarköy İlçesi, Tekirdağ, Türkiye | Sarikoy]{ref=geo:TR.59:sarkoy}',
      'Sarıköy town | Gönen İlçesi, Balıkesir, Türkiye | Sarıköy]{ref=geo:TR.10:sarikoy}',
      'Sirakha (Siraha) town | Siraha, Madhesh, Nepal · pop. 24,657 | Sirakha]{ref=geo:NP.2:siraha}',
      'Sarakhs district | Razavi Khorasan, Iran | Sarakhs]{ref=geo:IR.42.1482443}',
      'Sarakreek district | Brokopondo District, Suriname | Sarakreek]{ref=geo:SR.10.12088676}',
      'Sariqol (Tashqorghan) town | Kashi Diqu, Xinjiang, China | Sariqol]{ref=geo:CN.13:tashqorghan}',
    ]);
  });

  it("ranks the report's countries (front matter) before the world: Kharkiv the city, then its oblast", () => {
    // The team's gazetteer has no place in Ukraine: countries: says what the report is about.
    const { result, apply } = completeAt('---\ncountries: [UA]\n---\nShelling of :place[Khark‸', withWorld);
    expect(result.items[0]).toEqual({
      label: 'Kharkiv',
      kind: 'place',
      detail: 'city, Kharkiv Raion, Kharkiv, Ukraine · pop. 1,433,886',
      labelDetails: { detail: ' city', description: 'Kharkiv Raion, Kharkiv, Ukraine · pop. 1,433,886' },
      newText: 'Kharkiv]',
      span: { start: 43, end: 48 },
      snippet: false,
      filterText: 'Khark',
      sortText: '00000',
    });
    expect(apply()).toBe('---\ncountries: [UA]\n---\nShelling of :place[Kharkiv]');
    expect(apply(1)).toBe('---\ncountries: [UA]\n---\nShelling of :place[Kharkiv]{ref=geo:UA.07}');
    expect(result.items.map(shown)).toEqual([
      'Kharkiv city | Kharkiv Raion, Kharkiv, Ukraine · pop. 1,433,886 | Kharkiv]',
      'Kharkiv governorate | Ukraine | Kharkiv]{ref=geo:UA.07}',
      'Kharkiv Raion district | Kharkiv, Ukraine | Kharkiv Raion]',
      'Kharkivskyi Masyv town | Kyiv City, Ukraine | Kharkivskyi Masyv]',
      'Khārk town | Shahrestān-e Būshehr, Bushehr, Iran · pop. 8,196 | Khārk]{ref=geo:IR.22:khark}',
      'Kharkhari town | Dhānbād, Jharkhand, India | Kharkhari]{ref=geo:IN.38:kharkhari}',
      'Kharkhauda town | Sonīpat, Haryana, India · pop. 21,320 | Kharkhauda]{ref=geo:IN.10:kharkhauda}',
      'Kharkhauda town | Meerut, Uttar Pradesh, India · pop. 13,189 | Kharkhauda]{ref=geo:IN.36:kharkhauda}',
      'Kharkhorin town | Övörhangay, Mongolia · pop. 8,977 | Kharkhorin]{ref=geo:MN.15:kharkhorin}',
      'Kharku (Harku) village | Saue vald, Harjumaa, Estonia · pop. 781 | Kharku]{ref=geo:EE.01.0726:harku}',
      'Kharkan (Harkány) village | Baranya, Hungary · pop. 3,450 | Kharkan]{ref=geo:HU.02:harkany}',
      'Khirkiya (Khirkiyān) town | Harda, Madhya Pradesh, India · pop. 18,498 | Khirkiya]{ref=geo:IN.35:khirkiya}',
      'Al Kharkhīr district | Najran Region, Saudi Arabia | Al Kharkhīr]{ref=geo:SA.16.10972371}',
      'Kharkers Ajland (Harkers Island) village | Carteret County, North Carolina, United States · pop. 1,207 | Kharkers Ajland]{ref=geo:US.NC:harkers-island}',
      'Kherkimer (Herkimer) town | Herkimer County, New York, United States · pop. 7,519 | Kherkimer]{ref=geo:US.NY:herkimer}',
      'Kherkjuliz (Hercules) town | Contra Costa County, California, United States · pop. 25,314 | Kherkjuliz]{ref=geo:US.CA:hercules}',
      'Kherkhjugovard (Heerhugowaard) town | Dijk en Waard, North Holland, Netherlands · pop. 47,580 | Kherkhjugovard]{ref=geo:NL.07:heerhugowaard}',
      'Khirkenes (Kirkenes) village | Sør-Varanger, Finnmark, Norway · pop. 3,529 | Khirkenes]{ref=geo:NO.05:kirkenes}',
      'Kherkhvajler (Herchweiler) village | Rheinland-Pfalz, Germany · pop. 517 | Kherkhvajler]{ref=geo:DE.08:herchweiler}',
      'Kherkjulejnijum (Herculaneum) village | Jefferson County, Missouri, United States · pop. 3,935 | Kherkjulejnijum]{ref=geo:US.MO:herculaneum}',
    ]);
  });

  it('offers El Fasher first in a report on Sudan, then the rest of Sudan and the team\'s Syria, then the world', () => {
    const { result, apply } = completeAt('---\ncountries: [SD]\n---\nShelling of :place[El Fa‸', withWorld);
    expect(apply()).toBe('---\ncountries: [SD]\n---\nShelling of :place[El Fasher]');
    expect(result.items.map(shown)).toEqual([
      'El Fasher city | Northern Darfur, Sudan · pop. 252,609 | El Fasher]',
      'Al Fao district | Al Qaḑārif, Sudan | Al Fao]',
      'Al Fasher district | Northern Darfur, Sudan | Al Fasher]{ref=geo:SD.55.13711207}',
      'Al Firdous district | Eastern Darfur, Sudan | Al Firdous]',
      'Al Fashaga district | Al Qaḑārif, Sudan | Al Fashaga]',
      'Al Fākhūrah town | Latakia, Syria | Al Fākhūrah]',
      'Al-Fashaqah town | Al Qaḑārif, Sudan | Al-Fashaqah]',
      'Farqalus (Al Furqlus) town | Homs, Syria | Farqalus]',
      'Philppopolis (Shahbā) town | Suwayda, Syria · pop. 14,784 | Philppopolis]',
      'Fiq District district | Quneitra, Syria | Fiq District]',
      'Fatsat ath Thayb (Al Karāmah) town | Raqqa, Syria | Fatsat ath Thayb]',
      'Faè village | Provincia di Treviso, Veneto, Italy · pop. 542 | Faè]{ref=geo:IT.20:fae}',
      'Faaa town | Faaa, Îles du Vent, French Polynesia · pop. 29,851 | Faaa]{ref=geo:PF.01:faaa}',
      'Fie (Fillé) village | Sarthe, Pays de la Loire, France · pop. 1,135 | Fie]{ref=geo:FR.52:fille}',
      "Faye (Faye-l'Abbesse) village | Deux-Sèvres, New Aquitaine, France · pop. 566 | Faye]{ref=geo:FR.75:faye-labbesse}",
      'Fiji country |  | Fiji]',
      'Fes city | Fes, Fes-Meknes, Morocco · pop. 964,891 | Fes]',
      "Al'-Fau (Al Fāw) city | Al-Faw District, Basra, Iraq · pop. 104,569 | Al'-Fau]{ref=geo:IQ.02:al-faw}",
      'Faaa district | Îles du Vent, French Polynesia | Faaa]{ref=geo:PF.01.98715}',
      'Fier city | Bashkia Fier, Fier County, Albania · pop. 56,297 | Fier]',
    ]);
  });

  it('tells two towns of one name apart by their areas and population, each with its ref', () => {
    const { result } = completeAt('---\ncountries: [UA]\n---\nShelling of :place[Zoloch‸', withWorld);
    expect(result.items.map((item) => ({ label: item.label, labelDetails: item.labelDetails, newText: item.newText }))).toEqual([
      {
        label: 'Zolochiv',
        labelDetails: { detail: ' town', description: 'Zolochivskyi Raion, Lviv, Ukraine · pop. 22,608' },
        newText: 'Zolochiv]{ref=geo:UA.15:zolochiv}',
      },
      {
        label: 'Zolochiv',
        labelDetails: { detail: ' town', description: 'Bohodukhivskyi Raion, Kharkiv, Ukraine · pop. 7,926' },
        newText: 'Zolochiv]{ref=geo:UA.07:zolochiv}',
      },
      { label: 'Zolochivskyi Raion', labelDetails: { detail: ' district', description: 'Lviv, Ukraine' }, newText: 'Zolochivskyi Raion]' },
    ]);
  });
});
