import { COMMON_OPTIONS, parse } from './cliOptions.js';

export const EXPORT_USAGE = `Usage: incident-markup export [paths or globs…] [--format json|csv|geojson] [--output FILE] [options]

Writes the incidents the reports state as data: by default one record per incident (report, date,
place with its country, areas and coordinates, actors by role, each figure as an interval that
counts no one twice, the incident's text). Paths as for check. The columns are in docs/export.md.

Options:
  --format FORMAT      json (default; each report with its front matter), csv (one row per
                       incident) or geojson (a FeatureCollection of points; incidents without
                       coordinates in its "unlocated" member)
  --level LEVEL        incident (default) or count: one row per count, as before the incident
                       level (json or csv; counts outside incidents under an incident without id)
  -o, --output FILE    write to FILE instead of standard output (its folder must exist)
  --strict             export nothing when a report has an error (exit 1); by default reports with
                       errors are exported, the fields an error touches empty, with a warning
  --gazetteer FILE     a gazetteer file to use instead of the nearest gazetteer.yaml (repeatable)
  --no-builtin-gazetteer
                       leave out the built-in world layer
  -h, --help           show this help

Exit status: 0 exported (warnings on standard error), 1 nothing exported under --strict because a
report has an error, 2 a usage error or a report that cannot be read (nothing exported).
`;

const EXPORT_OPTIONS = {
  ...COMMON_OPTIONS,
  level: { type: 'string' },
  output: { type: 'string', short: 'o' },
  strict: { type: 'boolean' },
} as const;

export const EXPORT_LEVELS = ['incident', 'count'] as const;

export function readExportOptions(args: readonly string[]) {
  const { values, positionals } = parse(args, EXPORT_OPTIONS, EXPORT_USAGE, 'export');
  return {
    paths: positionals,
    format: values.format,
    level: values.level,
    output: values.output,
    strict: values.strict === true,
    gazetteers: values.gazetteer ?? [],
    builtinGazetteer: !values['no-builtin-gazetteer'],
    help: values.help === true,
  };
}
