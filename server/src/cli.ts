import { colorWanted } from './cli/cliIo.js';
import { runCli } from './cli/runCli.js';

declare const PACKAGE_VERSION: string | undefined;

void runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  color: colorWanted(process.stdout.isTTY, process.env),
  stderrIsTTY: process.stderr.isTTY === true,
  stdin: () => process.stdin,
}, typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0').then((status) => {
  process.exitCode = status;
});
