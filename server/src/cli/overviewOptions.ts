import { parse } from './cliOptions.js';

export const OVERVIEW_USAGE = `Usage: incident-markup overview [paths or globs…] [--output FILE] [options]

Writes the Incidents Overview of the reports as one self-contained HTML page: a map of the
incidents (country outlines from Natural Earth, each incident at its place, sized by the people
killed and injured, coloured by its worst problem), a timeline with the killed and injured per
day, and a table of the incidents with their actors, figures and problems; linked and filterable.
The page needs no network: scripts, styles, outlines and data are inside it. Paths as for check.
docs/overview.md says what it shows.

Options:
  -o, --output FILE    write the page to FILE (its folder must exist) instead of standard output
  --gazetteer FILE     a gazetteer file to use instead of the nearest gazetteer.yaml (repeatable)
  --no-builtin-gazetteer
                       leave out the built-in world layer
  -h, --help           show this help

Exit status: 0 written (the reports' problems are shown in the page), 2 a usage error or a report
that cannot be read (nothing written).
`;

const OVERVIEW_OPTIONS = {
  gazetteer: { type: 'string', multiple: true },
  'no-builtin-gazetteer': { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function readOverviewOptions(args: readonly string[]) {
  const { values, positionals } = parse(args, OVERVIEW_OPTIONS, OVERVIEW_USAGE, 'overview');
  return {
    paths: positionals,
    output: values.output,
    gazetteers: values.gazetteer ?? [],
    builtinGazetteer: !values['no-builtin-gazetteer'],
    help: values.help === true,
  };
}
