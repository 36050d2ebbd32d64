import { detached } from '../text.js';
import type { Annotation, Attribute, Incident } from '../model.js';
import type { Gazetteer, Resolution, ResolveOptions } from './gazetteer.js';
import type { EntryCategory } from './gazetteerModel.js';
import { placeByIdOrName } from './placeLookup.js';
import type { PlaceScope } from './reportScope.js';

export interface Mention {
  category: EntryCategory;
  /** The text being resolved: the label, or the incident's `place` value. */
  text: string;
  directive: Annotation | Incident;
  /** Set when the mention names an id (`ref=`), which is never resolved by name. */
  ref: Attribute | undefined;
  /** Set for an incident's `place=`, which may be an id or a name. */
  attribute: Attribute | undefined;
}

/** Every actor and place the report names: `:actor`, `:place` and `:::incident{place=…}`. */
export function mentions(annotations: readonly Annotation[], incidents: readonly Incident[]): Mention[] {
  const result: Mention[] = [];
  for (const annotation of annotations) {
    if (annotation.kind !== 'actor' && annotation.kind !== 'place') continue;
    result.push({
      category: annotation.kind,
      text: annotation.label,
      directive: annotation,
      ref: annotation.attributes.get('ref'),
      attribute: undefined,
    });
  }
  for (const incident of incidents) {
    const place = incident.attributes.get('place');
    if (place) result.push({ category: 'place', text: place.value, directive: incident, ref: undefined, attribute: place });
  }
  return result;
}

/**
 * What narrows a place mention: its own `in=` (candidates must lie inside it),
 * the enclosing incident's `place=` (candidates inside it first), its `kind=`,
 * and the report's countries (candidates in them next).
 */
function mentionContext(gazetteer: Gazetteer, mention: Mention, countries: readonly string[] | undefined): ResolveOptions {
  if (mention.category !== 'place') return {};
  if (mention.directive.kind === 'incident') return { countries };
  const within = mention.directive.attributes.get('in');
  const incidentPlace = mention.directive.incident?.attributes.get('place');
  return {
    within: within ? placeByIdOrName(gazetteer, within.value, countries) : undefined,
    prefer: incidentPlace ? placeByIdOrName(gazetteer, incidentPlace.value, countries) : undefined,
    kind: mention.directive.attributes.get('kind')?.value,
    countries,
  };
}

/**
 * Resolutions by what decides them, per gazetteer (a new gazetteer object is built whenever a
 * file changes). Every name rule, hover and export resolves the same mentions, and on each
 * keystroke the unchanged blocks bring the same mentions back.
 */
const RESOLUTIONS = new WeakMap<Gazetteer, Map<string, Resolution>>();
const MAX_CACHED_RESOLUTIONS = 100_000;

/**
 * Resolves a mention: `ref` by id only; an incident's `place` by id, then by
 * name; a label by name, narrowed by its context. When nothing inside the
 * `in=` place has the name, the name is resolved without it, so that the
 * mismatch is reported as such (place-hierarchy-mismatch) rather than as an
 * unknown place.
 *
 * `scope` is the report's (reportScope); without it, places rank in the team's
 * countries (the gazetteer's default), which is not how the checks read them.
 */
export function resolveMention(gazetteer: Gazetteer, mention: Mention, scope?: PlaceScope): Resolution {
  const { directive } = mention;
  const countries = mention.category === 'place' ? scope?.countries : undefined;
  // An inline place also depends on its `in=`, `kind=` and its incident's place (see mentionContext).
  const inlinePlace = mention.category === 'place' && directive.kind !== 'incident' ? directive : undefined;
  const key = [
    mention.category,
    mention.text,
    mention.ref ? `ref:${mention.ref.value}` : '',
    mention.attribute ? 'attribute' : '',
    inlinePlace?.attributes.get('in')?.value ?? '',
    inlinePlace?.attributes.get('kind')?.value ?? '',
    inlinePlace?.incident?.attributes.get('place')?.value ?? '',
    countries?.join(',') ?? '-',
  ].join('\u0000');
  let cache = RESOLUTIONS.get(gazetteer);
  if (!cache) RESOLUTIONS.set(gazetteer, (cache = new Map()));
  const cached = cache.get(key);
  if (cached) return cached;
  const resolution = resolveUncached(gazetteer, mention, countries);
  if (cache.size >= MAX_CACHED_RESOLUTIONS) cache.clear();
  // Detached: the key holds the label, a slice of a parsed region that it would otherwise keep alive.
  cache.set(detached(key), resolution);
  return resolution;
}

function resolveUncached(gazetteer: Gazetteer, mention: Mention, countries: readonly string[] | undefined): Resolution {
  if (mention.ref) {
    const entry = gazetteer.get(mention.category, mention.ref.value);
    return entry ? { status: 'resolved', entry, match: 'name', matched: entry.name } : { status: 'unknown', suggestions: [] };
  }
  if (mention.attribute) {
    const entry = gazetteer.get(mention.category, mention.attribute.value);
    if (entry) return { status: 'resolved', entry, match: 'name', matched: entry.name };
  }
  const context = mentionContext(gazetteer, mention, countries);
  const narrowed = gazetteer.resolve(mention.category, mention.text, context);
  if (narrowed.status !== 'unknown' || !context.within) return narrowed;
  const wide = gazetteer.resolve(mention.category, mention.text, { ...context, within: undefined });
  return wide.status === 'unknown' ? narrowed : wide;
}
