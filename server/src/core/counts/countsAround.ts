/**
 * The count model of the blocks a block's counts are linked with, for the count rules worked out
 * block by block (rules/blockwise.ts). Every question the count rules ask about a count (its total,
 * its parts, its incident's figure) is answered from the counts it is linked with by `part-of`
 * (either way, through any number of links) and from its own incident; so the model of those
 * blocks alone answers it as the model of the whole report does. In the bench's reports every
 * part-of stays inside its incident, and a block's model is its own: a keystroke in one count
 * builds the model of one incident, not of the 21,817 counts of the 5 MiB report (25 ms).
 */
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import type { Annotation, Report } from '../model.js';
import type { ModelSink } from '../parse/buildModel.js';
import { countAnnotations, extractOf } from '../parse/collectByBlock.js';
import { CountFacts, type CountFact } from './countFacts.js';

/** What a count links by: its id and the id it names in part-of, as the count model reads them (trimmed, without #). */
export function countLinks(part: ModelSink): { id: string | undefined; partOf: string | undefined }[] {
  return extractOf(part, countAnnotations).map((annotation) => ({
    id: nonEmpty(annotation.attributes.get('id')?.value),
    partOf: nonEmpty(annotation.attributes.get('part-of')?.value?.replace(/^\s*#/, '')),
  }));
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** The keys countLinks makes a block declare (blockwise.ts): `fact:ID` for a count's id, `partof:ID` for the id its part-of names. */
export function countLinkKeys(part: ModelSink): string[] {
  const keys: string[] = [];
  for (const { id, partOf } of countLinks(part)) {
    if (id !== undefined) keys.push(`fact:${id}`);
    if (partOf !== undefined) keys.push(`partof:${partOf}`);
  }
  return keys;
}

/** The blocks declaring a key, the read recorded (rules/blockwise.ts PartLookup, which this layer may not import). */
interface KeyHolders {
  holders(key: string): readonly ModelSink[];
}

interface Around {
  facts: CountFacts;
  /** The keys read to find the blocks, which a block's examination reads again (blockwise.ts records reads). */
  reads: readonly string[];
}

/** Per report (a parse) and gazetteer: the model around each block, shared by the count rules of one check. */
const AROUND = new WeakMap<Report, { gazetteer: Gazetteer; byPart: Map<ModelSink, Around> }>();

/**
 * The count model of `part` and the blocks linked with it: those holding the counts its counts
 * name in part-of, and the counts that name its counts' ids (or share them: the first count with
 * an id is the one part-of means), and so on from those.
 */
export function countFactsAround(part: ModelSink, lookup: KeyHolders, report: Report, gazetteer: Gazetteer): CountFacts {
  let kept = AROUND.get(report);
  if (kept?.gazetteer !== gazetteer) AROUND.set(report, (kept = { gazetteer, byPart: new Map() }));
  const found = kept.byPart.get(part);
  if (found) {
    for (const key of found.reads) lookup.holders(key);
    return found.facts;
  }
  const reads: string[] = [];
  const holders = (key: string) => {
    reads.push(key);
    return lookup.holders(key);
  };
  const linked = new Set<ModelSink>([part]);
  const queue: ModelSink[] = [part];
  while (queue.length > 0) {
    for (const { id, partOf } of countLinks(queue.pop()!)) {
      const next = [...(partOf !== undefined ? holders(`fact:${partOf}`) : []), ...(id !== undefined ? [...holders(`fact:${id}`), ...holders(`partof:${id}`)] : [])];
      for (const other of next) {
        if (linked.has(other)) continue;
        linked.add(other);
        queue.push(other);
      }
    }
  }
  const parts = [...linked].sort((a, b) => startOf(a) - startOf(b));
  const around: Around = { facts: new CountFacts(report, gazetteer, parts), reads };
  for (const other of parts) kept.byPart.set(other, around);
  return around.facts;
}

const startOf = (part: ModelSink) => (part as { start?: number }).start ?? 0;

/** The facts of one block's counts, in document order, from a model that holds them. */
export function factsOfPart(model: CountFacts, part: ModelSink): CountFact[] {
  return extractOf(part, countAnnotations).map((annotation: Annotation) => model.factOf(annotation)!);
}
