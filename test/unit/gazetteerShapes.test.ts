import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../server/src/core/gazetteer/gazetteer.js';
import { checkFileEntries, type EntryLookup } from '../../server/src/core/gazetteer/gazetteerChecks.js';
import { PLACE_NESTING_LIMIT, type GazetteerEntry } from '../../server/src/core/gazetteer/gazetteerModel.js';
import { FileLayer } from '../../server/src/core/gazetteer/layers.js';
import type { GazetteerFile } from '../../server/src/core/gazetteer/readGazetteerFile.js';
import { createLanguageService, type ServiceSettings } from '../../server/src/core/languageService.js';
import { stripMarkers } from '../helpers/markers.js';
import { MemoryFileSystem } from '../helpers/memoryFileSystem.js';

// Hostile shapes of `in:` links (issue 16): a long chain, a long cycle, many places in one parent.
// The work is bounded by counting the lookups the checks make, not by timing them.

const settings: ServiceSettings = { gazetteerPaths: [], root: '/team', rules: {}, builtinGazetteer: false };

function place(id: string, parent: string | undefined): GazetteerEntry {
  return {
    category: 'place',
    id,
    name: `Place ${id}`,
    aliases: [],
    kind: undefined,
    parent,
    coordinates: undefined,
    geonames: undefined,
    wikidata: undefined,
    members: [],
    note: undefined,
    source: { file: '/team/gazetteer.yaml', span: undefined },
  };
}

function file(entries: GazetteerEntry[]): GazetteerFile {
  return { file: '/team/gazetteer.yaml', entries, groups: new Map(), problems: [], usable: true, imports: [] };
}

const chain = (size: number) => Array.from({ length: size }, (_, index) => place(`p${index}`, index === 0 ? undefined : `p${index - 1}`));
const cycle = (size: number) => Array.from({ length: size }, (_, index) => place(`p${index}`, `p${(index + size - 1) % size}`));
const flat = (size: number) => [place('root', undefined), ...Array.from({ length: size }, (_, index) => place(`p${index}`, 'root'))];

/** The problems of the checks and how many entries they looked up. */
function checked(entries: GazetteerEntry[]) {
  const layer = new FileLayer('team', [file(entries)], []);
  let lookups = 0;
  const lookup: EntryLookup = {
    get: (category, id) => {
      lookups++;
      return layer.get(category, id);
    },
  };
  const problems = checkFileEntries(lookup, [layer]);
  return { problems, lookups };
}

describe('gazetteers of hostile shapes', () => {
  it('follows each in: link once: 100,000 entries in a chain, a cycle or one parent', () => {
    const size = 100_000;
    // A lookup for each entry's parent to see that it exists, and one as the chain is followed.
    const long = checked(chain(size));
    expect(long.lookups).toBeLessThanOrEqual(2 * size);
    expect(long.problems.map((problem) => [problem.code, problem.message])).toEqual([
      [
        'gazetteer-too-deep',
        `"Place p${PLACE_NESTING_LIMIT + 1}" has more than ${PLACE_NESTING_LIMIT} places above it through \`in:\`: containment is followed ${PLACE_NESTING_LIMIT} levels up, no further, so neither it nor the places inside it count as inside the outermost ones. Put it in a place nearer the top.`,
      ],
    ]);

    const loop = checked(cycle(size));
    expect(loop.lookups).toBeLessThanOrEqual(2 * size);
    expect(loop.problems).toHaveLength(size);
    expect(loop.problems[0]!.message).toBe(
      `"Place p0" ends up inside itself: p0 → p99999 → p99998 → p99997 → p99996 → p99995 → … (99,991 more) → p3 → p2 → p1 → p0. Remove or correct one of these \`in:\` links.`,
    );
    // n messages of bounded length, not n messages of n ids.
    expect(Math.max(...loop.problems.map((problem) => problem.message.length))).toBeLessThan(200);

    const wide = checked(flat(size));
    expect(wide.lookups).toBeLessThanOrEqual(2 * (size + 1));
    expect(wide.problems).toEqual([]);
    // (Building three layers of 100,000 entries with their name indexes: seconds, not a bound on the checks.)
  }, 60_000);

  it('grows linearly: twice the entries, twice the lookups', () => {
    for (const shape of [chain, cycle, flat]) {
      const small = checked(shape(5_000)).lookups;
      const large = checked(shape(10_000)).lookups;
      expect(large / small).toBeGreaterThan(1.9);
      expect(large / small).toBeLessThan(2.1);
    }
  });

  it('ancestors stop at PLACE_NESTING_LIMIT places up, so every containment test is bounded', () => {
    const gazetteer = new Gazetteer([file(chain(1_000))]);
    const deepest = gazetteer.get('place', 'p999')!;
    const ancestors = gazetteer.ancestors(deepest);
    expect(ancestors.map((entry) => entry.id)).toEqual(Array.from({ length: PLACE_NESTING_LIMIT }, (_, index) => `p${998 - index}`));
    expect(gazetteer.contains(gazetteer.get('place', 'p967')!, deepest)).toBe(true);
    expect(gazetteer.contains(gazetteer.get('place', 'p966')!, deepest)).toBe(false);
    expect(gazetteer.describe(gazetteer.get('place', 'p2')!)).toBe('Place p2 — Place p1, Place p0');
  });

  it('gazetteer-too-deep and a long gazetteer-cycle in the file, at the in: link', async () => {
    const lines = ['places:'];
    for (let index = 0; index <= PLACE_NESTING_LIMIT + 2; index++) {
      lines.push(`  - id: p${index}`, `    name: P${index}`);
      if (index > 0) lines.push(index === PLACE_NESTING_LIMIT + 1 ? `    in: ⟦p${index - 1}⟧` : `    in: p${index - 1}`);
    }
    for (let index = 0; index < 14; index++) lines.push(`  - id: c${index}`, `    name: C${index}`, index === 0 ? `    in: ⟦c13⟧` : `    in: c${index - 1}`);
    const { text, spans } = stripMarkers(`${lines.join('\n')}\n`);
    const service = createLanguageService({ fileSystem: new MemoryFileSystem({ '/team/gazetteer.yaml': text }) });
    const problems = (await service.gazetteerProblems('/team/gazetteer.yaml', settings)).map((problem) => [problem.code, problem.span, problem.message]);
    expect(problems.filter(([code]) => code === 'gazetteer-too-deep')).toEqual([
      [
        'gazetteer-too-deep',
        spans[0],
        `"P33" has more than 32 places above it through \`in:\`: containment is followed 32 levels up, no further, so neither it nor the places inside it count as inside the outermost ones. Put it in a place nearer the top.`,
      ],
    ]);
    const cycles = problems.filter(([code]) => code === 'gazetteer-cycle');
    expect(cycles).toHaveLength(14);
    expect(cycles[0]).toEqual([
      'gazetteer-cycle',
      spans[1],
      '"C0" ends up inside itself: c0 → c13 → c12 → c11 → c10 → c9 → … (5 more) → c3 → c2 → c1 → c0. Remove or correct one of these `in:` links.',
    ]);
  });
});
