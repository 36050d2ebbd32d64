/**
 * Report-scoped rules whose findings are worked out block by block. Such a rule reads the whole
 * report only through keys that blocks declare (`count:civ`: the blocks holding a count with id
 * civ), and a block's findings depend on the block and on the holders of the keys it looked up.
 * The language service keeps each block's findings and, after an edit, examines again only the
 * blocks the edit re-parsed and the blocks that read a key one of them declared (or declared
 * before): a keystroke typed into a count's label re-examines its own block, not the 2,566
 * incidents of the 5 MiB report that every report-scoped rule used to go through (150 ms a
 * keystroke, in process, for the 21 in 100 keystrokes that change the model).
 *
 * A finding is kept as a function that writes it from the model when it is flagged: the model's
 * spans are moved in place by the incremental parse, so its positions, a line named in its
 * message and its fixes' ranges are those of the text checked, never stale.
 */
import type { CountFacts } from '../counts/countFacts.js';
import { countFactsAround, countLinkKeys } from '../counts/countsAround.js';
import type { Incident, Report } from '../model.js';
import type { ModelSink } from '../parse/buildModel.js';
import { extractOf } from '../parse/collectByBlock.js';
import type { Finding, Rule, RuleContext } from './rule.js';

/** A finding written from the model as it is when flagged. */
export type LateFinding = (report: Report) => Finding;

/** What a block's examination may read of the rest of the report. */
export interface PartLookup {
  /** The parts declaring `key` (declaredKeys), in document order; the read is recorded. */
  holders(key: string): readonly ModelSink[];
  /** Every part with our directives, in document order, for findings that name report-wide lists; the read is recorded under `key`. */
  everyPart(key: ReportWideKey): readonly ModelSink[];
}

/**
 * Pseudo keys for reads of the whole report: `counts` changes when an edit changes the id, type,
 * part-of or incident of any count (not its label), in any block.
 */
export type ReportWideKey = 'counts';

export interface BlockwiseRule extends Rule {
  scope: 'report';
  /** The findings in one part (a block, or the whole report when there are no blocks). */
  examine(part: ModelSink, lookup: PartLookup, context: RuleContext): LateFinding[];
  /** Findings outside every block (the front matter), worked out on every check: they must be cheap. */
  outsideBlocks?(context: RuleContext): void;
  /** What a part adds to a finding about the whole report (count-report-total: its incidents' figures); kept as its findings are. */
  summarize?(part: ModelSink, lookup: PartLookup, context: RuleContext): unknown;
  /** Findings about the whole report from every part's summary, in document order; worked out again when a summary changed. */
  combine?(summaries: readonly unknown[], context: RuleContext): LateFinding[];
}

/**
 * `examine` for a count rule whose findings are per incident: each incident of the block, with the
 * count model of the blocks linked to it (countFactsAround), adds its findings to the list.
 */
export function examineIncidents(findIn: (incident: Incident, model: CountFacts, findings: LateFinding[]) => void): BlockwiseRule['examine'] {
  return (part, lookup, { report, gazetteer }) => {
    const model = countFactsAround(part, lookup, report, gazetteer);
    const findings: LateFinding[] = [];
    for (const incident of part.incidents) findIn(incident, model, findings);
    return findings;
  };
}

export function isBlockwise(rule: Rule): rule is BlockwiseRule {
  return typeof (rule as Partial<BlockwiseRule>).examine === 'function';
}

/** Whether a part holds any directive of ours: the others have no findings and declare nothing. */
function holdsDirectives(part: ModelSink): boolean {
  return part.annotations.length > 0 || part.incidents.length > 0;
}

/** The keys a part declares, each once. */
export function declaredKeys(part: ModelSink): readonly string[] {
  return extractOf(part, keysIn);
}

function keysIn(part: ModelSink): string[] {
  const keys = new Set<string>();
  for (const incident of part.incidents) {
    const id = incident.attributes.get('id')?.value;
    if (id) keys.add(`incident:${id}`);
    if (id) keys.add(`id:${id}`);
  }
  for (const annotation of part.annotations) {
    const id = annotation.attributes.get('id')?.value;
    if (id) keys.add(`id:${id}`);
    if (annotation.kind === 'count' && id !== undefined) keys.add(`count:${id}`);
  }
  for (const key of countLinkKeys(part)) keys.add(key);
  return [...keys];
}

/** What the `counts` pseudo key compares between the parts an edit replaced and those it made. */
function countsSignature(parts: readonly ModelSink[]): string {
  const written: string[] = [];
  for (const part of parts) {
    for (const annotation of part.annotations) {
      if (annotation.kind !== 'count') continue;
      const { attributes } = annotation;
      written.push(JSON.stringify([attributes.get('id')?.value, attributes.get('type')?.value, attributes.get('part-of')?.value, annotation.incident === undefined]));
    }
  }
  return written.join('\n');
}

const startOf = (part: ModelSink) => (part as { start?: number }).start ?? 0;

