import { ROLES, type OverviewIncident, type OverviewModel } from './overviewData.js';

/** What the filter bar sets; every view shows only the incidents that pass all three. */
export interface Filters {
  /** Part of an actor's name, any role; empty: any. */
  actor: string;
  /** Part of the place's name, as written, or an area above it; empty: any. */
  place: string;
  /** A count type the incident has a figure of (`killed`); empty: any. */
  type: string;
}

type Listener = (change: 'filter' | 'select' | 'zoom', origin: string) => void;

/**
 * The state the three views share: which incidents the filters let through and which one is
 * selected. A view changes it and every view (itself included) redraws from it, so they never
 * disagree.
 */
export class OverviewState {
  selected: string | null = null;
  filters: Filters = { actor: '', place: '', type: '' };
  /** The map's zoom and pan, in SVG units (k 1 at x, y 0: the report's extent). */
  zoom = { k: 1, x: 0, y: 0 };
  private readonly listeners: Listener[] = [];
  private visibleKeys = new Set<string>();

  private readonly keys: Map<string, OverviewIncident>;

  constructor(readonly model: OverviewModel) {
    // Each view looks incidents up by key on every update: a map, not a search of thousands.
    this.keys = new Map(model.incidents.map((incident) => [incident.key, incident]));
    this.refilter();
  }

  byKey(key: string): OverviewIncident | undefined {
    return this.keys.get(key);
  }

  isVisible(incident: OverviewIncident): boolean {
    return this.visibleKeys.has(incident.key);
  }

  visibleCount(): number {
    return this.visibleKeys.size;
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  select(key: string | null, origin: string): void {
    this.selected = key;
    for (const listener of this.listeners) listener('select', origin);
  }

  zoomed(origin: string): void {
    for (const listener of this.listeners) listener('zoom', origin);
  }

  setFilters(filters: Partial<Filters>, origin: string): void {
    this.filters = { ...this.filters, ...filters };
    this.refilter();
    for (const listener of this.listeners) listener('filter', origin);
  }

  private refilter(): void {
    const actor = this.filters.actor.trim().toLowerCase();
    const place = this.filters.place.trim().toLowerCase();
    const { type } = this.filters;
    this.visibleKeys = new Set(
      this.model.incidents
        .filter((incident) => (actor === '' || actorNames(incident).some((name) => name.toLowerCase().includes(actor))))
        .filter((incident) => (place === '' || placeNames(incident).some((name) => name.toLowerCase().includes(place))))
        .filter((incident) => type === '' || incident.figures.some((figure) => figure.type === type))
        .map((incident) => incident.key),
    );
  }
}

export function actorNames(incident: OverviewIncident): string[] {
  return ROLES.flatMap(([group]) => incident.actors[group]);
}

function placeNames(incident: OverviewIncident): string[] {
  const place = incident.place;
  if (!place) return [];
  return [place.label, place.name, place.admin2, place.admin1, place.country].filter((name): name is string => name !== null);
}

/**
 * Keyboard navigation in a view of many marks: one of them is in the tab order (tabindex 0), the
 * arrow keys move along them in the view's order, Home and End to either end, and Enter or Space
 * select the focused one. Thousands of tab stops would make the page unusable from the keyboard.
 */
export function rovingFocus(container: Element, selector: string, activate: (element: HTMLElement | SVGElement) => void): void {
  container.addEventListener('keydown', (event) => {
    const key = (event as KeyboardEvent).key;
    const target = (event.target as Element).closest(selector) as HTMLElement | SVGElement | null;
    if (!target) return;
    if (key === 'Enter' || key === ' ') {
      event.preventDefault();
      activate(target);
      return;
    }
    const marks = [...container.querySelectorAll<HTMLElement | SVGElement>(selector)].filter((mark) => !mark.classList.contains('hidden'));
    const index = marks.indexOf(target);
    const next = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: marks.length - 1 }[key];
    if (next === undefined) return;
    event.preventDefault();
    const mark = marks[Math.max(0, Math.min(marks.length - 1, next))];
    if (mark) focusMark(container, selector, mark);
  });
}

/**
 * Links a view's marks to the shared state: the first is in the tab order, a click or Enter on one
 * selects its incident (from `origin`), and the update returned shows each as hidden, selected and
 * focusable as the state says. `raiseSelected` draws the selected mark last, on top of its
 * neighbours (the map's marks overlap; the timeline's lanes do not).
 */
export function linkMarks(
  container: SVGGElement,
  drawn: readonly { incident: OverviewIncident; mark: SVGGElement }[],
  state: OverviewState,
  origin: string,
  raiseSelected = false,
): () => void {
  drawn[0]?.mark.setAttribute('tabindex', '0');
  container.addEventListener('click', (event) => {
    const mark = (event.target as Element).closest('.mark');
    if (mark) state.select(mark.getAttribute('data-key'), origin);
  });
  rovingFocus(container, '.mark', (mark) => state.select(mark.getAttribute('data-key'), origin));
  return () => {
    for (const { incident, mark } of drawn) {
      mark.classList.toggle('hidden', !state.isVisible(incident));
      const selected = state.selected === incident.key;
      mark.classList.toggle('selected', selected);
      mark.setAttribute('aria-pressed', String(selected));
      if (!selected) continue;
      if (raiseSelected) container.append(mark);
      focusMark(container, '.mark', mark, false);
    }
  };
}

/** Makes `mark` the one mark of its view in the tab order, and focuses it. */
export function focusMark(container: Element, selector: string, mark: HTMLElement | SVGElement, focus = true): void {
  for (const other of container.querySelectorAll<HTMLElement | SVGElement>(`${selector}[tabindex="0"]`)) other.setAttribute('tabindex', '-1');
  mark.setAttribute('tabindex', '0');
  if (focus) mark.focus();
}

export const SVG = 'http://www.w3.org/2000/svg';

export function svgElement<K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, name);
  for (const [attribute, value] of Object.entries(attributes)) element.setAttribute(attribute, String(value));
  return element;
}

export function htmlElement<K extends keyof HTMLElementTagNameMap>(name: K, attributes: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(name);
  for (const [attribute, value] of Object.entries(attributes)) element.setAttribute(attribute, value);
  if (text !== undefined) element.textContent = text;
  return element;
}

/**
 * The markup of an SVG element, for views of many marks: parsing one string of a thousand marks
 * (innerHTML) is several times faster than making each with createElementNS and setAttribute, a
 * tenth of a second of a 1 MiB report's page start. Attribute values are escaped.
 */
export function svgMarkup(name: string, attributes: Record<string, string | number>, children = ''): string {
  let markup = `<${name}`;
  for (const [attribute, value] of Object.entries(attributes)) markup += ` ${attribute}="${escapeAttribute(String(value))}"`;
  return `${markup}>${children}</${name}>`;
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"]/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[character]!);
}
