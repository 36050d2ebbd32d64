import { basename } from 'node:path';
import type { Fix } from '../diagnostics.js';
import { addEntryEdit, idFor } from '../gazetteer/addEntryEdit.js';
import type { EntryCategory } from '../gazetteer/gazetteerModel.js';
import type { Resolution } from '../gazetteer/gazetteer.js';
import { mentions, resolveMention, type Mention } from '../gazetteer/resolveMention.js';
import type { Span } from '../text.js';
import type { Rule, RuleContext } from './rule.js';
import { addAttributeEdit, nearest, replaceFix } from './ruleHelpers.js';

/**
 * The name checks for actors and places: one family, because both categories
 * resolve the same way and must say the same things.
 */

function labelSpan(mention: Mention): Span {
  if (mention.attribute) return mention.attribute.valueSpan;
  const { directive } = mention;
  return directive.labelSpan && directive.label.trim() !== '' ? directive.labelSpan : directive.nameSpan;
}

function eachMention(context: RuleContext, category: EntryCategory, visit: (mention: Mention) => void): void {
  // Without any gazetteer every name would be flagged; `gazetteer-not-found` says so once instead.
  if (context.gazetteer.files.length === 0) return;
  for (const mention of mentions(context.report.annotations, context.report.incidents)) {
    if (mention.category === category) visit(mention);
  }
}

/** "Add Wagner Group to gazetteer.yaml": a well-formed entry in the team's file, inside the incident's place. */
function addToGazetteerFix(context: RuleContext, mention: Mention, written: string): Fix[] {
  const { teamGazetteer, gazetteer } = context;
  const name = written.replace(/^the\s+/i, '');
  if (!teamGazetteer || mention.attribute || name === '') return [];
  const id = idFor(name, (candidate) => gazetteer.get(mention.category, candidate) !== undefined);
  const incidentPlace = mention.directive.kind === 'incident' ? undefined : mention.directive.incident?.attributes.get('place')?.value;
  const parent = mention.category === 'place' && incidentPlace !== undefined ? gazetteer.get('place', incidentPlace)?.id : undefined;
  const edit = addEntryEdit(teamGazetteer, mention.category, { id, name, kind: undefined, parent });
  if (!edit) return [];
  return [{ title: `Add "${name}" to ${basename(teamGazetteer.path)} as a new ${mention.category} (${id})`, edits: [], fileEdits: [edit] }];
}

function unknownRule(category: EntryCategory, examples: Rule['examples']): Rule {
  return {
    code: `${category}-unknown`,
    scope: 'block',
    defaultSeverity: 'warning',
    summary:
      category === 'actor'
        ? 'The actor is not in the gazetteer under that name or any alias (case, diacritics, a leading "the" and the Arabic article aside); a name spelled otherwise is suggested, never taken for it.'
        : "The place is not in the gazetteer under that name or any alias, even allowing for case, diacritics, the article and common transliteration variants; or it fits only a place outside the report's countries, or only as a near miss, which are suggested, never taken for it.",
    examples,
    check(context) {
      const { report, gazetteer, scope, flag } = context;
      eachMention(context, category, (mention) => {
        if (mention.ref) return;
        const resolution = resolveMention(gazetteer, mention, scope);
        if (resolution.status !== 'unknown') return;
        const written = mention.text.trim();
        // An empty label is one being typed (the editor closed the bracket): nothing to look up yet.
        if (written === '') return;
        const span = labelSpan(mention);
        const { suggestions } = resolution;
        // A place that fits the name outside the report's context: pin it with ref= (the spelling stays), or fix the spelling.
        const pin = category === 'place' && resolution.held === true && !mention.attribute;
        flag({
          span,
          message: unknownMessage(context, mention, written, resolution),
          fixes: [
            ...suggestions.map((candidate, index) =>
              pin
                ? { title: `Add ref=${candidate.entry.id} (${gazetteer.describe(candidate.entry)})`, edits: [addAttributeEdit(report, mention.directive, 'ref', candidate.entry.id)] }
                : replaceFix(
                    report,
                    `Change to "${mention.attribute ? candidate.entry.id : candidate.matched}"`,
                    span,
                    mention.attribute ? candidate.entry.id : candidate.matched,
                    index === 0,
                  ),
            ),
            ...addToGazetteerFix(context, mention, written),
          ],
        });
      });
    },
  };
}

