import { incidentLabel, lowOf, type OverviewIncident } from './overviewData.js';
import { htmlElement, linkMarks, svgElement, svgMarkup, type OverviewState } from './overviewState.js';

export const TIMELINE_WIDTH = 960;
export const TIMELINE_MARGIN = 40;
const LANE_HEIGHT = 14;
const MAX_LANES_HEIGHT = 280;
const BARS_HEIGHT = 80;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO year, month or day, at its first day or its last. */
export function dayNumber(iso: string, end: boolean): number {
  const [year, month, day] = iso.split('-').map(Number) as [number, number | undefined, number | undefined];
  if (!end) return Date.UTC(year, (month ?? 1) - 1, day ?? 1) / DAY_MS;
  if (day !== undefined) return Date.UTC(year, month! - 1, day) / DAY_MS;
  // The day before the first of the next month (or year).
  return Date.UTC(year, month ?? 12, 1) / DAY_MS - 1;
}

/**
 * The timeline: each dated incident in a lane at its date interval (a circle for one day, a bar
 * for a longer interval, from the start of its first day to the end of its last), and below, the
 * people killed and injured per day as stacked bars (an incident over several days spread evenly
 * over them; the low ends of its figures).
 */
export function timelineView(root: HTMLElement, state: OverviewState): () => void {
  const section = htmlElement('section', { class: 'timeline', 'aria-labelledby': 'timeline-heading' });
  section.append(htmlElement('h2', { id: 'timeline-heading' }, 'Timeline'));
  root.append(section);
  const period = state.model.period;
  if (!period) {
    section.append(htmlElement('p', {}, 'No incident has a date.'));
    return () => undefined;
  }
  const first = dayNumber(period.start, false);
  const days = dayNumber(period.end, true) - first + 1;
  const inner = TIMELINE_WIDTH - 2 * TIMELINE_MARGIN;
  const x = (day: number) => TIMELINE_MARGIN + ((day - first) / days) * inner;
  // Each date read once: the lanes' sort, the marks and the daily bars all need its days.
  const dated: Dated[] = state.model.incidents
    .filter((incident) => incident.date !== null)
    .map((incident) => ({ incident, start: dayNumber(incident.date!.start, false), end: dayNumber(incident.date!.end, true) }));
  const lanes = laneOf(dated, x);
  const laneCount = Math.max(1, ...[...lanes.values()].map((lane) => lane + 1));
  const laneHeight = Math.min(LANE_HEIGHT, MAX_LANES_HEIGHT / laneCount);
  const lanesHeight = laneCount * laneHeight + 8;
  const height = lanesHeight + BARS_HEIGHT + 30;
  const svg = svgElement('svg', { viewBox: `0 0 ${TIMELINE_WIDTH} ${height}`, role: 'group', 'aria-label': `Timeline from ${period.start} to ${period.end}; arrow keys move between the incidents` });
  const marks = svgElement('g', { class: 'marks' });
  const drawn: { incident: OverviewIncident; mark: SVGGElement }[] = [];
  const markup: string[] = [];
  const size = Math.max(2, laneHeight / 2 - 1);
  for (const { incident, start, end } of dated) {
    const y = 4 + lanes.get(incident.key)! * laneHeight + laneHeight / 2;
    const shape = start === end
      ? svgMarkup('circle', { cx: x(start + 0.5), cy: y, r: size })
      : svgMarkup('rect', { x: x(start), y: y - size, width: x(end + 1) - x(start), height: 2 * size, rx: Math.min(size, 3) });
    markup.push(svgMarkup('g', { class: `mark severity-${incident.severity ?? 'none'}`, role: 'button', tabindex: '-1', 'data-key': incident.key, 'aria-label': incidentLabel(incident) }, shape));
  }
  marks.innerHTML = markup.join('');
  for (const [index, mark] of [...marks.children].entries()) drawn.push({ incident: dated[index]!.incident, mark: mark as SVGGElement });
  svg.append(marks, dailyBars(dated, first, days, x, lanesHeight), axis(first, days, x, height - 16));
  section.append(svg);
  return linkMarks(marks, drawn, state, 'timeline');
}

/** A dated incident with its first and last days (days since 1970-01-01). */
interface Dated {
  incident: OverviewIncident;
  start: number;
  end: number;
}

