import type { Gazetteer } from '../gazetteer/gazetteer.js';
import type { GroupTree } from '../gazetteer/gazetteerModel.js';
import type { Annotation, Incident, Report } from '../model.js';
import { countValue } from './countValue.js';
import type { ModelSink } from '../parse/buildModel.js';
import { collectByBlock, countAnnotations } from '../parse/collectByBlock.js';
import type { CountInterval } from './readCountLabel.js';
import { countAsOf, countSource, type CountSource } from './countSource.js';
import { firstDay, lastDay, type DateInterval } from '../dates/isoDate.js';

/**
 * How the counts of a report relate: which are parts of which, and the least
 * number of people a set of counts implies. Every count check reads this, so
 * the rules agree on one model:
 *
 * - A count's *parts* are the counts that name it in `part-of` (explicit
 *   parts), and, inside the same incident, the counts without `part-of` whose
 *   group is a declared subgroup of its group (implicit parts). A part of
 *   another type is no part.
 * - Explicit parts are a breakdown, so parts of one group add up ("10
 *   civilians on Monday" + "12 on Tuesday"). Counts of one group without
 *   `part-of` are the same figure stated again, so they never add up: the
 *   largest lower bound stands.
 * - Groups add up only where the gazetteer's `groups` declares them as
 *   subgroups of one group (a partition). A subgroup's count is inside its
 *   group's count, never beside it: with "13 children" and "5 girls" the
 *   children are at least max(13, 5 + boys), not 13 + 5.
 * - Figures have sources (`source=`, the report's own voice without one) and dates
 *   (`as-of=`). Counts of one group are restatements only when they come from the
 *   same source; a source's later figure supersedes its earlier ones, which then
 *   count no more. Subgroup counts are parts of a total of the same source only.
 * - Which figure counts for an incident (`incidentFigure`): per source its latest
 *   figures, added up as above; across sources the lowest of their least numbers
 *   and the highest of their most, an interval, so that no one is counted twice.
 */

export interface CountFact {
  annotation: Annotation;
  id: string | undefined;
  type: string | undefined;
  group: string | undefined;
  partOf: string | undefined;
  /** What the count means; undefined when no number can be read (count-invalid says why). */
  interval: CountInterval | undefined;
  incident: Incident | undefined;
  /** Who gave the figure (`source=`); undefined for the report's own figures. */
  source: CountSource | undefined;
  /** When the figure was true (`as-of=`), when it is a date. */
  asOf: DateInterval | undefined;
}

/** One source's figure for an incident and type: what its latest counts come to. */
export interface SourceFigure {
  /** Undefined for the counts without `source=`, the report's own voice. */
  source: CountSource | undefined;
  /** The least number of people its counts imply, with the figures it is made of. */
  sum: CountSum;
  /** The most its figures allow: the upper ends of the same figures (Infinity for "at least"). */
  max: number;
}

/**
 * The figure an incident's counts give for one type, as totals and the export take it: per source
 * the latest figures, across sources the lowest least number and the highest most.
 */
export interface IncidentFigure {
  min: number;
  max: number;
  /** The sum of the source whose least number is `min` (the first such source): what the checks quote. */
  low: CountSum;
  /** Each source's figure, in the order the sources first speak in the incident. */
  sources: SourceFigure[];
}

/** One addend of a sum, for messages: "9 women". */
export interface CountTerm {
  value: number;
  group: string | undefined;
  /** The count the figure comes from. */
  fact: CountFact;
}

export interface CountSum {
  /** The least number of people the counts imply. */
  value: number;
  /** The figures that make up `value`, for the message. */
  terms: CountTerm[];
}

type Mode = 'sum' | 'max';

interface Member {
  fact: CountFact;
  /** Explicit parts add up; restatements of one figure do not. */
  mode: Mode;
}

const EMPTY: CountSum = { value: 0, terms: [] };
const NO_FIGURE: IncidentFigure = { min: 0, max: 0, low: EMPTY, sources: [] };

