import { docsUrl, type Fix, type ReportDiagnostic, type Severity } from './diagnostics.js';
import type { Gazetteer } from './gazetteer/gazetteer.js';
import type { Report } from './model.js';
import type { Block, ParsedReport } from './parse/incrementalParse.js';
import { RULES } from './rules/index.js';
import type { Finding, Rule } from './rules/rule.js';
import type { Span } from './text.js';

export type RuleSetting = Severity | 'off';

export interface RuleRunOptions {
  /** Severity overrides by code; `off` silences a rule. */
  rules?: Readonly<Record<string, RuleSetting>>;
  missingGazetteers?: { path: string; span: Span }[];
  teamGazetteer?: { path: string; text: string } | undefined;
}

/** Runs every enabled rule over a parsed report. A rule that throws is reported, never fatal. */
export function runRules(report: Report, gazetteer: Gazetteer, options: RuleRunOptions = {}, rules: readonly Rule[] = RULES): ReportDiagnostic[] {
  const diagnostics: ReportDiagnostic[] = [];
  for (const rule of rules) runRule(rule, report, report, gazetteer, options, diagnostics);
  return sortDiagnostics(diagnostics);
}

function runRule(rule: Rule, report: Report, view: Report, gazetteer: Gazetteer, options: RuleRunOptions, into: ReportDiagnostic[]): void {
  const setting = options.rules?.[rule.code] ?? rule.defaultSeverity;
  if (setting === 'off') return;
  const flag = (finding: Finding) =>
    into.push({
      code: rule.code,
      severity: setting,
      message: finding.message,
      span: finding.span,
      range: report.lines.rangeOf(finding.span),
      fixes: finding.fixes ?? [],
      related: (finding.related ?? []).map((related) => ({ message: related.message, range: report.lines.rangeOf(related.span) })),
    });
  try {
    rule.check({ report: view, gazetteer, missingGazetteers: options.missingGazetteers ?? [], teamGazetteer: options.teamGazetteer, flag });
  } catch (error) {
    into.push({
      code: 'internal-error',
      severity: 'error',
      message: `The check ${rule.code} failed on this report (${error instanceof Error ? error.message : String(error)}). Please report this bug with the report attached.`,
      span: { start: 0, end: 0 },
      range: report.lines.rangeOf({ start: 0, end: 0 }),
      fixes: [],
      related: [],
    });
  }
}

function sortDiagnostics(diagnostics: ReportDiagnostic[]): ReportDiagnostic[] {
  return diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
}

/**
 * A span as kept between checks: relative to its block's start when it lies in the block
 * (it moves with the block), absolute when it lies in the front matter (which does not move
 * unless it changes, and then every block is checked again).
 */
interface Anchored {
  start: number;
  end: number;
  moves: boolean;
}

interface KeptDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  span: Anchored;
  fixes: { fix: Fix; edits: { span: Anchored; newText: string }[] }[];
  related: { message: string; span: Anchored }[];
}

/** What the block-scoped rules found in the blocks of one document, for the next check of it. */
export interface RuleResultCache {
  /** Everything besides a block's own text that block-scoped findings depend on. */
  inputs: { gazetteer: Gazetteer; frontMatter: string; options: RuleRunOptions; settingsKey: string } | undefined;
  /** The findings by block id, with spans relative to the block's start. */
  blocks: Map<number, KeptDiagnostic[]>;
  /** How many blocks the last check ran the block-scoped rules on, for tests and benchmarks. */
  lastChecked: number;
}

export function createRuleResultCache(): RuleResultCache {
  return { inputs: undefined, blocks: new Map(), lastChecked: 0 };
}

/**
 * The same diagnostics as `runRules`, re-using what the block-scoped rules found in
 * blocks an edit did not touch (only moved): a keystroke re-checks one or two blocks,
 * plus the report-scoped rules, instead of every annotation of the report.
 */
