/**
 * The countries a report is about, which decide how its place names resolve
 * (see `ResolveOptions.countries`): places in them rank before the rest of the
 * world, and a place outside them is only suggested unless its exact name is
 * a city's and nothing inside them fits.
 *
 * They are, together:
 * - the front matter's `countries:` (ISO codes or English names);
 * - the countries of the team gazetteer's places (and the report's own gazetteers');
 * - the countries of the incidents' places (`place=`, by id or by name), of
 *   places given by id (`ref=`), and of places the report names that resolve by
 *   their exact name or alternate name. A variant spelling never adds a country:
 *   "Tawila" must not bring the Philippines into a report on Sudan.
 */
import type { Report } from '../model.js';
import { detached } from '../text.js';
import { collectByBlock } from '../parse/collectByBlock.js';
import type { ModelSink } from '../parse/buildModel.js';
import type { Gazetteer } from './gazetteer.js';

export interface PlaceScope {
  /** ISO 3166 codes, sorted; empty when nothing tells. */
  readonly countries: readonly string[];
}

export const NO_SCOPE: PlaceScope = Object.freeze({ countries: Object.freeze([]) as readonly string[] });

/** One block's place names and ids, with the countries they give under each gazetteer and base. */
interface BlockPlaces {
  ids: readonly string[];
  names: readonly string[];
  countries: WeakMap<Gazetteer, Map<string, readonly string[]>>;
}

/** Keyed by identity in each block (collectByBlock): a module-level function. */
function blockPlaces(part: ModelSink): BlockPlaces[] {
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const incident of part.incidents) {
    const place = incident.attributes.get('place')?.value;
    // An incident's place is an id or a name.
    if (place) {
      ids.add(place);
      names.add(place);
    }
  }
  for (const annotation of part.annotations) {
    if (annotation.kind !== 'place') continue;
    const ref = annotation.attributes.get('ref')?.value;
    if (ref !== undefined) ids.add(ref);
    else if (annotation.label.trim() !== '') names.add(annotation.label);
  }
  if (ids.size === 0 && names.size === 0) return [];
  // Detached: the labels are slices of the parsed text, which they would keep alive.
  return [{ ids: [...ids].map(detached), names: [...names].map(detached), countries: new WeakMap() }];
}

/** The countries one block's places give, against the base countries (front matter and team). */
function countriesOf(gazetteer: Gazetteer, places: BlockPlaces, base: readonly string[], baseKey: string): readonly string[] {
  let byBase = places.countries.get(gazetteer);
  if (!byBase) places.countries.set(gazetteer, (byBase = new Map()));
  const known = byBase.get(baseKey);
  if (known) return known;
  const found = new Set<string>();
  for (const id of places.ids) {
    const entry = gazetteer.get('place', id);
    const code = entry && gazetteer.countryOf(entry);
    if (code) found.add(code);
  }
  for (const name of places.names) {
    const resolution = gazetteer.resolve('place', name, { countries: base, suggest: false });
    if (resolution.status !== 'resolved' || (resolution.match !== 'name' && resolution.match !== 'alias')) continue;
    const code = gazetteer.countryOf(resolution.entry);
    if (code) found.add(code);
  }
  const codes = [...found].sort();
  byBase.set(baseKey, codes);
  return codes;
}

/** Scopes by their countries, so that a check that finds the same countries hands back the same object. */
const INTERNED = new Map<string, PlaceScope>();

function intern(countries: readonly string[]): PlaceScope {
  if (countries.length === 0) return NO_SCOPE;
  const key = countries.join(',');
  let scope = INTERNED.get(key);
  if (!scope) {
    if (INTERNED.size > 10_000) INTERNED.clear();
    INTERNED.set(key, (scope = Object.freeze({ countries: Object.freeze([...countries]) })));
  }
  return scope;
}

/**
 * The scope of each parse of a report (a new Report object per version), with the gazetteer it
 * was computed against: the check, completion, hover and definition of one version compute it once.
 */
const SCOPES = new WeakMap<Report, { gazetteer: Gazetteer; scope: PlaceScope }>();

/**
 * The report's countries. `blocks`, when the report was parsed incrementally, lets each block
 * keep what it gave (collectByBlock): a keystroke reads one block's places again, not all.
 */
export function reportScope(gazetteer: Gazetteer, report: Report, blocks?: readonly ModelSink[]): PlaceScope {
  const known = SCOPES.get(report);
  if (known?.gazetteer === gazetteer) return known.scope;
  const scope = scopeOf(gazetteer, report, blocks);
  SCOPES.set(report, { gazetteer, scope });
  return scope;
}

function scopeOf(gazetteer: Gazetteer, report: Report, blocks: readonly ModelSink[] | undefined): PlaceScope {
  const base = new Set<string>(gazetteer.teamCountries());
  for (const country of report.frontMatter?.countries ?? []) base.add(country.code);
  const baseList = [...base].sort();
  const baseKey = baseList.join(',');
  const all = new Set(baseList);
  for (const places of collectByBlock({ report, blocks }, blockPlaces)) {
    for (const code of countriesOf(gazetteer, places, baseList, baseKey)) all.add(code);
  }
  return intern([...all].sort());
}