export class CountFacts {
  readonly facts: CountFact[];
  /** The first count with each id; a repeated id is markup-duplicate-id's business. */
  readonly byId = new Map<string, CountFact>();
  /** The declared groups, in lower case as counts' groups are compared. */
  private readonly children: Map<string, string[]>;
  private readonly parents: Map<string, string[]>;
  private readonly ancestors: Map<string, Set<string>>;
  private readonly explicit = new Map<CountFact, CountFact[]>();
  private readonly lowerBounds = new Map<CountFact, number>();
  private readonly partsSums = new Map<CountFact, CountSum>();
  private readonly inProgress = new Set<CountFact>();
  private cycleHit = false;
  /** Counts by incident. */
  private readonly byIncident = new Map<Incident | undefined, CountFact[]>();
  /** Counts with a group and no `part-of`, by incident and group: the candidates for implicit parts. */
  private readonly unplacedByGroup = new Map<Incident, Map<string, CountFact[]>>();
  /** Counts that a later figure of the same source, type and group in the same incident supersedes. */
  private readonly superseded = new Set<CountFact>();
  private readonly groups: GroupTree;

  constructor(report: Report, gazetteer: Gazetteer, blocks?: readonly ModelSink[]) {
    this.groups = gazetteer.groups;
    this.facts = collectByBlock({ report, blocks }, countAnnotations).map((annotation) => factOf(report, annotation, gazetteer));
    for (const fact of this.facts) {
      if (fact.id && !this.byId.has(fact.id)) this.byId.set(fact.id, fact);
      listIn(this.byIncident, fact.incident).push(fact);
      if (fact.incident && fact.group !== undefined && fact.partOf === undefined) {
        let byGroup = this.unplacedByGroup.get(fact.incident);
        if (!byGroup) this.unplacedByGroup.set(fact.incident, (byGroup = new Map()));
        listIn(byGroup, fact.group).push(fact);
      }
    }
    ({ children: this.children, parents: this.parents, ancestors: this.ancestors } = groupTreeOf(this.groups));
    for (const fact of this.facts) {
      const total = this.totalOf(fact);
      if (total) listIn(this.explicit, total).push(fact);
    }
    for (const facts of this.byIncident.values()) this.markSuperseded(facts);
  }

  /** Among one incident's restatements (no part-of) of one type, group and source, those a later one supersedes. */
  private markSuperseded(facts: readonly CountFact[]): void {
    const byFigure = new Map<string, CountFact[]>();
    for (const fact of facts) {
      if (fact.incident === undefined || fact.partOf !== undefined || fact.type === undefined) continue;
      listIn(byFigure, figureKey(fact)).push(fact);
    }
    // A fact is superseded when another of its figure is later (isLater): when the latest start of
    // a dated one among them comes after the fact's end, or the fact is undated and one is dated.
    // The latest start once per figure, not every pair: 20,000 restatements took seconds.
    for (const same of byFigure.values()) {
      let latestStart = -Infinity;
      for (const fact of same) if (fact.asOf) latestStart = Math.max(latestStart, firstDay(fact.asOf.start));
      if (latestStart === -Infinity) continue;
      for (const fact of same) if (!fact.asOf || latestStart > lastDay(fact.asOf.end)) this.superseded.add(fact);
    }
  }

  private byAnnotation: Map<Annotation, CountFact> | undefined;

  /** The fact of a count in the model. */
  factOf(annotation: Annotation): CountFact | undefined {
    this.byAnnotation ??= new Map(this.facts.map((fact) => [fact.annotation, fact]));
    return this.byAnnotation.get(annotation);
  }

  /** Whether a later figure of the same source replaces this count (it then counts in no total). */
  isSuperseded(fact: CountFact): boolean {
    return this.superseded.has(fact);
  }

  /** The count this one names in `part-of`, when it exists, is another count and has the same type. */
  totalOf(fact: CountFact): CountFact | undefined {
    const total = fact.partOf === undefined ? undefined : this.byId.get(fact.partOf);
    return total && total !== fact && total.type === fact.type ? total : undefined;
  }

  /** The counts inside an incident, in document order. */
  factsIn(incident: Incident): readonly CountFact[] {
    return this.byIncident.get(incident) ?? [];
  }

