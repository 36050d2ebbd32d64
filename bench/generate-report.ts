/**
 * Synthetic incident reports for the benchmarks: realistic prose and
 * annotation density, deterministic for a given seed and size.
 *
 * A report is a front matter with `totals`, month headings, and one section per
 * incident: a heading, prose outside the incident (with links), a `:::incident`
 * container with eight or nine inline annotations (a date, a total count and
 * two `part-of` parts, an injured count, a perpetrator, a place, and either
 * another actor and place or a source), sometimes a quote or a list inside it,
 * and now and then a table, a list of sources, a quote or a fenced code block
 * after it. Every actor and place resolves in the gazetteer it is generated
 * against (examples/gazetteer.yaml), except in the incidents (1 in 50) that
 * carry a deliberate mistake (parts above the incident's total, a misspelt
 * actor, an impossible date), so that a realistic handful of diagnostics is
 * published. `mistakeEvery` and `mistakeKinds` write more of them, and an
 * unknown place as a fourth kind (the archive bench, bench/reports/archive.ts).
 *
 * `npm run bench -- --generate-only` writes the reports into
 * bench/reports/.generated/ with the gazetteer beside them.
 */
import { parse as parseYaml } from 'yaml';

export type Mistake = 'parts' | 'actor' | 'date' | 'place';

export interface GenerateOptions {
  /** Target size in bytes (UTF-8); the report stops at the first section past it. */
  bytes: number;
  /** The gazetteer's YAML text: actors and places are drawn from it. */
  gazetteer: string;
  seed?: number;
  /** Write the deliberate mistakes (default true); without them the report checks clean but for hints. */
  mistakes?: boolean;
  /** Which incidents carry one: every `mistakeEvery`-th (50 by default), counted from the 17th's place in that cycle. */
  mistakeEvery?: number;
  /** The mistakes written, in turn: parts above the total, a misspelt actor, an impossible date (the default), an unknown place. */
  mistakeKinds?: readonly Mistake[];
}

export interface GeneratedReport {
  text: string;
  incidents: number;
  annotations: number;
  /** Incidents written with a deliberate mistake. */
  mistakes: number;
}

interface Entry {
  id: string;
  name: string;
  aliases?: string[];
  kind?: string;
  in?: string;
}

/** mulberry32: small, fast and good enough for text. */
export function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Random = ReturnType<typeof random>;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];

const DAY_MS = 86_400_000;
const iso = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const dayOf = (day: number) => new Date(day * DAY_MS);
const longDate = (day: number) => `${dayOf(day).getUTCDate()} ${MONTHS[dayOf(day).getUTCMonth()]}`;

