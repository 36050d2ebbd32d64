/**
 * The slug in the built-in layer's place ids (`geo:SY.12:saraqib`).
 *
 * Frozen on purpose: an id written in a report must keep resolving, so the
 * slug may not follow changes to the matching normalisation (normalizeName.ts,
 * which it was copied from when the ids were first made). Change nothing here
 * that changes the slug of a name; test/unit/worldLayerIds.test.ts holds ids
 * of earlier builds that must still resolve.
 */

const APOSTROPHES = /['`´ʼʻʿʾ‘’′ʹ"]/g;
const SEPARATORS = /[\s\-‐‑‒–—_.,/()·:;!?&+]+/g;
const MARKS = /\p{M}/gu;
const LETTERS: Record<string, string> = {
  ı: 'i', ł: 'l', đ: 'd', ð: 'd', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', þ: 'th', ħ: 'h', ŧ: 't', ŀ: 'l',
};
const SPECIAL_LETTERS = /[ıłđðøæœßþħŧŀ]/g;
const ARABIC_LETTERS: Record<string, string> = { 'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ة': 'ه', 'ى': 'ي', 'ؤ': 'و', 'ئ': 'ي' };
const ARABIC_VARIANTS = /[أإآٱةىؤئ]/g;
const TATWEEL = /\u0640/g;

/** Case, diacritics, apostrophe-like marks, hyphens and spacing folded, as the ids were first made. */
function simplified(name: string): string {
  // eslint-disable-next-line no-control-regex
  const ascii = /^[\x00-\x7f]*$/.test(name);
  let text = ascii ? name : name.normalize('NFKD').replace(MARKS, '');
  text = text.replace(APOSTROPHES, '').toLowerCase();
  if (!ascii) {
    text = text
      .replace(SPECIAL_LETTERS, (letter) => LETTERS[letter] ?? letter)
      .replace(ARABIC_VARIANTS, (letter) => ARABIC_LETTERS[letter] ?? letter)
      .replace(TATWEEL, '');
  }
  return text.replace(SEPARATORS, ' ').trim();
}

/** A name as the slug of a place id: `Ma'arrat an-Nu'man` → `maarrat-an-numan`; `place` when nothing is left. */
export function idSlug(name: string): string {
  const slugged = simplified(name).replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
  return slugged === '' ? 'place' : slugged;
}
