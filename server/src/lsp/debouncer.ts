import type { ServerContext } from './context.js';

/** Long enough to skip the checks between keystrokes, short enough to feel immediate. */
const DEBOUNCE_MS = 150;

/** Work that waits for a pause: each call for a key replaces the one waiting; all stop at shutdown. */
export class Debouncer {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly context: ServerContext) {}

  debounce(key: string, run: () => Promise<void>): void {
    if (this.context.shutDown) return;
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        run().catch((error: unknown) => this.context.logError(key, error));
      }, DEBOUNCE_MS),
    );
  }

  cancel(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