export function runRulesIncremental(
  parsed: ParsedReport,
  gazetteer: Gazetteer,
  options: RuleRunOptions,
  cache: RuleResultCache,
  rules: readonly Rule[] = RULES,
): ReportDiagnostic[] {
  const { report } = parsed;
  const frontMatter = report.frontMatter ? report.text.slice(report.frontMatter.span.start, report.frontMatter.span.end) : '';
  const settingsKey = JSON.stringify([options.rules ?? {}, options.missingGazetteers ?? []]);
  const inputs = cache.inputs;
  if (
    !inputs ||
    inputs.gazetteer !== gazetteer ||
    inputs.frontMatter !== frontMatter ||
    inputs.settingsKey !== settingsKey ||
    inputs.options.teamGazetteer?.path !== options.teamGazetteer?.path ||
    inputs.options.teamGazetteer?.text !== options.teamGazetteer?.text
  ) {
    cache.blocks.clear();
    cache.inputs = { gazetteer, frontMatter, options, settingsKey };
  }

  const blockRules = rules.filter((rule) => rule.scope === 'block');
  const diagnostics: ReportDiagnostic[] = [];
  const kept = new Map<number, KeptDiagnostic[]>();
  let checked = 0;
  for (const block of parsed.blocks) {
    if (block.annotations.length === 0 && block.incidents.length === 0 && block.foreignDirectives.length === 0) continue;
    const previous = cache.blocks.get(block.id);
    if (previous) {
      for (const diagnostic of previous) diagnostics.push(materialise(diagnostic, block.start, report));
      kept.set(block.id, previous);
      continue;
    }
    checked++;
    const found: ReportDiagnostic[] = [];
    const view: Report = { ...report, incidents: block.incidents, annotations: block.annotations, foreignDirectives: block.foreignDirectives };
    for (const rule of blockRules) runRule(rule, report, view, gazetteer, options, found);
    diagnostics.push(...found);
    const anchored = anchorAll(found, block, report);
    if (anchored) kept.set(block.id, anchored);
  }
  // Blocks gone from the report are forgotten with the map they were in.
  cache.blocks = kept;
  cache.lastChecked = checked;

  for (const rule of rules) if (rule.scope !== 'block') runRule(rule, report, report, gazetteer, options, diagnostics);
  return sortDiagnostics(diagnostics);
}

/** The block's findings with their spans anchored; undefined when one lies where it cannot be kept. */
function anchorAll(found: readonly ReportDiagnostic[], block: Block, report: Report): KeptDiagnostic[] | undefined {
  const frontMatterEnd = report.frontMatter?.span.end ?? 0;
  let keepable = true;
  const anchor = (span: Span): Anchored => {
    if (span.start >= block.start && span.end <= block.end) return { start: span.start - block.start, end: span.end - block.start, moves: true };
    if (span.end <= frontMatterEnd) return { ...span, moves: false };
    keepable = false;
    return { ...span, moves: false };
  };
  const spanOfRange = (range: ReportDiagnostic['range']): Span => ({ start: report.lines.offsetAt(range.start), end: report.lines.offsetAt(range.end) });
  const anchored = found.map(
    (diagnostic): KeptDiagnostic => ({
      code: diagnostic.code,
      severity: diagnostic.severity,
      message: diagnostic.message,
      span: anchor(diagnostic.span),
      fixes: diagnostic.fixes.map((fix) => ({ fix, edits: fix.edits.map((edit) => ({ span: anchor(spanOfRange(edit.range)), newText: edit.newText })) })),
      related: diagnostic.related.map((related) => ({ message: related.message, span: anchor(spanOfRange(related.range)) })),
    }),
  );
  // An internal error is not kept: the next check tries the rule again.
  return keepable && !found.some((diagnostic) => diagnostic.code === 'internal-error') ? anchored : undefined;
}

function materialise(kept: KeptDiagnostic, blockStart: number, report: Report): ReportDiagnostic {
  const place = (span: Anchored): Span => (span.moves ? { start: span.start + blockStart, end: span.end + blockStart } : { start: span.start, end: span.end });
  const span = place(kept.span);
  return {
    code: kept.code,
    severity: kept.severity,
    message: kept.message,
    span,
    range: report.lines.rangeOf(span),
    fixes: kept.fixes.map(({ fix, edits }) => ({ ...fix, edits: edits.map((edit) => ({ range: report.lines.rangeOf(place(edit.span)), newText: edit.newText })) })),
    related: kept.related.map((related) => ({ message: related.message, range: report.lines.rangeOf(place(related.span)) })),
  };
}

export { docsUrl };
