/**
 * Neovim, headless, with the README's configuration for Neovim 0.7 to 0.9 (Debian 12 has 0.7.2, which
 * CI installs), against the built server on the example report: the diagnostics arrive, a hover
 * answers, and the configuration's setting applies.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
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
  type EditorDiagnostic,
} from './editorHarness.js';

const DRIVER = join(import.meta.dirname, 'neovim-driver.lua');
/** The setting the README's configuration gives, which the test expects to see applied. */
const README_SETTING = "settings = { incidentMarkup = { rules = { ['place-alias'] = 'off' } } }";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('Neovim with the README configuration', { timeout: TEST_TIMEOUT_MS }, () => {
  it('shows the CLI diagnostics less those the setting turns off, and hovers a place', async () => {
    requireEditor('nvim', ['neovim']);
    const config = await readmeBlock('**Neovim 0.7 to 0.9**', 'lua');
    expect(config, 'the README configuration no longer sets place-alias off').toContain(README_SETTING);
    const copy = await copyExample();
    cleanups.push(copy.dispose);
    // The README's configuration with the built server of this checkout for the command on PATH.
    const init = replaceOnce(config, `'${README_COMMAND}', '--stdio'`, `'node', ${JSON.stringify(SERVER)}, '--stdio'`);
    const initFile = join(copy.root, 'init.lua');
    await writeFile(initFile, init);
    // Neovim's own folders in the copy, so that no user configuration, plugin or state takes part.
    const home = join(copy.root, 'nvim-home');
    for (const folder of ['config', 'data', 'state', 'cache']) await mkdir(join(home, folder), { recursive: true });

    const [fromCli, expectedHover, results] = await Promise.all([
      cliDiagnostics(copy),
      serverHover(copy),
      // -n: no swap file; -i NONE: no shada; the driver opens the report itself.
      runEditor(
        copy,
        'nvim',
        ['--headless', '-n', '-i', 'NONE', '-u', initFile, '-c', `luafile ${DRIVER}`],
        {
          XDG_CONFIG_HOME: join(home, 'config'),
          XDG_DATA_HOME: join(home, 'data'),
          XDG_STATE_HOME: join(home, 'state'),
          XDG_CACHE_HOME: join(home, 'cache'),
          REPORT: copy.report,
          RESULTS: copy.results,
          HOVER_TARGET,
          EVENT_TIMEOUT_S: String(EVENT_TIMEOUT_S),
        },
        // Neovim 0.7 logs the server's stderr and client errors here.
        () => readFile(join(home, 'cache', 'nvim', 'lsp.log'), 'utf8').catch(() => '(no lsp.log)'),
      ),
    ]);
    const { diagnostics, hovers } = results as { diagnostics: EditorDiagnostic[]; hovers: unknown[] };

    // The setting means something only if the example has place-alias hints to turn off.
    const withoutFile = fromCli.map(({ file: _file, ...rest }) => rest);
    expect(withoutFile.filter((d) => d.code === 'place-alias').length).toBeGreaterThan(0);
    expect(sorted(diagnostics)).toEqual(sorted(withoutFile.filter((d) => d.code !== 'place-alias')));

    expect(expectedHover).toMatchObject({ contents: { kind: 'markdown', value: expect.stringMatching(/^\*\*Idlib Governorate\*\*/) } });
    expect(hovers).toEqual([expectedHover]);
  });
});
