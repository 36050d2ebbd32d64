import { isMap, isScalar, parseDocument, type Node as YamlNode } from 'yaml';
import { countFactsAround } from '../counts/countsAround.js';
import { formatInterval, readCountLabel, type CountInterval } from '../counts/readCountLabel.js';
import type { Fix } from '../diagnostics.js';
import type { Incident, Report } from '../model.js';
import type { Span } from '../text.js';
import { COUNT_TYPES } from '../vocabulary.js';
import { checkWhole, type BlockwiseRule, type LateFinding } from './blockwise.js';
import type { Finding } from './rule.js';
import { lineOf, nearest, replaceFix } from './ruleHelpers.js';

export const countReportTotal: BlockwiseRule = {
  code: 'count-report-total',
  scope: 'report',
  defaultSeverity: 'error',
  summary:
    "The front matter's `totals` (e.g. `totals: {killed: 46}`) disagree with the incidents: the incidents come to more than the total (each incident counts as its own `killed=` figure, or else as the least its counts imply: of several sources the lowest, each source's latest figure), or every incident states its figure and they add up to less. Also flags a `totals` entry that is not a count type or not a number.",
  quickFix:
    "A misspelt type is corrected to the nearest (preferred); a total is set to what the incidents come to (not preferred: an incident may be the slip, or missing). None for a value that is not a number.",
  examples: {
    fail: [
      {
        doc: '---\ntitle: Strikes\ntotals: {killed: ⟦40⟧}\n---\n:::incident{#market date=2023-10-05 killed=46}\n:count[46]{type=killed group=civilians} civilians were killed.\n:::',
        message: 'totals.killed is 40, but the incidents come to at least 46 killed (#market: 46).',
        fixes: [
          {
            title: 'Set totals.killed to 46',
            result: '---\ntitle: Strikes\ntotals: {killed: 46}\n---\n:::incident{#market date=2023-10-05 killed=46}\n:count[46]{type=killed group=civilians} civilians were killed.\n:::',
          },
        ],
      },
      {
        doc: '---\ntotals:\n  killed: ⟦60⟧\n---\n:::incident{#market date=2023-10-05 killed=46}\nA strike on the market.\n:::\n\n:::incident{#camp date=2023-10-06 killed=3}\nA strike on the camp.\n:::',
        message: "totals.killed is 60, but the incidents' own figures add up to 49 (#market: killed=46 + #camp: killed=3).",
        fixes: [
          {
            title: 'Set totals.killed to 49',
            result: '---\ntotals:\n  killed: 49\n---\n:::incident{#market date=2023-10-05 killed=46}\nA strike on the market.\n:::\n\n:::incident{#camp date=2023-10-06 killed=3}\nA strike on the camp.\n:::',
          },
        ],
      },
      {
        doc: '---\ntotals: {⟦kiled⟧: 46}\n---\n:::incident{#market date=2023-10-05 killed=46}\nA strike on the market.\n:::',
        message: 'totals.kiled is not a count type; did you mean "killed"? The types are killed, injured, missing, detained, displaced, affected.',
        fixes: [
          {
            title: 'Change to killed',
            preferred: true,
            result: '---\ntotals: {killed: 46}\n---\n:::incident{#market date=2023-10-05 killed=46}\nA strike on the market.\n:::',
          },
        ],
      },
      {
        doc: '---\ntotals: {killed: ⟦40⟧}\n---\n:::incident{#market date=2023-10-05}\n:actor[SOHR]{role=source} said :count[52]{type=killed group=civilians source=sohr} civilians were killed; :actor[the White Helmets]{role=source} counted :count[46]{type=killed group=civilians source=syria-civil-defence}.\n:::',
        message: 'totals.killed is 40, but the incidents come to at least 46 killed (#market: 46).',
        fixes: [
          {
            title: 'Set totals.killed to 46',
            result: '---\ntotals: {killed: 46}\n---\n:::incident{#market date=2023-10-05}\n:actor[SOHR]{role=source} said :count[52]{type=killed group=civilians source=sohr} civilians were killed; :actor[the White Helmets]{role=source} counted :count[46]{type=killed group=civilians source=syria-civil-defence}.\n:::',
          },
        ],
      },
    ],
    pass: [
      '---\ntotals: {killed: 49}\n---\n:::incident{#market date=2023-10-05}\n:actor[SOHR]{role=source} said :count[52]{type=killed group=civilians source=sohr} civilians were killed, :count[61]{type=killed group=civilians source=sohr as-of=2023-10-10} by Tuesday; :actor[the White Helmets]{role=source} counted :count[46]{type=killed group=civilians source=syria-civil-defence}.\n:::\n\n:::incident{#camp date=2023-10-06}\n:count[3]{type=killed} people were killed.\n:::',
      '---\ntotals: {killed: 49, injured: 213}\n---\n:::incident{#market date=2023-10-05 killed=46}\n:count[46]{type=killed group=civilians} civilians were killed and at least :count[200]{type=injured} injured.\n:::\n\n:::incident{#camp date=2023-10-06}\n:count[3]{type=killed} people were killed and :count[13]{type=injured} injured.\n:::',
    ],
  },
  check(context) {
    checkWhole(this, context);
  },
  examine() {
    return [];
  },
  summarize(part, lookup, { report, gazetteer }): IncidentFigures[] | undefined {
    const types = totalsTypes(report);
    if (types.length === 0 || part.incidents.length === 0) return undefined;
    const model = countFactsAround(part, lookup, report, gazetteer);
    return part.incidents.map((incident) => {
      const figures = new Map<string, IncidentFigure>();
      for (const type of types) {
        const attribute = incident.attributes.get(type);
        const own = attribute ? readCountLabel(attribute.value) : undefined;
        const id = incident.attributes.get('id')?.value;
        const figure = own ? { min: own.min, max: own.max, own: attribute!.value } : { min: model.incidentSum(incident, type).value, max: Infinity, own: undefined };
        figures.set(type, { incident, id, ...figure, written: {} });
      }
      return { incident, figures };
    });
  },
  combine(summaries, { report }) {
    const found: LateFinding[] = [];
    // The findings' spans are in the front matter, which does not move.
    const flag = (finding: Finding) => found.push(() => finding);
    const totals = readTotals(report);
    if (!totals) return found;
    if (totals.notMapping) {
      flag({ span: totals.notMapping, message: '`totals` must map count types to whole numbers, e.g. totals: {killed: 46, injured: 213}.' });
      return found;
    }
    const incidents = summaries as IncidentFigures[][];
    for (const entry of totals.entries) {
      if (!(COUNT_TYPES as readonly string[]).includes(entry.key)) {
        const suggestion = nearest(entry.key, COUNT_TYPES);
        flag({
          span: entry.keySpan,
          message: `totals.${entry.key} is not a count type${suggestion ? `; did you mean "${suggestion}"?` : '.'} The types are ${COUNT_TYPES.join(', ')}.`,
          fixes: suggestion ? [replaceFix(report, `Change to ${suggestion}`, entry.keySpan, suggestion, true)] : [],
        });
        continue;
      }
      const stated = entry.interval;
      if (!stated) {
        flag({ span: entry.valueSpan, message: `totals.${entry.key} must be a whole number such as 46, not "${entry.text}".` });
        continue;
      }
      const type = entry.key;
      const shown = stated.min === stated.max ? `${stated.min}` : formatInterval(stated);
      // Added up without a list of figures: a keystroke in any incident's prose works this out again
      // (5.5 ms a time at 5 MiB with the list), and the list is needed only for a message.
      let least = 0;
      let most = 0;
      let any = false;
      for (const part of incidents) {
        for (const { figures: byType } of part) {
          const figure = byType.get(type)!;
          least += figure.min;
          most += figure.max;
          any = true;
        }
      }
      const figures = () => incidents.flat().map(({ figures: byType }) => byType.get(type)!);
      if (least > stated.max) {
        const terms = figures().filter((figure) => figure.min > 0).map((figure) => named(figure, 'least', `: ${figure.min}`));
        const allById = terms.every((term) => typeof term === 'string') ? (terms as string[]) : undefined;
        found.push((current) => {
          const written = allById ?? terms.map((term) => (typeof term === 'string' ? term : term(current)));
          return {
            span: entry.valueSpan,
            message: `totals.${type} is ${shown}, but the incidents come to at least ${least} ${type} (${written.join(' + ')}${written.length > 1 ? ` = ${least}` : ''}).`,
            fixes: [setTotalFix(current, entry, least)],
          };
        });
      } else if (any && most < stated.min) {
        const terms = figures().map((figure) => named(figure, 'own', figure.own !== undefined ? `: ${type}=${figure.own}` : `: ${figure.min}`));
        // Written once when every incident is named by its id: the message lists them all, on every check.
        const listed = terms.every((term) => typeof term === 'string') ? terms.join(' + ') : undefined;
        found.push((current) => ({
          span: entry.valueSpan,
          message: `totals.${type} is ${shown}, but the incidents' own figures add up to ${most} (${listed ?? terms.map((term) => (typeof term === 'string' ? term : term(current))).join(' + ')}).`,
          fixes: [setTotalFix(current, entry, most)],
        }));
      }
    }
    return found;
  },
};

