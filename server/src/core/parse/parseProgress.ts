/**
 * Where this thread's parse is: the first line (0-based) of each region the Markdown parser starts
 * on (chunkedParse.ts), told to the one listener a check worker installs, so that a check stopped at
 * its time limit can say where it was (lsp/checkWorker/). With no listener it is one call that
 * does nothing per region of 16 KB.
 */
let listener: ((line: number) => void) | undefined;

export function listenToParseProgress(next: ((line: number) => void) | undefined): void {
  listener = next;
}

export function parsingFromLine(line: number): void {
  listener?.(line);
}
