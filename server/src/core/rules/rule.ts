import type { Fix, Severity } from '../diagnostics.js';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import type { PlaceScope } from '../gazetteer/reportScope.js';
import type { Report } from '../model.js';
import type { ModelSink } from '../parse/buildModel.js';
import type { Span } from '../text.js';

export interface Finding {
  span: Span;
  message: string;
  fixes?: Fix[];
  related?: { message: string; span: Span }[];
}

export interface MissingGazetteer {
  /** As written in the front matter; for a team gazetteer, relative to the report's folder. */
  path: string;
  /** Where the front matter names it; undefined for a team gazetteer. */
  span?: Span;
  refusal?: string;
}

export interface RuleContext {
  report: Report;
  gazetteer: Gazetteer;
  /** The report's countries (reportScope), which its place names resolve in: pass it to resolveMention. */
  scope: PlaceScope;
  /**
   * Gazetteer files the report's front matter lists that do not exist, or that may not be read
   * (`refusal` says why); and team gazetteers (the nearest one, or those configured) that exist
   * but may not be read, which have no `span` in the report.
   */
  missingGazetteers: MissingGazetteer[];
  /** The team's gazetteer file that new entries go into, for the "add to gazetteer" fixes. */
  teamGazetteer: { path: string; text: string } | undefined;
  /** Today's date as YYYY-MM-DD, for a fix that writes it: the writer's local date, fixed in tests. */
  today(): string;
  flag(finding: Finding): void;
  /**
   * The report's top-level blocks, when it was parsed incrementally: a report-scoped rule reads
   * them through collectByBlock, which keeps what it extracts from a block until the block changes.
   */
  blocks?: readonly ModelSink[];
}

/**
 * A failing example marks each span the rule must flag with ⟦ and ⟧; `message`
 * is the exact message of the first one. The markers are removed before the
 * example is checked, and in docs/rules.md.
 */
export interface FailingExample {
  doc: string;
  message: string;
  /**
   * Every quick fix of the first finding, in order; none when absent. The test applies each
   * fix's edits and compares the whole text, so a fix that touches more than it should fails.
   */
  fixes?: ExampleFix[];
}

export interface ExampleFix {
  title: string;
  /** Marked preferred: what "auto fix" applies. At most one fix of a finding is. */
  preferred?: true;
  /** The whole example (markers removed) after the fix's edits to the report. */
  result: string;
  /** The whole team gazetteer (EXAMPLE_GAZETTEER) after the fix, for a fix that adds an entry to it. */
  gazetteer?: string;
}

/**
 * What a rule's findings depend on.
 * - `block`: only the annotations of one top-level block (an incident container, a
 *   paragraph…) and the report's front matter, gazetteer and settings. Such a rule is run
 *   on each block alone, and its findings for a block an edit did not touch are re-used.
 *   Its messages must not state positions (line numbers), which move when text is
 *   inserted above, and any span it reports must lie in the block or the front matter.
 * - `report`: anything in the report (ids, totals across incidents). Worked out block by block
 *   when it is a BlockwiseRule (blockwise.ts), which reads other blocks only through the keys
 *   they declare; otherwise run on every check that changes the model (reportFindings.ts).
 */
export type RuleScope = 'block' | 'report';

export interface Rule {
  code: string;
  scope: RuleScope;
  defaultSeverity: Severity;
  /** One sentence for docs/rules.md and hovers. */
  summary: string;
  /**
   * For docs/rules.md: what the quick fixes of its findings do, or why a finding has none (the
   * correction is not known: only the writer can tell which figure, date or name is right).
   */
  quickFix: string;
  examples: { fail: FailingExample[]; pass: string[] };
  check(context: RuleContext): void;
}

/** The gazetteer every rule example is checked against; shown in docs/rules.md. */
export const EXAMPLE_GAZETTEER = `actors:
  - id: syrian-government
    name: Government of Syria
    aliases: [Assad regime, Syrian regime]
    kind: state-forces
  - id: russia
    name: Russian Armed Forces
    aliases: [Russia, Russian forces, Russian troops]
    kind: state-forces
  - id: saa
    name: Syrian Arab Army
    aliases: [the army, SAA]
    kind: state-forces
  - id: russian-ground-forces
    name: Russian Ground Forces
    aliases: [the army]
    kind: state-forces
  - id: sohr
    name: Syrian Observatory for Human Rights
    aliases: [SOHR]
    kind: organisation
  - id: syria-civil-defence
    name: Syria Civil Defence
    aliases: [White Helmets, Syrian Civil Defence]
    kind: organisation
places:
  - id: syria
    name: Syria
    kind: country
  - id: idlib-governorate
    name: Idlib Governorate
    aliases: [Idlib province]
    kind: governorate
    in: syria
  - id: idlib-city
    name: Idlib
    kind: city
    in: idlib-governorate
  - id: maarat-al-numan
    name: Ma‘arrat an Nu‘mān
    aliases: [Maarat al-Numan]
    kind: town
    in: idlib-governorate
  - id: aleppo-governorate
    name: Aleppo Governorate
    kind: governorate
    in: syria
  - id: aleppo-city
    name: Aleppo
    kind: city
    in: aleppo-governorate
  - id: homs-city
    name: Homs
    kind: city
    in: syria
  - id: furqan-aleppo
    name: Furqan
    kind: neighbourhood
    in: aleppo-city
  - id: furqan-homs
    name: Furqan
    kind: neighbourhood
    in: homs-city
`;

/**
 * The team gazetteer of the examples (the same file) after a fix appended `entry` to its actors
 * or places: the expected `gazetteer` of an example's add-to-gazetteer fix.
 */
export function exampleGazetteerWith(category: 'actor' | 'place', entry: string): string {
  return category === 'actor' ? EXAMPLE_GAZETTEER.replace('places:\n', `${entry}places:\n`) : `${EXAMPLE_GAZETTEER}${entry}`;
}
