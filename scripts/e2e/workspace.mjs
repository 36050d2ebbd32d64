// The folder the e2e suites open: a fresh temporary copy of examples/ and of the suites'
// fixtures, so that the tests may edit files without touching the repository.
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Workspace settings: nothing that is not ours may answer a completion or a hover. */
const SETTINGS = {
  'editor.wordBasedSuggestions': 'off',
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'files.autoSave': 'off',
  'markdown.validate.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'git.enabled': false,
  'extensions.ignoreRecommendations': true,
  'incidentMarkup.trace.server': 'off',
};

/** Copies examples/ and the fixtures into `target` (emptied first), or into a new temporary folder. */
export async function prepareWorkspace(repo, target) {
  let root = target;
  if (root) {
    await rm(root, { recursive: true, force: true });
    await mkdir(root, { recursive: true });
  } else {
    root = await mkdtemp(join(tmpdir(), 'incident-markup-e2e-'));
  }
  await cp(join(repo, 'examples'), join(root, 'examples'), { recursive: true });
  await cp(join(repo, 'test', 'e2e', 'fixtures'), root, { recursive: true });
  await mkdir(join(root, '.vscode'), { recursive: true });
  await writeFile(join(root, '.vscode', 'settings.json'), `${JSON.stringify(SETTINGS, null, 2)}\n`);
  return root;
}

export async function removeWorkspace(root) {
  await rm(root, { recursive: true, force: true });
}
