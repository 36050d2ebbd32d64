import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { LayerKind } from '../core/gazetteer/gazetteerModel.js';
import type { CheckOutcome } from './checkWorker/messages.js';
import type { ServerContext } from './context.js';
import { pathOf, type Workspace } from './workspace.js';

/** The notification our VS Code client opts into (`initializationOptions.statusNotification`). */
export const STATUS_NOTIFICATION = 'incidentMarkup/status';
/**
 * At most one status (and its log lines) a quarter of a second: a long import or index tells its
 * progress without a message per chunk or per file, and keystrokes, which change nothing the
 * status shows, send nothing at all.
 */
const STATUS_INTERVAL_MS = 250;
/** Errors listed in one status; `errorCount` says how many there are in all. */
const MAX_LISTED_ERRORS = 10;

export type ServerState = 'starting' | 'loading' | 'ready' | 'error';

/** One layer of the gazetteers the open reports are checked against. */
export interface StatusLayer {
  kind: LayerKind;
  /** The gazetteer files (uris) of a team or front-matter layer, the dump of an import; none for the built-in layer. */
  files: string[];
  places: number;
  actors: number;
}

export interface StatusError {
  /** The file at fault, when there is one (a gazetteer, a report naming a missing gazetteer). */
  uri: string | null;
  /** 0-based, as in LSP; null when the error is about no line. */
  line: number | null;
  message: string;
}

/** The params of `incidentMarkup/status`: what the server has loaded and indexed, and what went wrong. */
export interface ServerStatusParams {
  state: ServerState;
  /** While the state is `loading`: a GeoNames import being read, or the workspace being indexed. */
  loading: { task: 'gazetteer' | 'index'; percent: number | null } | null;
  /** Distinct gazetteer files (team and front matter) the open reports are checked against. */
  gazetteerFiles: number;
  /** Entries of those gazetteers: the files' places and actors, the imports' and the built-in layer's places, each layer once. */
  entries: number;
  /** Reports in the workspace index (references, rename, workspace symbols), those open in the editor included. */
  reportsIndexed: number;
  layers: StatusLayer[];
  /** The first errors, gazetteers' first; `errorCount` counts them all. */
  errors: StatusError[];
  errorCount: number;
}

/** What the status keeps of an open report's last check. */
interface CheckedReport {
  path: string | undefined;
  usesMarkup: boolean;
  gazetteerFiles: readonly string[];
  layers: StatusLayer[];
}

