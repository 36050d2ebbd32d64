import { CodeLensRefreshRequest } from 'vscode-languageserver';
import type { ServerContext } from './context.js';
import type { Debouncer } from './debouncer.js';

/**
 * Asks the client to ask again for the semantic tokens, inlay hints and code lenses of the open
 * reports after something they are worked out from changed while their text did not: a gazetteer
 * (a name now resolves, an alias has another entry), the settings (the built-in layer, the
 * gazetteer paths), the workspace folders. A client that cannot be asked asks again at the
 * report's next edit. Diagnostics have their own way (DiagnosticsManager.revalidateAll).
 */
export class ViewRefresh {
  constructor(
    private readonly context: ServerContext,
    private readonly debouncer: Debouncer,
  ) {}

  refresh(): void {
    const { client, connection } = this.context;
    if (!client.semanticTokensRefresh && !client.inlayHintRefresh && !client.codeLensRefresh) return;
    this.debouncer.debounce('views', async () => {
      if (client.semanticTokensRefresh) connection.languages.semanticTokens.refresh();
      if (client.inlayHintRefresh) await connection.languages.inlayHint.refresh();
      if (client.codeLensRefresh) await connection.sendRequest(CodeLensRefreshRequest.type);
    });
  }
}