/**
 * An incident named in a message, followed by `rest`: by its id, written once for as long as its
 * block is not examined again (the message lists every incident of the report, and any keystroke
 * in an incident's prose adds the figures up again: 3.3 ms a time at 5 MiB when written anew), or
 * else by its line, written when flagged (lines move).
 */
function named(figure: IncidentFigure, kind: 'least' | 'own', rest: string): string | ((report: Report) => string) {
  const { incident, id } = figure;
  if (id) return (figure.written[kind] ??= `#${id}${rest}`);
  return (report) => `line ${lineOf(report, incident.span.start)}${rest}`;
}

/** What an incident gives for one count type: its own figure (`killed=46`), or the least its counts imply. */
interface IncidentFigure {
  incident: Incident;
  id: string | undefined;
  min: number;
  max: number;
  /** The incident's own figure as written, when it has one. */
  own: string | undefined;
  /** Its terms in the two messages, once written. */
  written: { least?: string; own?: string };
}

interface IncidentFigures {
  incident: Incident;
  figures: Map<string, IncidentFigure>;
}

/** The count types the front matter's totals name (the others are flagged, not added up). */
function totalsTypes(report: Report): string[] {
  return (readTotals(report)?.entries ?? []).map((entry) => entry.key).filter((key) => (COUNT_TYPES as readonly string[]).includes(key));
}

