import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { readDateLabelUncached } from '../../server/src/core/dates/readDateLabel.js';
import { createLanguageService, type ServiceSettings } from '../../server/src/core/languageService.js';
import { PieceText } from '../../server/src/core/pieceText.js';
import { LineIndex } from '../../server/src/core/text.js';
import { runStepsBetweenMessages, WARM_UP_AFTER_TYPING_MS, WarmUp } from '../../server/src/lsp/warmUp.js';
import { stripMarkers } from '../helpers/markers.js';
import { MemoryFileSystem } from '../helpers/memoryFileSystem.js';

// warmUp's steps (the server runs them once a report's diagnostics are out, one at a time) build what
// the first completions and edits would: they must leave every completion and date reading as it was.

const settings: ServiceSettings = { gazetteerPaths: [], root: '/team', rules: {}, builtinGazetteer: true };
const GAZETTEER = 'places:\n  - id: idlib-gov\n    name: Idlib Governorate\n    kind: governorate\n    in: geo:SY\nactors:\n  - id: sarc\n    name: Syrian Arab Red Crescent\n';

const REPORT = [
  '---',
  'published: 2023-10-10',
  '---',
  ':::incident{date=2023-10-05 place=idlib-gov}',
  'Shelling hit :place[Sar‸] and :place[Ma‸ and :actor[Sy‸].',
  ':::',
  '',
  'Outside any incident, :place[Al‸',
  '',
].join('\n');

function service() {
  return createLanguageService({ fileSystem: new MemoryFileSystem({ '/team/gazetteer.yaml': GAZETTEER }) });
}

/** Every step of the report's warm-up, run in order; how many there were. */
async function warmUp(service: ReturnType<typeof createLanguageService>, document: { key: string; path: string; text: string | PieceText }): Promise<number> {
  const steps = await service.warmUp(document, settings);
  for (const step of steps) step();
  return steps.length;
}

describe('warmUp', () => {
  it('leaves the completions as they are without it', async () => {
    const { text, cursors } = stripMarkers(REPORT);
    const document = { key: 'report', path: '/team/report.md', text };
    const lines = new LineIndex(text);
    const cold = service();
    const expected = [];
    for (const cursor of cursors) expected.push(await cold.complete(document, lines.positionAt(cursor), settings));
    // Something to compare: each cursor is offered names.
    expect(expected.map((result) => result.items.length > 0)).toEqual([true, true, true, true]);

    const warmed = service();
    // The report's spans, a search per prefix (8), the actors', an unknown name's check, chrono's patterns.
    expect(await warmUp(warmed, document)).toBe(12);
    for (const [index, cursor] of cursors.entries()) expect(await warmed.complete(document, lines.positionAt(cursor), settings)).toEqual(expected[index]);
  });

  it('reads the parse the check made of a report in pieces, as the server holds an open one, without parsing it again', async () => {
    // Parsed again, the next keystroke's check followed an edit from a parse its rules had not seen, and re-examined every incident.
    const document = { key: 'pieces', path: '/team/report.md', text: PieceText.of(stripMarkers(REPORT).text, 64) };
    const warmed = service();
    const checked = await warmed.check(document, settings);
    await warmUp(warmed, document);
    expect((await warmed.analyze(document, settings)).report).toBe(checked.report);
  });

  it('runs on a report with no incident, and on an empty one', async () => {
    const warmed = service();
    expect(await warmUp(warmed, { key: 'plain', path: '/team/plain.md', text: 'Nothing marked up here.\n' })).toBe(12);
    // The same gazetteer and countries: the searches are built; the report's spans, the unknown name's and chrono's steps are left (they cost nothing twice).
    expect(await warmUp(warmed, { key: 'empty', path: '/team/empty.md', text: '' })).toBe(3);
  });

  it('leaves the diagnostics of unknown names as they are without it, their near misses and the entry each would add', async () => {
    const document = {
      key: 'unknown',
      path: '/team/unknown.md',
      text: ':::incident{date=2023-10-05 place=idlib-gov}\nShelling hit :place[Idlib Governorat], :place[Qxv Warm-up] and :place[Sarmada Camp X].\n:::\n',
    };
    const cold = await service().check(document, settings);
    const warmed = service();
    await warmUp(warmed, document);
    const checked = await warmed.check(document, settings);
    expect(checked.diagnostics).toEqual(cold.diagnostics);
    // Something to compare: three unknown places, each with an entry to add to the team's file.
    expect(cold.diagnostics.filter((diagnostic) => diagnostic.code === 'place-unknown').map((diagnostic) => diagnostic.fixes.at(-1)?.title)).toEqual([
      'Add "Idlib Governorat" to gazetteer.yaml as a new place (town, id idlib-governorat)',
      'Add "Qxv Warm-up" to gazetteer.yaml as a new place (town, id qxv-warm-up)',
      'Add "Sarmada Camp X" to gazetteer.yaml as a new place (town, id sarmada-camp-x)',
    ]);
  });

  it('leaves the reading of dates as it was, chrono\'s forms and the common ones', async () => {
    const labels = ['the night of 4 to 5 October 2023', 'Frxiday 5 January', 'early October 2023', 'between 4 and 7 October', '4 October 2023', 'yesterday'];
    const read = () => labels.map((label) => readDateLabelUncached(label, { commonForms: true }));
    const before = read();
    await warmUp(service(), { key: 'dates', path: '/team/dates.md', text: 'No dates.\n' });
    expect(read()).toEqual(before);
    expect(before[0]).toEqual({ start: { year: 2023, month: 10, day: 4 }, end: { year: 2023, month: 10, day: 5 }, part: undefined, weekdays: [], overnight: true });
  });
});

