import { FileChangeType } from 'vscode-languageserver';
import type { LanguageService } from '../core/languageService.js';
import type { ServerContext } from './context.js';
import type { Workspace } from './workspace.js';

/** The workspace's reports indexed for workspace symbols: all in the background at start, then each again when it changes on disk. */
export class WorkspaceIndexing {
  constructor(
    private readonly context: ServerContext,
    private readonly workspace: Workspace,
    private readonly service: LanguageService,
  ) {}

  async indexAll(): Promise<void> {
    const { folders, trusted } = this.workspace;
    if (folders.length === 0) return;
    // Linked folders are not walked in Restricted Mode: even listing a folder outside is a read of it.
    const files = await this.service.findReports(folders, trusted);
    const { client, connection } = this.context;
    const progress = client.workDoneProgress ? await connection.window.createWorkDoneProgress() : undefined;
    progress?.begin('Indexing reports', 0, `0/${files.length}`, false);
    let lastPercent = -1;
    await this.service.indexReports(files, {
      onProgress: (done, total) => {
        const percent = Math.floor((done / total) * 100);
        if (percent !== lastPercent) progress?.report(percent, `${done}/${total}`);
        lastPercent = percent;
      },
      cancelled: () => this.context.shutDown,
      // Open reports are indexed from their live text when symbols are asked for.
      skip: (path) => this.workspace.openDocumentAt(path) !== undefined,
    });
    progress?.done();
  }

  /** A report changed on disk while not open in the editor, or was closed with its unsaved edits. */
  async reindex(path: string, type: FileChangeType): Promise<void> {
    if (type === FileChangeType.Deleted) this.service.unindexReport(path);
    else await this.service.reindexReport(path);
  }
}
