import { geoNaturalEarth1, geoNaturalEarth1Raw, geoPath, type GeoProjection } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection, Polygon, MultiPolygon } from 'topojson-specification';
// As text, parsed with JSON.parse when the map is drawn: V8 parses a 108 KB string and then JSON much
// faster than the same data as a JavaScript literal, which a page opened once compiles cold.
import countries110mText from 'world-atlas/countries-110m.json' with { type: 'text' };
import { incidentLabel, lowOf, type OverviewIncident, type OverviewModel } from './overviewData.js';
import { htmlElement, linkMarks, svgElement, svgMarkup, type OverviewState } from './overviewState.js';

/** The map's drawing size in SVG units (the SVG scales to the page's width). */
export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 480;
const MAP_PADDING = 40;
/** The least span, in degrees, the map starts at: a report of one town still shows its region. */
const MIN_SPAN = 3;

/**
 * Natural Earth projection fitted to the report's extent (widened to MIN_SPAN degrees around its
 * centre), or to the whole world when no incident has coordinates. The page test computes the
 * same projection with d3-geo to check where each point is drawn.
 */
export function mapProjection(extent: OverviewModel['extent']): GeoProjection {
  const projection = geoNaturalEarth1();
  const box: [[number, number], [number, number]] = [[MAP_PADDING, MAP_PADDING], [MAP_WIDTH - MAP_PADDING, MAP_HEIGHT - MAP_PADDING]];
  if (!extent) return projection.fitExtent(box, { type: 'Sphere' });
  const longitude = (extent.west + extent.east) / 2;
  const latitude = (extent.south + extent.north) / 2;
  const halfWidth = Math.max(extent.east - extent.west, MIN_SPAN) / 2;
  const halfHeight = Math.max(extent.north - extent.south, MIN_SPAN) / 2;
  const corners = [
    [longitude - halfWidth, latitude - halfHeight],
    [longitude + halfWidth, latitude + halfHeight],
    [longitude - halfWidth, latitude + halfHeight],
    [longitude + halfWidth, latitude - halfHeight],
  ];
  return projection.fitExtent(box, { type: 'MultiPoint', coordinates: corners });
}

/** A mark's radius in SVG units: its area grows with the people killed and injured (low ends), from 4 for none to 30. */
export function markRadius(incident: OverviewIncident): number {
  const casualties = lowOf(incident, 'killed') + lowOf(incident, 'injured');
  return Math.min(30, 4 + 1.5 * Math.sqrt(casualties));
}

type Countries = Topology<{ countries: GeometryCollection<{ name: string }> }>;

/**
 * The countries' outlines as SVG paths in `projection`, read from the TopoJSON straight: each arc
 * (a border two countries share is one arc) decoded and projected once, and each ring joined from
 * its arcs. topojson-client's feature() and d3-geo's geoPath took 75-90 ms of the page's start
 * for the 177 countries (8,246 points; 16 ms this way), most of it in geoPath's clipping and
 * resampling, which only the three countries whose outlines cross the antimeridian need (Russia,
 * Fiji, Antarctica: a straight line would cross the whole map): those are still drawn by d3-geo.
 */
export function countryOutlines(projection: GeoProjection): { name: string; path: string }[] {
  const topology = JSON.parse(countries110mText as unknown as string) as Countries;
  const [scaleX, scaleY] = topology.transform!.scale;
  const [translateX, translateY] = topology.transform!.translate;
  const crossing = new Set<number>();
  // The projection's own formula, scaled and translated as d3-geo does it for a projection with no
  // rotation, centre or angle (mapProjection's): the same numbers, without d3's per-point stream.
  const k = projection.scale();
  const [offsetX, offsetY] = projection.translate();
  const RADIANS = Math.PI / 180;
  // Quantized, delta-encoded positions (the TopoJSON specification, 2.1.4), as "x,y" in SVG units.
  const arcs = topology.arcs.map((arc, index) => {
    let x = 0;
    let y = 0;
    let previous = NaN;
    return arc.map(([dx, dy]) => {
      x += dx!;
      y += dy!;
      const longitude = x * scaleX + translateX;
      if (Math.abs(longitude - previous) > 180) crossing.add(index);
      previous = longitude;
      const [rawX, rawY] = geoNaturalEarth1Raw(longitude * RADIANS, (y * scaleY + translateY) * RADIANS);
      return `${Math.round((offsetX + k * rawX) * 100) / 100},${Math.round((offsetY - k * rawY) * 100) / 100}`;
    });
  });
  const ring = (indexes: number[]) => {
    const points: string[] = [];
    for (const index of indexes) {
      // A negative index is the one's complement of an arc taken backwards; each arc after the first starts where the one before ends.
      const arc = index < 0 ? [...arcs[~index]!].reverse() : arcs[index]!;
      for (let i = points.length === 0 ? 0 : 1; i < arc.length; i++) points.push(arc[i]!);
    }
    return `M${points.join('L')}Z`;
  };
  const clipped = geoPath(projection);
  return topology.objects.countries.geometries.map((geometry) => {
    const name = (geometry.properties as { name?: string } | undefined)?.name ?? '';
    const polygons = geometry.type === 'Polygon' ? [(geometry as Polygon).arcs] : geometry.type === 'MultiPolygon' ? (geometry as MultiPolygon).arcs : [];
    if (polygons.some((polygon) => polygon.some((indexes) => indexes.some((index) => crossing.has(index < 0 ? ~index : index))))) {
      return { name, path: clipped(feature(topology, geometry)) ?? '' };
    }
    return { name, path: polygons.flatMap((polygon) => polygon.map(ring)).join('') };
  });
}

