// Bundles the extension-host suites (test/e2e/*) with esbuild into the project's ignored cache
// folder. `vscode` is provided by the extension host, and mocha is loaded from node_modules.
import { build } from 'esbuild';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The do-nothing extension beside which the .vsix suite runs (VS Code runs tests only beside one). */
const HARNESS_MANIFEST = {
  name: 'incident-markup-e2e-harness',
  displayName: 'Incident Markup e2e harness',
  description: 'Runs the .vsix suite; contributes nothing.',
  publisher: 'incident-markup-tests',
  version: '0.0.0',
  private: true,
  engines: { vscode: '^1.96.0' },
};

/**
 * Returns the paths of the bundled suites: `extension` (run beside the repository as the
 * extension under development) and `vsix` (run beside the harness, which is its folder).
 */
export async function buildSuites(repo, outDir) {
  await build({
    absWorkingDir: repo,
    entryPoints: { 'extension/index': 'test/e2e/suite/index.ts', 'vsix/index': 'test/e2e/vsix/index.ts' },
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  await mkdir(join(outDir, 'vsix'), { recursive: true });
  await writeFile(join(outDir, 'vsix', 'package.json'), `${JSON.stringify(HARNESS_MANIFEST, null, 2)}\n`);
  return {
    extension: join(outDir, 'extension', 'index.js'),
    vsix: join(outDir, 'vsix', 'index.js'),
    harness: join(outDir, 'vsix'),
  };
}
