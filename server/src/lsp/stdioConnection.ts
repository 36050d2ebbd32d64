import { format } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { diagnosticsReusingEncoder } from './messageEncoding.js';

/**
 * The connection over stdin and stdout, as `createConnection` makes it from `--stdio`, but writing
 * with the encoder that keeps each diagnostic's JSON (messageEncoding.ts). Given stdin as a stream,
 * vscode-languageserver still exits when it ends; given a writer, it no longer sends console output
 * to the client, which is done here.
 */
export function createStdioConnection(): Connection {
  const writer = new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: diagnosticsReusingEncoder });
  const connection = createConnection(ProposedFeatures.all, process.stdin, writer as unknown as NodeJS.WritableStream);
  consoleToClient(connection);
  return connection;
}

/** Console output to the client's log: stdout carries the protocol, and a stray `console.log` from any library would corrupt it. */
function consoleToClient(connection: Connection): void {
  const line = (args: unknown[]) => format(...args);
  console.log = (...args: unknown[]) => connection.console.log(line(args));
  console.info = (...args: unknown[]) => connection.console.info(line(args));
  console.debug = (...args: unknown[]) => connection.console.log(line(args));
  console.warn = (...args: unknown[]) => connection.console.warn(line(args));
  console.error = (...args: unknown[]) => connection.console.error(line(args));
  console.trace = (...args: unknown[]) => connection.console.log(`Trace: ${line(args)}\n${new Error().stack?.split('\n').slice(2).join('\n') ?? ''}`);
  console.dir = (value: unknown) => connection.console.log(format('%O', value));
}