/**
 * Writes the figure the incidents come to. Not preferred: the total may be right and an incident
 * wrong or missing, which only the writer can tell.
 */
function setTotalFix(report: Report, entry: TotalsEntry, figure: number): Fix {
  return replaceFix(report, `Set totals.${entry.key} to ${figure}`, entry.valueSpan, String(figure));
}

interface TotalsEntry {
  key: string;
  keySpan: Span;
  text: string;
  valueSpan: Span;
  interval: CountInterval | undefined;
}

/**
 * The `totals` mapping with the span of each key and value. The front matter
 * model locates top-level values only, so the YAML is read again here.
 */
function readTotals(report: Report): Totals | undefined {
  // Read once per front matter: every block's summary and every check ask, and the front matter seldom changes.
  const frontMatter = report.frontMatter;
  const text = frontMatter ? `${frontMatter.span.start}:${report.text.slice(frontMatter.span.start, frontMatter.span.end)}` : '';
  if (lastTotals?.text !== text || lastTotals.frontMatter !== frontMatter) lastTotals = { text, frontMatter, totals: readTotalsAnew(report) };
  return lastTotals.totals;
}

interface Totals {
  entries: TotalsEntry[];
  notMapping?: Span;
}

let lastTotals: { text: string; frontMatter: Report['frontMatter']; totals: Totals | undefined } | undefined;

function readTotalsAnew(report: Report): Totals | undefined {
  const frontMatter = report.frontMatter;
  if (!frontMatter?.data || !Object.hasOwn(frontMatter.data, 'totals')) return undefined;
  const { text } = report;
  // Line endings may be \r\n, \n or a lone \r, which the yaml package reads only as \n (frontMatter.ts).
  const opening = /\r\n|\r|\n/.exec(text.slice(frontMatter.span.start, frontMatter.span.end));
  const valueStart = opening ? frontMatter.span.start + opening.index + opening[0].length : 0;
  const closing = Math.max(text.lastIndexOf('\n', frontMatter.span.end - 1), text.lastIndexOf('\r', frontMatter.span.end - 1)) + 1;
  if (valueStart <= 0 || closing < valueStart) return undefined;
  const doc = parseDocument(text.slice(valueStart, closing).replace(/\r(?!\n)/g, '\n'));
  const totals = doc.get('totals', true) as YamlNode | undefined;
  const toSpan = (node: YamlNode): Span => ({ start: valueStart + node.range![0], end: valueStart + node.range![1] });
  if (!isMap(totals)) return { entries: [], notMapping: totals?.range ? toSpan(totals) : frontMatter.valueSpans.get('totals') ?? frontMatter.span };
  const entries: TotalsEntry[] = [];
  for (const item of totals.items) {
    if (!isScalar(item.key) || !item.key.range) continue;
    const value = item.value as YamlNode | null;
    const valueText = isScalar(value) ? String(value.value) : value ? text.slice(toSpan(value).start, toSpan(value).end) : '';
    const keySpan = toSpan(item.key);
    const interval = isScalar(value) && (typeof value.value === 'number' || typeof value.value === 'string') ? readCountLabel(String(value.value)) : undefined;
    entries.push({
      key: String(item.key.value),
      keySpan,
      text: valueText,
      valueSpan: value?.range ? toSpan(value) : keySpan,
      interval: interval && Number.isInteger(interval.stated) ? interval : undefined,
    });
  }
  return { entries };
}
