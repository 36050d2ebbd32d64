#!/usr/bin/env node
// Bundles the e2e suites and lays out a fixed test workspace in .cache/e2e/workspace, for the
// "Extension Tests" launch configuration (F5 in VS Code desktop) in .vscode/launch.json.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSuites } from './buildSuites.mjs';
import { prepareWorkspace } from './workspace.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const suites = await buildSuites(repo, join(repo, '.cache', 'e2e', 'out'));
const workspace = await prepareWorkspace(repo, join(repo, '.cache', 'e2e', 'workspace'));
console.log(`suite: ${suites.extension}\nworkspace: ${workspace}`);
