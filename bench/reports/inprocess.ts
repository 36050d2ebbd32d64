/**
 * Where the time goes, in process (no LSP): full parse, rules, a cold check,
 * and per keystroke the incremental parse, the rules, the line index and the
 * serialisation of the diagnostics as the server would send them. Runs in a
 * child process of its own per report, so one report's heap does not weigh on
 * the next measurement.
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLanguageService, DEFAULT_SETTINGS } from '../../server/src/core/languageService.js';
import { parseFull, parseIncremental } from '../../server/src/core/parse/incrementalParse.js';
import { createRuleResultCache, runRules, runRulesIncremental } from '../../server/src/core/runRules.js';
import { RULES } from '../../server/src/core/rules/index.js';
import { LineIndex } from '../../server/src/core/text.js';
import { docsUrl, type ReportDiagnostic } from '../../server/src/core/diagnostics.js';
import { nodeFileSystem } from '../../server/src/core/workspace/fileSystem.js';
import { applyKeystroke, median, percentile, plannedKeystrokes } from './edits.js';

export interface InProcessFigures {
  bytes: number;
  annotations: number;
  incidents: number;
  diagnostics: number;
  /** gazetteer + parse + rules, the first time each runs in a fresh process. */
  coldCheckMs: number;
  coldGazetteerMs: number;
  coldParseMs: number;
  coldRulesMs: number;
  fullParseMs: number;
  rulesMs: number;
  lineIndexMs: number;
  gazetteerLookupMs: number;
  keystrokes: number;
  keystroke: {
    parse: Stat;
    rules: Stat;
    serialise: Stat;
    check: Stat;
    reparsedChars: Stat;
  };
  slowestRules: { code: string; ms: number }[];
  /** Of the keystrokes, how many ran the report-scoped rules that are not blockwise (the others moved what they found before). */
  reportRulesRan: number;
  /** Blocks the blockwise report-scoped rules examined again, summed over the keystrokes (rules/blockwise.ts). */
  blocksExamined: number;
}

export interface Stat {
  p50: number;
  p95: number;
  max: number;
}

const stat = (samples: number[]): Stat => ({ p50: median(samples), p95: percentile(samples, 95), max: Math.max(...samples) });
const now = () => performance.now();

/** How many warm runs a measure takes of a report: one past 3 MB, where each is seconds long. */
const warmRuns = (text: string) => (text.length > 3_000_000 ? 1 : 3);

/** As the server sends them: fixes stay in the server for code actions. */
function toLsp(diagnostics: ReportDiagnostic[], uri: string): string {
  return JSON.stringify({
    uri,
    diagnostics: diagnostics.map((diagnostic) => ({
      range: diagnostic.range,
      severity: 1,
      code: diagnostic.code,
      codeDescription: { href: docsUrl(diagnostic.code) },
      source: 'incident-markup',
      message: diagnostic.message,
      relatedInformation: diagnostic.related.map((related) => ({ message: related.message, location: { uri, range: related.range } })),
    })),
  });
}