/** Which parts hold each key, in document order. */
class PartIndex {
  private readonly holdersByKey = new Map<string, ModelSink[]>();
  /** Parts with our directives, in document order. */
  parts: ModelSink[] = [];

  constructor(parts: readonly ModelSink[]) {
    for (const part of parts) if (holdsDirectives(part)) this.add(part, true);
  }

  holders(key: string): readonly ModelSink[] {
    return this.holdersByKey.get(key) ?? [];
  }

  everyPart(): readonly ModelSink[] {
    return this.parts;
  }

  /** `inOrder`: added after every part there (the first build); otherwise put in its place by where it starts. */
  add(part: ModelSink, inOrder = false): void {
    for (const key of declaredKeys(part)) {
      let holders = this.holdersByKey.get(key);
      if (!holders) this.holdersByKey.set(key, (holders = []));
      insertInOrder(holders, part, inOrder);
    }
    // A new list, not the old one changed: what was worked out from the old one is kept by its identity (count-unknown-ref).
    if (!inOrder) this.parts = this.parts.slice();
    insertInOrder(this.parts, part, inOrder);
  }

  remove(parts: ReadonlySet<ModelSink>): void {
    for (const part of parts) {
      for (const key of declaredKeys(part)) {
        // Gone already when another removed part declares the key too.
        const holders = this.holdersByKey.get(key)?.filter((holder) => !parts.has(holder));
        if (!holders) continue;
        if (holders.length === 0) this.holdersByKey.delete(key);
        else this.holdersByKey.set(key, holders);
      }
    }
    // A copy spliced, not filtered: a filter's call per part cost 0.65 ms a keystroke at 5 MiB.
    this.parts = this.parts.slice();
    for (const part of parts) {
      const at = this.parts.indexOf(part);
      if (at >= 0) this.parts.splice(at, 1);
    }
  }
}

function insertInOrder(list: ModelSink[], part: ModelSink, atEnd: boolean): void {
  if (atEnd) {
    list.push(part);
    return;
  }
  const start = startOf(part);
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (startOf(list[middle]!) < start) low = middle + 1;
    else high = middle;
  }
  list.splice(low, 0, part);
}

/** One rule's findings by part, and who read which key. */
class RuleFindings {
  readonly byPart = new Map<ModelSink, { findings: LateFinding[]; summary: unknown; reads: readonly string[] }>();
  readonly readers = new Map<string, Set<ModelSink>>();
  /** Parts with findings, to flag without going through every part. */
  readonly withFindings = new Set<ModelSink>();
  /** What combine found, until a part's summary changes. */
  private combined: LateFinding[] | undefined;
  /** Whether every part of the index was examined once (BlockwiseFindings.examineAhead examines some before). */
  complete = false;

  /** `tracking`: record what each part read, to examine it again when that changes (not for a check that keeps nothing). */
  constructor(
    readonly rule: BlockwiseRule,
    private readonly tracking = true,
  ) {}

  forget(part: ModelSink): void {
    const kept = this.byPart.get(part);
    if (!kept) return;
    if (kept.summary !== undefined) this.combined = undefined;
    for (const key of kept.reads) this.readers.get(key)?.delete(part);
    this.byPart.delete(part);
    this.withFindings.delete(part);
  }

  examine(part: ModelSink, index: PartIndex, context: RuleContext): void {
    this.forget(part);
    const reads = new Set<string>();
    const lookup: PartLookup = {
      holders: (key) => {
        reads.add(key);
        return index.holders(key);
      },
      everyPart: (key) => {
        reads.add(`*${key}`);
        return index.parts;
      },
    };
    const findings = this.rule.examine(part, this.tracking ? lookup : index, context);
    const summary = this.rule.summarize?.(part, this.tracking ? lookup : index, context);
    for (const key of reads) {
      let readers = this.readers.get(key);
      if (!readers) this.readers.set(key, (readers = new Set()));
      readers.add(part);
    }
    this.byPart.set(part, { findings, summary, reads: [...reads] });
    if (summary !== undefined) this.combined = undefined;
    if (findings.length > 0) this.withFindings.add(part);
  }

  /** `parts`: every part with our directives, in document order. */
  flagAll(context: RuleContext, parts: readonly ModelSink[]): void {
    this.rule.outsideBlocks?.(context);
    if (this.rule.combine && !this.combined) {
      const summaries: unknown[] = [];
      for (const part of parts) {
        const summary = this.byPart.get(part)?.summary;
        if (summary !== undefined) summaries.push(summary);
      }
      this.combined = this.rule.combine(summaries, context);
    }
    for (const finding of this.combined ?? []) context.flag(finding(context.report));
    const flagged = [...this.withFindings].sort((a, b) => startOf(a) - startOf(b));
    for (const part of flagged) for (const finding of this.byPart.get(part)!.findings) context.flag(finding(context.report));
  }
}

/** The index of a parse's blocks (or of a report without them), shared by the rules of a check that keeps nothing. */
const WHOLE_INDEXES = new WeakMap<object, PartIndex>();

