import type { ExecuteCommandParams } from 'vscode-languageserver';
import type { GazetteerWatcher } from '../gazetteerWatcher.js';
import { pathOf } from '../workspace.js';
import type { FeatureContext } from './featureContext.js';

/**
 * Commands any LSP client can run with workspace/executeCommand. Their ids differ from the VS Code
 * commands in the palette because vscode-languageclient registers server commands itself.
 */
const EXPORT_INCIDENTS_COMMAND = 'incident-markup.server.exportIncidents';
const RELOAD_GAZETTEER_COMMAND = 'incident-markup.server.reloadGazetteer';
export const SERVER_COMMANDS = [EXPORT_INCIDENTS_COMMAND, RELOAD_GAZETTEER_COMMAND] as const;

export async function executeCommand(params: ExecuteCommandParams, { workspace, settings, service }: FeatureContext, gazetteers: GazetteerWatcher): Promise<unknown> {
  if (params.command === RELOAD_GAZETTEER_COMMAND) return { reloaded: gazetteers.reload() };
  if (params.command === EXPORT_INCIDENTS_COMMAND) {
    const [uri] = params.arguments ?? [];
    if (typeof uri !== 'string') throw new Error(`${EXPORT_INCIDENTS_COMMAND} takes the uri of a report.`);
    const read = await workspace.readReport(uri);
    const text = read?.text;
    if (text === undefined) throw new Error(`Cannot read ${uri} to export its incidents${read?.failure ? `: ${read.failure.message}` : '.'}`);
    return service.exportIncidents({ key: uri, path: pathOf(uri), text }, await settings.forDocument(uri));
  }
  return null;
}
