import type { EditedTextDocument } from './editedDocument.js';
import { dirname, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { InitializeParams, WorkspaceFolder, WorkspaceFoldersChangeEvent } from 'vscode-languageserver';
import type { ReportDocument } from '../core/languageService.js';
import { createFileSystem, pathKey, type FileSystem, type TextRead } from '../core/workspace/fileSystem.js';
import type { ServerContext } from './context.js';

export function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function isReportDocument(document: EditedTextDocument): boolean {
  return document.languageId === 'markdown' || /\.(md|markdown)$/i.test(document.uri);
}

const folderPaths = (folders: readonly WorkspaceFolder[]) => folders.map((folder) => pathOf(folder.uri)).filter((path): path is string => path !== undefined);

/** The workspace as the server sees it: its folders, whether it is trusted, and the one file-system seam every read goes through. */
export class Workspace {
  folders: string[] = [];
  /** False when the client says the workspace is not trusted (VS Code's Restricted Mode). */
  trusted = true;
  readonly fileSystem: FileSystem;
  /**
   * Open reports the workspace features must not read (their last check ran over its time, see
   * ReportChecks): they would parse them on the thread that answers the editor.
   */
  skipReport: (uri: string) => boolean = () => false;
  /** Each refused path is logged once, not on every keystroke that asks for it again. */
  private readonly refusedPaths = new Set<string>();

  constructor(private readonly context: ServerContext) {
    // Open buffers win over disk, so an unsaved gazetteer edit already counts for every report; in
    // Restricted Mode nothing whose real path lies outside the workspace folders is read (a
    // front-matter gazetteer "../../x", an import of /etc/…, a link that leads out).
    this.fileSystem = createFileSystem({
      restrictTo: () => (this.trusted ? undefined : this.folders),
      overlay: (path) => this.openDocumentAt(path)?.getText(),
      onRefused: (path, failure) => {
        if (this.refusedPaths.has(path)) return;
        this.refusedPaths.add(path);
        context.connection.console.info(`Restricted Mode: not reading ${path}: ${failure.message}`);
      },
    });
  }

  initialize(params: InitializeParams, trusted: boolean): void {
    this.folders = folderPaths(params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []));
    this.trusted = trusted;
  }

  changeFolders(event: WorkspaceFoldersChangeEvent): void {
    const removed = new Set(event.removed.map((folder) => pathOf(folder.uri)));
    this.folders = [...this.folders.filter((folder) => !removed.has(folder)), ...folderPaths(event.added)];
  }

  openDocumentAt(path: string): EditedTextDocument | undefined {
    const key = pathKey(path);
    return this.context.documents.all().find((document) => {
      const documentPath = pathOf(document.uri);
      return documentPath !== undefined && pathKey(documentPath) === key;
    });
  }

  /** The uri of the open document at a path, spelt as the client spells it, or else the path's file uri. */
  readonly uriForPath = (path: string): string => this.openDocumentAt(path)?.uri ?? pathToFileURL(path).href;

  /** The innermost workspace folder holding the document: what relative settings resolve against. */
  rootFor(uri: string): string {
    const path = pathOf(uri);
    if (path === undefined) return this.folders[0] ?? process.cwd();
    const key = pathKey(path);
    const containing = this.folders
      .filter((folder) => {
        const folderKey = pathKey(folder);
        return key === folderKey || key.startsWith(folderKey.endsWith(sep) ? folderKey : folderKey + sep);
      })
      .sort((a, b) => b.length - a.length);
    return containing[0] ?? dirname(path);
  }

  /** The open report at a uri as the service takes it. The text is taken now: TextDocuments updates documents in place. */
  openReport(uri: string): ReportDocument | undefined {
    const document = this.context.documents.get(uri);
    if (!document || !isReportDocument(document)) return undefined;
    return reportDocument(document);
  }

  openReports(): ReportDocument[] {
    return this.context.documents
      .all()
      .filter((document) => isReportDocument(document) && !this.skipReport(document.uri))
      .map(reportDocument);
  }

  /** A report's text: the editor's when it is open there, else the file's; undefined for a uri that is no file. */
  async readReport(uri: string): Promise<TextRead | undefined> {
    const open = this.context.documents.get(uri);
    if (open) return { text: open.getText() };
    const path = pathOf(uri);
    return path === undefined ? undefined : this.fileSystem.read(path, 'report');
  }
}

function reportDocument(document: EditedTextDocument): ReportDocument {
  // The pieces, not a joined string: the same object as the check of this version reads, so the parse is shared.
  return { key: document.uri, path: pathOf(document.uri), text: document.text };
}
