import type { EditedTextDocument } from './editedDocument.js';
import { basename } from 'node:path';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type FileEvent,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver';
import { PROJECT_CONFIG_FILE } from '../core/config/projectConfig.js';
import type { LanguageService } from '../core/languageService.js';
import type { ServerContext } from './context.js';
import type { DiagnosticsManager } from './diagnosticsManager.js';
import type { GazetteerWatcher } from './gazetteerWatcher.js';
import type { QuickFixes } from './quickFixes.js';
import type { ViewRefresh } from './viewRefresh.js';
import { SETTINGS_SECTION, type SettingsStore } from './settings.js';
import { isReportDocument, pathOf, type Workspace } from './workspace.js';
import type { WorkspaceIndexing } from './workspaceIndexing.js';

const WATCHED_FILES = ['**/gazetteer.{yaml,yml,json}', '**/*.{md,markdown}', `**/${PROJECT_CONFIG_FILE}`];

const isProjectConfig = (path: string) => basename(path) === PROJECT_CONFIG_FILE;

export interface WorkspaceRooms {
  service: LanguageService;
  workspace: Workspace;
  settings: SettingsStore;
  diagnostics: DiagnosticsManager;
  gazetteers: GazetteerWatcher;
  quickFixes: QuickFixes;
  indexing: WorkspaceIndexing;
  views: ViewRefresh;
}

/**
 * What each event in the workspace means for each room: a document edited or closed, a file
 * changed on disk, the settings or the workspace folders changed.
 */
export class WorkspaceEvents {
  constructor(
    private readonly context: ServerContext,
    private readonly rooms: WorkspaceRooms,
  ) {}

  /** Asks the client for the notifications it can only send when asked. Each may be refused on its own; one refusal must not cost the others. */
  register(): void {
    const { client, connection, guard, logError } = this.context;
    if (client.watchedFilesDynamicRegistration) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_FILES.map((globPattern) => ({ globPattern })) })
        .catch((error: unknown) => logError('Registering the gazetteer file watcher', error));
    }
    if (client.configurationDynamicRegistration) {
      connection.client
        .register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION })
        .catch((error: unknown) => logError('Registering for settings changes', error));
    }
    if (client.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(guard('didChangeWorkspaceFolders', undefined, (event) => this.foldersChanged(event)));
    }
  }

  contentChanged(document: EditedTextDocument): void {
    const { diagnostics, gazetteers } = this.rooms;
    const path = pathOf(document.uri);
    if (isReportDocument(document)) diagnostics.reportChanged(document);
    else if (path !== undefined && gazetteers.isGazetteerPath(path)) gazetteers.changed(path, document.getText());
    // Read through the open buffer: an unsaved edit applies at once, as with gazetteers.
    else if (path !== undefined && isProjectConfig(path)) this.projectConfigChanged();
  }

  async closed(document: EditedTextDocument): Promise<void> {
    const { service, diagnostics, quickFixes, settings, gazetteers, indexing } = this.rooms;
    const { uri } = document;
    service.forget(uri);
    diagnostics.forget(uri);
    quickFixes.forget(uri);
    settings.forget(uri);
    const path = pathOf(uri);
    if (isReportDocument(document)) {
      gazetteers.forget(uri);
      await diagnostics.clearReport(uri);
      // Unsaved edits are gone with the editor: the index holds what is on disk again.
      if (path !== undefined) await indexing.reindex(path, FileChangeType.Changed);
    } else if (path !== undefined && gazetteers.isGazetteerPath(path)) {
      // Unsaved edits are gone with the editor: what is on disk counts again.
      gazetteers.changed(path);
      return;
    } else if (path !== undefined && isProjectConfig(path)) {
      this.projectConfigChanged();
      return;
    }
    diagnostics.scheduleGazetteerDiagnostics();
  }

  watchedFilesChanged(changes: readonly FileEvent[]): void {
    const { diagnostics, gazetteers, indexing } = this.rooms;
    for (const change of changes) {
      const path = pathOf(change.uri);
      if (path === undefined) continue;
      if (gazetteers.isGazetteerPath(path)) gazetteers.changed(path);
      if (isProjectConfig(path)) {
        if (change.type === FileChangeType.Deleted) diagnostics.configDeleted(path, change.uri);
        this.projectConfigChanged();
      }
      // Open reports are read from the editor, not from disk.
      if (/\.(?:md|markdown)$/i.test(path) && !this.context.documents.get(change.uri)) void indexing.reindex(path, change.type);
    }
  }

  configurationChanged(settings: unknown): void {
    this.rooms.settings.changed(settings);
    this.rooms.diagnostics.revalidateAll();
    this.rooms.views.refresh();
    this.rooms.indexing.settingsChanged();
  }

  private foldersChanged(event: WorkspaceFoldersChangeEvent): void {
    this.rooms.workspace.changeFolders(event);
    this.rooms.settings.clear();
    // In Restricted Mode a file read before may now lie outside the folders: nothing kept is trusted.
    this.rooms.service.invalidateFiles();
    this.rooms.diagnostics.revalidateAll();
    this.rooms.views.refresh();
  }

  private projectConfigChanged(): void {
    this.rooms.service.invalidateProjectConfig();
    this.rooms.diagnostics.revalidateAll();
  }
}
