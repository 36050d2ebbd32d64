import { resolve } from 'node:path';
import { distance } from 'fastest-levenshtein';
import { SEVERITIES, type Severity } from '../core/diagnostics.js';
import { createLanguageService, type LanguageService, type ServiceSettings } from '../core/languageService.js';
import { LineIndex } from '../core/text.js';
import { nodeFileSystem, SIZE_LIMITS } from '../core/workspace/fileSystem.js';
import { RULE_SETTINGS } from '../core/config/projectConfig.js';
import { RULES } from '../core/rules/index.js';
import type { RuleSetting } from '../core/runRules.js';
import { GAZETTEER_PROBLEM_SEVERITY, type GazetteerProblem } from '../core/gazetteer/gazetteerModel.js';
import { UsageError } from './cliOptions.js';
import { CHECK_USAGE, readCheckOptions } from './checkOptions.js';
import type { CliIo } from './cliIo.js';
import { findReports, gazetteerOption } from './cliInputs.js';
import { cacheFilePath, CheckCache, DEFAULT_CACHE_LOCATION, runKey } from './checkCache.js';
import type { CheckInput, FileResult } from './checkFile.js';
import { openChecker, type Checker, type Concurrency } from './checkPool.js';
import { inShard, parseShard } from './shard.js';
import { cliDiagnostic, displayPath, formatGithub, formatJson, formatStylish, gazetteerProblemDiagnostic, type CliDiagnostic } from './formatters.js';
import { formatSarif } from './sarif.js';

const CHECK_FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
type CheckFormat = (typeof CHECK_FORMATS)[number];
const RULE_CODES = RULES.map((rule) => rule.code);
const display = displayPath;

export async function runCheck(args: readonly string[], io: CliIo, version: string): Promise<number> {
  const options = readCheckOptions(args);
  if (options.help) {
    io.stdout(CHECK_USAGE);
    return 0;
  }
  const format = (options.format ?? 'stylish') as CheckFormat;
  if (!CHECK_FORMATS.includes(format)) throw new UsageError(`--format must be stylish, json, sarif or github for check, not "${format}".`);
  const minSeverity = (options.quiet ? 'error' : (options.minSeverity ?? 'information')) as Severity;
  if (!SEVERITIES.includes(minSeverity)) {
    throw new UsageError(`--min-severity must be one of ${SEVERITIES.join(', ')}, not "${minSeverity}".`);
  }
  if (options.quiet && options.minSeverity !== undefined && options.minSeverity !== 'error') {
    throw new UsageError('--quiet shows errors only; leave out --min-severity or --quiet.');
  }
  const maxWarnings = options.maxWarnings === undefined ? undefined : Number(options.maxWarnings);
  if (maxWarnings !== undefined && !(Number.isInteger(maxWarnings) && maxWarnings >= 0 && /^\d+$/.test(options.maxWarnings!))) {
    throw new UsageError(`--max-warnings must be a whole number, 0 or more, not "${options.maxWarnings}".`);
  }
  const settings: ServiceSettings = {
    gazetteerPaths: await gazetteerOption(options.gazetteers, io.cwd),
    root: io.cwd,
    rules: ruleOption(options.rules),
    builtinGazetteer: options.builtinGazetteer,
    ...(options.config !== undefined ? { projectConfigPath: await configOption(options.config, io.cwd) } : {}),
  };
  if (options.stdinFilename !== undefined && !options.paths.includes('-')) throw new UsageError('--stdin-filename goes with "-", which reads the report from standard input.');
  const shard = options.shard === undefined ? undefined : parseShard(options.shard);
  if (shard && options.paths.includes('-')) throw new UsageError('--shard splits files among CI jobs; it does not go with "-" (standard input).');
  if (options.cacheLocation !== undefined && !options.cache) throw new UsageError('--cache-location goes with --cache, which turns the cache on.');
  const files = options.paths.filter((path) => path !== '-');
  const found = files.length > 0 || options.paths.length === 0 ? await findReports(files.length > 0 ? files : ['.'], io.cwd) : [];
  const inputs: CheckInput[] = found.filter((path) => !shard || inShard(path, io.cwd, shard)).map((path) => ({ path }));
  if (options.paths.includes('-')) inputs.push({ path: resolve(io.cwd, options.stdinFilename ?? '<stdin>'), text: await readStdin(io) });
  const service = createLanguageService({ fileSystem: nodeFileSystem });
  const color = io.color === true && !options.noColor;
  return checkReports(io, service, settings, inputs, {
    format,
    minSeverity,
    version,
    maxWarnings,
    color,
    concurrency: concurrencyOption(options.concurrency),
    cachePath: options.cache ? cacheFilePath(options.cacheLocation ?? DEFAULT_CACHE_LOCATION, io.cwd) : undefined,
  });
}

