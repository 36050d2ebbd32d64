import type { ClientCapabilities } from 'vscode-languageserver';

/** What the client can do, read once from `initialize`. */
export interface ClientFeatures {
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  configuration: boolean;
  configurationDynamicRegistration: boolean;
  watchedFilesDynamicRegistration: boolean;
  workspaceFolders: boolean;
  workDoneProgress: boolean;
  /** Document symbols as a tree (every editor we know); otherwise a flat list, as LSP asks. */
  hierarchicalDocumentSymbols: boolean;
  /** Shows inlay hints: then the hints they show are not sent as diagnostics too (unless a setting asks). */
  inlayHints: boolean;
  /** Can be asked to ask again for what it shows besides diagnostics, after a gazetteer or the settings changed. */
  semanticTokensRefresh: boolean;
  inlayHintRefresh: boolean;
  codeLensRefresh: boolean;
  /** Shows a completion's `labelDetails` beside its label (LSP 3.17); otherwise all is in its `detail`. */
  completionLabelDetails: boolean;
  /**
   * Reads a diagnostic's `codeDescription` (the link to the rule's documentation; LSP 3.16). Sent only
   * to such clients, as LSP asks: VS Code declares it; Neovim 0.7 and Emacs 28's eglot 1.9 do not, and
   * to them the link was a third of each of a long report's hints (110 of 340 bytes).
   */
  codeDescription: boolean;
}

export function readClientFeatures(capabilities: ClientCapabilities): ClientFeatures {
  return {
    pullDiagnostics: capabilities.textDocument?.diagnostic !== undefined,
    diagnosticRefresh: capabilities.workspace?.diagnostics?.refreshSupport === true,
    configuration: capabilities.workspace?.configuration === true,
    configurationDynamicRegistration: capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    watchedFilesDynamicRegistration: capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    workspaceFolders: capabilities.workspace?.workspaceFolders === true,
    workDoneProgress: capabilities.window?.workDoneProgress === true,
    hierarchicalDocumentSymbols: capabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
    inlayHints: capabilities.textDocument?.inlayHint !== undefined,
    semanticTokensRefresh: capabilities.workspace?.semanticTokens?.refreshSupport === true,
    inlayHintRefresh: capabilities.workspace?.inlayHint?.refreshSupport === true,
    codeLensRefresh: capabilities.workspace?.codeLens?.refreshSupport === true,
    completionLabelDetails: capabilities.textDocument?.completion?.completionItem?.labelDetailsSupport === true,
    codeDescription: capabilities.textDocument?.publishDiagnostics?.codeDescriptionSupport === true,
  };
}

/** What a client passes in `initializationOptions`: settings (when it cannot answer workspace/configuration) and workspace trust. */
export interface InitializationOptions {
  settings: unknown;
  /** False when the client says the workspace is not trusted (VS Code's Restricted Mode). */
  workspaceTrusted: boolean;
  /** The client shows the server's state (our VS Code extension): it is sent `incidentMarkup/status`. */
  statusNotification: boolean;
  /** How long one check of a report may take, in ms, before it is stopped, and how much more per MiB of it; absent for the defaults. */
  checkTimeLimitMs: number | undefined;
  checkTimeLimitPerMiBMs: number | undefined;
}

export function readInitializationOptions(options: unknown): InitializationOptions {
  if (!isRecord(options)) return { settings: undefined, workspaceTrusted: true, statusNotification: false, checkTimeLimitMs: undefined, checkTimeLimitPerMiBMs: undefined };
  const milliseconds = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined);
  return {
    settings: options.settings,
    workspaceTrusted: options.workspaceTrusted !== false,
    statusNotification: options.statusNotification === true,
    checkTimeLimitMs: milliseconds(options.checkTimeLimitMs) || undefined,
    checkTimeLimitPerMiBMs: milliseconds(options.checkTimeLimitPerMiBMs),
  };
}

/** Values from the client's JSON are checked for shape before they are trusted. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
