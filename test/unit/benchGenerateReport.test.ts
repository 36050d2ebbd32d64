// The synthetic report generator behind `npm run bench` (bench/generate-report.ts): deterministic,
// of the size asked, and checking clean against the example gazetteer but for its deliberate
// mistakes, so that the benchmarks time realistic work rather than a flood of errors.
// Nothing here is timed: benchmarks are not tests.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLanguageService } from '../../server/src/core/languageService.js';
import { MemoryFileSystem } from '../helpers/memoryFileSystem.js';

interface Generator {
  generateReport(options: { bytes: number; gazetteer: string; seed?: number; mistakes?: boolean; mistakeEvery?: number; mistakeKinds?: string[] }): { text: string; incidents: number; mistakes: number };
  parseSize(size: string): number;
}

// Loaded by path at run time: bench/ is outside the test project's TypeScript sources.
const GENERATOR = '../../bench/generate-report.ts';
const load = () => import(/* @vite-ignore */ GENERATOR) as Promise<Generator>;
const GAZETTEER = readFileSync(new URL('../../examples/gazetteer.yaml', import.meta.url), 'utf8');

async function check(text: string) {
  const fileSystem = new MemoryFileSystem({ '/reports/gazetteer.yaml': GAZETTEER, '/reports/report.md': text });
  const service = createLanguageService({ fileSystem });
  return (await service.check({ path: '/reports/report.md', text }, { gazetteerPaths: [], root: '/reports', rules: {} })).diagnostics;
}

describe('bench report generator', () => {
  it('is deterministic for a seed, and the seed matters', async () => {
    const { generateReport } = await load();
    const a = generateReport({ bytes: 30_000, gazetteer: GAZETTEER, seed: 1 });
    expect(generateReport({ bytes: 30_000, gazetteer: GAZETTEER, seed: 1 }).text).toBe(a.text);
    expect(generateReport({ bytes: 30_000, gazetteer: GAZETTEER, seed: 2 }).text).not.toBe(a.text);
  });

  it('writes about the size asked, one incident container per section with eight or nine annotations each', async () => {
    const { generateReport, parseSize } = await load();
    expect(parseSize('100k')).toBe(102_400);
    expect(parseSize('1m')).toBe(1_048_576);
    const report = generateReport({ bytes: parseSize('100k'), gazetteer: GAZETTEER });
    const bytes = Buffer.byteLength(report.text);
    expect(bytes).toBeGreaterThanOrEqual(100_000);
    expect(bytes).toBeLessThan(110_000);
    expect(report.text.match(/^:::incident\{/gm)).toHaveLength(report.incidents);
    const annotations = report.text.match(/:(?:count|date|actor|place)\[/g)!.length;
    expect(annotations / report.incidents).toBeGreaterThanOrEqual(8);
    expect(annotations / report.incidents).toBeLessThan(10);
    for (const block of ['\n| ', '\n> ', '\n- ', '\n1. ', '\n```', '](https://', '\n## ', '\n# ']) expect(report.text).toContain(block);
  });

  // Checks 460 KB of reports cold (about 1.5 s alone): vitest's 5 s default was missed with the machine's two cores busy.
  it('checks clean against examples/gazetteer.yaml but for hints, and flags each deliberate mistake', { timeout: 60_000 }, async () => {
    const { generateReport } = await load();
    const clean = generateReport({ bytes: 60_000, gazetteer: GAZETTEER, mistakes: false });
    const problems = (await check(clean.text)).filter((diagnostic) => diagnostic.severity !== 'hint');
    expect(problems.map((diagnostic) => `${diagnostic.code}: ${diagnostic.message}`)).toEqual([]);

    const flawed = generateReport({ bytes: 400_000, gazetteer: GAZETTEER });
    expect(flawed.mistakes).toBeGreaterThanOrEqual(3);
    const flagged = (await check(flawed.text)).filter((diagnostic) => diagnostic.severity !== 'hint');
    expect(flagged.length).toBeGreaterThanOrEqual(flawed.mistakes);
    expect(new Set(flagged.map((diagnostic) => diagnostic.code)).size).toBeGreaterThanOrEqual(3);
  });

  it('writes a mistake in every fourth incident, of each kind in turn, as the archive bench asks for one report in five', { timeout: 60_000 }, async () => {
    const { generateReport } = await load();
    const flawed = generateReport({ bytes: 25 * 1024, gazetteer: GAZETTEER, seed: 20150101, mistakeEvery: 4, mistakeKinds: ['parts', 'place', 'date', 'actor'] });
    expect([flawed.incidents, flawed.mistakes]).toEqual([13, 4]);
    const flagged = (await check(flawed.text)).filter((diagnostic) => diagnostic.severity !== 'hint');
    expect(flagged.map((diagnostic) => `${diagnostic.range.start.line + 1} ${diagnostic.code}: ${diagnostic.message}`)).toEqual([
      '25 count-incident-total: killed=84, but the counts inside the incident come to at least 91 killed (84 women + 7 children = 91).',
      '146 place-unknown: Place "Nowhere-on-Orontes" is not in the gazetteer; add it to the gazetteer or give ref= with its id.',
      '268 date-invalid: "2018-01-32" is not a calendar date: January 2018 has 31 days.',
      '389 actor-unknown: Actor "the Russain air force" is not in the gazetteer; add it to the gazetteer or give ref= with its id.',
    ]);
  });
});