  /** Whether `group` is declared, directly or through other groups, as a subgroup of `ancestor`. */
  isSubgroup(group: string, ancestor: string): boolean {
    return this.ancestorsOf(group).has(ancestor);
  }

  private ancestorsOf(group: string): Set<string> {
    let found = this.ancestors.get(group);
    if (found) return found;
    found = new Set<string>();
    const queue = [...(this.parents.get(group) ?? [])];
    while (queue.length > 0) {
      const parent = queue.pop()!;
      if (found.has(parent)) continue;
      found.add(parent);
      queue.push(...(this.parents.get(parent) ?? []));
    }
    this.ancestors.set(group, found);
    return found;
  }

  explicitParts(total: CountFact): CountFact[] {
    return this.explicit.get(total) ?? [];
  }

  implicitParts(total: CountFact): CountFact[] {
    const { group, incident, type } = total;
    if (group === undefined || incident === undefined || type === undefined) return [];
    const parts: CountFact[] = [];
    for (const [candidate, facts] of this.unplacedByGroup.get(incident) ?? []) {
      if (!this.isSubgroup(candidate, group)) continue;
      for (const fact of facts) {
        // A source's figures are checked on their own: another source's subgroup figure, a superseded
        // one, or one of a later date than the total is no part of it.
        if (fact.type !== type || fact === total || sourceKey(fact) !== sourceKey(total)) continue;
        if (this.superseded.has(fact) || isLater(fact, total)) continue;
        parts.push(fact);
      }
    }
    return parts;
  }

  /**
   * A count's lower bound as a sum for messages: the count itself, or its
   * parts when they say more than its label ("6 boys + 5 girls", not "11 children").
   */
  private bounded(fact: CountFact): CountSum {
    const value = this.lowerBound(fact);
    if (value > (fact.interval?.min ?? 0)) {
      const parts = this.partsSum(fact);
      if (parts.value === value) return parts;
    }
    return termOf(fact, value);
  }

  /** The least number of people a count stands for: its own lower bound, or more if its parts say so and it allows it. */
  lowerBound(fact: CountFact): number {
    const cached = this.lowerBounds.get(fact);
    if (cached !== undefined) return cached;
    const own = fact.interval ?? { min: 0, max: Infinity };
    // A part-of cycle: inside it, a count stands for its own figure.
    if (this.inProgress.has(fact)) {
      this.cycleHit = true;
      return own.min;
    }
    return this.untilCycle(this.lowerBounds, fact, () =>
      // Parts raise a count's floor only up to its own ceiling: beyond it count-parts-exceed-total
      // reports the clash once, and nothing built on this count reports it again.
      Math.max(own.min, Math.min(this.partsSum(fact).value, own.max)),
    );
  }

  /** Computes and caches, unless a part-of cycle was cut short on the way: that result holds only inside the cycle. */
  private untilCycle<T>(cache: Map<CountFact, T>, fact: CountFact, compute: () => T): T {
    const outer = this.cycleHit;
    this.cycleHit = false;
    const value = compute();
    if (!this.cycleHit) cache.set(fact, value);
    this.cycleHit ||= outer;
    return value;
  }

  /** The least number of people the parts of `total` add up to, without counting anyone twice. */
  partsSum(total: CountFact): CountSum {
    const cached = this.partsSums.get(total);
    if (cached) return cached;
    // Kept across checks, like incidentSum, while the count's incident is self-contained.
    const closed = total.incident !== undefined && this.closedIncident(total.incident);
    const kept = closed ? PARTS_SUMS.get(total) : undefined;
    if (kept && kept.groups === this.groups) {
      this.partsSums.set(total, kept.sum);
      return kept.sum;
    }
    const sum = this.computePartsSum(total);
    if (closed && this.partsSums.get(total) === sum) PARTS_SUMS.set(total, { groups: this.groups, sum });
    return sum;
  }

