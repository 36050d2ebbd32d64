import type { ClientCapabilities, CompletionList } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterEach, describe, expect, it } from 'vitest';
import { startInProcess, tempWorkspace } from '../helpers/lspClient.js';
import { stripMarkers } from '../helpers/markers.js';

/** A team that works on Syria: no place of theirs is in Ukraine. */
const GAZETTEER = `places:
  - id: syria
    name: Syria
    kind: country
  - id: idlib-governorate
    name: Idlib Governorate
    kind: governorate
    in: syria
  - id: saraqib
    name: Saraqib
    kind: town
    in: idlib-governorate
`;
const WITH_LABEL_DETAILS: ClientCapabilities = { textDocument: { completion: { completionItem: { labelDetailsSupport: true } } } };

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Opens the marked report in a fresh server and asks for completion at ‸, as soon as it is open (no check has to have run). */
async function completeOverLsp(capabilities: ClientCapabilities, marked: string) {
  const workspace = await tempWorkspace({ 'gazetteer.yaml': GAZETTEER });
  cleanups.push(workspace.dispose);
  const client = startInProcess();
  cleanups.push(() => client.shutdown());
  await client.initialize(capabilities, { rootPath: workspace.root });
  const { text, cursors } = stripMarkers(marked);
  const uri = workspace.uri('report.md');
  await client.open(uri, text);
  const document = TextDocument.create(uri, 'markdown', 1, text);
  return client.connection.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri }, position: document.positionAt(cursors[0]!) });
}

const range = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });

describe('completion over LSP: label details', { timeout: 30_000 }, () => {
  it("ranks the report's countries first and tells each place apart beside its label", async () => {
    const list = await completeOverLsp(WITH_LABEL_DETAILS, '---\ncountries: [UA]\n---\nShelling of :place[Khark‸');
    expect(list.isIncomplete).toBe(true);
    expect(list.items[0]).toEqual({
      label: 'Kharkiv',
      labelDetails: { detail: ' city', description: 'Kharkiv Raion, Kharkiv, Ukraine · pop. 1,433,886' },
      kind: 19,
      detail: 'city, Kharkiv Raion, Kharkiv, Ukraine · pop. 1,433,886',
      filterText: 'Khark',
      sortText: '00000',
      insertTextFormat: 1,
      textEdit: { range: range(3, 19, 24), newText: 'Kharkiv]' },
    });
    // The city, then the oblast of its name (which needs its ref), then the rest of Ukraine, then the world.
    expect(list.items.map(({ label, labelDetails, textEdit }) => `${label}${labelDetails?.detail ?? ''} | ${labelDetails?.description ?? ''} | ${textEdit?.newText}`)).toEqual([
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
    // Every item replaces what was typed: the bracket is still to be closed.
    expect(list.items.map((item) => item.textEdit && 'range' in item.textEdit && item.textEdit.range)).toEqual(list.items.map(() => range(3, 19, 24)));
    expect(list.items.map((item) => item.sortText)).toEqual(list.items.map((_, rank) => String(rank).padStart(5, '0')));
  });

  it("offers the incident's place first and each place once, and replaces the label up to its closing bracket", async () => {
    const list = await completeOverLsp(WITH_LABEL_DETAILS, ':::incident{place=idlib-governorate}\nStrike on :place[Sar‸aq]{kind=town}\n:::');
    // Places inside Idlib Governorate, then in Syria (the team's country), then the world. The team's
    // Saraqib is offered once, not also as the built-in one, whose alternate "Saraquib" starts with "Sar" too.
    expect(list.items.map(({ label, labelDetails }) => `${label}${labelDetails?.detail ?? ''} | ${labelDetails?.description ?? ''}`)).toEqual([
      'Sarmīn town | Idlib, Syria',
      'Saraqib town | Idlib Governorate, Syria · pop. 34,231',
      'Syria country | ',
      'Serrin (Şirrīn ash Shamālīyah) town | Aleppo, Syria',
      'Serrhaya (Sirghāyā) town | Rif-dimashq, Syria',
      'Sār town | Northern, Bahrain',
      'Sar (Žďár nad Sázavou) town | Okres Žďár nad Sázavou, Vysocina, Czechia · pop. 20,847',
      'Sar (Şaru Dornei) village | Comuna Şaru Dornei, Suceava, Romania · pop. 4,301',
      'Sar (Sare) village | Pyrénées-Atlantiques, New Aquitaine, France · pop. 2,330',
      'Sarja (Sharjah) city | Sharjah, United Arab Emirates · pop. 1,274,749',
      'Sartu (Daqing) city | Daqing Shi, Heilongjiang, China · pop. 1,604,027',
      'Saran (Saransk) city | Mordoviya Republic, Russia · pop. 318,841',
      'Sarh city | Moyen-Chari, Chad · pop. 102,528',
      'Saris (Sari) city | Māzandarān, Iran · pop. 255,396',
      'Sarno (Sarnen) city | Obwalden, Obwalden, Switzerland · pop. 9,410',
      'Ser (Sérres) town | Nomós Serrón, Central Macedonia, Greece · pop. 58,287',
      'Saar town | Kabupaten Garut, West Java, Indonesia',
      'Sa‘ar village | Northern District, Israel · pop. 858',
      'Ser village | Comuna Bogdand, Satu Mare County, Romania · pop. 907',
    ]);
    // Attributes follow the label: the name alone replaces the label, and no ref= is added there.
    expect(list.items.map((item) => item.textEdit)).toEqual(list.items.map((item) => ({ range: range(1, 17, 22), newText: item.label })));
  });

  it('puts everything in the detail for a client without label details', async () => {
    const list = await completeOverLsp({}, '---\ncountries: [UA]\n---\nShelling of :place[Zoloch‸');
    expect(list.items.map(({ label, labelDetails, detail, textEdit }) => ({ label, labelDetails, detail, newText: textEdit?.newText }))).toEqual([
      { label: 'Zolochiv', labelDetails: undefined, detail: 'town, Zolochivskyi Raion, Lviv, Ukraine · pop. 22,608', newText: 'Zolochiv]{ref=geo:UA.15:zolochiv}' },
      { label: 'Zolochiv', labelDetails: undefined, detail: 'town, Bohodukhivskyi Raion, Kharkiv, Ukraine · pop. 7,926', newText: 'Zolochiv]{ref=geo:UA.07:zolochiv}' },
      { label: 'Zolochivskyi Raion', labelDetails: undefined, detail: 'district, Lviv, Ukraine', newText: 'Zolochivskyi Raion]' },
    ]);
    expect(list.items.some((item) => 'labelDetails' in item)).toBe(false);
  });
});