/** Each incident's lane: the first whose last mark ends (with a gap) before it starts, in order of start. */
function laneOf(dated: readonly Dated[], x: (day: number) => number): Map<string, number> {
  const ends: number[] = [];
  const lanes = new Map<string, number>();
  const byStart = [...dated].sort((a, b) => a.start - b.start);
  for (const { incident, start, end } of byStart) {
    const left = x(start);
    const right = Math.max(x(end + 1), left + 10);
    let lane = ends.findIndex((end) => end + 2 <= left);
    if (lane < 0) lane = ends.length;
    ends[lane] = right;
    lanes.set(incident.key, lane);
  }
  return lanes;
}

/** Killed and injured per day, stacked (killed below), read by a screen reader as one summary. */
function dailyBars(dated: readonly Dated[], first: number, days: number, x: (day: number) => number, top: number): SVGGElement {
  const killed = new Float64Array(days);
  const injured = new Float64Array(days);
  for (const { incident, start: firstDay, end: lastDay } of dated) {
    const [start, end] = [firstDay - first, lastDay - first];
    const span = end - start + 1;
    const [killedADay, injuredADay] = [lowOf(incident, 'killed') / span, lowOf(incident, 'injured') / span];
    for (let day = start; day <= end; day++) {
      killed[day]! += killedADay;
      injured[day]! += injuredADay;
    }
  }
  let peak = 0;
  let peakDay = 0;
  for (let day = 0; day < days; day++) {
    if (killed[day]! + injured[day]! > peak) [peak, peakDay] = [killed[day]! + injured[day]!, day];
  }
  const totalKilled = Math.round(killed.reduce((sum, value) => sum + value, 0));
  const totalInjured = Math.round(injured.reduce((sum, value) => sum + value, 0));
  const peakDate = new Date((first + peakDay) * DAY_MS).toISOString().slice(0, 10);
  const group = svgElement('g', {
    class: 'daily',
    role: 'img',
    'aria-label': `Killed and injured per day: ${totalKilled} killed and ${totalInjured} injured in all, the most on ${peakDate} (${Math.round(peak)})`,
  });
  const scale = peak > 0 ? BARS_HEIGHT / peak : 0;
  const bottom = top + BARS_HEIGHT;
  const width = Math.max(0.5, x(first + 1) - x(first) - (days < 200 ? 1 : 0));
  // Written as markup, parsed at once: a 1 MiB report has about a thousand of these bars, and
  // making each with createElementNS and its six setAttribute calls took 0.1 s of the page's start.
  const bars: string[] = [];
  for (let day = 0; day < days; day++) {
    const k = killed[day]! * scale;
    const i = injured[day]! * scale;
    if (k > 0) bars.push(`<rect class="killed" data-day="${day}" x="${x(first + day)}" y="${bottom - k}" width="${width}" height="${k}"/>`);
    if (i > 0) bars.push(`<rect class="injured" data-day="${day}" x="${x(first + day)}" y="${bottom - k - i}" width="${width}" height="${i}"/>`);
  }
  group.innerHTML = bars.join('');
  return group;
}

/** Ticks at the first of each month (of each year when there are more than 24 months), labelled. */
function axis(first: number, days: number, x: (day: number) => number, y: number): SVGGElement {
  const group = svgElement('g', { class: 'axis', 'aria-hidden': 'true' });
  const start = new Date(first * DAY_MS);
  const months = days / 30;
  const step = months > 24 ? 12 : months > 12 ? 3 : 1;
  let tick = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1));
  if (days <= 62) {
    // A short period: a tick a week, from its first day.
    for (let day = 0; day <= days; day += 7) {
      const label = new Date((first + day) * DAY_MS).toISOString().slice(0, 10);
      group.append(svgElement('line', { x1: x(first + day), x2: x(first + day), y1: y - 4, y2: y }));
      const text = svgElement('text', { x: x(first + day), y: y + 12 });
      text.textContent = label;
      group.append(text);
    }
    return group;
  }
  while (tick.getTime() / DAY_MS <= first + days) {
    const day = tick.getTime() / DAY_MS;
    if (day >= first) {
      group.append(svgElement('line', { x1: x(day), x2: x(day), y1: y - 4, y2: y }));
      const text = svgElement('text', { x: x(day), y: y + 12 });
      text.textContent = tick.toISOString().slice(0, step === 12 ? 4 : 7);
      group.append(text);
    }
    tick = new Date(Date.UTC(tick.getUTCFullYear(), tick.getUTCMonth() + step, 1));
  }
  return group;
}