/**
 * What an unknown name's warning says: the suggestions, and for a place that fits only out of the
 * report's context, which context it lacks.
 */
function unknownMessage(context: RuleContext, mention: Mention, written: string, resolution: Extract<Resolution, { status: 'unknown' }>): string {
  const { gazetteer, scope } = context;
  const { suggestions } = resolution;
  const what = `${capitalise(mention.category)} "${written}"`;
  if (suggestions.length === 0) return `${what} is not in the gazetteer; add it to the gazetteer${mention.attribute ? '' : ' or give ref= with its id'}.`;
  const meant = `did you mean ${suggestions.map((candidate) => `"${candidate.matched}" (${gazetteer.describe(candidate.entry)})`).join(', or ')}?`;
  if (mention.category !== 'place' || !resolution.held) return `${what} is not in the gazetteer; ${meant}`;
  if (scope.countries.length > 0) {
    const countries = scope.countries.map((code) => gazetteer.get('place', `geo:${code}`)?.name ?? code).join(', ');
    return `${what} is not in the gazetteer in this report's countries (${countries}); ${meant}`;
  }
  const code = gazetteer.countryOf(suggestions[0]!.entry);
  return `${what} is not in the gazetteer under that name; ${meant} A variant spelling is read only in the report's countries: name them in the front matter${code ? ` (countries: [${code}])` : ''}.`;
}

function ambiguousRule(category: EntryCategory, examples: Rule['examples']): Rule {
  return {
    code: `${category}-ambiguous`,
    scope: 'block',
    defaultSeverity: 'warning',
    summary: `The name fits several ${category === 'actor' ? 'actors' : 'places'} equally well; \`ref=\` says which one is meant.`,
    examples,
    check(context) {
      const { report, gazetteer, scope, flag } = context;
      eachMention(context, category, (mention) => {
        const resolution = resolveMention(gazetteer, mention, scope);
        if (resolution.status !== 'ambiguous') return;
        // A GeoNames name can fit dozens of villages: name the first few and count the rest.
        const shown = resolution.candidates.slice(0, MAX_LISTED);
        const more = resolution.candidates.length - shown.length + (resolution.more ?? 0);
        const described = shown.map((candidate) => `${gazetteer.describe(candidate.entry)} (${candidate.entry.id})`);
        flag({
          span: labelSpan(mention),
          message: `"${mention.text.trim()}" could be ${described.join('; or ')}${more > 0 ? `; or ${more} more` : ''}. ${mention.attribute ? 'Use the id' : 'Add ref= with the id'} of the one meant${mention.attribute || category === 'actor' ? '' : ', or in= with a place that contains it'}.`,
          fixes: shown.map((candidate) =>
            mention.attribute
              ? replaceFix(report, `Use ${candidate.entry.id} (${gazetteer.describe(candidate.entry)})`, mention.attribute.valueSpan, candidate.entry.id)
              : {
                  title: `Add ref=${candidate.entry.id} (${gazetteer.describe(candidate.entry)})`,
                  edits: [addAttributeEdit(report, mention.directive, 'ref', candidate.entry.id)],
                },
          ),
        });
      });
    },
  };
}

function unknownRefRule(category: EntryCategory, examples: Rule['examples']): Rule {
  return {
    code: `${category}-unknown-ref`,
    scope: 'block',
    defaultSeverity: 'error',
    summary: `\`ref=\` names no ${category} id in the gazetteer.`,
    examples,
    check(context) {
      const { report, gazetteer, flag } = context;
      eachMention(context, category, (mention) => {
        if (!mention.ref || gazetteer.get(category, mention.ref.value)) return;
        const ids = [...gazetteer.entries(category)].map((entry) => entry.id);
        const suggestion = nearest(mention.ref.value, ids, 3);
        const byLabel = gazetteer.resolve(category, mention.text);
        const replacement = suggestion ?? (byLabel.status === 'resolved' ? byLabel.entry.id : undefined);
        flag({
          span: mention.ref.valueSpan,
          message: `ref "${mention.ref.value}" is not ${category === 'actor' ? 'an actor' : 'a place'} id in the gazetteer${replacement ? `; did you mean "${replacement}"?` : '.'}`,
          fixes: replacement ? [replaceFix(report, `Change to "${replacement}"`, mention.ref.valueSpan, replacement, true)] : [],
        });
      });
    },
  };
}

