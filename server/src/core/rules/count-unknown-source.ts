import { countSource, sourceActorsNear } from '../counts/countSource.js';
import type { Fix } from '../diagnostics.js';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import { mentions, resolveMention } from '../gazetteer/resolveMention.js';
import type { Annotation, Attribute, Report } from '../model.js';
import type { Rule } from './rule.js';
import { nearest, replaceFix } from './ruleHelpers.js';

export const countUnknownSource: Rule = {
  code: 'count-unknown-source',
  scope: 'block',
  // A warning: the figure is still read, under the source as written; only who gave it is unchecked.
  defaultSeverity: 'warning',
  summary:
    "A count's `source=` names no actor: neither a gazetteer actor (by id, name or alias) nor an `:actor[…]{role=source}` of the same incident (outside incidents, the same paragraph). The figure is still checked, as that source's; but two spellings of one source would be taken for two sources.",
  quickFix:
    'One fix per actor it could mean: the sources annotated in the incident (paragraph), then the gazetteer actors closest to what was written; the "did you mean" one is preferred, or else the only one.',
  examples: {
    fail: [
      {
        doc: ':::incident{#market date=2023-10-05}\n:actor[SOHR]{role=source} said :count[52]{type=killed group=civilians source=⟦sohrr⟧} civilians were killed.\n:::',
        message: 'source=sohrr names no actor in the gazetteer and no :actor[…]{role=source} in this incident; did you mean "sohr" (Syrian Observatory for Human Rights)?',
        fixes: [
          {
            title: 'Change to sohr',
            preferred: true,
            result: ':::incident{#market date=2023-10-05}\n:actor[SOHR]{role=source} said :count[52]{type=killed group=civilians source=sohr} civilians were killed.\n:::',
          },
        ],
      },
      {
        doc: 'Hospitals counted :count[12]{type=injured source=⟦doctors⟧} injured.',
        message:
          'source=doctors names no actor in the gazetteer and no :actor[…]{role=source} in this paragraph; annotate the source where the report names it, :actor[…]{role=source}, or add it to the gazetteer\'s actors.',
      },
    ],
    pass: [
      ':::incident{#market date=2023-10-05}\n:actor[SOHR]{role=source} said :count[52]{type=killed group=civilians source=SOHR} civilians were killed; :count[46]{type=killed group=civilians source=syria-civil-defence} according to the rescue service.\n:::',
      'The :actor[Syrian Civil Defence]{role=source} counted :count[46]{type=killed group=civilians source="White Helmets"} civilians killed.',
    ],
  },
  check({ report, gazetteer, flag }) {
    for (const annotation of report.annotations) {
      const attribute = annotation.kind === 'count' ? annotation.attributes.get('source') : undefined;
      if (!attribute) continue;
      const source = countSource(report, annotation, gazetteer);
      if (source?.known) continue;
      const where = annotation.incident ? 'incident' : 'paragraph';
      const span = attribute.valueSpan.start === attribute.valueSpan.end ? attribute.span : attribute.valueSpan;
      if (!source) {
        flag({ span, message: `source is empty; name the actor who gave the figure, by its gazetteer id or as an :actor[…]{role=source} in this ${where}.` });
        continue;
      }
      const options = sourceOptions(report, annotation, gazetteer, source.written);
      const keys = options.map((option) => option.value.toLowerCase());
      const guess = nearest(source.written, keys) ?? nearest(source.written, options.map((option) => option.name.toLowerCase()));
      const suggestion = options.find((option) => option.value.toLowerCase() === guess || option.name.toLowerCase() === guess);
      const preferred = suggestion ?? (options.length === 1 ? options[0] : undefined);
      flag({
        span,
        message:
          `source=${source.written} names no actor in the gazetteer and no :actor[…]{role=source} in this ${where}` +
          (suggestion
            ? `; did you mean "${suggestion.value}"${suggestion.name !== suggestion.value ? ` (${suggestion.name})` : ''}?`
            : "; annotate the source where the report names it, :actor[…]{role=source}, or add it to the gazetteer's actors."),
        fixes: options.map((option) => changeFix(report, attribute, option.value, option === preferred)),
      });
    }
  },
};

/** Enough for a menu: the incident's sources and the gazetteer's closest few. */
const MAX_OPTIONS = 5;

interface SourceOption {
  /** What `source=` would say: a gazetteer id, or an annotated source's label. */
  value: string;
  name: string;
}

/** The actors `source=` could mean: the sources annotated near the count, then the gazetteer's suggestions for what was written. */
function sourceOptions(report: Report, annotation: Annotation, gazetteer: Gazetteer, written: string): SourceOption[] {
  const options: SourceOption[] = [];
  for (const actor of sourceActorsNear(report, annotation)) {
    const [mention] = mentions([actor], []);
    const resolution = mention ? resolveMention(gazetteer, mention) : undefined;
    if (resolution?.status === 'resolved') options.push({ value: resolution.entry.id, name: resolution.entry.name });
    else if (actor.label.trim() !== '') options.push({ value: actor.label.trim(), name: actor.label.trim() });
  }
  const resolution = gazetteer.resolve('actor', written);
  if (resolution.status === 'unknown') for (const candidate of resolution.suggestions) options.push({ value: candidate.entry.id, name: candidate.entry.name });
  const seen = new Set<string>();
  return options.filter((option) => !seen.has(option.value) && seen.add(option.value)).slice(0, MAX_OPTIONS);
}

/** Writes the value, quoted when it has spaces and the attribute was written without quotes. */
function changeFix(report: Report, attribute: Attribute, value: string, preferred: boolean): Fix {
  const quoted = /["']/.test(report.text.charAt(attribute.valueSpan.start - 1));
  const text = !quoted && /\s/.test(value) ? `"${value}"` : value;
  return replaceFix(report, `Change to ${value}`, attribute.valueSpan, text, preferred);
}