function concurrencyOption(value: string | undefined): Concurrency {
  if (value === undefined || value === 'auto') return 'auto';
  if (value === 'off') return 'off';
  if (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 256) return Number(value);
  throw new UsageError(`--concurrency must be a number of worker processes (1 or more), auto or off, not "${value}".`);
}

/** `--rule CODE=SEVERITY`, each checked: a misspelt code would otherwise change nothing, silently. */
function ruleOption(values: readonly string[]): Record<string, RuleSetting> {
  const rules: Record<string, RuleSetting> = Object.create(null);
  for (const value of values) {
    const [code = '', setting = ''] = value.split('=', 2);
    if (!RULE_CODES.includes(code)) {
      const near = RULE_CODES.filter((candidate) => distance(code, candidate) <= Math.max(2, Math.floor(code.length / 5)));
      const best = near.sort((a, b) => distance(code, a) - distance(code, b))[0];
      throw new UsageError(`--rule ${value}: unknown code "${code}"${best ? `; did you mean "${best}"?` : ''} (the codes are listed in docs/rules.md)`);
    }
    if (!(RULE_SETTINGS as readonly string[]).includes(setting)) {
      throw new UsageError(`--rule ${value}: the severity must be off, hint, information, warning or error, as in --rule ${code}=warning.`);
    }
    rules[code] = setting as RuleSetting;
  }
  return rules;
}

async function configOption(path: string, cwd: string): Promise<string> {
  const absolute = resolve(cwd, path);
  const { failure } = await nodeFileSystem.read(absolute, 'config');
  if (failure) throw new UsageError(`configuration file ${display(cwd, absolute)} was not read: ${failure.message}${failure.reason === 'missing' ? ' Check the --config path.' : ''}`);
  return absolute;
}

/** Standard input as one report, refused past the size limit for reports, as a file would be. */
async function readStdin(io: CliIo): Promise<string> {
  if (!io.stdin) throw new UsageError('"-" reads standard input, which this run does not have.');
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of io.stdin()) {
    size += chunk.length;
    if (size > SIZE_LIMITS.report) {
      throw new UsageError(`cannot check standard input: it is larger than the ${SIZE_LIMITS.report / 1024 / 1024} MiB limit for reports; split it into smaller files.`);
    }
    chunks.push(chunk);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

interface CheckRunOptions {
  format: CheckFormat;
  minSeverity: Severity;
  version: string;
  maxWarnings: number | undefined;
  color: boolean;
  concurrency: Concurrency;
  /** The cache file, with --cache. */
  cachePath: string | undefined;
}

async function checkReports(io: CliIo, service: LanguageService, settings: ServiceSettings, inputs: readonly CheckInput[], options: CheckRunOptions): Promise<number> {
  const shown = (severity: Severity) => SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(options.minSeverity);
  const warnCache = (path: string) => (note: string) => io.stderr(`incident-markup: the cache ${display(io.cwd, path)} ${note}; its reports are checked again.\n`);
  const cache = options.cachePath === undefined ? undefined : await CheckCache.open(options.cachePath, runKey(options.version, settings), service, settings, warnCache(options.cachePath));
  const progress = progressLine(io, inputs.length);
  const results = new Array<FileResult>(inputs.length);
  const kept = cache ? await inBatches(inputs, (input) => (input.text === undefined ? cache.lookup(input.path, options.minSeverity) : Promise.resolve(undefined))) : [];
  const toCheck: number[] = [];
  for (const [index] of inputs.entries()) {
    if (kept[index]) {
      results[index] = kept[index];
      progress.checked();
    } else toCheck.push(index);
  }
  const checker = await openChecker(service, settings, toCheck.map((index) => inputs[index]!), options.concurrency);
  let gazetteerProblems: Map<string, GazetteerProblem[]>;
  try {
    const checked = await checker.check(toCheck.map((index) => inputs[index]!), progress.checked);
    for (const [at, index] of toCheck.entries()) {
      results[index] = checked[at]!;
      if (cache && inputs[index]!.text === undefined) await cache.store(checked[at]!, options.minSeverity);
    }
    gazetteerProblems = await problemsOfGazetteers(checker, cache, results);
  } finally {
    progress.done();
    await checker.close();
  }
  await cache?.save(warnCache(cache.path));
  io.onCheckStats?.({ files: inputs.length, checked: toCheck.length, fromCache: inputs.length - toCheck.length, workers: checker.workers });
  return printResults(io, results, gazetteerProblems, options, shown);
}

/**
 * `lookup` of every input, 64 at a time: each reads a file, and one after the other they spent most
 * of a warm run waiting (1.9 of 3.6 s idle for 2,000 reports in a profile at load 8).
 */
async function inBatches<T, R>(items: readonly T[], lookup: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await lookup(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(64, items.length) }, lane));
  return results;
}

