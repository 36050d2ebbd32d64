// A whole parse of a long report runs region by region with LanguageServiceOptions.betweenParseRegions
// awaited in between (the server lets its other messages through there): the diagnostics are those
// of a parse in one go, another report is answered while the parse is stopped, and a later version
// of the same report waits for the parse under way and follows it by its edit instead of parsing
// the whole text again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLanguageService, type ServiceSettings } from '../../server/src/core/languageService.js';
import { STEP_REGION_SIZE } from '../../server/src/core/parseCache.js';
import { parseChunked, type ParseTally } from '../../server/src/core/parse/chunkedParse.js';
import { LineIndex } from '../../server/src/core/text.js';
import { stripMarkers } from '../helpers/markers.js';
import { MemoryFileSystem } from '../helpers/memoryFileSystem.js';

const ROOT = join(import.meta.dirname, '../..');
const GAZETTEER = readFileSync(join(ROOT, 'examples/gazetteer.yaml'), 'utf8');
const settings: ServiceSettings = { gazetteerPaths: [], root: '/team', rules: {} };

interface Generator {
  generateReport(options: { bytes: number; gazetteer: string; seed?: number }): { text: string };
}
// Loaded by path at run time: bench/ is outside the test project's TypeScript sources.
const GENERATOR = '../../bench/generate-report.ts';
const loadGenerator = () => import(/* @vite-ignore */ GENERATOR) as Promise<Generator>;

const files = () => new MemoryFileSystem({ '/team/gazetteer.yaml': GAZETTEER });

/** The remark calls of one whole parse of `text` between other work: the parse stops between each two. */
function remarkCalls(text: string): number {
  const tally: ParseTally = { calls: 0, characters: 0 };
  parseChunked(text, STEP_REGION_SIZE, tally);
  return tally.calls;
}

/**
 * betweenParseRegions that counts its stops and holds the first one after `arm()` (at once, unless
 * `armed` is false) until `release`.
 */
function heldAtFirstStop(armed = true) {
  let stops = 0;
  let holding = armed;
  let release: (() => void) | undefined;
  let reached: () => void = () => undefined;
  const first = new Promise<void>((resolve) => (reached = resolve));
  return {
    betweenParseRegions: () => {
      stops++;
      if (!holding) return Promise.resolve();
      holding = false;
      reached();
      return new Promise<void>((resolve) => (release = resolve));
    },
    arm: () => {
      stops = 0;
      holding = true;
    },
    first,
    release: () => release!(),
    stops: () => stops,
  };
}

async function longReport(): Promise<string> {
  const { generateReport } = await loadGenerator();
  return generateReport({ bytes: 300_000, gazetteer: GAZETTEER, seed: 11 }).text;
}

