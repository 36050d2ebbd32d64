import { parseArgs } from 'node:util';
import { distance } from 'fastest-levenshtein';

/** A mistake on the command line: printed with the usage, exit status 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: incident-markup check [paths or globs… | -] [options]   (incident-markup check --help)
       incident-markup export [paths or globs…] [options]       (incident-markup export --help)
       incident-markup overview [paths…] [--output FILE]        (incident-markup overview --help)
       incident-markup gazetteer lookup NAME | check [files…]   (incident-markup gazetteer --help)

check   checks the incident markup in Markdown reports: counts, dates, actors and places.
export  writes one record per incident the reports state (date, place with its country and
        coordinates, actors by role, figures counted once) as JSON, CSV or GeoJSON.
overview  writes one HTML page with a map, a timeline and a table of the incidents, for reviewers.
Paths may be files, folders (every .md inside, outside node_modules) or globs; default: the current folder.

Options:
  -h, --help         show this help (after a command: that command's help)
  -v, --version      show the version

Exit status: 0 no errors, 1 a diagnostic of error severity, 2 a usage or configuration error.
`;

/** Flags of check that export does not take: named as such when given to export. */
const CHECK_ONLY_FLAGS = ['min-severity', 'quiet', 'max-warnings', 'rule', 'config', 'stdin-filename', 'no-color', 'cache', 'cache-location', 'shard', 'concurrency'];

export const COMMON_OPTIONS = {
  gazetteer: { type: 'string', multiple: true },
  format: { type: 'string' },
  'no-builtin-gazetteer': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Definitions = Parameters<typeof parseArgs>[0] extends infer C ? (C extends { options?: infer O } ? NonNullable<O> : never) : never;

/** What `parse` reads for each flag of `O`: a string, strings when repeatable, true for a boolean. */
export type OptionValues<O> = {
  [K in keyof O]?: O[K] extends { type: 'string'; multiple: true } ? string[] : O[K] extends { type: 'string' } ? string : boolean;
};

const GENERAL_OPTIONS = { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } } as const;

/**
 * Node's parser, with its errors put in the CLI's words: an unknown flag gets the usage line and
 * the nearest flag of the same command (Node's own message has an unclosed quote and no suggestion).
 */
export function parse<O extends Definitions>(args: readonly string[], options: O, usage: string, command: string): { values: OptionValues<O>; positionals: string[] } {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true }) as { values: OptionValues<O>; positionals: string[] };
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    const flag = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
    const usageLine = `${usage.split('\n')[0]}\n(incident-markup ${command ? `${command} ` : ''}--help lists the options)`;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag !== undefined) {
      throw new UsageError(`${unknownFlag(flag, Object.keys(options), command)}\n\n${usageLine}`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag !== undefined) {
      throw new UsageError(`${flag} needs a value.\n\n${usageLine}`);
    }
    throw new UsageError(`${message}\n\n${usageLine}`);
  }
}

function unknownFlag(flag: string, known: readonly string[], command: string): string {
  const name = flag.replace(/^-+/, '').split('=')[0]!;
  if (command === 'export' && CHECK_ONLY_FLAGS.includes(name)) return `--${name} is an option of check, not of export.`;
  let best: string | undefined;
  for (const candidate of known) {
    const score = distance(name, candidate);
    if (score <= Math.max(2, Math.floor(name.length / 4)) && (best === undefined || score < distance(name, best))) best = candidate;
  }
  return `unknown option ${flag}${best ? `; did you mean --${best}?` : '.'}`;
}

export function readGeneralOptions(args: readonly string[]) {
  const { values, positionals } = parse(args, GENERAL_OPTIONS, USAGE, '');
  return { command: positionals[0], help: values.help === true, version: values.version === true };
}
