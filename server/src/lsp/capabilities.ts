import { CodeActionKind, PositionEncodingKind, TextDocumentSyncKind, type InitializeParams, type InitializeResult, type RemoteConsole } from 'vscode-languageserver';
import type { ClientFeatures } from './clientFeatures.js';
import { SERVER_COMMANDS } from './features/commands.js';
import { COMPLETION_TRIGGER_CHARACTERS } from './features/completion.js';
import { SEMANTIC_TOKENS_LEGEND } from './convert.js';

/** What the server offers this client. */
export function initializeResult(params: InitializeParams, client: ClientFeatures, console: RemoteConsole): InitializeResult {
  // Offsets are JS string indices, i.e. UTF-16 code units. The spec makes UTF-16 the one
  // encoding every client must accept, so we answer it even to a client that prefers UTF-8.
  const encodings = params.capabilities.general?.positionEncodings;
  if (encodings && !encodings.includes(PositionEncodingKind.UTF16)) {
    console.info(`The client offers ${encodings.join(', ')}; Incident Markup answers in UTF-16 as the spec requires.`);
  }
  const result: InitializeResult = {
    capabilities: {
      positionEncoding: PositionEncodingKind.UTF16,
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      hoverProvider: true,
      definitionProvider: true,
      completionProvider: { triggerCharacters: [...COMPLETION_TRIGGER_CHARACTERS] },
      executeCommandProvider: { commands: [...SERVER_COMMANDS] },
      workspaceSymbolProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      documentHighlightProvider: true,
      documentSymbolProvider: { label: 'Incident Markup' },
      foldingRangeProvider: true,
      selectionRangeProvider: true,
      // No delta: a report's tokens are a few per line of prose, and full answers cost less than keeping old ones.
      semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true, range: true },
      inlayHintProvider: true,
      codeLensProvider: { resolveProvider: false },
    },
    serverInfo: { name: 'incident-markup' },
  };
  if (client.pullDiagnostics) {
    result.capabilities.diagnosticProvider = { interFileDependencies: true, workspaceDiagnostics: false };
  }
  if (client.workspaceFolders) {
    result.capabilities.workspace = { workspaceFolders: { supported: true, changeNotifications: true } };
  }
  return result;
}
