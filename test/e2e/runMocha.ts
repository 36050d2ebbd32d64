/// <reference types="mocha" />
// Runs mocha inside VS Code's extension host. The suites are bundled by esbuild, so there are
// no test files for mocha to load: each suite registers its tests after `pre-require` has put
// `describe`, `it` and the hooks on the global object.
import { writeFileSync } from 'node:fs';
import { format } from 'node:util';
import Mocha from 'mocha';

export const RESULTS_ENV = 'INCIDENT_MARKUP_E2E_RESULTS';
export const GREP_ENV = 'INCIDENT_MARKUP_E2E_GREP';

export interface SuiteResults {
  suite: string;
  passed: number;
  failed: number;
  skipped: number;
  /** Why each skipped test was skipped, when it said so through `skipBecause`. */
  skips: { title: string; reason: string }[];
  failures: { title: string; error: string }[];
}

/**
 * Marks the suite's own lines in the extension host's log, which VS Code forwards to the
 * runner mixed with its own messages: the runner prints the marked lines and files the rest.
 */
export const OUTPUT_MARKER = '\u2063e2e\u2063';

/** Prints a line of the suite's output (mocha's reporter and the suites use it). */
export function print(...args: unknown[]): void {
  console.log(`${OUTPUT_MARKER}${format(...args)}`);
}

const skipReasons = new Map<string, string>();

/** Skips the running test and records why, for the runner's summary. */
export function skipBecause(context: Mocha.Context, reason: string): never {
  const title = context.test?.fullTitle() ?? '(unknown test)';
  skipReasons.set(title, reason);
  print(`    skipped: ${reason}`);
  context.skip();
}

export function runMocha(suite: string, registrations: (() => void)[]): Promise<void> {
  Mocha.reporters.Base.consoleLog = print;
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    // A generous bound for one test; every wait inside a test is for an event and has its own,
    // shorter, deadline with a message that says what did not happen.
    timeout: 120_000,
  });
  const grep = process.env[GREP_ENV];
  if (grep) mocha.grep(grep);
  mocha.suite.emit('pre-require', globalThis, suite, mocha);
  for (const register of registrations) register();

  const results: SuiteResults = { suite, passed: 0, failed: 0, skipped: 0, skips: [], failures: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const file = process.env[RESULTS_ENV];
      if (file) writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
      if (failures > 0) reject(new Error(`${failures} of the ${suite} tests failed.`));
      else resolve();
    });
    runner.on('pass', () => results.passed++);
    runner.on('fail', (test, error: Error) => {
      results.failed++;
      results.failures.push({ title: test.fullTitle(), error: String(error?.stack ?? error) });
    });
    runner.on('pending', (test) => {
      results.skipped++;
      const title = test.fullTitle();
      results.skips.push({ title, reason: skipReasons.get(title) ?? 'skipped' });
    });
  });
}