  private computePartsSum(total: CountFact): CountSum {
    return this.untilCycle(this.partsSums, total, () => {
      this.inProgress.add(total);
      const members: Member[] = [
        ...this.explicitParts(total).map((fact) => ({ fact, mode: 'sum' as const })),
        ...this.implicitParts(total).map((fact) => ({ fact, mode: 'max' as const })),
      ].filter((member) => {
        if (this.inProgress.has(member.fact)) this.cycleHit = true;
        return !this.inProgress.has(member.fact) && member.fact.interval !== undefined;
      });
      const sum = this.combine(members, 'sum');
      this.inProgress.delete(total);
      return sum;
    });
  }

  /**
   * The least number of people of one type that the counts inside an incident
   * imply, as the source with the lowest figure gives it (see incidentFigure).
   */
  incidentSum(incident: Incident, type: string): CountSum {
    return this.incidentFigure(incident, type).low;
  }

  /**
   * What the counts inside an incident say of one type. Counts that are parts of another count in
   * the incident are inside that count's figure; superseded figures count no more. Per source, the
   * others are restatements unless their groups are declared subgroups of one group, which add
   * up; across sources, the figure is the interval from the lowest least number to the highest most.
   */
  incidentFigure(incident: Incident, type: string): IncidentFigure {
    // Kept per incident while none of its counts is linked by part-of to a count outside it:
    // then the figure depends on the incident's own counts alone (and the groups), which an edit
    // elsewhere leaves as they are (same objects), and it is not worked out again on every keystroke.
    const closed = this.closedIncident(incident);
    const kept = closed ? INCIDENT_FIGURES.get(incident) : undefined;
    const hit = kept?.groups === this.groups ? kept.figures.get(type) : undefined;
    if (hit) return hit;
    const figure = this.computeIncidentFigure(incident, type);
    if (closed) {
      let entry = INCIDENT_FIGURES.get(incident);
      if (entry?.groups !== this.groups) INCIDENT_FIGURES.set(incident, (entry = { groups: this.groups, figures: new Map() }));
      entry.figures.set(type, figure);
    }
    return figure;
  }

  /** No count inside the incident is part of a count outside it, or has a part outside it. */
  private closedIncident(incident: Incident): boolean {
    let closed = this.closed.get(incident);
    if (closed === undefined) this.closed.set(incident, (closed = this.isClosed(incident)));
    return closed;
  }

  private readonly closed = new Map<Incident, boolean>();

  private isClosed(incident: Incident): boolean {
    for (const fact of this.byIncident.get(incident) ?? []) {
      if (fact.partOf !== undefined && this.byId.get(fact.partOf)?.incident !== incident) return false;
      for (const part of this.explicit.get(fact) ?? []) if (part.incident !== incident) return false;
    }
    return true;
  }

  private computeIncidentFigure(incident: Incident, type: string): IncidentFigure {
    const bySource = new Map<string, CountFact[]>();
    for (const fact of this.byIncident.get(incident) ?? []) {
      if (fact.type !== type || fact.interval === undefined || this.superseded.has(fact)) continue;
      if (this.totalOf(fact)?.incident === incident) continue;
      listIn(bySource, sourceKey(fact)).push(fact);
    }
    if (bySource.size === 0) return NO_FIGURE;
    const sources: SourceFigure[] = [...bySource.values()].map((facts) => {
      const sum = this.combine(facts.map((fact) => ({ fact, mode: 'max' as const })), 'max');
      return { source: facts[0]!.source, sum, max: upperEnd(sum, facts) };
    });
    const low = sources.reduce((lowest, figure) => (figure.sum.value < lowest.sum.value ? figure : lowest)).sum;
    return { min: low.value, max: Math.max(...sources.map((figure) => figure.max)), low, sources };
  }

