import { SEVERITIES } from '../core/diagnostics.js';
import type { ServiceSettings } from '../core/languageService.js';
import type { RuleSetting } from '../core/runRules.js';
import { isRecord } from './clientFeatures.js';
import type { ServerContext } from './context.js';

export const SETTINGS_SECTION = 'incidentMarkup';

const RULE_SETTINGS: ReadonlySet<string> = new Set<string>(['off', ...SEVERITIES]);

/** The core's settings and what only the server reads: how a report's findings are delivered to this editor. */
export interface DocumentSettings extends ServiceSettings {
  /**
   * `inlayHints.asDiagnostics`: send the alias and inferred-date hints as diagnostics as well,
   * though the client shows them as inlay hints (a client without inlay hints gets them anyway).
   */
  inlayHintsAsDiagnostics: boolean;
}

/**
 * Turns the `incidentMarkup` settings section into the core's settings. Settings come from
 * users' JSON, so anything of the wrong shape is dropped rather than trusted.
 */
export function normaliseSettings(section: unknown, root: string): DocumentSettings {
  const raw = isRecord(section) ? section : {};
  const gazetteer = isRecord(raw.gazetteer) ? raw.gazetteer : {};
  const gazetteerPaths = Array.isArray(gazetteer.paths)
    ? gazetteer.paths.filter((path): path is string => typeof path === 'string' && path.trim() !== '')
    : [];
  // No prototype: the codes are the user's JSON keys.
  const rules = Object.create(null) as Record<string, RuleSetting>;
  if (isRecord(raw.rules)) {
    for (const [code, setting] of Object.entries(raw.rules)) {
      if (typeof setting === 'string' && RULE_SETTINGS.has(setting)) rules[code] = setting as RuleSetting;
    }
  }
  // Only an explicit false turns the world layer off; a missing or malformed value keeps the default.
  const builtinGazetteer = raw.builtinGazetteer !== false;
  // Only an explicit true brings the hints back as diagnostics.
  const inlayHintsAsDiagnostics = isRecord(raw.inlayHints) && raw.inlayHints.asDiagnostics === true;
  return { gazetteerPaths, root, rules, builtinGazetteer, inlayHintsAsDiagnostics };
}

/**
 * The settings of each document: asked of the client per document (workspace/configuration) when
 * it can answer, else those it pushed; kept per uri until the configuration or the folders change.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<DocumentSettings>>();
  /** Settings for clients that cannot answer workspace/configuration. */
  private pushed: unknown;

  constructor(
    private readonly context: ServerContext,
    private readonly rootFor: (uri: string) => string,
  ) {}

  /** The settings `initializationOptions` carried, for a client that pushes them. */
  initialize(pushed: unknown): void {
    this.pushed = pushed;
  }

  forDocument(uri: string): Promise<DocumentSettings> {
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.fetch(uri);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /** Whether these are still the settings kept for the uri: those that could not be read are asked for again. */
  isCurrent(uri: string, settings: Promise<ServiceSettings>): boolean {
    return this.cache.get(uri) === settings;
  }

  /** workspace/didChangeConfiguration: a client that pushes settings sends them with it. */
  changed(settings: unknown): void {
    if (!this.context.client.configuration && isRecord(settings) && SETTINGS_SECTION in settings) {
      this.pushed = settings[SETTINGS_SECTION];
    }
    this.cache.clear();
  }

  /** The folders changed, so relative paths may resolve elsewhere. */
  clear(): void {
    this.cache.clear();
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  private async fetch(uri: string): Promise<DocumentSettings> {
    let section = this.pushed;
    if (this.context.client.configuration) {
      try {
        section = (await this.context.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })) ?? section;
      } catch (error) {
        this.context.logError(`Reading the ${SETTINGS_SECTION} settings`, error);
        this.cache.delete(uri);
      }
    }
    return normaliseSettings(section, this.rootFor(uri));
  }
}
