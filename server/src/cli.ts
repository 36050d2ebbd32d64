import { runCli } from './cli/runCli.js';

declare const PACKAGE_VERSION: string | undefined;

void runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  // https://no-color.org: any non-empty NO_COLOR turns colour off; a pipe or file never gets it.
  color: process.stdout.isTTY === true && !process.env.NO_COLOR,
  stdin: () => process.stdin,
}, typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0').then((status) => {
  process.exitCode = status;
});
