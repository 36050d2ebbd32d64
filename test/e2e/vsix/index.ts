/// <reference types="mocha" />
// The suite for the packaged extension: the runner installs the .vsix into an empty
// extensions folder and starts VS Code with a do-nothing harness as the extension under
// development (VS Code runs extension tests only beside one), so the extension that answers
// here is the one from the .vsix, bundled, with no node_modules.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import * as vscode from 'vscode';
import { codeOf, describeDiagnostic, EXTENSION_ID, hasCode, openEditor, waitForDiagnostics, workspaceUri } from '../helpers';
import { runMocha, skipBecause } from '../runMocha';

export const EXTENSIONS_DIR_ENV = 'INCIDENT_MARKUP_E2E_EXTENSIONS_DIR';
/** The repository the .vsix was built from, whose dist/ says what the .vsix must hold. */
export const REPO_ENV = 'INCIDENT_MARKUP_E2E_REPO';

function files(root: string): string[] {
  return readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

function registerVsixTests(): void {
  describe('The packaged extension (.vsix)', () => {
    it('is the one installed from the .vsix, and holds no node_modules and no sources', () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is installed`);
      const extensionsDir = process.env[EXTENSIONS_DIR_ENV];
      if (extensionsDir) assert.ok(extension.extensionPath.startsWith(extensionsDir), `${extension.extensionPath} is under ${extensionsDir}`);
      const contents = files(extension.extensionPath);
      assert.ok(contents.includes('dist/client.js') && contents.includes('dist/server.js'), contents.join(', '));
      assert.deepEqual(contents.filter((file) => /(^|\/)node_modules\/|\.ts$|\.map$/.test(file)), []);
      assert.ok(!existsSync(join(extension.extensionPath, 'server')));
    });

    it('holds every file its package.json refers to', () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
      const manifest = extension.packageJSON as Record<string, any>;
      const contributes = manifest.contributes ?? {};
      const referenced: string[] = [
        manifest.main,
        manifest.icon,
        ...(contributes.grammars ?? []).map((grammar: { path: string }) => grammar.path),
        ...(contributes.languages ?? []).map((language: { configuration?: string }) => language.configuration),
        ...[...(contributes.jsonValidation ?? []), ...(contributes.yamlValidation ?? [])].map((schema: { url: string }) => schema.url),
      ].filter((path): path is string => typeof path === 'string' && !/^[a-z]+:\/\//i.test(path));
      assert.ok(referenced.length > 0);
      const missing = referenced.filter((path) => !existsSync(join(extension.extensionPath, path)));
      assert.deepEqual(missing, [], 'files named in package.json but not in the .vsix');
    });

    it('activates on a Markdown report and its bundled server checks it', async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
      const uri = workspaceUri('reports', 'quickfix.md');
      await openEditor(uri);
      // The server's diagnostic proves the client activated and started the bundled server.
      await waitForDiagnostics(uri, hasCode('markup-unknown-directive'), 'markup-unknown-directive from the installed extension');
      assert.equal(extension.isActive, true);
      const commands = await vscode.commands.getCommands(true);
      assert.ok(commands.includes('incidentMarkup.restartServer'), 'the palette commands are registered');
    });

    it('reads the built-in gazetteer shipped in the .vsix, when the build makes one', async function () {
      const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
      const repo = process.env[REPO_ENV];
      if (repo && !existsSync(join(repo, 'dist', 'world-gazetteer.bin'))) {
        skipBecause(this, 'the build makes no dist/world-gazetteer.bin');
      }
      assert.ok(existsSync(join(extension.extensionPath, 'dist', 'world-gazetteer.bin')), 'the .vsix holds dist/world-gazetteer.bin');
      // Aleppo is in no gazetteer of the workspace; the misspelt directive tells when the
      // server has checked this text, and that same result must not call Aleppo unknown.
      const uri = workspaceUri('reports', 'built-in-gazetteer.md');
      await writeFile(uri.fsPath, 'Shelling hit :place[Aleppo], :cuont[2]{type=killed} killed.\n');
      await openEditor(uri);
      const diagnostics = await waitForDiagnostics(uri, hasCode('markup-unknown-directive'), 'markup-unknown-directive');
      assert.deepEqual(diagnostics.filter((diagnostic) => codeOf(diagnostic) === 'place-unknown').map(describeDiagnostic), []);
    });
  });
}

export function run(): Promise<void> {
  return runMocha('vsix', [registerVsixTests]);
}
