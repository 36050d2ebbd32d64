/**
 * Runs `then` once the diagnostics of a check that just finished are written to the client: the
 * completion warm-up (completionWarmUp.ts) and the workspace index (workspaceIndexing.ts) wait for
 * it. vscode-jsonrpc writes each message from a setImmediate of its own, queued when the answer or
 * the notification is made, just after the check's listeners ran: work queued by them with one
 * setImmediate runs before that write, and held the first diagnostics back by as long as it took
 * (the completion warm-up: 400 ms at load 10 in a profile of the bench's cold open). A second one
 * runs in the event loop's next turn, after the write.
 */
export function afterDiagnosticsSent(then: () => void): void {
  setImmediate(() => setImmediate(then));
}