/** A folding key close to the checker's, to keep only names that resolve to one entry. */
const key = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['‘’ʿʾ]/g, '')
    .replace(/[\s-]+/g, ' ')
    .replace(/^the /, '')
    .trim();

function namesOf(entries: Entry[]): Map<string, string[]> {
  const owners = new Map<string, Set<string>>();
  for (const entry of entries) {
    for (const name of [entry.name, ...(entry.aliases ?? [])]) {
      const k = key(name);
      if (!owners.has(k)) owners.set(k, new Set());
      owners.get(k)!.add(entry.id);
    }
  }
  const names = new Map<string, string[]>();
  for (const entry of entries) {
    // Plain ASCII spellings only, as they are typed in the press; each must name this entry alone.
    const usable = [entry.name, ...(entry.aliases ?? [])].filter((name) => /^[A-Za-z][A-Za-z '-]*$/.test(name) && owners.get(key(name))!.size === 1);
    names.set(entry.id, usable.length > 0 ? usable : []);
  }
  return names;
}

const TARGETS = [
  'a residential block near the central market', 'a school used as a shelter', 'the outskirts of the town', 'a bakery on the main road',
  'farmland to the west of the town', 'a camp for displaced families', 'a field hospital', 'the old souq', 'a water pumping station',
  'houses along the main street', 'a mosque and the square in front of it', 'a civil defence centre', 'a petrol station on the highway',
];
const WEAPONS = ['air strikes', 'artillery shelling', 'rocket fire', 'barrel bombs', 'drone strikes', 'mortar fire', 'cluster munitions'];
const SOURCES = ['local medics', 'residents reached by phone', 'a nurse at the nearest hospital', 'the local council', 'two witnesses', 'rescue workers at the scene'];
const TIMES = ['shortly after dawn', 'in the early hours', 'around midday', 'in the late afternoon', 'after dark', 'during the evening prayer'];
const OUTLETS = [
  ['UN OCHA situation report', 'https://reliefweb.int/report/syrian-arab-republic/'],
  ['Syrian Network for Human Rights', 'https://snhr.org/blog/'],
  ['WHO emergency update', 'https://www.who.int/emergencies/situation-reports/'],
  ['Airwaves monitoring log', 'https://example.org/airwaves/'],
  ['field notes', 'https://example.org/field-notes/'],
] as const;

function sentence(r: Random): string {
  const patterns = [
    () => `According to ${r.pick(SOURCES)}, the ${r.pick(WEAPONS)} began ${r.pick(TIMES)} and continued for several hours.`,
    () => `The strikes hit ${r.pick(TARGETS)}, and rescue teams worked through the night to reach people under the rubble.`,
    () => `${capital(r.pick(SOURCES))} said that most of the dead were recovered from ${r.pick(TARGETS)}.`,
    () => `Footage reviewed by our team shows extensive damage to ${r.pick(TARGETS)}; the images were geolocated and are consistent with the accounts we gathered.`,
    () => `Families who had fled the previous week had returned only days earlier, and many were staying with relatives.`,
    () => `Access to the area remained difficult, and the figures below may change as more information becomes available.`,
    () => `We could not independently confirm the number of fighters present in the area at the time of the attack.`,
    () => `Hospitals in the district reported shortages of blood, anaesthetics and fuel for their generators.`,
    () => `The ${r.pick(WEAPONS)} were reported by ${r.pick(SOURCES)} and by the early-warning observers who track aircraft in the region.`,
    () => `Schools in the area were closed for the rest of the week and several aid distributions were suspended.`,
  ];
  return r.pick(patterns)();
}

const capital = (text: string) => text[0]!.toUpperCase() + text.slice(1);

function paragraph(r: Random, sentences: number, width = 100): string {
  const words = Array.from({ length: sentences }, () => sentence(r)).join(' ').split(' ');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

function link(r: Random, n: number): string {
  const [title, url] = r.pick(OUTLETS);
  return `[${title}](${url}${2018 + (n % 7)}-${String(1 + (n % 12)).padStart(2, '0')}-${n})`;
}

function countLabel(r: Random, value: number): string {
  if (value <= 20 && r.chance(0.3)) return WORDS[value - 1]!;
  return String(value);
}

export function generateReport(options: GenerateOptions): GeneratedReport {
  const r = random(options.seed ?? 20231010);
  const gazetteer = parseYaml(options.gazetteer) as { actors: Entry[]; places: Entry[] };
  const actorNames = namesOf(gazetteer.actors);
  const placeNames = namesOf(gazetteer.places);
  const placesById = new Map(gazetteer.places.map((place) => [place.id, place]));
  const ancestors = (id: string): string[] => {
    const chain: string[] = [];
    for (let at = placesById.get(id)?.in; at; at = placesById.get(at)?.in) chain.push(at);
    return chain;
  };
  // Incidents are placed in a governorate, and name places inside it.
  const regions = gazetteer.places
    .filter((place) => place.kind === 'governorate')
    .map((region) => ({
      region,
      inside: gazetteer.places.filter((place) => (place.id === region.id || ancestors(place.id).includes(region.id)) && placeNames.get(place.id)!.length > 0),
    }))
    .filter(({ inside }) => inside.length >= 2);
  const perpetrators = gazetteer.actors.filter((actor) => /state-forces|armed-group|coalition/.test(actor.kind ?? '') && actorNames.get(actor.id)!.length > 0);
  const sources = gazetteer.actors.filter((actor) => actor.kind === 'organisation' && actorNames.get(actor.id)!.length > 0);
  if (regions.length === 0 || perpetrators.length === 0) throw new Error('The gazetteer needs governorates with named places and named armed actors.');
  if (sources.length === 0) sources.push(...perpetrators);

  const actor = (entry: Entry, role: string) => `:actor[${r.pick(actorNames.get(entry.id)!)}]{role=${role}}`;
  const place = (entry: Entry) => {
    const name = r.pick(placeNames.get(entry.id)!);
    const up = ancestors(entry.id);
    return up.length > 0 && r.chance(0.35) ? `:place[${name}]{in=${r.pick(up)}}` : `:place[${name}]`;
  };

  const every = options.mistakeEvery ?? 50;
  const kinds = options.mistakeKinds ?? (['parts', 'actor', 'date'] as const);
  const sections: string[] = [];
  let bytes = 0;
  let day = Date.UTC(2018, 0, 3) / DAY_MS;
  let month = -1;
  let incidents = 0;
  let annotations = 0;
  let mistakes = 0;
  let killedTotal = 0;
  const budget = options.bytes - 200; // the front matter

  while (bytes < budget) {
    const n = ++incidents;
    day += r.int(0, 2);
    const length = r.int(0, 2);
    const first = day;
    const last = day + length;
    const out: string[] = [];
    const date = dayOf(first);
    if (date.getUTCMonth() !== month) {
      month = date.getUTCMonth();
      out.push(`# ${MONTHS[month]} ${date.getUTCFullYear()}\n\n${paragraph(r, 3)}`);
    }
    const { region, inside } = r.pick(regions);
    const hit = r.pick(inside.filter((p) => p.id !== region.id).length > 0 ? inside.filter((p) => p.id !== region.id) : inside);
    const other = r.pick(inside);
    const weapon = r.pick(WEAPONS);
    const id = `inc-${String(n).padStart(5, '0')}`;
    const killed = r.int(4, 90);
    const women = r.int(1, Math.max(1, Math.floor(killed / 4)));
    const children = r.int(1, Math.max(1, Math.floor(killed / 3)));
    const injured = r.int(killed, killed * 4);
    const mistake = options.mistakes !== false && n % every === 17 % every ? kinds[Math.floor(n / every) % kinds.length]! : undefined;
    if (mistake) mistakes++;
    killedTotal += killed;
    const perpetrator = r.pick(perpetrators);
    const second = r.pick(perpetrators.filter((p) => p !== perpetrator));
    const source = r.pick(sources);

    out.push(`## ${n}. ${capital(weapon)} on ${placeNames.get(hit.id)![0]}, ${longDate(first)} ${date.getUTCFullYear()}`);
    out.push(`${paragraph(r, r.int(2, 4))} See the ${link(r, n)} for the first account.`);

    const range = length === 0 ? iso(first) : `${iso(first)}/${iso(last)}`;
    const weekday = WEEKDAYS[dayOf(first).getUTCDay()];
    const sameMonth = dayOf(first).getUTCMonth() === dayOf(last).getUTCMonth();
    const span = sameMonth ? `${dayOf(first).getUTCDate()}-${longDate(last)}` : `${longDate(first)}-${longDate(last)}`;
    const dateLabel = length === 0 || r.chance(0.5) ? `${weekday} ${longDate(first)}` : span;
    const dateValue = mistake === 'date' ? `${iso(first).slice(0, 8)}32` : dateLabel.includes('-') ? range : iso(first);
    const partWomen = mistake === 'parts' ? killed : women;
    const perpetratorText = mistake === 'actor' ? `:actor[the Russain air force]{role=perpetrator}` : actor(perpetrator, 'perpetrator');
    // Drawn whatever the mistake, so that the same seed gives the same report otherwise.
    const struck = place(hit);
    const struckText = mistake === 'place' ? ':place[Nowhere-on-Orontes]' : struck;
    const body = [
      `:::incident{#${id} date=${range} place=${region.id} killed=${killed}}`,
      `On :date[${dateLabel}]{value=${dateValue}}, ${weapon} by ${perpetratorText} struck ${struckText} ${r.pick(TIMES)}.`,
      `At least :count[${killed}]{#${id}-killed type=killed group=civilians} civilians were killed, including`,
      `:count[${countLabel(r, partWomen)}]{type=killed group=women part-of=${id}-killed} women and`,
      `:count[${countLabel(r, children)}]{type=killed group=children part-of=${id}-killed} children, and`,
      `:count[at least ${injured}]{type=injured} people were injured.`,
      paragraph(r, 1),
      '',
      r.chance(0.5)
        ? `${paragraph(r, r.int(1, 3))} Fighters of ${actor(second, 'other')} were reported in ${place(other)} at the time.`
        : `${paragraph(r, r.int(1, 3))} The figures were compiled by ${actor(source, 'source')}.`,
    ];
    annotations += body.join('\n').match(/:(?:count|date|actor|place)\[/g)!.length;
    if (r.chance(0.3)) {
      body.push('', `> "${sentence(r)} ${sentence(r)}"`, `> — a resident of ${placeNames.get(hit.id)![0]}, interviewed by phone`);
    } else if (r.chance(0.3)) {
      body.push('', `- ${sentence(r)}`, `- ${sentence(r)}`, `- ${sentence(r)}`);
    }
    body.push(':::');
    out.push(body.join('\n'));

    if (n % 6 === 0) {
      out.push(
        [
          '| Source | Killed | Injured | Checked |',
          '| ------ | -----: | ------: | ------- |',
          `| ${r.pick(SOURCES)} | ${killed} | ${injured} | ${iso(last + 1)} |`,
          `| ${r.pick(SOURCES)} | ${killed - r.int(0, 3)} | ${injured - r.int(0, 9)} | ${iso(last + 2)} |`,
          `| ${r.pick(SOURCES)} | — | ${injured + r.int(0, 9)} | ${iso(last + 2)} |`,
        ].join('\n'),
      );
    }
    if (n % 4 === 1) out.push(`Sources:\n\n1. ${link(r, n + 1)}\n2. ${link(r, n + 2)}\n3. ${sentence(r)}`);
    if (n % 9 === 4) out.push(`> **Note.** ${paragraph(r, 2, 96).replace(/\n/g, '\n> ')}`);
    if (n % 30 === 11) {
      out.push(
        [
          'The annotation of the total, as it was first drafted:',
          '',
          '```markdown',
          `At least :count[${killed}]{#draft-${id} type=killed group=civilians} civilians were killed.`,
          '```',
        ].join('\n'),
      );
    }
    out.push(paragraph(r, r.int(1, 3)));
    const section = `${out.join('\n\n')}\n\n`;
    sections.push(section);
    bytes += Buffer.byteLength(section);
  }

  const published = iso(day + 5);
  const front = [
    '---',
    `title: Monitoring of attacks on civilians in north-west Syria, ${iso(Date.UTC(2018, 0, 1) / DAY_MS)} to ${iso(day + 2)}`,
    `published: ${published}`,
    `totals: {killed: ${killedTotal}}`,
    '---',
    '',
    `This synthetic report was generated for benchmarks (${incidents} incidents). It reads like a monitoring report,`,
    'but none of its events happened.',
    '',
    '',
  ].join('\n');
  return { text: front + sections.join(''), incidents, annotations, mistakes };
}

/** "100k", "1m", "5m", or a number of bytes. */
export function parseSize(size: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)b?$/i.exec(size.trim());
  if (!match) throw new Error(`Not a size: ${size} (use e.g. 100k, 1m, 5m)`);
  const unit = { '': 1, k: 1024, m: 1024 * 1024 }[match[2]!.toLowerCase() as '' | 'k' | 'm'];
  return Math.round(Number(match[1]) * unit);
}
