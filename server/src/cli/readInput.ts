import type { ReadFailure } from '../core/workspace/fileSystem.js';
import { displayPath } from './formatters.js';

/**
 * The line the CLI prints when a file named on its command line was not read: a `--gazetteer` file
 * (`gazetteer option`) or a report or gazetteer to check (`checked`).
 */
export function inputProblem(cwd: string, path: string, failure: ReadFailure, what: 'gazetteer option' | 'checked'): string {
  const shown = displayPath(cwd, path);
  return what === 'checked'
    ? `cannot check ${shown}: ${failure.message}`
    : `gazetteer file ${shown} was not read: ${failure.message}${failure.reason === 'missing' ? ' Check the --gazetteer path.' : ''}`;
}
