import type { Annotation, Attribute, Incident } from '../model.js';
import type { Gazetteer, Resolution } from './gazetteer.js';
import type { EntryCategory } from './gazetteerModel.js';

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

/** Resolves a mention: `ref` by id only; an incident's `place` by id, then by name; a label by name. */
export function resolveMention(gazetteer: Gazetteer, mention: Mention): Resolution {
  if (mention.ref) {
    const entry = gazetteer.get(mention.category, mention.ref.value);
    return entry ? { status: 'resolved', entry, match: 'name', matched: entry.name } : { status: 'unknown', suggestions: [] };
  }
  if (mention.attribute) {
    const entry = gazetteer.get(mention.category, mention.attribute.value);
    if (entry) return { status: 'resolved', entry, match: 'name', matched: entry.name };
  }
  return gazetteer.resolve(mention.category, mention.text);
}
