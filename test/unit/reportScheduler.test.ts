import { afterEach, describe, expect, it, vi } from 'vitest';
import { Debouncer } from '../../server/src/lsp/debouncer.js';
import { FAST_CHECK_MS, ReportScheduler } from '../../server/src/lsp/reportScheduler.js';

// When a push client's report is checked after an edit: at once, or after a pause in typing when
// its last check was slow. Under fake timers: a check and a publish take the (fake) time they are given.

afterEach(() => void vi.useRealTimers());

/** A scheduler over one open report whose check takes `checkMs` and whose publish takes `publishMs`; what was published when. */
function scheduler(checkMs: number, publishMs: number) {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'performance'] });
  const document = { uri: 'file:///team/report.md', version: 1 };
  const context = {
    shutDown: false,
    documents: { get: () => document },
    logError: (_what: string, error: unknown) => {
      throw error;
    },
  };
  const published: Array<{ version: number; at: number }> = [];
  const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  const reports = new ReportScheduler(
    context as never,
    new Debouncer(context as never),
    async () => {
      await wait(checkMs);
      return [];
    },
    async (_uri, version) => {
      published.push({ version, at: performance.now() });
      await wait(publishMs);
    },
  );
  /** The next version typed, and scheduled; when. */
  const type = () => {
    document.version++;
    reports.schedule(document.uri);
    return performance.now();
  };
  return { reports, document, published, type };
}

describe('ReportScheduler', () => {
  it('checks at once after an edit when the last check was quick, however long its list took to send', async () => {
    // A long list for an editor without inlay hints: sending it (the write ends when the client has read it) took 200 ms.
    const { reports, document, published, type } = scheduler(10, 200);
    reports.schedule(document.uri);
    await vi.advanceTimersByTimeAsync(500);
    const typed = type();
    await vi.advanceTimersByTimeAsync(500);
    expect(published.map((entry) => entry.version)).toEqual([1, 2]);
    // The check's 10 ms and the loop's turns (a fake millisecond each), not a 150 ms pause.
    expect(published[1]!.at - typed).toBeGreaterThanOrEqual(10);
    expect(published[1]!.at - typed).toBeLessThan(20);
  });

  it('waits for a pause in typing after a slow check', async () => {
    const { reports, document, published, type } = scheduler(FAST_CHECK_MS + 30, 0);
    reports.schedule(document.uri);
    await vi.advanceTimersByTimeAsync(500);
    const typed = type();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(published.map((entry) => entry.version)).toEqual([1, 2]);
    // The pause (150 ms) and the check.
    expect(published[1]!.at - typed).toBeGreaterThanOrEqual(150 + FAST_CHECK_MS + 30);
    expect(published[1]!.at - typed).toBeLessThan(150 + FAST_CHECK_MS + 40);
  });
});