describe('runStepsBetweenMessages (the server runs the warm-up so)', () => {
  /**
   * A client's end of a real socket: what it writes is read by the other end in the event loop's poll
   * phase, and handled from a setImmediate queued then, as vscode-jsonrpc handles a message it read.
   */
  async function socketPair(onMessage: (text: string) => void): Promise<{ send: (text: string) => void; close: () => void }> {
    const server = createServer();
    const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
    const receiving = await accepted;
    await new Promise<void>((resolve) => client.once('connect', resolve));
    receiving.on('data', (data) => setImmediate(() => onMessage(data.toString())));
    return {
      send: (text) => void client.write(text),
      close: () => {
        client.destroy();
        receiving.destroy();
        server.close();
      },
    };
  }

  /**
   * Three steps that note when they run; during the first a keystroke comes in from the client. The
   * first step works for 50 ms (the thread blocked, as by a search), so that the keystroke has
   * reached the socket before it ends, as one typed during a step has: the loopback delivers in
   * microseconds, but not within the same turn of the loop.
   */
  async function run(runner: (steps: Array<() => void>) => Promise<void>): Promise<string[]> {
    const order: string[] = [];
    let received!: () => void;
    const keystroke = new Promise<void>((resolve) => (received = resolve));
    const pair = await socketPair((text) => {
      order.push(text);
      received();
    });
    const steps = ['step 1', 'step 2', 'step 3'].map((name, index) => () => {
      order.push(name);
      if (index === 0) {
        pair.send('keystroke');
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
      }
    });
    await Promise.all([runner(steps), keystroke]);
    pair.close();
    return order;
  }

  it('lets a message received during one step go before the next', async () => {
    expect(await run((steps) => runStepsBetweenMessages(steps, () => true, () => undefined))).toEqual(['step 1', 'keystroke', 'step 2', 'step 3']);
  });

  it('would hold the message back for all the steps if they ran at once, as before', async () => {
    expect(
      await run(async (steps) => {
        for (const step of steps) step();
      }),
    ).toEqual(['step 1', 'step 2', 'step 3', 'keystroke']);
  });

  it('runs no step while the writer is typing, and goes on once they pause', async () => {
    // `quiet` says how long until the writer counts as paused: 5 ms for its first three answers
    // (typing), then 0. What had run at each answer is noted.
    const ran: string[] = [];
    const seen: string[][] = [];
    const quiet = () => {
      seen.push([...ran]);
      return seen.length <= 3 ? 5 : 0;
    };
    await runStepsBetweenMessages([() => ran.push('one'), () => ran.push('two')], () => true, () => undefined, quiet);
    expect(ran).toEqual(['one', 'two']);
    // Asked before each step: three waits, then before 'one' and before 'two'.
    expect(seen).toEqual([[], [], [], [], ['one']]);
  });

  it('stops when it is no longer wanted (the report closed) and at a step that throws, which is reported', async () => {
    const ran: string[] = [];
    await runStepsBetweenMessages([() => ran.push('one'), () => ran.push('two'), () => ran.push('three')], () => ran.length < 2, () => undefined);
    expect(ran).toEqual(['one', 'two']);

    const errors: unknown[] = [];
    const failing = new Error('the gazetteer went away');
    const after: string[] = [];
    await runStepsBetweenMessages([() => after.push('one'), () => { throw failing; }, () => after.push('three')], () => true, (error) => errors.push(error));
    expect(after).toEqual(['one']);
    expect(errors).toEqual([failing]);
  });
});

describe('WarmUp (the server\'s)', () => {
  it('starts once the writer has let the report be after its first diagnostics, and waits again while they type', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate', 'performance'] });
    try {
      const typed: Array<() => void> = [];
      const context = {
        documents: { onDidClose: () => undefined, onDidChangeContent: (listener: () => void) => typed.push(listener), get: () => ({ text: '' }) },
        shutDown: false,
        logError: (_what: string, error: unknown) => {
          throw error;
        },
      };
      const ran: number[] = [];
      const steps = [() => void ran.push(performance.now()), () => void ran.push(performance.now())];
      const warmUp = new WarmUp(context as never, { warmUp: async () => steps } as never, { forDocument: async () => ({}) } as never);
      const opened = performance.now();
      warmUp.checked({ uri: 'file:///team/report.md' } as never);
      // Keystrokes 200 ms and 600 ms after the first diagnostics.
      await vi.advanceTimersByTimeAsync(200);
      for (const listener of typed) listener();
      await vi.advanceTimersByTimeAsync(400);
      for (const listener of typed) listener();
      await vi.advanceTimersByTimeAsync(WARM_UP_AFTER_TYPING_MS - 1);
      expect(ran).toEqual([]);
      await vi.advanceTimersByTimeAsync(1_000);
      // Then both, one after the other (each turn of the loop a fake millisecond).
      expect(ran.map((at) => Math.floor((at - opened - 600 - WARM_UP_AFTER_TYPING_MS) / 10))).toEqual([0, 0]);
    } finally {
      vi.useRealTimers();
    }
  });
});
