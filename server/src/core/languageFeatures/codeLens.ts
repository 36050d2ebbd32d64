import { countFacts, sourceKey, type CountFact, type CountFacts, type CountSum } from '../counts/countFacts.js';
import { formatInterval } from '../counts/readCountLabel.js';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import type { Incident, Report } from '../model.js';
import type { ModelSink } from '../parse/buildModel.js';
import type { Span } from '../text.js';
import { COUNT_TYPES } from '../vocabulary.js';

/** What a code lens above an incident shows. */
export interface IncidentLens {
  /** The incident's opening line: the lens stands above it. */
  span: Span;
  /** "46 killed · 213 injured"; "46–52 killed" when sources disagree (two counts of one figure, or two `source=`). */
  title: string;
}

/**
 * A lens above each incident whose counts give a figure: per count type, in the vocabulary's
 * order, what its counts add up to, totals not parts ("46 civilians, including 9 women" is 46), as
 * `countFacts` reads them for the checks. Counts of one group stated twice are the same figure
 * told by two sources: when they conflict (46, and elsewhere 52, neither "at least"), the figure
 * is their range, 46–52. An incident without counts has no lens; a figure it states itself
 * (`killed=46`) is on the line below the lens already.
 */
export function codeLenses(report: Report, gazetteer: Gazetteer, blocks?: readonly ModelSink[]): IncidentLens[] {
  const counts = countFacts(report, gazetteer, blocks);
  const lenses: IncidentLens[] = [];
  for (const incident of report.incidents) {
    const figures = incidentFigures(incident, counts);
    if (figures.length > 0) lenses.push({ span: incident.openingSpan, title: figures.join(' · ') });
  }
  return lenses;
}

/** "46 killed", "213 injured": one per type the incident's counts speak of. */
function incidentFigures(incident: Incident, counts: CountFacts): string[] {
  const facts = counts.factsIn(incident).filter((fact) => fact.interval !== undefined);
  const figures: string[] = [];
  for (const type of COUNT_TYPES) {
    const ofType = facts.filter((fact) => fact.type === type);
    if (ofType.length === 0) continue;
    // Several sources: the interval from the lowest least number to the highest most ("Which figure counts").
    const figure = counts.incidentFigure(incident, type);
    const acrossSources = figure.sources.length > 1 && figure.max > figure.min && figure.max !== Infinity;
    const current = ofType.filter((fact) => !counts.isSuperseded(fact));
    const sum = figure.low;
    figures.push(`${acrossSources ? `${figure.min}–${figure.max}` : figureText(lowestReading(sum, current, counts), sum, current)} ${type}`);
  }
  return figures;
}

/**
 * The sum with each of its figures replaced by the lowest figure a conflicting restatement gives:
 * another count of the same group, and part of the same total (or of none), whose most is less
 * than the figure. A restatement that agrees ("at least 46" beside 48) lowers nothing.
 */
function lowestReading(sum: CountSum, facts: readonly CountFact[], counts: CountFacts): number {
  let low = sum.value;
  for (const term of sum.terms) {
    let lowest = term.value;
    for (const other of facts) {
      if (other === term.fact || other.group !== term.fact.group || other.partOf !== term.fact.partOf) continue;
      if (sourceKey(other) !== sourceKey(term.fact)) continue;
      if (other.interval!.max < term.value) lowest = Math.min(lowest, counts.lowerBound(other));
    }
    low -= term.value - lowest;
  }
  return low;
}

/**
 * "46–52" for figures that conflict; else the least number, as in the outline and the report's
 * totals ("at least 213" is 213), unless the figure is one count whose least is not what it says:
 * "about 50" is 45–55, "at most 10" stays so.
 */
function figureText(low: number, sum: CountSum, facts: readonly CountFact[]): string {
  if (low < sum.value) return `${low}–${sum.value}`;
  // A sum of 0 has no terms ("up to 10" is at least 0): then the one count is the figure.
  const single = sum.terms.length === 1 ? sum.terms[0]!.fact.interval : facts.length === 1 ? facts[0]!.interval : undefined;
  if (!single || single.min !== sum.value || single.max === single.min || single.max === Infinity) return String(sum.value);
  return formatInterval(single);
}