  /**
   * Adds up members by the group tree. Groups with no member-group above them
   * are the tops; a top stands for its whole subtree. Tops under one declared
   * group are a partition and add up; tops under different root groups, and
   * counts without a group, add up for a breakdown (`across: 'sum'`) and
   * otherwise only the largest stands.
   */
  private combine(members: Member[], across: Mode): CountSum {
    if (members.length === 0) return EMPTY;
    const byGroup = new Map<string, Member[]>();
    const ungrouped: Member[] = [];
    for (const member of members) {
      const group = member.fact.group;
      if (group === undefined) ungrouped.push(member);
      else listIn(byGroup, group).push(member);
    }
    const groups = [...byGroup.keys()];
    const tops = groups.filter((group) => !groups.some((other) => other !== group && this.isSubgroup(group, other)));
    const visited = new Set<string>();
    const bounded = (fact: CountFact) => this.bounded(fact);

    const subtree = (group: string): CountSum => {
      if (visited.has(group)) return EMPTY;
      visited.add(group);
      const own = ownSum(byGroup.get(group) ?? [], bounded);
      let below: CountSum = EMPTY;
      for (const subgroup of this.children.get(group) ?? []) below = add(below, subtree(subgroup));
      return below.value > own.value ? below : own;
    };

    const parts: { root: string | undefined; sum: CountSum }[] = [];
    for (const top of tops) parts.push({ root: this.rootOf(top), sum: subtree(top) });
    if (across === 'sum') {
      let total = parts.reduce((sum, part) => add(sum, part.sum), EMPTY);
      for (const member of ungrouped) total = add(total, bounded(member.fact));
      return total;
    }
    const byRoot = new Map<string | undefined, CountSum>();
    for (const part of parts) byRoot.set(part.root, add(byRoot.get(part.root) ?? EMPTY, part.sum));
    let best = ownSum(ungrouped, bounded);
    for (const sum of byRoot.values()) if (sum.value > best.value) best = sum;
    return best;
  }

  /** The outermost declared group above `group` (the first, if it is declared under several). */
  private rootOf(group: string): string {
    const seen = new Set([group]);
    let current = group;
    for (;;) {
      const parent = this.parents.get(current)?.[0];
      if (parent === undefined || seen.has(parent)) return current;
      seen.add(parent);
      current = parent;
    }
  }
}

/** Explicit parts of one group add up; restatements of it do not; the larger reading stands. */
function ownSum(members: Member[], bounded: (fact: CountFact) => CountSum): CountSum {
  let summed: CountSum = EMPTY;
  let largest: CountSum = EMPTY;
  for (const member of members) {
    const term = bounded(member.fact);
    if (member.mode === 'sum') summed = add(summed, term);
    else if (term.value > largest.value) largest = term;
  }
  return largest.value > summed.value ? largest : summed;
}

/**
 * The most a source's figure allows: the upper ends of the counts its least number is made of
 * ("46" is 46, "at least 46" has no end); with none (only "up to 10"), the highest upper end.
 */
function upperEnd(sum: CountSum, facts: readonly CountFact[]): number {
  if (sum.terms.length > 0) return sum.terms.reduce((total, term) => total + term.fact.interval!.max, 0);
  return Math.max(...facts.map((fact) => fact.interval!.max));
}

/** The report's own figures (no `source=`) are one voice, as each source is. */
export function sourceKey(fact: CountFact): string {
  return fact.source?.key ?? '';
}

/** Counts that are the same figure of the same source: same type, group and source. */
export function figureKey(fact: CountFact): string {
  return `${fact.type ?? ''}\u0000${fact.group ?? ''}\u0000${sourceKey(fact)}`;
}

/**
 * Whether `fact` was true after `other`: its `as-of` starts after `other`'s ends. A figure without
 * `as-of` is its source's first: any dated figure is later. Overlapping dates order nothing.
 */
export function isLater(fact: CountFact, other: CountFact): boolean {
  if (!fact.asOf) return false;
  if (!other.asOf) return true;
  return firstDay(fact.asOf.start) > lastDay(other.asOf.end);
}

/**
 * What isLater and the comparisons of figures read of a count: its interval and the days of its
 * `as-of`. Among earlier counts of one figure, the first of each reading stands for the rest (a
 * search over them finds what a search over all of them finds first), so that 20,000
 * restatements of one figure are compared with a few readings, not with each other.
 */
export function readingKey(fact: CountFact): string {
  const interval = fact.interval ? `${fact.interval.min}/${fact.interval.max}` : '';
  return fact.asOf ? `${interval}@${firstDay(fact.asOf.start)}/${lastDay(fact.asOf.end)}` : interval;
}

