// Writes a synthetic GeoNames dump (the 19-column allCountries.txt format) for the gazetteer
// benchmark: by default 1,000,000 lines in node_modules/.cache/incident-markup-bench/.
//
//   node bench/gazetteer/generate-geonames.mjs [--lines N] [--out FILE]
//
// The places are made up but shaped like the real dump for the Middle East: countries with
// ADM1–ADM3 hierarchies, populated places with transliteration variants as alternate names
// (Saraqib/Saraqeb/Sarakib), some Arabic-script names, streams, hills and spots, and sparse
// populations. A fixed seed makes every run write the same file.
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const LINES = Number(option('--lines', '1000000'));
const OUT = resolve(option('--out', join(root, 'node_modules/.cache/gazetteer-bench/geonames-1m.txt')));

// mulberry32: small, fast and seedable.
let seed = 0x1d1b2023;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];

const COUNTRIES = [
  ['SY', 32.3, 37.3, 35.7, 42.4, 'Asia/Damascus'],
  ['IQ', 29.1, 37.4, 38.8, 48.6, 'Asia/Baghdad'],
  ['LB', 33.1, 34.7, 35.1, 36.6, 'Asia/Beirut'],
  ['JO', 29.2, 33.4, 34.9, 39.3, 'Asia/Amman'],
  ['TR', 36.0, 42.1, 26.0, 44.8, 'Europe/Istanbul'],
  ['YE', 12.1, 19.0, 42.5, 53.1, 'Asia/Aden'],
  ['LY', 19.5, 33.2, 9.4, 25.2, 'Africa/Tripoli'],
  ['SD', 8.7, 22.2, 21.8, 38.6, 'Africa/Khartoum'],
  ['AF', 29.4, 38.5, 60.5, 74.9, 'Asia/Kabul'],
  ['PS', 31.2, 32.6, 34.2, 35.6, 'Asia/Hebron'],
];
const ONSETS = ['b', 't', 'th', 'j', 'h', 'kh', 'd', 'dh', 'r', 'z', 's', 'sh', 'f', 'q', 'k', 'l', 'm', 'n', 'w', 'y', 'gh', ''];
const VOWELS = ['a', 'a', 'a', 'i', 'i', 'u', 'u', 'aa', 'ii', 'uu', 'ay', 'aw'];
const CODAS = ['', '', 'b', 'd', 'r', 'n', 'm', 'l', 's', 'q', 'h', 'j', 'sh', 'k', 't'];
const PREFIXES = ['Kafr', 'Tall', 'Dayr', 'Ayn', 'Khirbat', 'Jisr', 'Ras', 'Bayt', 'Tal', 'Abu', 'Umm', 'Qasr', 'Bir', 'Wadi', 'Jabal', 'Khan', 'Maarrat', 'Mazraat', 'Nahr', 'Qalaat'];
const ARTICLES = ['al', 'an', 'ar', 'as', 'ash', 'at', 'az', 'ad'];
const ARABIC = { b: 'ب', t: 'ت', th: 'ث', j: 'ج', h: 'ح', kh: 'خ', d: 'د', dh: 'ذ', r: 'ر', z: 'ز', s: 'س', sh: 'ش', f: 'ف', q: 'ق', k: 'ك', l: 'ل', m: 'م', n: 'ن', w: 'و', y: 'ي', gh: 'غ', a: '', i: '', u: '', aa: 'ا', ii: 'ي', uu: 'و', ay: 'ي', aw: 'و' };
const DIACRITIC = { a: 'ā', i: 'ī', u: 'ū', h: 'ḩ', s: 'ş', t: 'ţ', d: 'ḑ', z: 'z̧' };

function syllables(count) {
  const parts = [];
  for (let i = 0; i < count; i++) parts.push([pick(ONSETS), pick(VOWELS), i === count - 1 ? pick(CODAS) : '']);
  return parts;
}
const plain = (parts) => parts.map(([o, v, c]) => o + v + c).join('');
const capital = (word) => word.charAt(0).toUpperCase() + word.slice(1);
/** GeoNames style: long vowels and emphatics with diacritics, ‘ for ayn. */
const scholarly = (parts) =>
  parts
    .map(([o, v, c]) => {
      const onset = o.length === 1 && random() < 0.15 ? (DIACRITIC[o] ?? o) : o;
      const vowel = v.length === 2 && v[0] === v[1] ? DIACRITIC[v[0]] : v;
      return onset + vowel + c;
    })
    .join('');
/** How the press writes it: ou for u, e for a or i, ee for ii, doubled consonants dropped or added. */
const press = (text) =>
  text
    .replace(/uu/g, random() < 0.5 ? 'ou' : 'u')
    .replace(/ii/g, random() < 0.5 ? 'ee' : 'i')
    .replace(/aa/g, 'a')
    .replace(/i(?=[^aeiou]$)/, random() < 0.4 ? 'e' : 'i')
    .replace(/q/g, random() < 0.2 ? 'k' : 'q')
    .replace(/ay/g, random() < 0.3 ? 'ei' : 'ay');
const arabic = (parts) => parts.map(([o, v, c]) => (ARABIC[o] ?? '') + (ARABIC[v] ?? '') + (ARABIC[c] ?? '')).join('');

