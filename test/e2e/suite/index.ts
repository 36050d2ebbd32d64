// The extension-host suite for the extension in development (the repository itself):
// `run()` is what VS Code calls for --extensionTestsPath, under code-server
// (scripts/e2e/run.mjs) and under @vscode/test-electron (scripts/e2e/electron.mjs) alike.
import { runMocha } from '../runMocha';
import { registerCompletionHoverTests } from './completionHover.e2e';
import { registerDiagnosticsTests } from './diagnostics.e2e';
import { registerExportIncidentsTests } from './exportIncidents.e2e';
import { registerGazetteerTests } from './gazetteer.e2e';
import { registerOutlineReferencesRenameTests } from './outlineReferencesRename.e2e';
import { registerOverviewTests } from './overview.e2e';
import { registerQuickFixTests } from './quickFix.e2e';
import { registerStatusBarTests } from './statusBar.e2e';
import { registerTokensLensesTests } from './tokensLenses.e2e';

export function run(): Promise<void> {
  return runMocha('extension', [registerDiagnosticsTests, registerQuickFixTests, registerGazetteerTests, registerCompletionHoverTests, registerTokensLensesTests, registerStatusBarTests, registerOutlineReferencesRenameTests, registerExportIncidentsTests, registerOverviewTests]);
}