interface Placed {
  incident: OverviewIncident;
  x: number;
  y: number;
  mark: SVGGElement;
}

/**
 * The map: country outlines (Natural Earth 1:110m, world-atlas), each located incident a mark at
 * its coordinates (a circle for a place, a diamond for an incident known only to be in an area),
 * the others listed beside it. Wheel and drag, or the buttons and + / - keys, zoom and pan; marks
 * keep their size.
 */
export function mapView(root: HTMLElement, state: OverviewState): () => void {
  const projection = mapProjection(state.model.extent);
  const section = htmlElement('section', { class: 'map', 'aria-labelledby': 'map-heading' });
  section.append(htmlElement('h2', { id: 'map-heading' }, 'Map'));
  const svg = svgElement('svg', { viewBox: `0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`, role: 'group', 'aria-label': 'Map of the incidents; arrow keys move between them, + and - zoom' });
  const outlines = svgElement('g', { class: 'countries', 'aria-hidden': 'true' });
  for (const country of countryOutlines(projection)) {
    const outline = svgElement('path', { d: country.path, 'data-country': country.name });
    outline.append(svgElement('title'));
    outline.firstChild!.textContent = `${country.name}: click to show only its incidents`;
    outlines.append(outline);
  }
  // A filter made on the map: a click on a country keeps its incidents in every view (again: all
  // of them). The filter bar's place field does the same from the keyboard.
  outlines.addEventListener('click', (event) => {
    const country = (event.target as Element).getAttribute('data-country');
    if (country === null || dragged) return;
    state.setFilters({ place: state.filters.place === country ? '' : country }, 'map');
  });
  const marks = svgElement('g', { class: 'marks' });
  svg.append(svgElement('rect', { class: 'sea', width: MAP_WIDTH, height: MAP_HEIGHT, 'aria-hidden': 'true' }), outlines, marks);
  const placed: Placed[] = [];
  const unlocated: OverviewIncident[] = [];
  // Largest first, so that a small incident is not hidden under a large one.
  const located = state.model.incidents.map((incident) => ({ incident, radius: markRadius(incident) })).sort((a, b) => b.radius - a.radius);
  const markup: string[] = [];
  for (const { incident, radius } of located) {
    const place = incident.place;
    const point = place?.latitude != null && place.longitude != null ? projection([place.longitude, place.latitude]) : null;
    if (!point) continue;
    const area = place?.precision === 'area';
    const shape = area ? svgMarkup('path', { d: `M0,${-radius}L${radius},0L0,${radius}L${-radius},0Z` }) : svgMarkup('circle', { r: radius });
    markup.push(svgMarkup('g', {
      class: `mark severity-${incident.severity ?? 'none'}${area ? ' area' : ''}`,
      role: 'button',
      tabindex: '-1',
      'data-key': incident.key,
      'aria-label': `${incidentLabel(incident)}${area ? '; placed at the area it is in' : ''}`,
    }, shape));
    placed.push({ incident, x: point[0], y: point[1], mark: undefined! });
  }
  marks.innerHTML = markup.join('');
  for (const [index, mark] of [...marks.children].entries()) placed[index]!.mark = mark as SVGGElement;
  const drawn = new Set(placed.map(({ incident }) => incident.key));
  unlocated.push(...state.model.incidents.filter((incident) => !drawn.has(incident.key)));
  const zoom = state.zoom;
  // A drag that ends on a country is no click on it.
  let dragged = false;
  const draw = () => {
    outlines.setAttribute('transform', `translate(${zoom.x} ${zoom.y}) scale(${zoom.k})`);
    for (const { x, y, mark } of placed) mark.setAttribute('transform', `translate(${zoom.x + zoom.k * x} ${zoom.y + zoom.k * y})`);
  };
  draw();
  const controls = zoomControls(svg, zoom, (panned) => {
    dragged = panned;
    draw();
    state.zoomed('map');
  });
  const list = unlocatedList(unlocated, state);
  const body = htmlElement('div', { class: 'map-body' });
  body.append(svg, list);
  section.append(controls, body);
  root.append(section);
  // The map's marks overlap: the selected one is drawn last, on top of its neighbours.
  const updateMarks = linkMarks(marks, placed, state, 'map', true);
  return () => {
    updateMarks();
    for (const item of list.querySelectorAll<HTMLButtonElement>('button[data-key]')) {
      const incident = state.byKey(item.dataset.key!)!;
      item.parentElement!.classList.toggle('hidden', !state.isVisible(incident));
      item.setAttribute('aria-pressed', String(state.selected === incident.key));
    }
  };
}

