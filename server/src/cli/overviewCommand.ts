import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLanguageService, type ServiceSettings } from '../core/languageService.js';
import type { OverviewModel } from '../core/overview/overviewModel.js';
import { nodeFileSystem } from '../core/workspace/fileSystem.js';
import { UsageError } from './cliOptions.js';
import type { CliIo } from './cliIo.js';
import { findReports, gazetteerOption, outputPath, readReport } from './cliInputs.js';
import { displayPath } from './formatters.js';
import { OVERVIEW_USAGE, readOverviewOptions } from './overviewOptions.js';

/** The page's script and styles, built by scripts/build.mjs from client/src/overview/page/. */
const PAGE_SCRIPT = 'overviewPage.js';
const PAGE_STYLES = 'overviewPage.css';

export async function runOverview(args: readonly string[], io: CliIo): Promise<number> {
  const options = readOverviewOptions(args);
  if (options.help) {
    io.stdout(OVERVIEW_USAGE);
    return 0;
  }
  // Refused before any work, as export refuses it.
  const output = options.output === undefined ? undefined : await outputPath(options.output, io.cwd);
  const page = await pageAssets();
  const gazetteerPaths = await gazetteerOption(options.gazetteers, io.cwd);
  const files = await findReports(options.paths.length > 0 ? options.paths : ['.'], io.cwd);
  const settings: ServiceSettings = { gazetteerPaths, root: io.cwd, rules: {}, builtinGazetteer: options.builtinGazetteer };
  const service = createLanguageService({ fileSystem: nodeFileSystem });
  const reports = [];
  for (const file of files) reports.push({ file: displayPath(io.cwd, file), document: { path: file, text: await readReport(file, io.cwd) } });
  const model = await service.overview(reports, settings);
  const html = overviewHtml(model, page);
  if (output === undefined) {
    io.stdout(html);
    return 0;
  }
  await writeFile(output, html);
  const incidents = model.incidents.length;
  io.stderr(`incident-markup: the overview of ${incidents} incident${incidents === 1 ? '' : 's'} in ${files.length} report${files.length === 1 ? '' : 's'} written to ${displayPath(io.cwd, output)} (${Math.round(Buffer.byteLength(html) / 1024)} KiB).\n`);
  return 0;
}

/**
 * The page: the model as JSON in a script element (its `<` escaped, so that no text of a report
 * can close the element), the bundled script and styles inline. Its Content-Security-Policy
 * allows nothing to be fetched: the page works offline, and a report cannot make it call out.
 */
export function overviewHtml(model: OverviewModel, page: { script: string; styles: string }): string {
  const titles = model.reports.map((report) => report.title ?? report.file);
  const title = `Incidents Overview: ${titles.length === 1 ? titles[0] : `${titles.length} reports`}`;
  const data = JSON.stringify(model).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${page.styles.replace(/<\/style/gi, '<\\/style')}</style>
</head>
<body>
<main id="overview"></main>
<script type="application/json" id="overview-data">${data}</script>
<script>${page.script.replace(/<\/script/gi, '<\\/script')}</script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char]!);
}

/** The built page beside the CLI bundle (dist/), or in dist/ at the repository root when run from source. */
async function pageAssets(): Promise<{ script: string; styles: string }> {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const folder of [here, resolve(here, '../../../dist')]) {
    const script = await readFile(join(folder, PAGE_SCRIPT), 'utf8').catch(() => undefined);
    const styles = await readFile(join(folder, PAGE_STYLES), 'utf8').catch(() => undefined);
    if (script !== undefined && styles !== undefined) return { script, styles };
  }
  throw new UsageError(`the overview page (${PAGE_SCRIPT}, ${PAGE_STYLES}) is not built beside the CLI: run npm run build.`);
}
