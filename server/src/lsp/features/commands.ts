import type { ExecuteCommandParams, Location, Position } from 'vscode-languageserver';
import type { GazetteerWatcher } from '../gazetteerWatcher.js';
import { pathOf } from '../workspace.js';
import type { FeatureContext } from './featureContext.js';
import { provideReferences } from './references.js';

/**
 * Commands any LSP client can run with workspace/executeCommand. Their ids differ from the VS Code
 * commands in the palette because vscode-languageclient registers server commands itself.
 */
const EXPORT_INCIDENTS_COMMAND = 'incident-markup.server.exportIncidents';
const RELOAD_GAZETTEER_COMMAND = 'incident-markup.server.reloadGazetteer';
/**
 * The command of a gazetteer entry's code lens, with the uri and position of the entry's id: it
 * answers the mentions, as references would from there. VS Code's client shows them in its
 * references peek (client/src/extension.ts); another client gets the locations.
 */
export const SHOW_REFERENCES_COMMAND = 'incident-markup.server.showReferences';
export const SERVER_COMMANDS = [EXPORT_INCIDENTS_COMMAND, RELOAD_GAZETTEER_COMMAND, SHOW_REFERENCES_COMMAND] as const;

export async function executeCommand(params: ExecuteCommandParams, features: FeatureContext, gazetteers: GazetteerWatcher): Promise<unknown> {
  const { workspace, settings, service } = features;
  if (params.command === RELOAD_GAZETTEER_COMMAND) return { reloaded: gazetteers.reload() };
  if (params.command === SHOW_REFERENCES_COMMAND) return showReferences(params.arguments ?? [], features);
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

/** The mentions of the entry at the position (the declaration left out: the lens stands on it). */
async function showReferences([uri, position]: unknown[], features: FeatureContext): Promise<Location[]> {
  if (typeof uri !== 'string' || !isPosition(position)) throw new Error(`${SHOW_REFERENCES_COMMAND} takes the uri of a document and a position in it.`);
  return (await provideReferences({ textDocument: { uri }, position, context: { includeDeclaration: false } }, features)) ?? [];
}

function isPosition(value: unknown): value is Position {
  const { line, character } = (value ?? {}) as Partial<Position>;
  return typeof line === 'number' && typeof character === 'number';
}
