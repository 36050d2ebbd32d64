import type { LanguageService } from '../../core/languageService.js';
import type { SettingsStore } from '../settings.js';
import type { Workspace } from '../workspace.js';

/** What a feature at a position uses: the open reports, their settings, and the language service. */
export interface FeatureContext {
  workspace: Workspace;
  settings: SettingsStore;
  service: LanguageService;
}
