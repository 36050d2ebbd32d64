import { ResponseError, TextDocuments, type Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readClientFeatures, type ClientFeatures } from './clientFeatures.js';

/** What every room of the server shares: the connection, the open documents, the client, the server's life. */
export class ServerContext {
  /** The documents open in the editor, as the client's notifications left them. */
  readonly documents = new TextDocuments(TextDocument);
  /** What the client can do: nothing until `initialize` says. */
  client: ClientFeatures = readClientFeatures({});
  /** Set when the client asks the server to shut down: nothing new is started or sent after it. */
  shutDown = false;
  /** Told of every failure logged here, for the status bar's count of errors. */
  onError: ((what: string, error: unknown) => void) | undefined;

  constructor(readonly connection: Connection) {}

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
