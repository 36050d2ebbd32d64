import type { Gazetteer } from './gazetteer.js';
import type { GazetteerEntry } from './gazetteerModel.js';

/**
 * A place given by id or, failing that, by a name that resolves to one place: what `in=` and
 * `place=` accept. `countries`: the report's (reportScope), which names resolve in.
 */
export function placeByIdOrName(gazetteer: Gazetteer, value: string, countries?: readonly string[]): GazetteerEntry | undefined {
  const byId = gazetteer.get('place', value);
  if (byId) return byId;
  const resolution = gazetteer.resolve('place', value, { countries, suggest: false });
  return resolution.status === 'resolved' ? resolution.entry : undefined;
}

/** Inside, or the same place; the gazetteer knows a team entry and its built-in twin are one place. */
export function isWithin(gazetteer: Gazetteer, place: GazetteerEntry, container: GazetteerEntry): boolean {
  return gazetteer.contains(container, place);
}
