/**
 * The one normalisation of names, used for resolution, diagnostics, completion
 * and lookup. Two spellings that fold to the same key are the same name.
 *
 * Two levels:
 * - `simplifyName`: what a writer sees as "the same text" (case, diacritics,
 *   apostrophe-like marks, hyphens and spacing). `asWrittenKey` also sets a
 *   leading "the" and the Arabic article aside: equal forms are an exact match
 *   ("Qamishli" is Al Qāmishlī's name without its article, not another spelling).
 * - `foldName`: the matching key. On top of simplifying, it drops a leading
 *   "the" and the Arabic article, folds the variant families the press
 *   produces, and removes the spaces between words, so that "Maarat al-Numan",
 *   "Ma'arrat al-Nu'man" and "Ma‘arrat an Nu‘mān" share a key, and so do
 *   "Gorlovka" and "Horlivka", "Kfar Kila" and "Kafr Kila", "North Darfur"
 *   and "Northern Darfur". The families: English and French transliterations
 *   of Arabic (vowels, ou/u, ch/sh, dj/j, gh, dh, q/k, ph/f, Kfar/Kafr, the
 *   article joined or assimilated, uw/w), y as a vowel or glide, Russian and
 *   Ukrainian romanisations of Slavic names (g/h, o/i before a final v,
 *   -oy/-yi, j/y, ye-/e-), and the direction words.
 *
 * The key is deliberately lossy: it only has to bring spellings of one name
 * together. Every fold that merges more names risks a wrong match, which the
 * gazetteer guards against: a variant spelling resolves only in the report's
 * context (its countries, the incident's place), and equally good candidates
 * in several countries are ambiguous. The ranking (exact name or alias before
 * a variant, the closest spelling first) keeps the nearest spelling first.
 * `foldArticles` is the stricter key actors are held to, and `asWrittenKey`
 * the one exact matches are.
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
 * Names romanised from Russian or Ukrainian, recognised by a word's ending:
 * -ov, -iv, -ovka, -ivka, -inka, -ovsk, -sk, -skyi, -hrad, -gorod, -pil, -pol,
 * -ivtsi, -tsia, -zhye, and adjectives in -yi, -iy, -oy. The Slavic folds
 * (g/h, o/i before a final v, -oy) apply only to such names: elsewhere they
 * would merge names that differ (Hale and Gila, Homs and Goms).
 */
const SLAVIC_ENDING = /(?:[eioy]v|[eioy]vk[ay]|[iy]nk[ay]|[eioy]vsk[a-z]{0,4}|sk|sk(?:yi|yy|iy|ii|y|a|aya|e|oye|oe|ij)|[hg]rad|[hg]orod|[io]p[io]l|ivtsi|ivtsy|ovtsy|ts[iy]a|zh(?:ye|ia|ya|ie)|...(?:yi|yy|iy|oy))$/;

/** Whether a simplified word has a Slavic ending: only its last ten letters are looked at. */
function slavicWord(word: string): boolean {
  return SLAVIC_ENDING.test(word.length > 10 ? word.slice(-10) : word);
}

/**
 * The words for areas of Ukraine and Russia make the name beside them Slavic whatever its ending:
 * GeoNames' "Izyum Raion" and the Ukrainian "Izium raion" (the label "Izium district" is looked up
 * as it too) are one name, though Izyum alone does not end as Slavic names do.
 */
const SLAVIC_AREA_WORDS: ReadonlySet<string> = new Set(['raion', 'rayon', 'oblast', 'hromada']);

const DIGRAPHS = /tch|shch|sch|dj|ch|ph|gh|dh|q/g;
const DIGRAPH_FOLDS: ReadonlyMap<string, string> = new Map([
  ['tch', 'sh'], ['shch', 'sh'], ['sch', 'sh'], ['dj', 'j'], ['ch', 'sh'], ['ph', 'f'], ['gh', 'g'], ['dh', 'd'], ['q', 'k'],
]);

/**
 * Folds one simplified word. The order matters: digraphs first ("tch", "dj",
 * "ch", "gh"…), then the Russian and Ukrainian variants of a Slavic name, then
 * y as a vowel, then the diphthongs ("ou", "ei", "ai", "aw"), then the vowels
 * a/e/i and o/u are merged (Arabic short vowels are written every which way:
 * Saraqib/Saraqeb, Idlib/Idleb, Deraa/Dar‘a), then doubled letters (never
 * digits: Camp 11 is not Camp 1) and a final vowel-plus-h (-ah, -eh).
 */
