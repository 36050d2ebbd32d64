import { dateText, figureText, lowOf, placeText, ROLES, type OverviewIncident } from './overviewData.js';
import { focusMark, htmlElement, rovingFocus, type OverviewState } from './overviewState.js';

const SEVERITY_ORDER = { error: 0, warning: 1, information: 2, hint: 3 } as const;

/** The columns a reader can sort by, with the order they sort in. */
const SORTS: Record<string, (a: OverviewIncident, b: OverviewIncident) => number> = {
  date: (a, b) => (a.date?.start ?? '9999').localeCompare(b.date?.start ?? '9999') || (a.date?.end ?? '').localeCompare(b.date?.end ?? ''),
  place: (a, b) => placeText(a).localeCompare(placeText(b)),
  actors: (a, b) => actorsText(a).localeCompare(actorsText(b)),
  figures: (a, b) => lowOf(b, 'killed') + lowOf(b, 'injured') - lowOf(a, 'killed') - lowOf(a, 'injured'),
  problems: (a, b) => (a.severity ? SEVERITY_ORDER[a.severity] : 9) - (b.severity ? SEVERITY_ORDER[b.severity] : 9) || b.diagnostics.length - a.diagnostics.length,
  where: (a, b) => a.file.localeCompare(b.file) || a.line - b.line,
};

const COLUMNS: [keyof typeof SORTS, string][] = [
  ['date', 'Date'],
  ['place', 'Place'],
  ['actors', 'Actors'],
  ['figures', 'Figures'],
  ['problems', 'Problems'],
  ['where', 'Where'],
];

function actorsText(incident: OverviewIncident): string {
  return ROLES.flatMap(([group]) => incident.actors[group]).join(', ');
}

/**
 * Rows in the table before the page's first paint: the table starts below the map and the
 * timeline (900 px down or more), and 20 rows reach past the bottom of a 1,500 px high window.
 * 20 rather than 50: 0.1 s less of the main thread's time before the first paint, at load 12.
 */
export const FIRST_ROWS = 20;
/** Rows added per frame after it. */
export const ROWS_PER_FRAME = 100;

/**
 * The table: one row per incident, sortable by each column (the header's buttons, aria-sort on
 * the column), the arrow keys moving between rows, Enter selecting one.
 *
 * Its rows are most of the page's layout (a 1 MiB report's 511 rows: 0.3-0.6 s of layout and
 * style before the first paint, the map and the timeline 0.02-0.07 s), and it starts below the
 * map and the timeline: so the first FIRST_ROWS rows are in the table when the page first paints,
 * and the others are made and added ROWS_PER_FRAME a frame after it, in the table's order, with
 * the columns' widths of the first rows kept (fixColumns); `complete` is called once all are in.
 * A row chosen before it is in (from the editor's cursor) is added at once, with the rows above it.
 */
export function tableView(root: HTMLElement, state: OverviewState, reveal: (incident: OverviewIncident) => void, complete: () => void): () => void {
  const section = htmlElement('section', { class: 'incidents', 'aria-labelledby': 'table-heading' });
  section.append(htmlElement('h2', { id: 'table-heading' }, 'Incidents'));
  const table = htmlElement('table');
  const caption = htmlElement('caption');
  const head = htmlElement('thead');
  const headRow = htmlElement('tr');
  const body = htmlElement('tbody');
  let sort: { column: string; descending: boolean } = { column: 'where', descending: false };
  for (const [column, title] of COLUMNS) {
    const cell = htmlElement('th', { scope: 'col', 'data-column': column });
    const button = htmlElement('button', { type: 'button' }, title);
    button.addEventListener('click', () => {
      sort = { column, descending: sort.column === column ? !sort.descending : false };
      order();
    });
    cell.append(button);
    headRow.append(cell);
  }
  head.append(headRow);
  table.append(caption, head, body);
  section.append(table);
  root.append(section);
  // The rows made so far, by key; the table's order; how many of it are in the table.
  const rows = new Map<string, HTMLTableRowElement>();
  let sorted: OverviewIncident[] = [];
  let added = 0;
  const showState = (key: string, row: HTMLTableRowElement) => {
    row.classList.toggle('hidden', !state.isVisible(state.byKey(key)!));
    const selected = state.selected === key;
    row.setAttribute('aria-selected', String(selected));
    if (selected) {
      focusMark(body, 'tr', row, false);
      row.scrollIntoView?.({ block: 'nearest' });
    }
  };
  const rowOf = (incident: OverviewIncident) => {
    let row = rows.get(incident.key);
    if (!row) {
      row = incidentRow(incident, reveal);
      rows.set(incident.key, row);
    }
    return row;
  };
  /** Puts the table's rows up to `count` in, after those already there. */
  const addRows = (count: number) => {
    const next = sorted.slice(added, count);
    if (next.length === 0) return;
    body.append(...next.map(rowOf));
    added += next.length;
    for (const incident of next) showState(incident.key, rows.get(incident.key)!);
    if (added === sorted.length) complete();
  };
  const order = () => {
    const compare = SORTS[sort.column]!;
    sorted = [...state.model.incidents].sort((a, b) => (sort.descending ? -1 : 1) * compare(a, b) || SORTS.where!(a, b));
    body.replaceChildren(...sorted.slice(0, added).map(rowOf));
    for (const cell of headRow.children) {
      const column = cell.getAttribute('data-column');
      if (column === sort.column) cell.setAttribute('aria-sort', sort.descending ? 'descending' : 'ascending');
      else cell.removeAttribute('aria-sort');
    }
  };
  order();
  addRows(FIRST_ROWS);
  if (added === 0) complete();
  body.firstElementChild?.setAttribute('tabindex', '0');
  const addLater = () => {
    if (added >= sorted.length) return;
    afterNextPaint(() => {
      // A page drawn again (a newer model in the panel) has replaced this table.
      if (!body.isConnected) return;
      if (!table.classList.contains('fixed')) fixColumns(table, headRow);
      addRows(added + ROWS_PER_FRAME);
      addLater();
    });
  };
  addLater();
  body.addEventListener('click', (event) => {
    if ((event.target as Element).closest('a, button')) return;
    const row = (event.target as Element).closest('tr');
    if (row) state.select(row.getAttribute('data-key'), 'table');
  });
  rovingFocus(body, 'tr', (row) => state.select(row.getAttribute('data-key'), 'table'));
  return () => {
    caption.textContent = `${state.visibleCount()} of ${state.model.incidents.length} incidents`;
    if (state.selected !== null) {
      // A row chosen elsewhere is shown even before its turn comes.
      const index = sorted.findIndex((incident) => incident.key === state.selected);
      if (index >= added) addRows(index + 1);
    }
    for (const [key, row] of rows) showState(key, row);
  };
}