/** The first count of each reading among those added, in the order they were added. */
export class FirstReadings {
  readonly facts: CountFact[] = [];
  private readonly keys = new Set<string>();

  add(fact: CountFact): void {
    const key = readingKey(fact);
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.facts.push(fact);
  }
}

/** The declared groups as the model reads them, once per gazetteer's groups: a model is built per block and its links (countsAround.ts). */
const GROUP_TREES = new WeakMap<GroupTree, { children: Map<string, string[]>; parents: Map<string, string[]>; ancestors: Map<string, Set<string>> }>();

function groupTreeOf(groups: GroupTree) {
  let tree = GROUP_TREES.get(groups);
  if (tree) return tree;
  tree = { children: new Map<string, string[]>(), parents: new Map<string, string[]>(), ancestors: new Map<string, Set<string>>() };
  for (const [declared, subgroups] of groups) {
    const group = declared.toLowerCase();
    for (const subgroup of subgroups.map((name) => name.toLowerCase())) {
      listIn(tree.children, group).push(subgroup);
      listIn(tree.parents, subgroup).push(group);
    }
  }
  GROUP_TREES.set(groups, tree);
  return tree;
}

function listIn<K, V>(map: Map<K, V[]>, key: K): V[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

function termOf(fact: CountFact, value: number): CountSum {
  return { value, terms: value > 0 ? [{ value, group: fact.group, fact }] : [] };
}

function add(a: CountSum, b: CountSum): CountSum {
  return { value: a.value + b.value, terms: [...a.terms, ...b.terms] };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

const CACHE = new WeakMap<Report, { gazetteer: Gazetteer; facts: CountFacts }>();

/**
 * What a count states, by annotation: the same object for as long as an edit leaves its block
 * alone (and the gazetteer, which its source is resolved in, is the same).
 */
const FACTS = new WeakMap<Annotation, { gazetteer: Gazetteer; fact: CountFact }>();

function factOf(report: Report, annotation: Annotation, gazetteer: Gazetteer): CountFact {
  const kept = FACTS.get(annotation);
  let fact = kept?.gazetteer === gazetteer ? kept.fact : undefined;
  if (!fact) {
    fact = {
      annotation,
      id: nonEmpty(annotation.attributes.get('id')?.value),
      type: nonEmpty(annotation.attributes.get('type')?.value),
      group: nonEmpty(annotation.attributes.get('group')?.value?.toLowerCase()),
      partOf: nonEmpty(annotation.attributes.get('part-of')?.value?.replace(/^\s*#/, '')),
      interval: countValue(report, annotation).interval,
      incident: annotation.incident,
      source: countSource(report, annotation, gazetteer),
      asOf: countAsOf(annotation),
    };
    FACTS.set(annotation, { gazetteer, fact });
  }
  return fact;
}

const INCIDENT_FIGURES = new WeakMap<Incident, { groups: GroupTree; figures: Map<string, IncidentFigure> }>();
const PARTS_SUMS = new WeakMap<CountFact, { groups: GroupTree; sum: CountSum }>();

/** The count model of a report, built once per report and gazetteer groups for all the count rules. */
export function countFacts(report: Report, gazetteer: Gazetteer, blocks?: readonly ModelSink[]): CountFacts {
  const cached = CACHE.get(report);
  if (cached && cached.gazetteer === gazetteer) return cached.facts;
  const facts = new CountFacts(report, gazetteer, blocks);
  CACHE.set(report, { gazetteer, facts });
  return facts;
}

/** "9 women", "13 people": one term of a sum as a writer reads it. */
export function formatTerm(term: CountTerm): string {
  return `${term.value} ${term.group ?? 'people'}`;
}

/** "9 women + 13 children + 30 men = 52", or just "48 civilians" for one term. */
export function formatSum(sum: CountSum): string {
  const terms = sum.terms.map(formatTerm);
  return terms.length === 1 ? terms[0]! : `${terms.join(' + ')} = ${sum.value}`;
}