function placeName() {
  const core = syllables(1 + Math.floor(random() * 3));
  const shape = random();
  let name;
  let ascii;
  let pressForm;
  if (shape < 0.35) {
    const prefix = pick(PREFIXES);
    const article = random() < 0.5 ? `${pick(ARTICLES)} ` : '';
    name = `${prefix} ${article}${capital(scholarly(core))}`;
    ascii = `${prefix} ${article}${capital(plain(core))}`;
    pressForm = `${prefix} ${article ? `${article.trim()}-` : ''}${capital(press(plain(core)))}`;
  } else if (shape < 0.5) {
    const article = capital(pick(ARTICLES));
    name = `${article} ${capital(scholarly(core))}`;
    ascii = `${article} ${capital(plain(core))}`;
    pressForm = `${article}-${capital(press(plain(core)))}`;
  } else {
    name = capital(scholarly(core));
    ascii = capital(plain(core));
    pressForm = capital(press(plain(core)));
  }
  const alternates = new Set();
  if (random() < 0.7) alternates.add(pressForm);
  if (random() < 0.35) alternates.add(capital(press(plain(core))));
  if (random() < 0.3) alternates.add(arabic(core));
  if (random() < 0.15) alternates.add(`${ascii} ${pick(['Tahtani', 'Fawqani', 'Gharbi', 'Sharqi', 'Kabir', 'Saghir'])}`);
  alternates.delete(name);
  alternates.delete(ascii);
  return { name, ascii, alternates: [...alternates] };
}

const FEATURES = [
  // [cumulative share, class, code]
  [0.64, 'P', 'PPL'],
  [0.66, 'P', 'PPLX'],
  [0.665, 'P', 'PPLA3'],
  [0.75, 'H', 'STM'],
  [0.8, 'H', 'WLL'],
  [0.87, 'T', 'HLL'],
  [0.9, 'T', 'MT'],
  [0.94, 'S', 'FRM'],
  [0.955, 'S', 'MSQE'],
  [0.96, 'S', 'CMPRF'],
  [0.975, 'S', 'SCH'],
  [0.99, 'L', 'AREA'],
  [1, 'V', 'CULT'],
];

mkdirSync(dirname(OUT), { recursive: true });
const out = createWriteStream(OUT, { encoding: 'utf8', highWaterMark: 1 << 20 });
let written = 0;
let id = 20_000_000;
let buffer = [];
const write = async (fields) => {
  buffer.push(fields.join('\t'));
  written++;
  if (buffer.length >= 10_000) {
    const chunk = `${buffer.join('\n')}\n`;
    buffer = [];
    if (!out.write(chunk)) await new Promise((done) => out.once('drain', done));
  }
};
const line = (place, lat, lon, featureClass, featureCode, country, admin, population, timezone) => [
  id++, place.name, place.ascii, place.alternates.join(','), lat.toFixed(5), lon.toFixed(5), featureClass, featureCode, country, '',
  admin[0] ?? '', admin[1] ?? '', admin[2] ?? '', '', population, '', Math.floor(random() * 1200), timezone, '2024-03-01',
];

// The hierarchy: about 14 ADM1 per country, 8 ADM2 per ADM1, 6 ADM3 per ADM2.
const admins = [];
const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });
for (const [country, south, north, west, east, timezone] of COUNTRIES) {
  const countryName = countryNames.of(country);
  await write(line({ name: countryName, ascii: countryName, alternates: [] }, (south + north) / 2, (west + east) / 2, 'A', 'PCLI', country, [], 5_000_000 + Math.floor(random() * 4e7), timezone));
  for (let a1 = 1; a1 <= 14; a1++) {
    const code1 = String(a1).padStart(2, '0');
    await write(line(placeName(), south + random() * (north - south), west + random() * (east - west), 'A', 'ADM1', country, [code1], 0, timezone));
    for (let a2 = 1; a2 <= 8; a2++) {
      const code2 = `${country}${code1}${a2}`;
      await write(line(placeName(), south + random() * (north - south), west + random() * (east - west), 'A', 'ADM2', country, [code1, code2], 0, timezone));
      for (let a3 = 1; a3 <= 6; a3++) {
        const code3 = `${code2}${a3}`;
        await write(line(placeName(), south + random() * (north - south), west + random() * (east - west), 'A', 'ADM3', country, [code1, code2, code3], 0, timezone));
        admins.push({ country, south, north, west, east, timezone, codes: [code1, code2, code3] });
      }
    }
  }
}
while (written < LINES) {
  const admin = pick(admins);
  const roll = random();
  const [, featureClass, featureCode] = FEATURES.find(([share]) => roll < share);
  const population = featureClass === 'P' && random() < 0.4 ? Math.floor(Math.exp(5 + random() * 8)) : 0;
  const depth = random() < 0.7 ? 3 : random() < 0.7 ? 2 : 1;
  await write(line(placeName(), admin.south + random() * (admin.north - admin.south), admin.west + random() * (admin.east - admin.west), featureClass, featureCode, admin.country, admin.codes.slice(0, depth), population, admin.timezone));
}
out.end(buffer.length > 0 ? `${buffer.join('\n')}\n` : '');
await new Promise((done) => out.on('finish', done));
console.log(`${written.toLocaleString('en')} lines → ${OUT}`);
