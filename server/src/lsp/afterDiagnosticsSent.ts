/**
 * Runs `then` once the diagnostics of a check that just finished are written to the client: the
 * warm-up (warmUp.ts) and the workspace index (workspaceIndexing.ts) wait for it. vscode-jsonrpc
 * writes each message from a setImmediate of its own, queued when the answer or the notification is
 * made, just after the check's listeners ran: work queued by them with one setImmediate runs before
 * that write, and held the first diagnostics back by as long as it took (the completion warm-up:
 * 400 ms at load 10 in a profile of the bench's cold open). A second one runs in the event loop's
 * next turn, after the write. For the same reason it runs after the messages read meanwhile
 * (vscode-jsonrpc handles each from a setImmediate queued as it reads it, in the loop's poll phase),
 * which is how the warm-up's steps let a keystroke go first.
 */
export function afterDiagnosticsSent(then: () => void): void {
  setImmediate(() => setImmediate(then));
}
