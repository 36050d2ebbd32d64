import { ResponseError, type Connection, type Position, type Range } from 'vscode-languageserver';
import { clampedTextDocuments } from './clampedDocuments.js';
import { readClientFeatures, type ClientFeatures } from './clientFeatures.js';

/** What every room of the server shares: the connection, the open documents, the client, the server's life. */
export class ServerContext {
  /** The documents open in the editor, as the client's notifications left them (edits outside a document clamped to it). */
  readonly documents = clampedTextDocuments((uri, version, range) => this.editClamped(uri, version, range));
  /** The documents an edit outside the text was clamped in, each logged once while it stays open. */
  private readonly clampedIn = new Set<string>();
  /** What the client can do: nothing until `initialize` says. */
  client: ClientFeatures = readClientFeatures({});
  /** Set when the client asks the server to shut down: nothing new is started or sent after it. */
  shutDown = false;
  /** Told of every failure logged here, for the status bar's count of errors. */
  onError: ((what: string, error: unknown) => void) | undefined;

  constructor(readonly connection: Connection) {
    this.documents.onDidClose(({ document }) => this.clampedIn.delete(document.uri));
  }

  private editClamped(uri: string, version: number, range: Range): void {
    if (this.clampedIn.has(uri)) return;
    this.clampedIn.add(uri);
    const at = (position: Position) => `${position.line}:${position.character}`;
    try {
      this.connection.console.warn(
        `An edit of ${uri} (version ${version}) reaches outside the document (range ${at(range.start)}-${at(range.end)}); it was applied at the nearest place inside it, as VS Code does, and the document is checked from the resulting text. Later edits of this document that do so are not logged.`,
      );
    } catch {
      // The connection itself is gone; there is nobody left to tell.
    }
  }

  readonly logError = (what: string, error: unknown): void => {
    this.onError?.(what, error);
    try {
      this.connection.console.error(`${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } catch {
      // The connection itself is gone; there is nobody left to tell.
    }
  };

  /**
   * A handler whose bug is logged and answered with a fallback, never thrown at the client. A
   * ResponseError is no bug but the answer (a rename refused, with the reason the editor shows).
   */
  readonly guard = <P extends unknown[], R>(what: string, fallback: R, handler: (...params: P) => R | Promise<R>) => {
    return async (...params: P): Promise<R> => {
      try {
        return await handler(...params);
      } catch (error) {
        if (error instanceof ResponseError) throw error;
        this.logError(what, error);
        return fallback;
      }
    };
  };
}
