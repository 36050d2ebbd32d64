import { Writable } from 'node:stream';
import { StreamMessageWriter, type NotificationMessage } from 'vscode-languageserver/node.js';
import { describe, expect, it } from 'vitest';
import { afterDiagnosticsSent } from '../../server/src/lsp/afterDiagnosticsSent.js';

/** A client's end of the pipe: what reached it, in order with the work scheduled beside it. */
function pipe(order: string[]) {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (chunk.toString().includes('publishDiagnostics')) order.push('diagnostics written');
      done();
    },
  });
  return new StreamMessageWriter(stream);
}

const DIAGNOSTICS: NotificationMessage = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///r.md', diagnostics: [] } };

describe('work after a check (the completion warm-up, the workspace index)', () => {
  it('runs once the diagnostics the check made are written, not before', async () => {
    const order: string[] = [];
    const writer = pipe(order);
    // As in the server: the check's listeners schedule their work, then its diagnostics are sent.
    const ran = new Promise<void>((resolve) => afterDiagnosticsSent(() => resolve(void order.push('warm-up'))));
    void writer.write(DIAGNOSTICS);
    await ran;
    expect(order).toEqual(['diagnostics written', 'warm-up']);
  });

  it('would run before them from one setImmediate, as it did', async () => {
    const order: string[] = [];
    const writer = pipe(order);
    const ran = new Promise<void>((resolve) => setImmediate(() => resolve(void order.push('warm-up'))));
    const written = writer.write(DIAGNOSTICS);
    await Promise.all([ran, written]);
    expect(order).toEqual(['warm-up', 'diagnostics written']);
  });
});
