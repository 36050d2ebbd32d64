/**
 * The markup's vocabulary: directive names, the attributes each accepts and the
 * closed value sets. Rules, completion and docs all read these tables so that a
 * new attribute is added in one place.
 */

export const COUNT_TYPES = ['killed', 'injured', 'missing', 'detained', 'displaced', 'affected'] as const;

export const PRECISIONS = ['exact', 'at-least', 'at-most', 'approx'] as const;
export type Precision = (typeof PRECISIONS)[number];

export const ACTOR_ROLES = ['perpetrator', 'victim', 'source', 'claimant', 'other'] as const;

/** The kinds of place, in gazetteers and in `:place[…]{kind=…}`, which asks for a place of that kind. */
export const PLACE_KINDS = [
  'country', 'governorate', 'district', 'subdistrict', 'city', 'town', 'village', 'neighbourhood', 'camp', 'site',
] as const;

export const ANNOTATION_NAMES = ['count', 'date', 'actor', 'place'] as const;
export type AnnotationName = (typeof ANNOTATION_NAMES)[number];

export const DIRECTIVE_NAMES = ['incident', ...ANNOTATION_NAMES] as const;
export type DirectiveName = (typeof DIRECTIVE_NAMES)[number];

/**
 * The tables below are looked up with names the writer typed (directive and attribute names), so
 * they have no prototype: `constructor` or `toString` must not find Object.prototype's members.
 */
function table<T extends object>(entries: T): T {
  return Object.assign(Object.create(null) as T, entries);
}

/** `id` is what remark-directive calls the `#id` shorthand. */
export const ALLOWED_ATTRIBUTES: Record<DirectiveName, readonly string[]> = table({
  incident: ['id', 'date', 'place', ...COUNT_TYPES],
  count: ['id', 'type', 'group', 'part-of', 'value', 'precision', 'source', 'as-of'],
  date: ['value'],
  actor: ['ref', 'role'],
  place: ['ref', 'in', 'kind'],
});

/** Attributes whose value must be one of a closed set. */
export const ENUMERATED_ATTRIBUTES: Partial<Record<DirectiveName, Record<string, readonly string[]>>> = table({
  count: table({ type: COUNT_TYPES, precision: PRECISIONS }),
  actor: table({ role: ACTOR_ROLES }),
  place: table({ kind: PLACE_KINDS }),
});

/** The form each of our directives is written in. */
export const DIRECTIVE_FORM: Record<DirectiveName, 'containerDirective' | 'textDirective'> = table({
  incident: 'containerDirective',
  count: 'textDirective',
  date: 'textDirective',
  actor: 'textDirective',
  place: 'textDirective',
});

export function isDirectiveName(name: string): name is DirectiveName {
  return (DIRECTIVE_NAMES as readonly string[]).includes(name);
}