/**
 * A blockwise rule's check over a whole report, keeping nothing: what `runRules` runs. One index
 * for all the rules, and no record of what each block read: with an index per rule and the reads
 * recorded, runRules took 2.1 s at 5 MiB instead of 0.9 s.
 */
export function checkWhole(rule: BlockwiseRule, context: RuleContext): void {
  const key = context.blocks ?? context.report;
  let index = WHOLE_INDEXES.get(key);
  if (!index) WHOLE_INDEXES.set(key, (index = new PartIndex(context.blocks ?? [context.report])));
  const findings = new RuleFindings(rule, false);
  for (const part of index.parts) findings.examine(part, index, context);
  findings.flagAll(context, index.parts);
}

/**
 * The blockwise rules' findings for one document, kept from check to check. Forgotten (the
 * language service makes a new one) when anything else they depend on changes: the gazetteer,
 * the front matter, the settings.
 */
export class BlockwiseFindings {
  private index: PartIndex | undefined;
  private readonly rules = new Map<BlockwiseRule, RuleFindings>();
  /** The parse these findings are of (ParsedReport.serial). */
  serial: number | undefined;
  /** How many parts the last check examined, over every blockwise rule, for tests and benchmarks. */
  lastExamined = 0;

  /**
   * Makes the index that of the parse `serial` of `blocks`: kept when it is already (followEdit
   * brings it along from one parse to the next), built anew otherwise.
   */
  indexParse(blocks: readonly ModelSink[], serial: number | undefined): void {
    if (serial === undefined || this.serial !== serial) this.update(blocks, undefined);
    this.serial = serial;
  }

  /** Brings the index up to date with the parse: the parts an edit replaced and those it made, or every part. */
  update(blocks: readonly ModelSink[], edit: { replaced: readonly ModelSink[]; fresh: readonly ModelSink[] } | undefined): void {
    this.lastExamined = 0;
    if (!this.index || !edit) {
      this.index = new PartIndex(blocks);
      this.rules.clear();
      this.changed = undefined;
      return;
    }
    const removed = new Set(edit.replaced.filter(holdsDirectives));
    const added = edit.fresh.filter(holdsDirectives);
    const keys = new Set<string>();
    for (const part of [...removed, ...added]) for (const key of declaredKeys(part)) keys.add(key);
    if (countsSignature([...removed]) !== countsSignature(added)) keys.add('*counts');
    this.index.remove(removed);
    for (const part of added) this.index.add(part);
    this.changed = { removed, added, keys };
    for (const found of this.rules.values()) this.catchUp(found);
  }

  private changed: { removed: ReadonlySet<ModelSink>; added: readonly ModelSink[]; keys: ReadonlySet<string> } | undefined;
  private pending = new Map<RuleFindings, Set<ModelSink>>();

  /** Notes which parts a rule must examine again after the last edit: those it made, and the readers of the keys it changed. */
  private catchUp(found: RuleFindings): void {
    const { removed, added, keys } = this.changed!;
    // Added to what an earlier edit left pending, when the rule did not run since (it was not asked for).
    const again = this.pending.get(found) ?? new Set<ModelSink>();
    for (const part of added) again.add(part);
    for (const key of keys) for (const reader of found.readers.get(key) ?? []) again.add(reader);
    for (const part of removed) {
      found.forget(part);
      again.delete(part);
    }
    this.pending.set(found, again);
  }

  /**
   * Flags the rule's findings, examining the parts that need it: those an edit made or changed a key
   * of, and every part not examined yet (all of them, the first time).
   */
  check(rule: BlockwiseRule, context: RuleContext): void {
    const index = this.index!;
    let found = this.rules.get(rule);
    if (!found) this.rules.set(rule, (found = new RuleFindings(rule)));
    const again = this.pending.get(found) ?? new Set();
    for (const part of again) found.examine(part, index, context);
    this.lastExamined += again.size;
    this.pending.delete(found);
    if (!found.complete) {
      for (const part of index.parts) {
        if (found.byPart.has(part)) continue;
        found.examine(part, index, context);
        this.lastExamined++;
      }
      found.complete = true;
    }
    found.flagAll(context, index.parts);
  }

  /**
   * Examines, for a rule whose parts are not all examined yet, those that are not, until `more()`
   * says to stop; returns whether any are left. check() then examines only what is left and what
   * edits since made pending: a server runs a long report's first check so, in steps.
   */
  examineAhead(rule: BlockwiseRule, context: RuleContext, more: () => boolean): boolean {
    const index = this.index!;
    let found = this.rules.get(rule);
    if (!found) this.rules.set(rule, (found = new RuleFindings(rule)));
    if (found.complete) return false;
    for (const part of index.parts) {
      if (found.byPart.has(part)) continue;
      if (!more()) return true;
      found.examine(part, index, context);
    }
    found.complete = true;
    return false;
  }

  /** Forgets a rule's findings (it failed): the next check examines every part for it again. */
  drop(rule: BlockwiseRule): void {
    const found = this.rules.get(rule);
    if (found) this.pending.delete(found);
    this.rules.delete(rule);
  }
}
