// What the status bar item says, from the server's `incidentMarkup/status`: plain functions of
// plain data, with no VS Code import, so that they are tested without VS Code.

/** The notification the server sends to a client that sets `initializationOptions.statusNotification`. */
export const STATUS_NOTIFICATION = 'incidentMarkup/status';

/** The params of `incidentMarkup/status`, as server/src/lsp/serverStatus.ts sends them (repeated here: the client imports nothing of the server). */
export interface ServerStatus {
  state: 'starting' | 'loading' | 'ready' | 'error';
  loading: { task: 'gazetteer' | 'index'; percent: number | null } | null;
  gazetteerFiles: number;
  entries: number;
  reportsIndexed: number;
  layers: { kind: 'front-matter' | 'team' | 'import' | 'built-in'; files: string[]; places: number; actors: number }[];
  errors: { uri: string | null; line: number | null; message: string }[];
  errorCount: number;
}

/** What the item shows: the server's last status, or the client's own state before one comes or once the server is gone. */
export type StatusInput = ServerStatus | 'starting' | 'stopped';

export interface StatusView {
  /** With a codicon, as a status bar item's text takes it. */
  text: string;
  tooltip: string;
  /** For screen readers: the same without codicons. */
  accessibilityLabel: string;
}

const PREFIX = 'Incidents: ';
const CLICK = 'Click to show the output (Incident Markup).';

const count = (value: number) => value.toLocaleString('en');
const plural = (value: number, one: string, many = `${one}s`) => `${count(value)} ${value === 1 ? one : many}`;
/** Short in the status bar: the built-in layer alone has some 280,000 places. */
const short = (value: number) => (value < 10_000 ? count(value) : new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 0 }).format(value));

/** The last segment of a file uri, as a writer knows the file. */
export function fileName(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

function loadingWords(loading: NonNullable<ServerStatus['loading']>): string {
  const percent = loading.percent === null ? '' : ` ${loading.percent}%`;
  return loading.task === 'gazetteer' ? `loading gazetteer${percent}` : `indexing reports${percent}`;
}

/** One line per layer: the writer's files first, then what lies under them. */
function layerLine(layer: ServerStatus['layers'][number]): string {
  const files = layer.files.map(fileName).join(', ');
  const sizes = layer.kind === 'import' || layer.kind === 'built-in' ? plural(layer.places, 'place') : `${plural(layer.places, 'place')}, ${plural(layer.actors, 'actor')}`;
  if (layer.kind === 'built-in') return `Built-in world gazetteer: ${sizes}`;
  if (layer.kind === 'import') return `GeoNames import ${files}: ${sizes}`;
  if (layer.kind === 'front-matter') return `The report's own ${files}: ${sizes}`;
  return `${files}: ${sizes}`;
}

function errorLine(error: ServerStatus['errors'][number]): string {
  if (error.uri === null) return error.message;
  return `${fileName(error.uri)}${error.line === null ? '' : `:${error.line + 1}`}: ${error.message}`;
}

function tooltipOf(status: ServerStatus, headline: string): string {
  const lines = [`Incident Markup: ${headline}`, `Gazetteer files: ${count(status.gazetteerFiles)}`];
  lines.push(...status.layers.map((layer) => `  ${layerLine(layer)}`));
  lines.push(`Entries: ${count(status.entries)}`, `Reports indexed: ${count(status.reportsIndexed)}`);
  if (status.errorCount > 0) {
    lines.push(`Errors (${count(status.errorCount)}):`, ...status.errors.map((error) => `  ${errorLine(error)}`));
    const more = status.errorCount - status.errors.length;
    if (more > 0) lines.push(`  and ${plural(more, 'more error')}`);
  }
  lines.push(CLICK);
  return lines.join('\n');
}

/** The item's text, tooltip and accessible label for a status. */
export function statusView(input: StatusInput): StatusView {
  if (input === 'starting') {
    return { text: `$(sync~spin) ${PREFIX}starting`, tooltip: `Incident Markup: the language server is starting.\n${CLICK}`, accessibilityLabel: 'Incident Markup: starting. Show the output.' };
  }
  if (input === 'stopped') {
    return {
      text: `$(circle-slash) ${PREFIX}stopped`,
      tooltip: `Incident Markup: the language server is not running; run "Incident Markup: Restart Language Server".\n${CLICK}`,
      accessibilityLabel: 'Incident Markup: the language server is not running. Show the output.',
    };
  }
  const summary = `${input.gazetteerFiles === 0 ? 'no gazetteer file' : plural(input.gazetteerFiles, 'gazetteer')} · ${short(input.entries)} ${input.entries === 1 ? 'entry' : 'entries'}`;
  const spoken = `${input.gazetteerFiles === 0 ? 'no gazetteer file' : plural(input.gazetteerFiles, 'gazetteer file')}, ${plural(input.entries, 'entry', 'entries')}, ${plural(input.reportsIndexed, 'report')} indexed`;
  if (input.state === 'loading' && input.loading) {
    const words = loadingWords(input.loading);
    return { text: `$(sync~spin) ${PREFIX}${words}`, tooltip: tooltipOf(input, words), accessibilityLabel: `Incident Markup: ${words}, ${spoken}. Show the output.` };
  }
  if (input.state === 'error' || input.errorCount > 0) {
    const errors = plural(input.errorCount, 'error');
    return { text: `$(warning) ${PREFIX}${errors}`, tooltip: tooltipOf(input, errors), accessibilityLabel: `Incident Markup: ${errors}, ${spoken}. Show the output.` };
  }
  if (input.state === 'starting') return { ...statusView('starting'), tooltip: tooltipOf(input, 'starting') };
  return { text: `$(check) ${PREFIX}${summary}`, tooltip: tooltipOf(input, 'ready'), accessibilityLabel: `Incident Markup: ready, ${spoken}. Show the output.` };
}