function zoomControls(svg: SVGSVGElement, zoom: { k: number; x: number; y: number }, draw: (panned: boolean) => void): HTMLElement {
  const zoomAt = (factor: number, cx = MAP_WIDTH / 2, cy = MAP_HEIGHT / 2) => {
    const k = Math.max(0.5, Math.min(64, zoom.k * factor));
    // The point under (cx, cy) stays where it is.
    zoom.x = cx - ((cx - zoom.x) * k) / zoom.k;
    zoom.y = cy - ((cy - zoom.y) * k) / zoom.k;
    zoom.k = k;
    draw(false);
  };
  const toSvg = (event: MouseEvent) => {
    const matrix = svg.getScreenCTM()?.inverse();
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix);
    return { x: point.x, y: point.y, scale: matrix ? matrix.a : 1 };
  };
  svg.addEventListener('wheel', (event) => {
    event.preventDefault();
    const { x, y } = toSvg(event);
    zoomAt(event.deltaY < 0 ? 1.25 : 0.8, x, y);
  }, { passive: false });
  let drag: { x: number; y: number } | null = null;
  svg.addEventListener('pointerdown', (event) => {
    if ((event.target as Element).closest('.mark')) return;
    drag = toSvg(event);
    draw(false);
  });
  svg.addEventListener('pointermove', (event) => {
    if (!drag) return;
    const here = toSvg(event);
    zoom.x += here.x - drag.x;
    zoom.y += here.y - drag.y;
    drag = here;
    draw(true);
  });
  const stop = () => (drag = null);
  svg.addEventListener('pointerup', stop);
  svg.addEventListener('pointerleave', stop);
  svg.addEventListener('keydown', (event) => {
    if (event.key === '+' || event.key === '=') zoomAt(1.25);
    else if (event.key === '-') zoomAt(0.8);
  });
  const controls = htmlElement('div', { class: 'map-controls', role: 'toolbar', 'aria-label': 'Map zoom' });
  const button = (text: string, label: string, action: () => void) => {
    const element = htmlElement('button', { type: 'button', 'aria-label': label }, text);
    element.addEventListener('click', action);
    controls.append(element);
  };
  button('+', 'Zoom in', () => zoomAt(1.5));
  button('−', 'Zoom out', () => zoomAt(1 / 1.5));
  button('Reset', 'Reset the map to the report\'s extent', () => {
    Object.assign(zoom, { k: 1, x: 0, y: 0 });
    draw(false);
  });
  return controls;
}

function unlocatedList(incidents: readonly OverviewIncident[], state: OverviewState): HTMLElement {
  const aside = htmlElement('div', { class: 'unlocated', role: 'region', 'aria-labelledby': 'unlocated-heading' });
  aside.append(htmlElement('h3', { id: 'unlocated-heading' }, `Without coordinates (${incidents.length})`));
  const list = htmlElement('ul');
  for (const incident of incidents) {
    const item = htmlElement('li', { class: `severity-${incident.severity ?? 'none'}` });
    const button = htmlElement('button', { type: 'button', 'data-key': incident.key, 'aria-pressed': 'false' }, incidentLabel(incident));
    button.addEventListener('click', () => state.select(incident.key, 'map'));
    item.append(button);
    list.append(item);
  }
  aside.append(list);
  return aside;
}
