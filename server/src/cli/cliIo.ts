/** Where the CLI's commands read and write: the process's in cli.ts, strings in the tests. */
export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}
