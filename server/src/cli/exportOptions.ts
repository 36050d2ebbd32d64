import { COMMON_OPTIONS, parse } from './cliOptions.js';

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

export function readExportOptions(args: readonly string[]) {
  const { values, positionals } = parse(args, COMMON_OPTIONS, EXPORT_USAGE, 'export');
  return { paths: positionals, format: values.format, gazetteers: values.gazetteer ?? [], builtinGazetteer: !values['no-builtin-gazetteer'], help: values.help === true };
}
