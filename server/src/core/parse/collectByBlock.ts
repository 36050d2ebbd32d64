import type { Annotation, Attribute } from '../model.js';
import type { ModelSink } from './buildModel.js';

/** Kept on the block itself: a property read, where a WeakMap lookup per block and extract cost ~2 ms per keystroke at 1 MiB. */
const EXTRACTS = Symbol('extracts');
type WithExtracts = ModelSink & { [EXTRACTS]?: Map<Function, readonly [unknown]> };

/**
 * What `extract` finds in each top-level block, in document order, for a report-scoped rule.
 * A block an edit did not touch is the same object with the same annotations (only moved), so
 * what was extracted from it is kept with it: a rule over the whole report then reads compact
 * lists instead of every annotation's attributes on every keystroke. `extract` must keep only
 * references to the model (whose spans move with it) and values that do not depend on where
 * the block is; it is keyed by identity, so pass a module-level function. It must find nothing
 * in a block without incidents or annotations: such blocks (prose, headings, lists: four in five
 * of a generated report's) are passed over unread, where looking up what was kept with each cost
 * 2.9 ms of a 5 MiB report's keystroke that changed its model (the report's countries, in the
 * server's profile).
 */
export function collectByBlock<T>(context: { report: ModelSink; blocks?: readonly ModelSink[] | undefined }, extract: (part: ModelSink) => readonly T[]): T[] {
  const parts: readonly ModelSink[] = context.blocks ?? [context.report];
  const collected: T[] = [];
  for (const part of parts) {
    if (part.annotations.length === 0 && part.incidents.length === 0) continue;
    for (const item of extractOf(part, extract)) collected.push(item);
  }
  return collected;
}

/** What `extract` finds in one block (or report), kept with it as collectByBlock keeps it. */
export function extractOf<T>(part: ModelSink, extract: (part: ModelSink) => readonly T[]): readonly T[] {
  return keptFor(part, extract);
}

/** Anything worked out from one block (or report) alone, kept with it as extractOf keeps lists; `compute` keys it, so pass a module-level function. */
export function keptFor<T>(part: ModelSink, compute: (part: ModelSink) => T): T {
  const holder = part as WithExtracts;
  let extracts = holder[EXTRACTS];
  if (!extracts) Object.defineProperty(holder, EXTRACTS, { value: (extracts = new Map()), enumerable: false });
  let kept = extracts.get(compute) as readonly [T] | undefined;
  if (!kept) extracts.set(compute, (kept = [compute(part)]));
  return kept[0];
}

/** A block's counts. */
export function countAnnotations(part: ModelSink): Annotation[] {
  return part.annotations.filter((annotation) => annotation.kind === 'count');
}

/** The ids of a block's incidents. */
export function incidentIds(part: ModelSink): string[] {
  const ids: string[] = [];
  for (const incident of part.incidents) {
    const id = incident.attributes.get('id')?.value;
    if (id) ids.push(id);
  }
  return ids;
}

/** What the reference checks read of a count, taken from its attributes once per block. */
export interface CountReference {
  annotation: Annotation;
  id: string | undefined;
  type: Attribute | undefined;
  partOf: Attribute | undefined;
}

/** A block's counts with their id, type and part-of. */
export function countReferences(part: ModelSink): CountReference[] {
  return countAnnotations(part).map((annotation) => ({
    annotation,
    id: annotation.attributes.get('id')?.value,
    type: annotation.attributes.get('type'),
    partOf: annotation.attributes.get('part-of'),
  }));
}
