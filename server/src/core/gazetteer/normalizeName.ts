/**
 * The one normalisation of names, used for resolution, diagnostics, completion
 * and lookup. Two spellings that fold to the same key are the same name.
 *
 * Two levels:
 * - `simplifyName`: what a writer sees as "the same text" (case, diacritics,
 *   apostrophe-like marks, hyphens and spacing). Equal simplified forms are an
 *   exact match.
 * - `foldName`: the matching key. On top of simplifying, it drops a leading
 *   "the" and the Arabic article, folds the usual English and French
 *   transliteration variants, and removes the spaces between words, so that
 *   "Maarat al-Numan", "Ma'arrat al-Nu'man" and "Ma‘arrat an Nu‘mān" share a key.
 *
 * The key is deliberately lossy: it only has to bring spellings of one name
 * together. The ranking (exact name > alias > normalised) and the edit-distance
 * tie-breaks in the gazetteer keep the closest spelling first.
 */

/** Romanised forms of the Arabic definite article, dropped when a word follows. */
const ARTICLES = new Set([
  'al', 'el', 'il', 'ul', 'an', 'ar', 'as', 'ash', 'at', 'az', 'ad', 'adh', 'ath', 'ed', 'es', 'et', 'en', 'er', 'ez',
  'esh', 'ech',
]);

const APOSTROPHES = /['`´ʼʻʿʾ‘’′ʹ"]/g;
const SEPARATORS = /[\s\-‐‑‒–—_.,/()·:;!?&+]+/g;
const MARKS = /\p{M}/gu;
// Letters NFKD leaves whole but writers type without their stroke or ligature.
const LETTERS: Record<string, string> = {
  ı: 'i', ł: 'l', đ: 'd', ð: 'd', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', þ: 'th', ħ: 'h', ŧ: 't', ŀ: 'l',
};
const SPECIAL_LETTERS = /[ıłđðøæœßþħŧŀ]/g;
// Arabic script: hamza carriers and ta marbuta as writers key them in.
const ARABIC_LETTERS: Record<string, string> = { 'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ة': 'ه', 'ى': 'ي', 'ؤ': 'و', 'ئ': 'ي' };
const ARABIC_VARIANTS = /[أإآٱةىؤئ]/g;
const TATWEEL = /\u0640/g;

/** Case, diacritics, apostrophe-like marks, hyphens and spacing only. */
export function simplifyName(name: string): string {
  // Most names are plain ASCII; skipping the Unicode passes for them keeps folding a million names fast.
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

/**
 * Folds one simplified word. The order matters: digraphs and diphthongs
 * first ("ou", "ei", "ai", "aw"), then the vowels a/e/i and o/u are merged (Arabic
 * short vowels are written every which way: Saraqib/Saraqeb, Idlib/Idleb,
 * Deraa/Dar‘a), then doubled letters (never digits: Camp 11 is not Camp 1) and a final vowel-plus-h (-ah, -eh).
 */
function foldWord(word: string): string {
  if (!/[a-z]/.test(word)) return word;
  let folded = word
    .replace(/tch/g, 'ch')
    .replace(/dj/g, 'j')
    .replace(/ch/g, 'sh')
    .replace(/ph/g, 'f')
    .replace(/gh/g, 'g')
    .replace(/dh/g, 'd')
    .replace(/q/g, 'k')
    .replace(/ou|oo/g, 'u')
    .replace(/ee/g, 'i')
    .replace(/(?:ei|ai|ey)(?![aeiou])/g, 'ay')
    // The diphthong aw is written o or ou as often (al-Hawl/al-Hol, Talldaww/Taldou).
    .replace(/(?:aww?|oww?)(?![aeiou])/g, 'u')
    .replace(/iy(?=[aeiou]|$)/g, 'i')
    .replace(/[ei]/g, 'a')
    .replace(/o/g, 'u')
    .replace(/(\p{L})\1+/gu, '$1');
  if (folded.length > 2 && /[au]h$/.test(folded)) folded = folded.slice(0, -1);
  return folded.replace(/(\p{L})\1+/gu, '$1');
}

function isArticle(word: string): boolean {
  return ARTICLES.has(word);
}

/**
 * The matching key: simplified, then without a leading "the" or an Arabic
 * article before a word, with transliteration variants folded and no spaces.
 */
export function foldName(name: string): string {
  return foldSimplified(simplifyName(name));
}

/** `foldName` of a name already simplified (`simplifyName`): for callers that need both forms. */
export function foldSimplified(simple: string): string {
  const words = simple.split(' ').filter((word) => word !== '');
  if (words[0] === 'the' && words.length > 1) words.shift();
  let key = '';
  for (let index = 0; index < words.length; index++) {
    let word = words[index]!;
    if (index < words.length - 1 && isArticle(word)) continue;
    // Arabic script writes the article joined to the word: الرقة.
    if (word.length > 3 && word.startsWith('ال')) word = word.slice(2);
    key += foldWord(word);
  }
  // Joining can put two equal letters side by side ("Tall Lahm"); fold them like any double.
  return key.replace(/(\p{L})\1+/gu, '$1');
}
