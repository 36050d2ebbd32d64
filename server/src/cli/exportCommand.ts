import { incidentsToCsv, type ExportedIncident } from '../core/export/exportIncidents.js';
import { createLanguageService, type LanguageService, type ServiceSettings } from '../core/languageService.js';
import { nodeFileSystem } from '../core/workspace/fileSystem.js';
import { UsageError } from './cliOptions.js';
import { EXPORT_USAGE, readExportOptions } from './exportOptions.js';
import type { CliIo } from './cliIo.js';
import { findReports, gazetteerOption, readReport } from './cliInputs.js';
import { displayPath } from './formatters.js';

const display = displayPath;

export async function runExport(args: readonly string[], io: CliIo): Promise<number> {
  const options = readExportOptions(args);
  if (options.help) {
    io.stdout(EXPORT_USAGE);
    return 0;
  }
  const format = options.format ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new UsageError(`--format must be json or csv for export, not "${format}".`);
  const gazetteerPaths = await gazetteerOption(options.gazetteers, io.cwd);
  const files = await findReports(options.paths.length > 0 ? options.paths : ['.'], io.cwd);
  const settings: ServiceSettings = { gazetteerPaths, root: io.cwd, rules: {}, builtinGazetteer: options.builtinGazetteer };
  return exportReports(io, createLanguageService({ fileSystem: nodeFileSystem }), settings, files, format);
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