function foldWord(word: string, slavic: boolean): string {
  if (!/[a-z]/.test(word)) return word;
  // French writes the Arabic Kafr (village) Kfar: Kfar Kila, Kafr Kila.
  let folded = word === 'kfar' ? 'kafr' : word;
  // tch and ch are sh (French Tchad, Chouf), as is Russian щ (Shchastia, Schastye); dj is j, gh g, dh d, ph f, q k.
  folded = folded.replace(DIGRAPHS, (digraph) => DIGRAPH_FOLDS.get(digraph)!);
  if (folded.includes('yy')) folded = folded.replace(/yy/g, 'y');
  if (slavic) {
    folded = folded
      // Polish and German-style j for y: Mykolajiv, Kyjiv.
      .replace(/j/g, 'y')
      // Ukrainian i where Russian has o in the last syllable before v: Kharkov/Kharkiv, Lvov/Lviv, Gorlovka/Horlivka, Artemovsk/Artemivsk.
      .replace(/o(?=v(?:ka|sk|ske|sky|skyi|skiy|skii)?$)/, 'i')
      // The adjective ending: Krivoy/Kryvyi.
      .replace(/(.{3})oy$/, '$1i')
      // Initial ye: Yegoryevsk/Egoryevsk.
      .replace(/^ye/, 'e');
  }
  if (folded.includes('y')) {
    folded = folded
      // y as a glide between vowels before e or i (Nikolayev/Nikolaev, Mykolayiv/Mykolaiv, Chuguyev/Chuguev),
      // and as a vowel between consonants or last (Kryvyi/Kriviy, Myrhorod/Mirhorod, Izyum/Izium); in a
      // Slavic name also before a vowel (Kupyansk/Kupiansk, Syevyerodonetsk/Sievierodonetsk), where
      // elsewhere it is a consonant (Sanyang is not Saniang).
      .replace(/([aeiou])y(?=[ei])/g, '$1')
      .replace(slavic ? /([^aeiouy])y/g : /([^aeiouy])y(?![aeiou])/g, '$1i');
  }
  // The w of uw before a vowel is the u written twice: Suwayda/Sweida, Huwayjah/Hawija.
  if (folded.includes('uw')) folded = folded.replace(/([^aeiou])uw(?=[aeiou])/g, '$1w');
  if (slavic) {
    // Russian g is Ukrainian h (Gorlovka/Horlivka, Lugansk/Luhansk, Chuguev/Chuhuiv); kh, sh, zh and th stay
    // (as capitals until the end), and so does a final silent -ah, -eh.
    if (folded.length > 3) folded = folded.replace(/([aeiou])h$/, '$1');
    folded = folded.replace(/kh/g, 'K').replace(/sh/g, 'S').replace(/zh/g, 'Z').replace(/th/g, 'T').replace(/h/g, 'g');
  }
  folded = folded
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
  if (slavic) folded = folded.replace(/K/g, 'kh').replace(/S/g, 'sh').replace(/Z/g, 'zh').replace(/T/g, 'th');
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

/** "Northern Darfur" is written "North Darfur" as often: the direction words are one word each. */
const DIRECTIONS: ReadonlyMap<string, string> = new Map([['northern', 'north'], ['southern', 'south'], ['eastern', 'east'], ['western', 'west']]);

/** `foldName` of a name already simplified (`simplifyName`): for callers that need both forms. */
export function foldSimplified(simple: string): string {
  const words = simple.split(' ').filter((word) => word !== '');
  if (words[0] === 'the' && words.length > 1) words.shift();
  for (let index = 0; index < words.length; index++) words[index] = DIRECTIONS.get(words[index]!) ?? words[index]!;
  const slavic = words.some((word) => slavicWord(word) || SLAVIC_AREA_WORDS.has(word));
  let key = '';
  for (let index = 0; index < words.length; index++) {
    let word = words[index]!;
    if (index < words.length - 1 && isArticle(word)) continue;
    // Arabic script writes the article joined to the word: الرقة.
    if (word.length > 3 && word.startsWith('ال')) word = word.slice(2);
    // So do French and English writers, the article assimilated to a sun letter: Deir Ezzor, Hay Essalam.
    if (index > 0 && word.length > 4 && /^[ae]([tdrzsnl])\1[aeiou]/.test(word)) word = word.slice(2);
    key += foldWord(word, slavic);
  }
  // Joining can put two equal letters side by side ("Tall Lahm"); fold them like any double.
  return key.replace(/(\p{L})\1+/gu, '$1');
}

/**
 * A simplified name without a leading "the", the Arabic article before a word
 * and the spaces, but with every letter as written: "the Assad regime" and
 * "Assad Regime" agree, "Russian troups" and "Russian troops" do not. Actors
 * resolve only at this level (their names are words, not transliterations).
 */
export function foldArticles(simple: string): string {
  return wordsWithoutArticles(simple).join('');
}

/** The words of a simplified name without a leading "the" and the Arabic article before a word, joined (الرقة) or apart. */
function wordsWithoutArticles(simple: string): string[] {
  const words = simple.split(' ').filter((word) => word !== '');
  if (words[0] === 'the' && words.length > 1) words.shift();
  const kept: string[] = [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    if (index < words.length - 1 && isArticle(word)) continue;
    kept.push(word.length > 3 && word.startsWith('ال') ? word.slice(2) : word);
  }
  return kept;
}

/**
 * The name as written: simplified (case, diacritics, marks, hyphens and
 * spacing), without a leading "the" and the Arabic article. Two spellings of
 * one form are the same writing of a name, an exact match: "Qamishli" and
 * "Al Qāmishlī", "Ras al-Ain" and "Ras el Ain". The words stay apart
 * ("Jalal-Abad" is not written "Jalalabad", nor "Ti-tao" "Titao"): spellings
 * that agree only without them, or once folded (`foldName`), are variants.
 */
export function asWrittenKey(name: string): string {
  return wordsWithoutArticles(simplifyName(name)).join(' ');
}
