/**
 * The one normalisation of names, used for resolution, diagnostics, completion
 * and lookup. Two spellings that fold to the same key are the same name.
 */

/** Romanised forms of the Arabic definite article, dropped when a word follows. */
const ARTICLES = new Set([
  'al', 'el', 'il', 'ul', 'an', 'ar', 'as', 'ash', 'at', 'az', 'ad', 'adh', 'ath', 'ad', 'ed', 'es', 'et', 'en', 'er', 'ez',
]);

const APOSTROPHES = /['`´ʼʻʿʾ‘’′]/g;

/** Case, diacritics, apostrophe-like marks, hyphens and spacing only: what a writer sees as "the same text". */
export function simplifyName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(APOSTROPHES, '')
    .toLowerCase()
    .replace(/[\s\-‐‑‒–—_.,/()]+/g, ' ')
    .trim();
}

function foldWord(word: string): string {
  return word
    .replace(/ou/g, 'u')
    .replace(/oo/g, 'u')
    .replace(/ee/g, 'i')
    .replace(/ei/g, 'ay')
    .replace(/e/g, 'a')
    .replace(/(.)\1+/g, '$1')
    .replace(/(.{2,})ah$/, '$1a');
}

/**
 * The matching key: simplified, then without a leading "the" or Arabic
 * article, with common English and French transliteration variants folded.
 */
export function foldName(name: string): string {
  const words = simplifyName(name).split(' ').filter((word) => word !== '');
  if (words[0] === 'the' && words.length > 1) words.shift();
  const kept = words.filter((word, index) => !(ARTICLES.has(word) && index < words.length - 1));
  return kept.map(foldWord).join(' ');
}
