import { docsUrl, type ReportDiagnostic, type Severity } from './diagnostics.js';
import type { Gazetteer } from './gazetteer/gazetteer.js';
import { reportScope, type PlaceScope } from './gazetteer/reportScope.js';
import type { Report } from './model.js';
import type { Block } from './parse/blocks.js';
import type { ParsedReport } from './parse/incrementalParse.js';
import { modelUnchangedByEdit, moveReportFindings } from './reportFindings.js';
import { RULES } from './rules/index.js';
import { BlockwiseFindings, isBlockwise } from './rules/blockwise.js';
import type { Finding, MissingGazetteer, Rule, RuleContext } from './rules/rule.js';
import type { Range, Span } from './text.js';

export type RuleSetting = Severity | 'off';

export interface RuleRunOptions {
  /** Severity overrides by code; `off` silences a rule. */
  rules?: Readonly<Record<string, RuleSetting>>;
  missingGazetteers?: MissingGazetteer[];
  teamGazetteer?: { path: string; text: string } | undefined;
  /** Today's date as YYYY-MM-DD, for fixes that write it; the local date by default. Tests fix it. */
  today?: () => string;
}

/** Today in the writer's time zone as YYYY-MM-DD: the day a report being written is published on. */
function localToday(): string {
  const now = new Date();
  const pad = (number: number) => String(number).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Runs every enabled rule over a parsed report, whole, keeping nothing. A rule that throws is
 * reported, never fatal. The product checks through runRulesIncremental (the language service);
 * this is what that must equal, for the tests, and the benchmarks' uncached baseline.
 */
export function runRules(
  report: Report,
  gazetteer: Gazetteer,
  options: RuleRunOptions = {},
  rules: readonly Rule[] = RULES,
  /** The report's blocks, for report-scoped rules to read through collectByBlock (benchmarks time them so). */
  blocks?: readonly Block[],
): ReportDiagnostic[] {
  const diagnostics: ReportDiagnostic[] = [];
  const scope = reportScope(gazetteer, report, blocks);
  for (const rule of rules) runRule(rule, report, report, gazetteer, scope, options, diagnostics, blocks);
  return sortDiagnostics(diagnostics);
}

function runRule(
  rule: Rule,
  report: Report,
  view: Report,
  gazetteer: Gazetteer,
  scope: PlaceScope,
  options: RuleRunOptions,
  into: ReportDiagnostic[],
  blocks?: readonly Block[],
  /** How to run it: its own check by default; the kept findings of a blockwise rule (blockwise.ts) otherwise. */
  check: (rule: Rule, context: RuleContext) => void = (rule, context) => rule.check(context),
  onError?: () => void,
): void {
  const setting = settingOf(rule, options);
  if (setting === 'off') return;
  const flag = (finding: Finding) =>
    into.push({
      code: rule.code,
      severity: setting,
      message: finding.message,
      // A copy: rules flag the model's own spans, which the next incremental parse moves in place.
      span: { start: finding.span.start, end: finding.span.end },
      range: report.lines.rangeOf(finding.span),
      fixes: finding.fixes ?? [],
      related: (finding.related ?? []).map((related) => ({ message: related.message, range: report.lines.rangeOf(related.span) })),
    });
  try {
    check(rule, ruleContext(view, gazetteer, scope, options, flag, blocks));
  } catch (error) {
    onError?.();
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

/** What a rule reads of a check: `view` is the report, or one block's share of it. */
function ruleContext(view: Report, gazetteer: Gazetteer, scope: PlaceScope, options: RuleRunOptions, flag: RuleContext['flag'], blocks?: readonly Block[]): RuleContext {
  return {
    report: view,
    gazetteer,
    scope,
    missingGazetteers: options.missingGazetteers ?? [],
    teamGazetteer: options.teamGazetteer,
    today: options.today ?? localToday,
    flag,
    ...(blocks ? { blocks } : {}),
  };
}

/** A block without any directive, ours or foreign: no block-scoped rule finds anything in it. */
const holdsNoDirective = (block: Block): boolean => block.annotations.length === 0 && block.incidents.length === 0 && block.foreignDirectives.length === 0;

function settingOf(rule: Rule, options: RuleRunOptions): RuleSetting {
  // Own entries only: the settings come from the team's file and the editor, and may be any object.
  return (options.rules && Object.hasOwn(options.rules, rule.code) ? options.rules[rule.code] : undefined) ?? rule.defaultSeverity;
}

/** By place, then code (lower-case ASCII, so `<` orders them as localeCompare did, without its cost on each tie). */
const byPlaceThenCode = (a: ReportDiagnostic, b: ReportDiagnostic) => a.span.start - b.span.start || a.span.end - b.span.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

function sortDiagnostics(diagnostics: ReportDiagnostic[]): ReportDiagnostic[] {
  return diagnostics.sort(byPlaceThenCode);
}

/**
 * What sortDiagnostics gives for `inOrder` followed by `rest`, when `inOrder` is sorted already (the
 * blocks' findings, each block's sorted when it was checked, blocks in document order): `rest` is
 * sorted and merged in, ties going to `inOrder` as a stable sort of the two would have them. The
 * whole sort of a long report's thousands of findings on every keystroke was 1.5 ms of a 5 MiB
 * report's, and once 8.6 ms at 1 MiB in the server's profile. Sorted whole when `inOrder` is not.
 */
export function mergeSortedDiagnostics(inOrder: ReportDiagnostic[], rest: ReportDiagnostic[]): ReportDiagnostic[] {
  for (let index = 1; index < inOrder.length; index++) {
    if (byPlaceThenCode(inOrder[index - 1]!, inOrder[index]!) > 0) {
      for (const diagnostic of rest) inOrder.push(diagnostic);
      return sortDiagnostics(inOrder);
    }
  }
  if (rest.length === 0) return inOrder;
  sortDiagnostics(rest);
  const merged: ReportDiagnostic[] = new Array(inOrder.length + rest.length);
  let left = 0;
  let right = 0;
  let at = 0;
  while (left < inOrder.length && right < rest.length) merged[at++] = byPlaceThenCode(rest[right]!, inOrder[left]!) < 0 ? rest[right++]! : inOrder[left++]!;
  while (left < inOrder.length) merged[at++] = inOrder[left++]!;
  while (right < rest.length) merged[at++] = rest[right++]!;
  return merged;
}

/**
 * What the block-scoped rules found in one block, where the block was then. Every position
 * in a block that an edit did not touch moves by the same offset and the same number of lines
 * (its columns stay), so its findings are moved, not recomputed; positions in the front
 * matter, before every block, do not move.
 */
interface KeptBlock {
  start: number;
  end: number;
  line: number;
  diagnostics: ReportDiagnostic[];
}

/** What the block-scoped rules found in the blocks of one document, for the next check of it. */
export interface RuleResultCache {
  /** Everything besides a block's own text that block-scoped findings depend on. */
  inputs: { gazetteer: Gazetteer; scope: PlaceScope; frontMatter: string; settingsKey: string; teamGazetteer: RuleRunOptions['teamGazetteer'] } | undefined;
  /** By block id. */
  blocks: Map<number, KeptBlock>;
  /** How many blocks the last check ran the block-scoped rules on, for tests and benchmarks. */
  lastChecked: number;
  /** What the report-scoped rules found in the parse last checked, to move when an edit leaves the model as it was. */
  report: KeptReport | undefined;
  /** Whether the last check ran the report-scoped rules (or moved what they found before), for tests and benchmarks. */
  lastRanReportRules: boolean;
  /**
   * The parse last checked (ParsedReport.serial), or a later one made from it by edits that left
   * the model as it was (followEdit).
   */
  lastSerial: number | undefined;
  /** What the blockwise report-scoped rules (blockwise.ts) found, block by block. */
  blockwise: BlockwiseFindings;
}

interface KeptReport {
  /** The parse checked (ParsedReport.serial). */
  serial: number;
  rules: readonly Rule[];
  today: string;
  diagnostics: ReportDiagnostic[];
}

export function createRuleResultCache(): RuleResultCache {
  return { inputs: undefined, blocks: new Map(), lastChecked: 0, report: undefined, lastRanReportRules: false, lastSerial: undefined, blockwise: new BlockwiseFindings() };
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
  const scope = keptFor(parsed, gazetteer, options, cache);

  const blockRules = rules.filter((rule) => rule.scope === 'block');
  const diagnostics: ReportDiagnostic[] = [];
  const stillKept = new Map<number, KeptBlock>();
  let checked = 0;
  for (const block of parsed.blocks) {
    if (holdsNoDirective(block)) continue;
    let kept = cache.blocks.get(block.id);
    if (kept) {
      // The line too: an edit of the same length as what it replaced can add lines above.
      const line = report.lines.lineAt(block.start);
      if (kept.line === line) shiftFindings(kept, block);
      // Moved to other lines, they are copies: their ranges change, and the previous check's list,
      // which shares the kept findings, still says where they were. The copies are kept from then
      // on: kept as they were, every block below a line break typed once was copied again on every
      // later keystroke (at 1 MiB, ~500 blocks a keystroke after one line added near the top).
      else kept = { start: block.start, end: kept.end + block.start - kept.start, line, diagnostics: moveFindings(kept, block, line) };
      for (const diagnostic of kept.diagnostics) diagnostics.push(diagnostic);
      stillKept.set(block.id, kept);
      continue;
    }
    checked++;
    const found = checkBlock(block, report, gazetteer, scope, options, blockRules);
    for (const diagnostic of found.diagnostics) diagnostics.push(diagnostic);
    if (keepable(found, report)) stillKept.set(block.id, found);
  }
  // Blocks gone from the report are forgotten with the map they were in.
  cache.blocks = stillKept;
  cache.lastChecked = checked;

  const fromReport = reportFindings(parsed, gazetteer, scope, options, cache, rules);
  cache.lastSerial = parsed.serial;
  return mergeSortedDiagnostics(diagnostics, fromReport);
}

/**
 * Readies what the rules keep for a check of this parse, and gives the report's scope: the kept
 * findings follow the parse's edit, and are all forgotten when anything besides the blocks' own
 * text that they depend on changed (the gazetteer, the report's countries, the front matter, the
 * settings, the team's gazetteer file).
 */
function keptFor(parsed: ParsedReport, gazetteer: Gazetteer, options: RuleRunOptions, cache: RuleResultCache): PlaceScope {
  // What the rules keep follows this parse's edit first, unless the parse cache has had it follow already.
  followEdit(parsed, cache);
  const inputs = inputsOf(parsed, gazetteer, options, cache);
  if (!cache.inputs || !sameInputs(cache.inputs, inputs)) {
    cache.blocks.clear();
    cache.report = undefined;
    cache.blockwise = new BlockwiseFindings();
    cache.inputs = inputs;
  }
  return inputs.scope;
}

/**
 * Whether a check of this parse keeps what the rules found before (nothing that the findings of
 * every block depend on changed: the gazetteer, the report's countries, the front matter, the
 * settings, the team's gazetteer file), or checks every block again. The language service runs the
 * rules ahead in steps when it does not.
 */
export function keepsFindings(parsed: ParsedReport, gazetteer: Gazetteer, options: RuleRunOptions, cache: RuleResultCache): boolean {
  followEdit(parsed, cache);
  return cache.inputs !== undefined && sameInputs(cache.inputs, inputsOf(parsed, gazetteer, options, cache));
}

type KeptInputs = NonNullable<RuleResultCache['inputs']>;

/** What every block's findings depend on besides the block's own text, for this parse. */
function inputsOf(parsed: ParsedReport, gazetteer: Gazetteer, options: RuleRunOptions, cache: RuleResultCache): KeptInputs {
  const { report } = parsed;
  const frontMatter = report.frontMatter ? report.text.slice(report.frontMatter.span.start, report.frontMatter.span.end) : '';
  const settingsKey = JSON.stringify([options.rules ?? {}, options.missingGazetteers ?? []]);
  // Whether this parse was made from the one last checked by an edit that left the model as it was (reportFindings.ts).
  const modelKept = parsed.serial !== undefined && parsed.serial === cache.lastSerial;
  // The report's countries decide how every block's place names resolve: when they change, every block is checked again.
  // An unchanged model names the same places (the front matter is compared in sameInputs).
  const scope = modelKept && cache.inputs?.gazetteer === gazetteer ? cache.inputs.scope : reportScope(gazetteer, report, parsed.blocks);
  return { gazetteer, scope, frontMatter, settingsKey, teamGazetteer: options.teamGazetteer };
}

function sameInputs(kept: KeptInputs, now: KeptInputs): boolean {
  return (
    kept.gazetteer === now.gazetteer &&
    kept.scope === now.scope &&
    kept.frontMatter === now.frontMatter &&
    kept.settingsKey === now.settingsKey &&
    kept.teamGazetteer?.path === now.teamGazetteer?.path &&
    kept.teamGazetteer?.text === now.teamGazetteer?.text
  );
}

/** The block-scoped rules' findings in one block, where it is now. */
function checkBlock(block: Block, report: Report, gazetteer: Gazetteer, scope: PlaceScope, options: RuleRunOptions, blockRules: readonly Rule[]): KeptBlock {
  const view: Report = { ...report, incidents: block.incidents, annotations: block.annotations, foreignDirectives: block.foreignDirectives };
  const diagnostics: ReportDiagnostic[] = [];
  for (const rule of blockRules) runRule(rule, report, view, gazetteer, scope, options, diagnostics);
  // Sorted here, once: a check merges the blocks' findings, in document order, with the rest (mergeSortedDiagnostics).
  return { start: block.start, end: block.end, line: report.lines.lineAt(block.start), diagnostics: sortDiagnostics(diagnostics) };
}

/**
 * Runs ahead what runRulesIncremental would run, and keeps it: the block-scoped rules on the blocks
 * of this parse from the one at index `from` whose findings are not kept yet, then the blockwise
 * report-scoped rules' examination of each block (blockwise.ts), until `more()` says to stop.
 * Returns the block index to go on from, or undefined when nothing is left. A server runs a long
 * report's first check so, in steps between other work; the check's runRulesIncremental then moves
 * and flags what was found instead of finding it again. What is kept here stays right whatever
 * edits come between the steps: block findings are moved with their block, and the blockwise
 * rules examine again what an edit touched, as they do from one check to the next.
 */
export function checkRulesAhead(
  parsed: ParsedReport,
  gazetteer: Gazetteer,
  options: RuleRunOptions,
  cache: RuleResultCache,
  from: number,
  more: () => boolean,
  rules: readonly Rule[] = RULES,
): number | undefined {
  const { report, blocks, serial } = parsed;
  const scope = keptFor(parsed, gazetteer, options, cache);
  const blockRules = rules.filter((rule) => rule.scope === 'block' && settingOf(rule, options) !== 'off');
  for (let index = from; index < blocks.length; index++) {
    const block = blocks[index]!;
    if (holdsNoDirective(block)) continue;
    if (cache.blocks.has(block.id)) continue;
    if (!more()) return index;
    const found = checkBlock(block, report, gazetteer, scope, options, blockRules);
    // One that cannot be kept is checked again by runRulesIncremental.
    if (keepable(found, report)) cache.blocks.set(block.id, found);
  }
  const { blockwise } = cache;
  blockwise.indexParse(blocks, serial);
  // Examining flags nothing: the check flags what was found.
  const context = ruleContext(report, gazetteer, scope, options, () => undefined, blocks);
  for (const rule of rules) {
    if (!isBlockwise(rule) || settingOf(rule, options) === 'off') continue;
    try {
      if (blockwise.examineAhead(rule, context, more)) return blocks.length;
    } catch {
      // The check runs the rule again and reports how it fails.
      blockwise.drop(rule);
    }
  }
  return undefined;
}

/** Whether the edit a parse was made by left the model as it was (modelUnchangedByEdit), once per parse. */
const MODEL_KEPT = new WeakMap<ParsedReport, boolean>();

function keptModel(parsed: ParsedReport): boolean {
  let kept = MODEL_KEPT.get(parsed);
  if (kept === undefined) {
    kept = parsed.edit !== undefined && parsed.report.unchecked.length === 0 && modelUnchangedByEdit(parsed.edit, parsed.report);
    MODEL_KEPT.set(parsed, kept);
  }
  return kept;
}

/**
 * Brings what the rules keep up to a parse made by an edit from the one they keep: the blockwise
 * rules' index follows the edit, and the report-scoped findings are moved with the text when the
 * edit left the model as it was (reportFindings.ts). runRulesIncremental calls it first; the parse
 * cache calls it after every incremental parse too, for the versions no check will see (a hover,
 * semantic tokens or inlay hints asked of a version whose diagnostics are not): without that, the
 * check of the next version followed an edit from a parse the rules had not seen, and examined
 * every incident again (with a hover between keystrokes, a 1 MiB report's check took 50 ms at the
 * median instead of 6.6). It reads the parse's report, so before the next parse consumes it; a
 * second call for the same parse does nothing.
 */
export function followEdit(parsed: ParsedReport, cache: RuleResultCache): void {
  const { edit, serial, report } = parsed;
  if (edit === undefined || serial === undefined) return;
  const { blockwise } = cache;
  if (blockwise.serial === edit.from) {
    blockwise.update(parsed.blocks, edit);
    blockwise.serial = serial;
  }
  if (cache.lastSerial !== edit.from || !keptModel(parsed)) return;
  cache.lastSerial = serial;
  const kept = cache.report;
  if (kept?.serial !== edit.from) return;
  const moved = moveReportFindings(kept.diagnostics, edit, report.lines);
  cache.report = moved ? { ...kept, serial, diagnostics: moved } : undefined;
}

/**
 * What the report-scoped rules find: those kept for this parse (found for it, or moved to it by
 * followEdit), otherwise found again.
 */
function reportFindings(
  parsed: ParsedReport,
  gazetteer: Gazetteer,
  scope: PlaceScope,
  options: RuleRunOptions,
  cache: RuleResultCache,
  rules: readonly Rule[],
): ReportDiagnostic[] {
  const { report, serial } = parsed;
  // A fix may write today's date (markup-missing-published).
  const today = (options.today ?? localToday)();
  const kept = cache.report?.rules === rules && cache.report.today === today ? cache.report : undefined;
  let found: ReportDiagnostic[] | undefined;
  if (kept && serial !== undefined && kept.serial === serial) found = kept.diagnostics;
  cache.lastRanReportRules = found === undefined;
  if (!found) {
    found = [];
    for (const rule of rules) {
      if (rule.scope !== 'block' && !isBlockwise(rule)) runRule(rule, report, report, gazetteer, scope, { ...options, today: () => today }, found, parsed.blocks);
    }
  }
  // An internal error is not kept: the next check tries the rule again.
  cache.report = serial === undefined || found.some((diagnostic) => diagnostic.code === 'internal-error') ? undefined : { serial, rules, today, diagnostics: found };
  return [...found, ...blockwiseFindings(parsed, gazetteer, scope, { ...options, today: () => today }, cache.blockwise, rules)];
}

/**
 * What the blockwise rules find: kept block by block, examined again where the edits followed
 * (followEdit) changed what they read (blockwise.ts), every block when the index is of a parse this
 * one was not made from, and written out from the current model on every check.
 */
function blockwiseFindings(
  parsed: ParsedReport,
  gazetteer: Gazetteer,
  scope: PlaceScope,
  options: RuleRunOptions,
  kept: BlockwiseFindings,
  rules: readonly Rule[],
): ReportDiagnostic[] {
  const { report, serial } = parsed;
  kept.lastExamined = 0;
  kept.indexParse(parsed.blocks, serial);
  const found: ReportDiagnostic[] = [];
  for (const rule of rules) {
    if (!isBlockwise(rule)) continue;
    const check = (_: Rule, context: RuleContext) => kept.check(rule, context);
    runRule(rule, report, report, gazetteer, scope, options, found, parsed.blocks, check, () => kept.drop(rule));
  }
  return found;
}

/** Findings can be moved with their block when every position in them lies in the block or the front matter. */
function keepable(found: KeptBlock, report: Report): boolean {
  const frontMatterEnd = report.frontMatter?.span.end ?? 0;
  const endLine = report.lines.positionAt(found.end).line;
  const frontMatterLines = frontMatterEnd === 0 ? -1 : report.lines.positionAt(frontMatterEnd).line;
  const spanOk = (span: Span) => (span.start >= found.start && span.end <= found.end) || span.end <= frontMatterEnd;
  const rangeOk = (range: Range) =>
    (range.start.line >= found.line && range.end.line <= endLine) || range.end.line < frontMatterLines;
  return found.diagnostics.every(
    (diagnostic) =>
      // An internal error is not kept: the next check tries the rule again.
      diagnostic.code !== 'internal-error' &&
      spanOk(diagnostic.span) &&
      rangeOk(diagnostic.range) &&
      diagnostic.related.every((related) => related.path !== undefined || rangeOk(related.range)) &&
      diagnostic.fixes.every((fix) => fix.edits.every((edit) => rangeOk(edit.range))),
  );
}

/**
 * The findings of a block that moved along its lines (an edit above it on the same line, or one
 * that added as many line breaks as it removed, left every line where it was), moved in place:
 * only their spans change, which nothing that holds the previous check's list reads (its ranges
 * are the same). At 5 MiB, copying the findings of every block after the edit on each keystroke
 * was 1.5 MB of the server's 4 MB allocated a keystroke (V8's sampling heap profiler). Each finding
 * owns its span (runRule makes one per finding), so no span is moved twice or moves the model.
 */
function shiftFindings(kept: KeptBlock, block: Block): void {
  const offsets = block.start - kept.start;
  if (offsets === 0) return;
  for (const diagnostic of kept.diagnostics) {
    const span = diagnostic.span;
    if (span.start < kept.start) continue;
    span.start += offsets;
    span.end += offsets;
  }
  kept.start = block.start;
  kept.end += offsets;
}

/** The findings of a block that moved to other lines, copied, without re-running any rule. */
function moveFindings(found: KeptBlock, block: Block, line: number): ReportDiagnostic[] {
  const offsets = block.start - found.start;
  const lines = line - found.line;
  const moveSpan = (span: Span): Span => (span.start >= found.start ? { start: span.start + offsets, end: span.end + offsets } : span);
  // In the block (not the front matter above it), whole lines move; columns stay.
  const moveRange = (range: Range): Range =>
    lines === 0 || range.start.line < found.line
      ? range
      : { start: { line: range.start.line + lines, character: range.start.character }, end: { line: range.end.line + lines, character: range.end.character } };
  return found.diagnostics.map(
    (diagnostic): ReportDiagnostic => ({
      ...diagnostic,
      span: moveSpan(diagnostic.span),
      range: moveRange(diagnostic.range),
      fixes: lines === 0 ? diagnostic.fixes : diagnostic.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => ({ ...edit, range: moveRange(edit.range) })) })),
      related: lines === 0 ? diagnostic.related : diagnostic.related.map((related) => (related.path === undefined ? { ...related, range: moveRange(related.range) } : related)),
    }),
  );
}

export { docsUrl };
