import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { RuleResultCache } from '../../server/src/core/runRules.js';

// The language service's parse cache must hand every incremental parse to the rules' caches
// (followEdit), not only the parses a check reads: a hover parses a version whose diagnostics are
// never asked for, and the check after it must still re-examine only what the edits touched.
// runRulesIncremental is wrapped to reach the rule cache a check uses; it runs as it does unwrapped.
const checked = vi.hoisted(() => ({ caches: new Set<unknown>() }));
vi.mock('../../server/src/core/runRules.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../server/src/core/runRules.js')>();
  return {
    ...original,
    runRulesIncremental: (...args: Parameters<typeof original.runRulesIncremental>) => {
      checked.caches.add(args[3]);
      return original.runRulesIncremental(...args);
    },
  };
});

const { createLanguageService } = await import('../../server/src/core/languageService.js');
const { PieceText } = await import('../../server/src/core/pieceText.js');
const { MemoryFileSystem } = await import('../helpers/memoryFileSystem.js');

const ROOT = join(import.meta.dirname, '../..');
const REPORT = readFileSync(join(ROOT, 'examples/idlib-2023-10.md'), 'utf8');
const GAZETTEER = readFileSync(join(ROOT, 'examples/gazetteer.yaml'), 'utf8');
const settings = { gazetteerPaths: [], root: '/team', rules: {}, builtinGazetteer: false };

describe('the parse cache', () => {
  it('follows a version a hover parsed, so that the next check re-examines only what the edits touched', async () => {
    const service = createLanguageService({ fileSystem: new MemoryFileSystem({ '/team/gazetteer.yaml': GAZETTEER }) });
    let text = PieceText.of(REPORT, 512);
    const version = () => ({ key: 'report', path: '/team/report.md', text });
    const type = (word: string) => {
      const at = text.indexOf(word) + 2;
      text = text.replace(at, at, 'x');
    };
    await service.check(version(), settings);
    type('bombarded');
    // A hover on this version, whose diagnostics are never asked for.
    expect(await service.hover(version(), { line: 0, character: 0 }, settings)).toBeUndefined();
    type('retaliation');
    const last = await service.check(version(), settings);

    expect(checked.caches.size).toBe(1);
    const [cache] = [...checked.caches] as RuleResultCache[];
    const fresh = await createLanguageService({ fileSystem: new MemoryFileSystem({ '/team/gazetteer.yaml': GAZETTEER }) }).check(
      { key: 'fresh', path: '/team/report.md', text: text.toString() },
      settings,
    );
    expect({ diagnostics: last.diagnostics, examined: cache!.blockwise.lastExamined, reportRulesRan: cache!.lastRanReportRules }).toEqual({
      diagnostics: fresh.diagnostics,
      examined: 0,
      reportRulesRan: false,
    });
  });
});
