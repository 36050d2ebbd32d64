/**
 * Generic words in place names: "Kharkiv oblast", "Gaza City", "Zamzam camp",
 * "Idlib governorate", "Muhafazat Hadramaout". A writer adds them to say what
 * kind of place is meant; GeoNames writes some of its area names with them
 * ("Chernihiv Oblast", "Kharkiv Raion", "Singa Locality") and most without.
 *
 * The word is not part of the matching key: a label with one is looked up by
 * its name alone when the whole label matches nothing, and the word then says
 * which kind of place may be resolved (an area for "oblast", a settlement for
 * "city", a camp for "camp").
 */
import { simplifyName } from './normalizeName.js';

/** What a place is, as far as ranking cares: a country, an area inside one, a settlement, a camp, or anything else. */
export type KindClass = 'country' | 'area' | 'settlement' | 'camp' | 'site';

export interface WantedKind {
  class: KindClass;
  /** A more precise kind, ranked first within the class (`governorate` for "oblast", `district` for "raion"). */
  kind?: string;
}

export function kindClass(kind: string | undefined): KindClass {
  switch (kind) {
    case 'country':
      return 'country';
    case 'governorate':
    case 'district':
    case 'subdistrict':
      return 'area';
    case 'camp':
      return 'camp';
    case 'site':
      return 'site';
    default:
      // city, town, village, neighbourhood, and entries of a team gazetteer without a kind.
      return 'settlement';
  }
}

/** The kind a `kind=` attribute (or `--kind`) asks for. */
export function wantedForKind(kind: string): WantedKind {
  return { class: kindClass(kind), kind };
}

/** Words after a name, simplified, and the kind they ask for. */
const TRAILING: ReadonlyMap<string, WantedKind> = new Map([
  ['oblast', { class: 'area', kind: 'governorate' }],
  ['region', { class: 'area', kind: 'governorate' }],
  ['governorate', { class: 'area', kind: 'governorate' }],
  ['province', { class: 'area', kind: 'governorate' }],
  ['wilaya', { class: 'area', kind: 'governorate' }],
  ['wilayah', { class: 'area', kind: 'governorate' }],
  ['district', { class: 'area', kind: 'district' }],
  ['raion', { class: 'area', kind: 'district' }],
  ['rayon', { class: 'area', kind: 'district' }],
  ['county', { class: 'area', kind: 'district' }],
  ['locality', { class: 'area', kind: 'district' }],
  ['subdistrict', { class: 'area', kind: 'subdistrict' }],
  ['nahiya', { class: 'area', kind: 'subdistrict' }],
  ['nahiyah', { class: 'area', kind: 'subdistrict' }],
  ['city', { class: 'settlement', kind: 'city' }],
  ['town', { class: 'settlement', kind: 'town' }],
  ['village', { class: 'settlement', kind: 'village' }],
  ['camp', { class: 'camp', kind: 'camp' }],
]);

/** Words before a name, simplified ("city of Aleppo", "Muhafazat Idlib", "camp Zamzam"). */
const LEADING: ReadonlyMap<string, WantedKind> = new Map([
  ['city of', { class: 'settlement', kind: 'city' }],
  ['town of', { class: 'settlement', kind: 'town' }],
  ['village of', { class: 'settlement', kind: 'village' }],
  ['governorate of', { class: 'area', kind: 'governorate' }],
  ['province of', { class: 'area', kind: 'governorate' }],
  ['region of', { class: 'area', kind: 'governorate' }],
  ['district of', { class: 'area', kind: 'district' }],
  ['muhafazat', { class: 'area', kind: 'governorate' }],
  ['camp', { class: 'camp', kind: 'camp' }],
]);

/** Words that may stand before "camp" and go with it: "Zamzam IDP camp", "Kalma refugee camp". */
const CAMP_QUALIFIERS = new Set(['idp', 'refugee', 'refugees', 'displacement', 'displaced']);

/**
 * How areas are written in the data beside their bare name, simplified: the
 * label "Chernihiv region" finds the area "Chernihiv Oblast" through these.
 */
export const AREA_SUFFIXES = ['oblast', 'region', 'governorate', 'province', 'district', 'raion', 'rayon', 'county', 'locality', 'state'] as const;
export const AREA_PREFIXES = ['muhafazat', 'mudiriyat', 'mintaqat', 'wilayat'] as const;

export interface GenericLabel {
  /** The label without the generic word, simplified. */
  core: string;
  /** The generic word(s), simplified, as written. */
  word: string;
  wanted: WantedKind;
}

/**
 * Splits a generic word off a label (simplified or not): "Kharkiv oblast" →
 * core "kharkiv", wanted an area (governorate). Undefined when the label has
 * none, or is nothing but one ("City", "the district").
 */
export function splitGenericWord(label: string): GenericLabel | undefined {
  const words = simplifyName(label).split(' ').filter((word) => word !== '');
  if (words[0] === 'the') words.shift();
  if (words.length < 2) return undefined;
  const last = words[words.length - 1]!;
  const trailing = TRAILING.get(last);
  if (trailing) {
    let cut = words.length - 1;
    if (last === 'camp') while (cut > 1 && CAMP_QUALIFIERS.has(words[cut - 1]!)) cut--;
    return { core: words.slice(0, cut).join(' '), word: words.slice(cut).join(' '), wanted: trailing };
  }
  for (const length of [2, 1]) {
    if (words.length <= length) continue;
    const leading = LEADING.get(words.slice(0, length).join(' '));
    if (leading) return { core: words.slice(length).join(' '), word: words.slice(0, length).join(' '), wanted: leading };
  }
  return undefined;
}
