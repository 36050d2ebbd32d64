import { readGeneralOptions, USAGE, UsageError } from './cliOptions.js';
import type { CliIo } from './cliIo.js';
import { runCheck } from './checkCommand.js';
import { WorkerKilled } from './checkPool.js';
import { runExport } from './exportCommand.js';
import { runOverview } from './overviewCommand.js';
import { GazetteerUsageError, runGazetteerCommand } from './gazetteerCommands.js';

/** Runs the CLI; returns the exit status instead of exiting, so tests can call it in process. */
export async function runCli(argv: readonly string[], io: CliIo, version = '0.0.0'): Promise<number> {
  try {
    return await run(argv, io, version);
  } catch (error) {
    if (error instanceof UsageError || error instanceof WorkerKilled) {
      io.stderr(`incident-markup: ${error.message}\n`);
      return 2;
    }
    io.stderr(internalErrorMessage(error, process.env.INCIDENT_MARKUP_DEBUG === '1'));
    return 2;
  }
}

/**
 * What the user reads when the CLI fails on something it did not foresee: what went wrong and on
 * which file (a file-system error carries its path), in one line, never V8's stack trace, which
 * says nothing to a writer; INCIDENT_MARKUP_DEBUG=1 adds it, for a bug report.
 */
export function internalErrorMessage(error: unknown, withStack: boolean): string {
  const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  const { path } = (error ?? {}) as { path?: unknown };
  const where = typeof path !== 'string' || message.includes(path) ? '' : ` (${path})`;
  const stack = withStack && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  return (
    `incident-markup: internal error: ${message}${where}. This is a bug: please report it with the command and the files it ` +
    `was given (INCIDENT_MARKUP_DEBUG=1 prints the details).${stack}\n`
  );
}

async function run(argv: readonly string[], io: CliIo, version: string): Promise<number> {
  if (argv[0] === 'gazetteer') {
    try {
      return await runGazetteerCommand(argv.slice(1), io);
    } catch (error) {
      throw error instanceof GazetteerUsageError ? new UsageError(error.message) : error;
    }
  }
  if (argv[0] === 'check') return runCheck(argv.slice(1), io, version);
  if (argv[0] === 'export') return runExport(argv.slice(1), io);
  if (argv[0] === 'overview') return runOverview(argv.slice(1), io);
  const options = readGeneralOptions(argv);
  if (options.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (options.version) {
    io.stdout(`${version}\n`);
    return 0;
  }
  const { command } = options;
  throw new UsageError(command === undefined ? `a command is required.\n\n${USAGE}` : `unknown command "${command}".\n\n${USAGE}`);
}