const layerKey = (layer: StatusLayer) => `${layer.kind}\u0000${layer.files.join('\u0000')}`;
const errorKey = (error: StatusError) => `${error.uri ?? ''}\u0000${error.line ?? ''}\u0000${error.message}`;
const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString('en')} ${count === 1 ? one : many}`;

/**
 * The server's state as the status bar shows it, kept from what the other rooms tell it (checks,
 * gazetteer problems, imports' progress, indexing, failures), and sent as `incidentMarkup/status`
 * when it changes, coalesced, to a client that asked for it; loads and errors are logged for every
 * client, in the same turn.
 */
export class ServerStatus {
  private optedIn = false;
  private started = false;
  private readonly reports = new Map<string, CheckedReport>();
  /** The diagnostics of each gazetteer file in use, as last published. */
  private gazetteerDiagnostics: ReadonlyMap<string, { uri: string; diagnostics: readonly Diagnostic[] }> = new Map();
  private builtinError: string | undefined;
  /** The server's own failures, one per kind (`what` failed), already logged where they happened. */
  private readonly failures = new Map<string, string>();
  private gazetteerPercent: number | null | undefined;
  private indexPercent: number | null | undefined;
  private indexedJustNow = false;
  private timer: NodeJS.Timeout | undefined;
  private lastSent: string | undefined;
  private readonly loggedLayers = new Map<string, string>();
  private loggedErrors = new Set<string>();

  constructor(
    private readonly context: ServerContext,
    private readonly workspace: Workspace,
    /** The service's count of indexed reports, given the open reports that use the markup. */
    private readonly indexedReports: (openReports: readonly string[]) => number,
  ) {}

  /** Whether the client asked for the notification: other editors would be sent a method they do not know. */
  initialize(optedIn: boolean): void {
    this.optedIn = optedIn;
  }

  /** The client is initialized: from now on it may be told. */
  start(): void {
    this.started = true;
    this.changed();
  }

  reportChecked(uri: string, result: CheckOutcome): void {
    // A check that ends after its report was closed must not bring the report back.
    if (!this.context.documents.get(uri)) return;
    this.reports.set(uri, {
      path: pathOf(uri),
      usesMarkup: result.usesMarkup,
      gazetteerFiles: result.gazetteerFiles,
      layers: result.layers
        .filter((layer) => layer.kind === 'built-in' || layer.source !== '')
        .map((layer) => ({ kind: layer.kind, files: this.layerFiles(layer.kind, layer.source), places: layer.places, actors: layer.actors })),
    });
    this.changed();
  }

  /** The problems of every gazetteer file in use, after each time they are published. */
  gazetteerProblems(published: ReadonlyMap<string, { uri: string; diagnostics: readonly Diagnostic[] }>): void {
    this.gazetteerDiagnostics = published;
    this.changed();
  }

  /** A GeoNames import is being read; `percent` when its size is known. */
  gazetteerLoading(percent: number | null): void {
    this.gazetteerPercent = percent;
    this.changed();
  }

  /** A check is done, so whatever it loaded is loaded; with why the built-in layer failed, if it did. */
  gazetteerLoaded(builtinError: string | undefined): void {
    this.gazetteerPercent = undefined;
    this.builtinError = builtinError;
    this.changed();
  }

  indexing(percent: number | null): void {
    this.indexPercent = percent;
    this.changed();
  }

  indexed(): void {
    if (this.indexPercent !== undefined) this.indexedJustNow = true;
    this.indexPercent = undefined;
    // An import read for the index alone is loaded too, though no check follows to say so.
    this.gazetteerPercent = undefined;
    this.changed();
  }

  /** Reports were indexed again or dropped (a change on disk). */
  indexChanged(): void {
    this.changed();
  }

  /** The server failed at something (already logged where it happened). */
  readonly failed = (what: string, error: unknown): void => {
    const message = error instanceof Error ? error.message : String(error);
    this.failures.set(what, `${what} failed: ${message.split('\n')[0]}`);
    this.changed();
  };

  /** Something the status shows may have changed: it is looked at again within the interval. */
  private changed(): void {
    if (!this.started || this.timer || this.context.shutDown) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.context.shutDown) this.tell();
    }, STATUS_INTERVAL_MS);
    // A pending status must not keep a finished process (a test's) alive.
    this.timer.unref();
  }

  /** The status now; sent when it differs from the last one sent, then the loads and errors logged. */
  private tell(): void {
    const errors = this.errors();
    const status = this.current(errors);
    const json = JSON.stringify(status);
    // Before the log lines of the same turn, so that a log line says the status has been sent.
    if (this.optedIn && json !== this.lastSent) {
      this.lastSent = json;
      void this.context.connection.sendNotification(STATUS_NOTIFICATION, status).catch(() => undefined);
    }
    this.log(status, errors);
  }

  private current(errors: readonly StatusError[]): ServerStatusParams {
    // Closed reports leave: closing one is followed by its reindexing and by a publication of the
    // gazetteers' problems, each of which brings the status here.
    for (const uri of this.reports.keys()) if (!this.context.documents.get(uri)) this.reports.delete(uri);
    const open = [...this.reports.values()];
    const layers = new Map<string, StatusLayer>();
    for (const layer of open.flatMap((report) => report.layers)) layers.set(layerKey(layer), layer);
    const ordered = [...layers.values()].sort((a, b) => LAYER_ORDER.indexOf(a.kind) - LAYER_ORDER.indexOf(b.kind));
    const loading =
      this.gazetteerPercent !== undefined
        ? { task: 'gazetteer' as const, percent: this.gazetteerPercent }
        : this.indexPercent !== undefined
          ? { task: 'index' as const, percent: this.indexPercent }
          : null;
    const openPaths = open.filter((report) => report.usesMarkup && report.path !== undefined).map((report) => report.path!);
    return {
      state: loading ? 'loading' : errors.length > 0 ? 'error' : 'ready',
      loading,
      gazetteerFiles: new Set(open.flatMap((report) => report.gazetteerFiles)).size,
      entries: ordered.reduce((sum, layer) => sum + layer.places + layer.actors, 0),
      reportsIndexed: this.indexedReports(openPaths),
      layers: ordered,
      errors: errors.slice(0, MAX_LISTED_ERRORS),
      errorCount: errors.length,
    };
  }

  /**
   * Every error, each once: the gazetteers' own (an unreadable file or import among them), the
   * built-in layer's, the server's failures. A gazetteer a report names that does not exist is the
   * report's diagnostic (gazetteer-not-found, information unless the team raises it), not the server's.
   */
  private errors(): StatusError[] {
    const errors = new Map<string, StatusError>();
    const add = (error: StatusError) => errors.set(errorKey(error), error);
    for (const { uri, diagnostics } of this.gazetteerDiagnostics.values()) {
      for (const diagnostic of diagnostics) {
        if (diagnostic.severity === DiagnosticSeverity.Error) add({ uri, line: diagnostic.range.start.line, message: diagnostic.message });
      }
    }
    if (this.builtinError !== undefined) add({ uri: null, line: null, message: `The built-in world gazetteer could not be loaded: ${this.builtinError}` });
    for (const message of this.failures.values()) add({ uri: null, line: null, message });
    return [...errors.values()];
  }

  /** Each layer once when it is loaded or its size changes, the index when it is built, each error once when it appears. */
  private log(status: ServerStatusParams, all: readonly StatusError[]): void {
    const { console } = this.context.connection;
    for (const layer of status.layers) {
      const key = layerKey(layer);
      const sizes = `${layer.places}/${layer.actors}`;
      if (this.loggedLayers.get(key) === sizes) continue;
      this.loggedLayers.set(key, sizes);
      console.info(`Loaded ${describeLayer(layer)}`);
    }
    if (this.indexedJustNow) {
      this.indexedJustNow = false;
      console.info(`Indexed ${plural(status.reportsIndexed, 'report')}`);
    }
    // Listed or not, each error is logged; the server's failures were logged where they happened.
    const keys = new Set(all.map(errorKey));
    for (const error of all) {
      const key = errorKey(error);
      if (this.loggedErrors.has(key) || error.uri === null) continue;
      // A warning, not an error: the error level is kept for the server's own failures.
      console.warn(`${pathOf(error.uri) ?? error.uri}${error.line === null ? '' : `:${error.line + 1}`}: ${error.message}`);
    }
    if (this.loggedErrors.size > 0 && keys.size === 0) console.info('No errors left');
    this.loggedErrors = keys;
  }

  /** The files of a layer as uris (a file layer's source lists them, comma-separated); the built-in layer has none. */
  private layerFiles(kind: LayerKind, source: string): string[] {
    if (kind === 'built-in') return [];
    return (kind === 'import' ? [source] : source.split(', ')).map((path) => this.workspace.uriForPath(path));
  }
}

/** Highest layer first, as a writer reads them: their own files, then what lies under them. */
const LAYER_ORDER: readonly LayerKind[] = ['front-matter', 'team', 'import', 'built-in'];

function describeLayer(layer: StatusLayer): string {
  const files = layer.files.map((uri) => pathOf(uri) ?? uri).join(', ');
  const sizes = layer.actors > 0 || layer.kind === 'team' || layer.kind === 'front-matter' ? `${plural(layer.places, 'place')}, ${plural(layer.actors, 'actor')}` : plural(layer.places, 'place');
  switch (layer.kind) {
    case 'built-in':
      return `the built-in world gazetteer: ${sizes}`;
    case 'import':
      return `GeoNames import ${files}: ${sizes}`;
    case 'front-matter':
      return `the report's own gazetteer ${files}: ${sizes}`;
    default:
      return `gazetteer ${files}: ${sizes}`;
  }
}