const MAX_LISTED = 5;

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const actorUnknown = unknownRule('actor', {
  fail: [
    {
      doc: 'Strikes by :actor[⟦the Assad regim⟧].',
      message: 'Actor "the Assad regim" is not in the gazetteer; did you mean "Assad regime" (Government of Syria — state-forces)?',
    },
    {
      doc: 'Strikes by :actor[⟦Wagner Group⟧].',
      message: 'Actor "Wagner Group" is not in the gazetteer; add it to the gazetteer or give ref= with its id.',
    },
    {
      doc: 'Shelling by :actor[⟦Russian troups⟧].',
      message: 'Actor "Russian troups" is not in the gazetteer; did you mean "Russian troops" (Russian Armed Forces — state-forces)?',
    },
  ],
  pass: ['Strikes by :actor[the Assad regime], :actor[Russia] and :actor[Moscow]{ref=russia}.'],
});

export const placeUnknown = placeUnknownRule();

function placeUnknownRule(): Rule {
  return unknownRule('place', {
    fail: [
      {
        doc: 'Shelling in :place[⟦Idleb Governorat⟧].',
        message: 'Place "Idleb Governorat" is not in the gazetteer; did you mean "Idlib Governorate" (Idlib Governorate — governorate, Syria)?',
      },
      {
        doc: ':::incident{place=⟦hama⟧}\nShelling.\n:::',
        message: 'Place "hama" is not in the gazetteer; add it to the gazetteer.',
      },
    ],
    pass: [
      ':::incident{place=idlib-governorate}\nShelling in :place[Maarat al-Numan], :place[Ma’arrat al-Nu’man] and :place[idlib province].\n:::',
    ],
  });
}

export const actorAmbiguous = ambiguousRule('actor', {
  fail: [
    {
      doc: 'Statement by :actor[⟦the army⟧].',
      message: '"the army" could be Syrian Arab Army — state-forces (saa); or Russian Ground Forces — state-forces (russian-ground-forces). Add ref= with the id of the one meant.',
    },
  ],
  pass: ['Statement by :actor[the army]{ref=saa}.'],
});

export const placeAmbiguous = ambiguousRule('place', {
  fail: [
    {
      doc: 'Strike on :place[⟦Furqan⟧].',
      message: '"Furqan" could be Furqan — neighbourhood, Aleppo, Aleppo Governorate, Syria (furqan-aleppo); or Furqan — neighbourhood, Homs, Syria (furqan-homs). Add ref= with the id of the one meant, or in= with a place that contains it.',
    },
  ],
  pass: [
    'Strike on :place[Furqan]{ref=furqan-aleppo}.',
    'Strike on :place[Furqan]{in=aleppo-city}.',
    ':::incident{place=homs-city}\nStrike on :place[Furqan].\n:::',
  ],
});

export const actorUnknownRef = unknownRefRule('actor', {
  fail: [
    {
      doc: 'Strikes by :actor[Moscow]{ref=⟦rusia⟧}.',
      message: 'ref "rusia" is not an actor id in the gazetteer; did you mean "russia"?',
    },
  ],
  pass: ['Strikes by :actor[Moscow]{ref=russia}.'],
});

export const placeUnknownRef = unknownRefRule('place', {
  fail: [
    {
      doc: 'Shelling in :place[Idlib]{ref=⟦idlib-town⟧}.',
      message: 'ref "idlib-town" is not a place id in the gazetteer; did you mean "idlib-city"?',
    },
  ],
  pass: ['Shelling in :place[Idlib]{ref=idlib-city}.'],
});
