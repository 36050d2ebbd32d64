// `npm run package [-- --out FILE]`: production bundles (minified, no source maps), then
// `vsce package --no-dependencies` (everything the extension runs is in the bundles).
// Checks what went into the .vsix and prints its size.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { name, version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const outIndex = process.argv.indexOf('--out');
const out = resolve(outIndex >= 0 ? process.argv[outIndex + 1] : join(repo, `${name}-${version}.vsix`));
const vsce = join(dirname(createRequire(import.meta.url).resolve('@vscode/vsce/package.json')), 'vsce');

execFileSync(process.execPath, [join(repo, 'scripts', 'build.mjs'), '--production'], { cwd: repo, stdio: 'inherit' });
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { cwd: repo, stdio: 'inherit' });

// What the .vsix holds, as vsce would pack it now.
const listed = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: repo, encoding: 'utf8' })
  .split('\n')
  .map((line) => line.trim())
  .filter(Boolean);
const unwanted = listed.filter((file) => /(^|\/)node_modules\/|\.map$|\.ts$|^(server|client|test|scripts|docs|examples|bench)\//.test(file));
if (unwanted.length > 0) {
  console.error(`The .vsix must not hold these files; fix .vscodeignore:\n  ${unwanted.join('\n  ')}`);
  process.exit(1);
}
// Everything the build put in dist/ is for run time (the bundles, and data files such as the
// built-in gazetteer) except the source maps and the CLI with its worker processes' bundle, which
// the extension does not run.
const CLI_ONLY = ['dist/cli.js', 'dist/checkWorker.js'];
const missing = readdirSync(join(repo, 'dist'), { recursive: true })
  .map((file) => `dist/${String(file).split(sep).join('/')}`)
  .filter((file) => statSync(join(repo, file)).isFile() && !file.endsWith('.map') && !CLI_ONLY.includes(file) && !listed.includes(file));
const shippedCli = listed.filter((file) => CLI_ONLY.includes(file));
if (shippedCli.length > 0) {
  console.error(`The .vsix must not hold the CLI's bundles; fix .vscodeignore:\n  ${shippedCli.join('\n  ')}`);
  process.exit(1);
}
if (missing.length > 0) {
  console.error(`The .vsix lacks these files of dist/; fix .vscodeignore:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
const bytes = statSync(out).size;
console.log(`\n${relative(process.cwd(), out) || out}: ${(bytes / 1024).toFixed(0)} KiB (${bytes} bytes), ${listed.length} files:`);
for (const file of listed) console.log(`  ${file}`);
