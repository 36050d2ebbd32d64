/**
 * Emacs in batch mode, with the README's eglot configuration (Debian 12's Emacs 28 with elpa-eglot
 * and elpa-markdown-mode, which CI installs), against the built server on the example report: the
 * diagnostics arrive in flymake, a hover answers, and the configuration's setting applies.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cliDiagnostics,
  copyExample,
  EVENT_TIMEOUT_S,
  HOVER_TARGET,
  readmeBlock,
  replaceOnce,
  README_COMMAND,
  requireEditor,
  runEditor,
  SERVER,
  serverHover,
  sorted,
  TEST_TIMEOUT_MS,
} from './editorHarness.js';

const DRIVER = join(import.meta.dirname, 'emacs-driver.el');
const DEBIAN_PACKAGES = ['emacs-nox', 'elpa-eglot', 'elpa-markdown-mode'];
/** The setting the README's configuration gives, which the test expects to see applied. */
const README_SETTING = `'(:incidentMarkup (:rules (:place-alias "off")))`;
/** The server's `source` on every diagnostic, which eglot puts before the code and message. */
const SOURCE = 'incident-markup';
/** Eglot 1.9's flymake types: errors, warnings, and notes for information and hints alike. */
const FLYMAKE_TYPES: Record<string, string> = { error: 'eglot-error', warning: 'eglot-warning', information: 'eglot-note', hint: 'eglot-note' };

interface FlymakeDiagnostic {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  type: string;
  text: string;
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('Emacs and eglot with the README configuration', { timeout: TEST_TIMEOUT_MS }, () => {
  it('shows the CLI diagnostics less those the setting turns off, and hovers a place', async () => {
    requireEditor('emacs', DEBIAN_PACKAGES);
    const config = await readmeBlock('**Emacs** with eglot', 'elisp');
    expect(config, 'the README configuration no longer sets place-alias off').toContain(README_SETTING);
    const copy = await copyExample();
    cleanups.push(copy.dispose);
    // The README's configuration with the built server of this checkout for the command on PATH.
    const init = replaceOnce(config, `("${README_COMMAND}" "--stdio")`, `("node" ${JSON.stringify(SERVER)} "--stdio")`);
    const initFile = join(copy.root, 'init.el');
    await writeFile(initFile, init);
    // A HOME of its own, so that no user configuration or package takes part.
    const home = join(copy.root, 'emacs-home');
    await mkdir(home);

    const [fromCli, expectedHover, results] = await Promise.all([
      cliDiagnostics(copy),
      serverHover(copy),
      // An interactive Emacs activates the installed packages (Debian's elpa-eglot and
      // elpa-markdown-mode) before reading init.el; --batch does not, so the first argument does.
      runEditor(
        copy,
        'emacs',
        ['--batch', '--eval', '(package-activate-all)', '-l', initFile, '-l', DRIVER],
        { HOME: home, REPORT: copy.report, RESULTS: copy.results, HOVER_TARGET, EVENT_TIMEOUT_S: String(EVENT_TIMEOUT_S) },
        // The driver puts the server's stderr into its error; Emacs's own messages are in its output.
        () => Promise.resolve('(in the driver error and the editor output above)'),
      ),
    ]).catch((error: unknown) => {
      // A missing markdown-mode shows as the report opening in another mode: say what to install.
      throw new Error(`${String(error)}\n(Debian packages needed: ${DEBIAN_PACKAGES.join(' ')})`);
    });
    const { diagnostics, hover } = results as { diagnostics: FlymakeDiagnostic[]; hover: string | null };

    // The setting means something only if the example has place-alias hints to turn off.
    expect(fromCli.filter((d) => d.code === 'place-alias').length).toBeGreaterThan(0);
    const expected = fromCli
      .filter((d) => d.code !== 'place-alias')
      .map((d) => ({
        line: d.line,
        column: d.column,
        endLine: d.endLine,
        endColumn: d.endColumn,
        type: FLYMAKE_TYPES[d.severity],
        text: `${SOURCE} [${d.code}]: ${d.message}`,
      }));
    expect(sorted(diagnostics)).toEqual(sorted(expected));

    // Eglot gives eldoc the server's Markdown with the markup hidden by text properties, which
    // the driver leaves out: the characters are the server's.
    expect(expectedHover).toMatchObject({ contents: { kind: 'markdown', value: expect.stringMatching(/^\*\*Idlib Governorate\*\*/) } });
    expect(hover).toBe((expectedHover!.contents as { value: string }).value);
  });
});
