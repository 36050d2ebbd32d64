import { writeFile } from 'node:fs/promises';
import { incidentsToCsv, type ExportedIncident } from '../core/export/exportIncidents.js';
import { EXPORT_FORMATS, formatIncidentExport, type ExportFormat, type ReportExport } from '../core/export/incidentFormats.js';
import { createLanguageService, type LanguageService, type ServiceSettings } from '../core/languageService.js';
import { nodeFileSystem } from '../core/workspace/fileSystem.js';
import { UsageError } from './cliOptions.js';
import { EXPORT_LEVELS, EXPORT_USAGE, readExportOptions } from './exportOptions.js';
import type { CliIo } from './cliIo.js';
import { findReports, gazetteerOption, outputPath, readReport } from './cliInputs.js';
import { displayPath } from './formatters.js';

type ExportLevel = (typeof EXPORT_LEVELS)[number];

const display = displayPath;

export async function runExport(args: readonly string[], io: CliIo): Promise<number> {
  const options = readExportOptions(args);
  if (options.help) {
    io.stdout(EXPORT_USAGE);
    return 0;
  }
  const format = (options.format ?? 'json') as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) throw new UsageError(`--format must be json, csv or geojson for export, not "${format}".`);
  const level = (options.level ?? 'incident') as ExportLevel;
  if (!EXPORT_LEVELS.includes(level)) throw new UsageError(`--level must be incident or count, not "${level}".`);
  if (level === 'count' && format === 'geojson') throw new UsageError('--level count has no places to map; use --format json or csv with it, or --level incident with geojson.');
  // Refused before any work: an hour's export should not end in a folder that is not there.
  const output = options.output === undefined ? undefined : await outputPath(options.output, io.cwd);
  const gazetteerPaths = await gazetteerOption(options.gazetteers, io.cwd);
  const files = await findReports(options.paths.length > 0 ? options.paths : ['.'], io.cwd);
  const settings: ServiceSettings = { gazetteerPaths, root: io.cwd, rules: {}, builtinGazetteer: options.builtinGazetteer };
  const service = createLanguageService({ fileSystem: nodeFileSystem });
  const exported = await exportReports(io, service, settings, files, level);
  const errors = exported.reports.reduce((sum, report) => sum + report.errors.length, 0);
  const builtinError = exported.reports.find((report) => report.builtinError !== undefined)?.builtinError;
  if (builtinError !== undefined) io.stderr(`incident-markup: ${builtinError.replace(/\.$/, '')}; places are resolved against the gazetteer files only, and those only the built-in layer knows are exported without country, areas or coordinates.\n`);
  for (const report of exported.reports) {
    for (const error of report.errors) {
      const where = `${report.file}:${error.line}:${error.column}`;
      io.stderr(`incident-markup: ${where}: ${options.strict ? 'error' : 'warning'}: ${error.code}: ${error.message}${options.strict ? '' : ' (exported, with the fields it touches empty)'}\n`);
    }
  }
  if (options.strict && errors > 0) {
    const reports = exported.reports.filter((report) => report.errors.length > 0).length;
    io.stderr(`incident-markup: nothing exported: ${errors} error${errors === 1 ? '' : 's'} in ${reports} report${reports === 1 ? '' : 's'} (--strict); fix them, or export without --strict.\n`);
    return 1;
  }
  const text = level === 'count' ? formatCounts(exported.counts, format) : formatIncidentExport(exported.reports, format);
  if (output === undefined) {
    io.stdout(text);
    return 0;
  }
  await writeFile(output, text);
  const incidents = exported.reports.reduce((sum, report) => sum + report.incidents.length, 0);
  io.stderr(`incident-markup: ${incidents} incident${incidents === 1 ? '' : 's'} of ${files.length} report${files.length === 1 ? '' : 's'} written to ${display(io.cwd, output)}.\n`);
  return 0;
}

async function exportReports(io: CliIo, service: LanguageService, settings: ServiceSettings, files: readonly string[], level: ExportLevel) {
  const reports: ReportExport[] = [];
  const counts: { file: string; incidents: ExportedIncident[] }[] = [];
  for (const file of files) {
    const document = { path: file, text: await readReport(file, io.cwd) };
    // The incident records carry the report's errors, which --strict and the warnings need at either level.
    reports.push({ file: display(io.cwd, file), ...(await service.exportReport(document, settings)) });
    if (level === 'count') counts.push({ file: display(io.cwd, file), incidents: await service.exportIncidents(document, settings) });
  }
  return { reports, counts };
}

function formatCounts(counts: { file: string; incidents: ExportedIncident[] }[], format: ExportFormat): string {
  return format === 'csv' ? incidentsToCsv(counts) : `${JSON.stringify(counts, null, 2)}\n`;
}