export async function measureInProcess(path: string, keystrokes: number, budgetMs: number, planned = keystrokes): Promise<InProcessFigures> {
  const text = readFileSync(path, 'utf8');
  const service = createLanguageService({ fileSystem: nodeFileSystem });
  const settings = { ...DEFAULT_SETTINGS, root: dirname(path) };
  const uri = pathToFileURL(path).href;

  // Cold, in a fresh process, in the order a first check does them: the gazetteer (files and any
  // built-in layer), the parse, the rules.
  let started = now();
  const { gazetteer } = await service.gazetteerFor({ key: 'cold', path, text }, settings, parseFull('').report);
  const coldGazetteerMs = now() - started;
  started = now();
  const coldParsed = parseFull(text);
  const coldParseMs = now() - started;
  started = now();
  const coldDiagnostics = runRules(coldParsed.report, gazetteer);
  const coldRulesMs = now() - started;
  const cold = { diagnostics: coldDiagnostics };
  const coldCheckMs = coldGazetteerMs + coldParseMs + coldRulesMs;

  const repeat = warmRuns(text);
  const parses: number[] = [];
  let parsed = parseFull(text);
  for (let i = 0; i < repeat; i++) {
    started = now();
    parsed = parseFull(text);
    parses.push(now() - started);
  }
  const rules: number[] = [];
  for (let i = 0; i < repeat; i++) {
    started = now();
    runRules(parsed.report, gazetteer);
    rules.push(now() - started);
  }
  const lineIndexes: number[] = [];
  for (let i = 0; i < 5; i++) {
    started = now();
    new LineIndex(text);
    lineIndexes.push(now() - started);
  }
  const lookups: number[] = [];
  for (let i = 0; i < 20; i++) {
    started = now();
    await service.gazetteerFor({ key: 'cold', path, text }, settings, parsed.report);
    lookups.push(now() - started);
  }

  // As the service does: block-scoped findings kept for the blocks a keystroke did not touch.
  const kept = createRuleResultCache();
  runRulesIncremental(parsed, gazetteer, {}, kept);
  const samples = { parse: [] as number[], rules: [] as number[], serialise: [] as number[], check: [] as number[], reparsedChars: [] as number[] };
  const perRule = new Map<string, number>();
  let current = text;
  // The service under test keeps its own incremental state under its own key.
  await service.check({ key: 'typing', path, text }, settings);
  const began = now();
  let typed = 0;
  let reportRulesRan = 0;
  let blocksExamined = 0;
  for (const keystroke of plannedKeystrokes(text, Math.max(planned, keystrokes)).slice(0, keystrokes)) {
    if (typed >= Math.min(10, keystrokes) && now() - began > budgetMs) break;
    typed++;
    current = applyKeystroke(current, keystroke);

    started = now();
    parsed = parseIncremental(parsed, current);
    samples.parse.push(now() - started);
    samples.reparsedChars.push(parsed.reparsed);

    started = now();
    const diagnostics = runRulesIncremental(parsed, gazetteer, {}, kept);
    samples.rules.push(now() - started);
    if (kept.lastRanReportRules) reportRulesRan++;
    blocksExamined += kept.blockwise.lastExamined;

    started = now();
    toLsp(diagnostics, uri);
    samples.serialise.push(now() - started);

    // Each report-scoped rule run in full over the report, as none is on a keystroke any more (the blockwise ones examine the
    // blocks an edit touched and their readers, the others move what they found when the model is unchanged): what a rule costs.
    for (const rule of RULES.filter((candidate) => candidate.scope === 'report')) {
      started = now();
      runRules(parsed.report, gazetteer, {}, [rule], parsed.blocks);
      perRule.set(rule.code, (perRule.get(rule.code) ?? 0) + now() - started);
    }

    started = now();
    await service.check({ key: 'typing', path, text: current }, settings);
    samples.check.push(now() - started);
  }

  return {
    bytes: Buffer.byteLength(text),
    annotations: parsed.report.annotations.length,
    incidents: parsed.report.incidents.length,
    diagnostics: cold.diagnostics.length,
    coldCheckMs,
    coldGazetteerMs,
    coldParseMs,
    coldRulesMs,
    fullParseMs: median(parses),
    rulesMs: median(rules),
    lineIndexMs: median(lineIndexes),
    gazetteerLookupMs: median(lookups),
    keystrokes: typed,
    keystroke: {
      parse: stat(samples.parse),
      rules: stat(samples.rules),
      serialise: stat(samples.serialise),
      check: stat(samples.check),
      reparsedChars: stat(samples.reparsedChars),
    },
    slowestRules: [...perRule]
      .map(([code, total]) => ({ code, ms: total / typed }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 4),
    reportRulesRan,
    blocksExamined,
  };
}

/** The parse alone, in a fresh process: its first run (before V8 has optimised micromark) and warm. */
export interface ParseAloneFigures {
  coldMs: number;
  warmMs: number;
}

/**
 * What bounds a cold open from below: the first parse of the report in a fresh process, no LSP, no
 * gazetteer, no rules (the cold section prints it beside markdownlint's warm run), then the median of
 * three more.
 */
export function measureParseAlone(path: string): ParseAloneFigures {
  const text = readFileSync(path, 'utf8');
  let started = now();
  parseFull(text);
  const coldMs = now() - started;
  const warm: number[] = [];
  for (let i = 0; i < warmRuns(text); i++) {
    started = now();
    parseFull(text);
    warm.push(now() - started);
  }
  return { coldMs, warmMs: median(warm) };
}