/**
 * Keeps the columns' widths the first rows gave them, as shares of the table's width (so that they
 * follow the page's width): with a fixed layout, a row added is laid out alone, where the table's
 * automatic layout lays out all its rows again for each one added. Read just after a paint, the
 * widths cost no layout of their own.
 */
function fixColumns(table: HTMLTableElement, headRow: HTMLTableRowElement): void {
  const width = table.getBoundingClientRect().width;
  if (width === 0) return;
  const shares = [...headRow.children].map((cell) => (cell.getBoundingClientRect().width / width) * 100);
  for (const [index, cell] of [...headRow.children].entries()) (cell as HTMLElement).style.width = `${shares[index]!.toFixed(2)}%`;
  table.classList.add('fixed');
}

/**
 * Runs `task` once the browser has painted the next frame (a task queued from the frame's
 * callback runs after its paint); at once in a page that is not shown, which paints no frame.
 */
function afterNextPaint(task: () => void): void {
  if (document.visibilityState === 'hidden') setTimeout(task, 0);
  else requestAnimationFrame(() => setTimeout(task, 0));
}

function incidentRow(incident: OverviewIncident, reveal: (incident: OverviewIncident) => void): HTMLTableRowElement {
  const row = htmlElement('tr', { 'data-key': incident.key, tabindex: '-1', 'aria-selected': 'false', class: `severity-${incident.severity ?? 'none'}` });
  row.append(htmlElement('td', {}, dateText(incident)));
  row.append(htmlElement('td', {}, placeText(incident) + (incident.place?.precision === 'area' ? ' (area)' : '')));
  const actors = htmlElement('td');
  for (const [group, role] of ROLES) {
    if (incident.actors[group].length > 0) actors.append(htmlElement('div', {}, `${role}: ${incident.actors[group].join(', ')}`));
  }
  row.append(actors);
  const figures = htmlElement('td');
  for (const figure of incident.figures) {
    const sources = figure.sources.map((one) => `${one.asWritten}${one.source ? ` (${one.source})` : ''}`).join('; ');
    figures.append(htmlElement('div', {}, `${figureText(figure.low, figure.high)} ${figure.type}: ${sources}`));
  }
  row.append(figures);
  const problems = htmlElement('td');
  if (incident.diagnostics.length > 0) {
    const list = htmlElement('ul');
    for (const diagnostic of incident.diagnostics) {
      list.append(htmlElement('li', { class: `severity-${diagnostic.severity}` }, `${diagnostic.severity} ${diagnostic.code} (line ${diagnostic.range.start.line + 1}): ${diagnostic.message}`));
    }
    problems.append(list);
  }
  row.append(problems);
  const where = htmlElement('td');
  const link = htmlElement('button', { type: 'button', class: 'reveal', 'aria-label': `${incident.file}:${incident.line}, show ${incident.id ?? 'the incident'} in its report` }, `${incident.file}:${incident.line}`);
  link.addEventListener('click', () => reveal(incident));
  where.append(link);
  row.append(where);
  return row;
}