describe('a whole parse between other work (betweenParseRegions)', () => {
  it('stops between every two regions and gives the diagnostics of a parse in one go', { timeout: 60_000 }, async () => {
    const text = await longReport();
    let stops = 0;
    const stepped = createLanguageService({ fileSystem: files(), betweenParseRegions: async () => void stops++ });
    const inOneGo = createLanguageService({ fileSystem: files() });
    const document = { key: 'long', path: '/team/long.md', text };
    const expected = (await inOneGo.check(document, settings)).diagnostics;
    expect(expected.length).toBeGreaterThan(10);
    await stepped.parse(document);
    expect(stops).toBe(remarkCalls(text) - 1);
    expect(stops).toBeGreaterThan(10);
    // The check finds the parse done (its rules may stop too: below).
    expect((await stepped.check(document, settings)).diagnostics).toEqual(expected);
  });

  it('answers about another report while stopped, and a later version follows the parse under way', { timeout: 60_000 }, async () => {
    const text = await longReport();
    const marked = stripMarkers('Shelling in :place[Maarat al-N‸uman] on :date[4 October].\n');
    const small = { key: 'small', path: '/team/small.md', text: marked.text };
    const at = new LineIndex(marked.text).positionAt(marked.cursors[0]!);
    const hold = heldAtFirstStop(false);
    const service = createLanguageService({ fileSystem: files(), betweenParseRegions: hold.betweenParseRegions });
    const inOneGo = createLanguageService({ fileSystem: files() });
    // Its rules run ahead too, and may stop if they are slow, cold, in this process.
    await service.check(small, settings);
    hold.arm();

    const long = { key: 'long', path: '/team/long.md', text };
    const parsing = service.parse(long);
    await hold.first;
    // Stopped after the first region of the long report: the small one is answered.
    const hover = await service.hover(small, at, settings);
    expect(hover).toEqual(await inOneGo.hover(small, at, settings));
    expect(hover?.contents).toMatch(/^\*\*Ma‘arrat an Nu‘mān\*\*/);
    expect(hold.stops()).toBe(1);

    // A keystroke in the long report meanwhile: its check waits for the parse, then re-parses one block.
    const at100k = text.indexOf(' ', 100_000);
    const edited = { ...long, text: `${text.slice(0, at100k)} x${text.slice(at100k)}` };
    const parsingEdited = service.parse(edited);
    hold.release();
    await parsing;
    await parsingEdited;
    // One whole parse's stops, not two.
    expect(hold.stops()).toBe(remarkCalls(text) - 1);
    expect((await service.check(edited, settings)).diagnostics).toEqual((await inOneGo.check(edited, settings)).diagnostics);
  });

  it('checks right when a feature that did not wait parsed a later version meanwhile', { timeout: 60_000 }, async () => {
    const text = await longReport();
    const hold = heldAtFirstStop();
    const service = createLanguageService({ fileSystem: files(), betweenParseRegions: hold.betweenParseRegions });
    const inOneGo = createLanguageService({ fileSystem: files() });
    const long = { key: 'long', path: '/team/long.md', text };
    const parsing = service.parse(long);
    await hold.first;
    // Folding ranges read the report at once: they parse the later version whole, in one go, themselves.
    const later = { ...long, text: `# A heading typed first\n\n${text}` };
    expect(service.foldingRanges(later)).toEqual(inOneGo.foldingRanges(later));
    hold.release();
    await parsing;
    expect((await service.check(later, settings)).diagnostics).toEqual((await inOneGo.check(later, settings)).diagnostics);
    expect((await service.check(long, settings)).diagnostics).toEqual((await inOneGo.check(long, settings)).diagnostics);
  });

  it('runs a first check\'s block rules ahead in steps, and keeps what they found right across a keystroke between steps', { timeout: 60_000 }, async () => {
    const text = await longReport();
    const long = { key: 'long', path: '/team/long.md', text };
    let stops = 0;
    let onStop: (() => void) | undefined;
    const service = createLanguageService({
      fileSystem: files(),
      betweenParseRegions: async () => {
        stops++;
        onStop?.();
      },
    });
    const inOneGo = createLanguageService({ fileSystem: files() });
    await service.parse(long);
    const parseStops = stops;
    // A keystroke at the first stop of the rules: an annotation's label changed near the end of the report.
    const at = text.lastIndexOf(':place[') + ':place['.length;
    const edited = { ...long, text: `${text.slice(0, at)}Old ${text.slice(at)}` };
    let editedCheck: Promise<unknown> | undefined;
    onStop = () => {
      onStop = undefined;
      editedCheck = service.check(edited, settings);
    };
    const { diagnostics } = await service.check(long, settings);
    expect(stops).toBeGreaterThan(parseStops);
    expect(diagnostics).toEqual((await inOneGo.check(long, settings)).diagnostics);
    expect(editedCheck).toBeDefined();
    expect(((await editedCheck) as { diagnostics: unknown }).diagnostics).toEqual((await inOneGo.check(edited, settings)).diagnostics);
  });

  it('keeps nothing of a report closed while its whole parse runs, and its check in flight still ends right', { timeout: 60_000 }, async () => {
    const text = await longReport();
    const hold = heldAtFirstStop();
    const service = createLanguageService({ fileSystem: files(), betweenParseRegions: hold.betweenParseRegions });
    const inOneGo = createLanguageService({ fileSystem: files() });
    const long = { key: 'long', path: '/team/long.md', text };
    const checking = service.check(long, settings);
    await hold.first;
    service.forget('long');
    hold.release();
    expect((await checking).diagnostics).toEqual((await inOneGo.check(long, settings)).diagnostics);
    // Opened again: parsed whole again, region by region (the parse of the closed report was not kept).
    const stopsBefore = hold.stops();
    await service.parse(long);
    expect(hold.stops() - stopsBefore).toBe(remarkCalls(text) - 1);
  });

  it('runs the rules ahead in steps again when the gazetteer changes, and checks a keystroke after that at once', { timeout: 60_000 }, async () => {
    const text = await longReport();
    const long = { key: 'long', path: '/team/long.md', text };
    let stops = 0;
    const fileSystem = files();
    const service = createLanguageService({ fileSystem, betweenParseRegions: async () => void stops++ });
    const inOneGo = createLanguageService({ fileSystem });
    await service.check(long, settings);
    // The team adds a place: every block's names may resolve differently. The writer types meanwhile.
    const edited = GAZETTEER.replace(/^places:\n/m, 'places:\n  - id: new-town\n    name: New Town\n    kind: town\n');
    expect(edited).not.toBe(GAZETTEER);
    fileSystem.files.set('/team/gazetteer.yaml', edited);
    service.invalidateGazetteer('/team/gazetteer.yaml');
    const typeAt = (version: { text: string }, offset: number) => {
      const at = version.text.indexOf(' ', offset);
      return { ...long, text: `${version.text.slice(0, at)}e${version.text.slice(at)}` };
    };
    const typed = typeAt(long, 200_000);
    const beforeGazetteerCheck = stops;
    expect((await service.check(typed, settings)).diagnostics).toEqual((await inOneGo.check(typed, settings)).diagnostics);
    expect(stops).toBeGreaterThan(beforeGazetteerCheck);
    // The next keystroke, with nothing else changed: its blocks checked at once.
    const typedAgain = typeAt(typed, 100_000);
    const beforeKeystroke = stops;
    expect((await service.check(typedAgain, settings)).diagnostics).toEqual((await inOneGo.check(typedAgain, settings)).diagnostics);
    expect(stops).toBe(beforeKeystroke);
  });
});
