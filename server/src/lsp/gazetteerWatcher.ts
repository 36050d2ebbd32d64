import { basename } from 'node:path';
import { DEFAULT_GAZETTEER_NAMES } from '../core/gazetteer/findGazetteerFiles.js';
import type { LanguageService } from '../core/languageService.js';
import { pathKey } from '../core/workspace/fileSystem.js';
import type { ServerContext } from './context.js';
import { pathOf } from './workspace.js';

function hasDefaultGazetteerName(path: string): boolean {
  return DEFAULT_GAZETTEER_NAMES.includes(basename(path).toLowerCase());
}

/** The gazetteer files in use by open reports, and what follows when one changes or all are reloaded. */
export class GazetteerWatcher {
  /** The gazetteer files each open report was last checked against. */
  private readonly byReport = new Map<string, readonly string[]>();

  constructor(
    private readonly context: ServerContext,
    private readonly service: LanguageService,
    /** Every report may now read differently, and the gazetteers' own problems may have changed. */
    private readonly onChange: () => void,
  ) {}

  recordChecked(uri: string, files: readonly string[]): void {
    if (this.context.documents.get(uri)) this.byReport.set(uri, files);
  }

  forget(uri: string): void {
    this.byReport.delete(uri);
  }

  isGazetteerPath(path: string): boolean {
    if (hasDefaultGazetteerName(path)) return true;
    const key = pathKey(path);
    return [...this.byReport.values()].some((files) => files.some((file) => pathKey(file) === key));
  }

  inUse(): Set<string> {
    const paths = new Set<string>();
    for (const files of this.byReport.values()) for (const file of files) paths.add(file);
    for (const document of this.context.documents.all()) {
      const path = pathOf(document.uri);
      if (path !== undefined && hasDefaultGazetteerName(path)) paths.add(path);
    }
    return paths;
  }

  /** `text`: the file's text as the editor now holds it, when the change comes from the editor. */
  changed(path: string, text?: string): void {
    // The store keeps each file until told otherwise (and then keeps its last good version if the
    // new text does not parse); it knows the file by the path the core built, which may be
    // spelt differently from the one in the uri.
    const key = pathKey(path);
    let invalidated = this.service.invalidateGazetteer(path, text);
    for (const known of this.inUse()) if (known !== path && pathKey(known) === key) invalidated = this.service.invalidateGazetteer(known, text) || invalidated;
    // The editor opened the file with the text already loaded: nothing to check again.
    if (invalidated) this.onChange();
  }

  /** Reads every gazetteer in use again (the Reload Gazetteer command); returns them. */
  reload(): string[] {
    for (const path of this.inUse()) this.service.invalidateGazetteer(path);
    // Also when no report has one yet: a gazetteer.yaml made since must be found.
    this.service.invalidateGazetteer('');
    this.onChange();
    return [...this.inUse()].sort();
  }
}
