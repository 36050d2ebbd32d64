import { ROLES, type OverviewIncident, type OverviewModel } from './overviewData.js';
import { htmlElement, OverviewState, type Filters } from './overviewState.js';
import { mapView } from './mapView.js';
import { tableView } from './tableView.js';
import { timelineView } from './timelineView.js';

export interface OverviewHost {
  /** Called when the reader asks to see an incident in its report (the VS Code panel reveals it in the editor). */
  reveal?: (incident: OverviewIncident) => void;
  /** Called on every selection (`origin`: the view it was made in, or `host`), so a host can keep it and follow it. */
  selected?: (key: string | null, origin: string) => void;
  /** Called when a filter or the map's zoom changes, so that a host can keep them across hide and show. */
  changed?: (view: OverviewView) => void;
  /** Called once every view is drawn in full: the table adds most of its rows after the page's first paint. */
  complete?: () => void;
}

/** What of the page a host keeps, to draw it again as it was (the VS Code panel, hidden and shown, or given a newer model). */
export interface OverviewView {
  selected: string | null;
  filters: Filters;
  zoom: { k: number; x: number; y: number };
}

/**
 * Draws the overview into `root`: the filter bar, the map, the timeline and the table, linked
 * through one OverviewState (a filter or a selection made in one view shows in all three).
 */
export function renderOverview(root: HTMLElement, model: OverviewModel, host: OverviewHost = {}, view?: OverviewView): OverviewState {
  const state = new OverviewState(model);
  if (view) {
    state.filters = { ...view.filters };
    state.zoom = { ...view.zoom };
    state.setFilters({}, 'restore');
  }
  root.replaceChildren();
  const titles = model.reports.map((report) => report.title ?? report.file);
  root.append(htmlElement('h1', {}, `Incidents Overview: ${titles.length === 1 ? titles[0] : `${titles.length} reports`}`));
  root.append(summary(model));
  root.append(filterBar(state));
  const reveal = (incident: OverviewIncident) => {
    state.select(incident.key, 'reveal');
    host.reveal?.(incident);
  };
  const views = [mapView(root, state), timelineView(root, state), tableView(root, state, reveal, () => host.complete?.())];
  const status = root.querySelector<HTMLElement>('#overview-status')!;
  const current = (): OverviewView => ({ selected: state.selected, filters: { ...state.filters }, zoom: { ...state.zoom } });
  state.onChange((change, origin) => {
    if (change !== 'zoom') for (const update of views) update();
    if (change === 'filter') {
      status.textContent = shownText(state);
      // A filter set in a view (a country clicked on the map) shows in the filter bar, where it can be cleared.
      if (origin !== 'filters') showFilters(root, state.filters);
    }
    if (change === 'select') host.selected?.(state.selected, origin);
    host.changed?.(current());
  });
  for (const update of views) update();
  if (view?.selected != null && state.byKey(view.selected)) state.select(view.selected, 'restore');
  return state;
}

function showFilters(root: HTMLElement, filters: Filters): void {
  for (const name of ['actor', 'place', 'type'] as const) {
    const field = root.querySelector<HTMLInputElement | HTMLSelectElement>(`#filter-${name}`);
    if (field) field.value = filters[name];
  }
}

function summary(model: OverviewModel): HTMLElement {
  const incidents = model.incidents.length;
  const located = model.incidents.filter((incident) => incident.place?.latitude != null).length;
  const problems = model.incidents.reduce((sum, incident) => sum + incident.diagnostics.length, 0) + model.reports.reduce((sum, report) => sum + report.outside.length, 0);
  const text = `${incidents} incidents in ${model.reports.length} ${model.reports.length === 1 ? 'report' : 'reports'}, ${located} on the map, ${problems} problems` + (model.period ? `, from ${model.period.start} to ${model.period.end}` : '');
  const element = htmlElement('p', { class: 'summary' }, text);
  for (const report of model.reports) {
    if (report.builtinError) element.append(htmlElement('span', { class: 'warning' }, ` ${report.file}: the built-in world layer could not be loaded (${report.builtinError}).`));
  }
  return element;
}

function filterBar(state: OverviewState): HTMLElement {
  const form = htmlElement('form', { class: 'filters', role: 'search', 'aria-label': 'Filter the incidents' });
  form.addEventListener('submit', (event) => event.preventDefault());
  const actors = [...new Set(state.model.incidents.flatMap((incident) => ROLES.flatMap(([group]) => incident.actors[group])))].sort();
  const places = [...new Set(state.model.incidents.flatMap((incident) => [incident.place?.name, incident.place?.admin1, incident.place?.country].filter((name): name is string => !!name)))].sort();
  const field = (name: 'actor' | 'place', label: string, options: string[]) => {
    const id = `filter-${name}`;
    const input = htmlElement('input', { id, type: 'search', list: `${id}-options`, autocomplete: 'off' });
    input.value = state.filters[name];
    const list = htmlElement('datalist', { id: `${id}-options` });
    for (const option of options) list.append(htmlElement('option', { value: option }));
    input.addEventListener('input', () => state.setFilters({ [name]: input.value }, 'filters'));
    form.append(htmlElement('label', { for: id }, label), input, list);
  };
  field('actor', 'Actor', actors);
  field('place', 'Place', places);
  const types = [...new Set(state.model.incidents.flatMap((incident) => incident.figures.map((figure) => figure.type)))];
  const select = htmlElement('select', { id: 'filter-type' });
  select.append(htmlElement('option', { value: '' }, 'any'));
  for (const type of types) select.append(htmlElement('option', { value: type }, type));
  select.value = state.filters.type;
  select.addEventListener('change', () => state.setFilters({ type: select.value }, 'filters'));
  form.append(htmlElement('label', { for: 'filter-type' }, 'Figure of type'), select);
  const clear = htmlElement('button', { type: 'reset' }, 'Clear filters');
  form.addEventListener('reset', () => state.setFilters({ actor: '', place: '', type: '' }, 'filters'));
  // Filters kept from before (the panel hidden and shown again) count from the start.
  const filtered = state.filters.actor !== '' || state.filters.place !== '' || state.filters.type !== '';
  form.append(clear, htmlElement('span', { id: 'overview-status', role: 'status', 'aria-live': 'polite' }, filtered ? shownText(state) : `${state.model.incidents.length} incidents shown`));
  return form;
}

function shownText(state: OverviewState): string {
  return `${state.visibleCount()} of ${state.model.incidents.length} incidents shown`;
}
