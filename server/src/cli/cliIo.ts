/** Where the CLI's commands read and write: the process's in cli.ts, strings in the tests. */
export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal that may be coloured: a TTY, with NO_COLOR unset (cli.ts decides). */
  color?: boolean;
  /** Whether stderr is a terminal: check's progress ("checked 1,200/2,000 files") is written only then. */
  stderrIsTTY?: boolean;
  /** After check: how many reports it checked, how many came from --cache, how many worker processes ran (tests and the bench read it). */
  onCheckStats?: (stats: CheckStats) => void;
  /** Standard input, for the report "-" stands for. */
  stdin?: () => AsyncIterable<Uint8Array>;
}

export interface CheckStats {
  files: number;
  checked: number;
  fromCache: number;
  workers: number;
}

/**
 * Whether the CLI may colour its output: only on a terminal, and not when NO_COLOR is set to
 * anything but the empty string (https://no-color.org); `--no-color` turns it off besides.
 */
export function colorWanted(isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>>): boolean {
  return isTTY === true && !env.NO_COLOR;
}