/** The problems of every gazetteer the reports used: a broken gazetteer silently changes what every report means. */
async function problemsOfGazetteers(checker: Checker, cache: CheckCache | undefined, results: readonly FileResult[]): Promise<Map<string, GazetteerProblem[]>> {
  const paths = [...new Set(results.flatMap((result) => result.gazetteerFiles))].sort();
  const problems = new Map<string, GazetteerProblem[]>();
  const asked: string[] = [];
  for (const path of paths) {
    const kept = await cache?.gazetteerProblems(path);
    if (kept) problems.set(path, kept);
    else asked.push(path);
  }
  for (const [path, found] of await checker.gazetteerProblems(asked)) {
    problems.set(path, found);
    await cache?.storeGazetteerProblems(path, found);
  }
  return new Map(paths.map((path) => [path, problems.get(path)!]));
}

/** Prints the results in the order of the inputs (the same whether workers or the cache checked them); returns the exit status. */
async function printResults(
  io: CliIo,
  results: readonly FileResult[],
  gazetteerProblems: ReadonlyMap<string, GazetteerProblem[]>,
  options: CheckRunOptions,
  shown: (severity: Severity) => boolean,
): Promise<number> {
  const diagnostics: CliDiagnostic[] = [];
  const configsSeen = new Set<string>();
  let configBroken = false;
  let builtinErrorShown = false;
  let unread = 0;
  for (const result of results) {
    if (result.failure !== undefined) {
      // Said at once and the others checked: one unreadable file in an archive must not hide the rest.
      io.stderr(`incident-markup: ${result.failure}\n`);
      unread++;
      continue;
    }
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
      diagnostics.push(cliDiagnostic(display(io.cwd, result.path), diagnostic.range, diagnostic.severity, diagnostic.code, diagnostic.message));
    }
  }
  for (const [path, problems] of gazetteerProblems) {
    const lines = new LineIndex((await nodeFileSystem.read(path, 'gazetteer')).text ?? '');
    for (const problem of problems) {
      if (shown(GAZETTEER_PROBLEM_SEVERITY[problem.code])) diagnostics.push(gazetteerProblemDiagnostic(display(io.cwd, path), lines, problem));
    }
  }

  // Nothing was read: no summary of zero files, only the reasons on stderr.
  if (unread === 0 || unread < results.length) io.stdout(formatCheck(diagnostics, results.length - unread, options.format, options.version, options.color));
  // A broken team configuration means the checks did not run as the team decided: a configuration error.
  if (configBroken || unread > 0) return 2;
  if (diagnostics.some((diagnostic) => diagnostic.severity === 'error')) return 1;
  // On stderr, so that JSON, SARIF or annotations on stdout stay whole.
  const warnings = diagnostics.filter((diagnostic) => diagnostic.severity === 'warning').length;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr(`incident-markup: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${options.maxWarnings} allows.\n`);
    return 1;
  }
  return 0;
}

/** "checked 1,200/2,000 files" on stderr, rewritten in place at most every 100 ms, only when stderr is a terminal. */
function progressLine(io: CliIo, total: number): { checked: () => void; done: () => void } {
  if (!io.stderrIsTTY || total === 0) return { checked: () => {}, done: () => {} };
  const format = new Intl.NumberFormat('en');
  let done = 0;
  let shownAt = 0;
  return {
    checked: () => {
      done++;
      const now = Date.now();
      if (now - shownAt < 100 && done < total) return;
      shownAt = now;
      io.stderr(`\rchecked ${format.format(done)}/${format.format(total)} files`);
    },
    done: () => {
      if (shownAt > 0) io.stderr('\r\x1b[K');
    },
  };
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
function reportConfigProblems(io: CliIo, config: NonNullable<FileResult['projectConfig']>): boolean {
  let broken = false;
  for (const problem of config.problems) {
    const where = `${display(io.cwd, config.path)}:${problem.range.start.line + 1}:${problem.range.start.character + 1}`;
    io.stderr(`incident-markup: ${where}: ${problem.severity}: ${problem.message}\n`);
    if (problem.severity === 'error') broken = true;
  }
  return broken;
}
