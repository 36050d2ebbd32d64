import { basename } from 'node:path';
import type { Fix } from '../diagnostics.js';
import { actorKindFor, addEntryEdit, entryNameFor, idFor, placeKindFor } from '../gazetteer/addEntryEdit.js';
import type { EntryCategory, GazetteerEntry } from '../gazetteer/gazetteerModel.js';
import type { Gazetteer, Resolution } from '../gazetteer/gazetteer.js';
import type { PlaceScope } from '../gazetteer/reportScope.js';
import { placeByIdOrName } from '../gazetteer/placeLookup.js';
import { mentions, resolveMention, type Mention } from '../gazetteer/resolveMention.js';
import type { Span } from '../text.js';
import { exampleGazetteerWith, type Rule, type RuleContext } from './rule.js';
import { addAttributeEdit, nearest, renameFix, replaceFix } from './ruleHelpers.js';

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

/**
 * "Add Wagner Group to gazetteer.yaml": a well-formed entry in the team's file, named as written
 * (entryNameFor), of the kind its words say (actorKindFor, placeKindFor), a place inside its `in=`
 * or else the incident's place.
 */
function addToGazetteerFix(context: RuleContext, mention: Mention, written: string): Fix[] {
  const { teamGazetteer, gazetteer, scope } = context;
  const name = entryNameFor(written);
  if (!teamGazetteer || mention.attribute || name === '') return [];
  const id = idFor(name, (candidate) => gazetteer.get(mention.category, candidate) !== undefined);
  const { directive } = mention;
  let kind: string;
  let parent: GazetteerEntry | undefined;
  if (mention.category === 'actor') {
    kind = actorKindFor(name, directive.attributes.get('role')?.value);
  } else {
    const container = directive.attributes.get('in')?.value ?? (directive.kind === 'incident' ? undefined : directive.incident?.attributes.get('place')?.value);
    parent = container !== undefined ? placeByIdOrName(gazetteer, container, scope.countries) : undefined;
    kind = placeKindFor(name, directive.attributes.get('kind')?.value, parent?.kind);
  }
  const edit = addEntryEdit(teamGazetteer, mention.category, { id, name, kind, parent: parent?.id });
  if (!edit) return [];
  return [{ title: `Add "${name}" to ${basename(teamGazetteer.path)} as a new ${mention.category} (${kind}, id ${id})`, edits: [], fileEdits: [edit] }];
}

/**
 * What the first unknown name's check would compile and build, for a server to run while it is
 * idle: the near misses of a name no gazetteer holds, in the report's countries, and the plan of
 * where a new entry goes in the team's file (a YAML parse of it, kept per file text). In the 1 MiB
 * bench report the first keystroke that made a place name unknown took 30-45 ms, the next ones 15-20.
 */
export function warmUpUnknownName(gazetteer: Gazetteer, scope: PlaceScope, teamGazetteer: { path: string; text: string } | undefined): void {
  const name = 'Qxv Warm-up';
  gazetteer.resolve('place', name, { countries: scope.countries });
  if (teamGazetteer) addEntryEdit(teamGazetteer, 'place', { id: idFor(name, () => false), name, kind: placeKindFor(name, undefined, undefined), parent: undefined });
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
    quickFix:
      category === 'actor'
        ? 'One fix per suggestion, the nearest first (preferred), each writing the name or alias the label is closest to ("Russsia" becomes "Russia", not the entry\'s name), keeping a leading "the"; and one that adds the actor to the team\'s gazetteer: named as written without "the", a capital first letter where there was none ("the army" is added as "Army"), of the kind its words say (a group, brigade or front is an armed-group; an army, the military, police or a government state-forces; a coalition or alliance a coalition; an organisation, observatory, network, committee or agency an organisation), or an organisation for a `role=source`, else `other`.'
        : 'One fix per suggestion, the nearest first (preferred), each writing the name or alias the label is closest to, keeping a leading "the"; for a place that fits only outside the report\'s context, one that adds its `ref=` and keeps the spelling instead. And one that adds the place to the team\'s gazetteer, named as written (without "the", a capital first letter), inside its `in=` or the incident\'s place, of the kind `kind=` asks for, else that a generic word in the name says (oblast, district, city, camp…; hospital, school, market… a site), else a neighbourhood inside a city or town, else a town.',
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
                : mention.attribute
                  ? replaceFix(report, `Change to "${candidate.entry.id}"`, span, candidate.entry.id, index === 0)
                  : // The name or alias the label misspells ("Russsia" → "Russia"), not the entry's name.
                    renameFix(report, (label) => `Change to "${label}"`, span, candidate.matched, index === 0),
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
    quickFix: 'One fix per candidate (the first five), each adding its `ref=` (or, for an incident\'s `place=`, writing its id); none preferred: which one was meant is the writer\'s to say.',
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
    quickFix: 'Change to the nearest id, or else to the id the label resolves to (preferred). None when neither is known.',
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
      fixes: [
        { title: 'Change to "the Assad regime"', preferred: true, result: 'Strikes by :actor[the Assad regime].' },
        {
          title: 'Add "Assad regim" to gazetteer.yaml as a new actor (other, id assad-regim)',
          result: 'Strikes by :actor[the Assad regim].',
          gazetteer: exampleGazetteerWith('actor', '  - id: assad-regim\n    name: Assad regim\n    kind: other\n'),
        },
      ],
    },
    {
      doc: 'Strikes by :actor[⟦Wagner Group⟧].',
      message: 'Actor "Wagner Group" is not in the gazetteer; add it to the gazetteer or give ref= with its id.',
      fixes: [
        {
          title: 'Add "Wagner Group" to gazetteer.yaml as a new actor (armed-group, id wagner-group)',
          result: 'Strikes by :actor[Wagner Group].',
          gazetteer: exampleGazetteerWith('actor', '  - id: wagner-group\n    name: Wagner Group\n    kind: armed-group\n'),
        },
      ],
    },
    {
      doc: 'Shelling by :actor[⟦Russian troups⟧].',
      message: 'Actor "Russian troups" is not in the gazetteer; did you mean "Russian troops" (Russian Armed Forces — state-forces)?',
      fixes: [
        { title: 'Change to "Russian troops"', preferred: true, result: 'Shelling by :actor[Russian troops].' },
        {
          title: 'Add "Russian troups" to gazetteer.yaml as a new actor (other, id russian-troups)',
          result: 'Shelling by :actor[Russian troups].',
          gazetteer: exampleGazetteerWith('actor', '  - id: russian-troups\n    name: Russian troups\n    kind: other\n'),
        },
      ],
    },
    {
      // The alias the label misspells, not the entry's name (Russian Armed Forces).
      doc: 'Shelling by :actor[⟦Russsia⟧].',
      message: 'Actor "Russsia" is not in the gazetteer; did you mean "Russia" (Russian Armed Forces — state-forces)?',
      fixes: [
        { title: 'Change to "Russia"', preferred: true, result: 'Shelling by :actor[Russia].' },
        {
          title: 'Add "Russsia" to gazetteer.yaml as a new actor (other, id russsia)',
          result: 'Shelling by :actor[Russsia].',
          gazetteer: exampleGazetteerWith('actor', '  - id: russsia\n    name: Russsia\n    kind: other\n'),
        },
      ],
    },
    {
      // Added without the sentence's "the", with a capital, of the kind its word says.
      doc: 'A statement by :actor[⟦the police⟧].',
      message: 'Actor "the police" is not in the gazetteer; add it to the gazetteer or give ref= with its id.',
      fixes: [
        {
          title: 'Add "Police" to gazetteer.yaml as a new actor (state-forces, id police)',
          result: 'A statement by :actor[the police].',
          gazetteer: exampleGazetteerWith('actor', '  - id: police\n    name: Police\n    kind: state-forces\n'),
        },
      ],
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
        fixes: [
          { title: 'Change to "Idlib Governorate"', preferred: true, result: 'Shelling in :place[Idlib Governorate].' },
          {
            title: 'Add "Idleb Governorat" to gazetteer.yaml as a new place (town, id idleb-governorat)',
            result: 'Shelling in :place[Idleb Governorat].',
            gazetteer: exampleGazetteerWith('place', '  - id: idleb-governorat\n    name: Idleb Governorat\n    kind: town\n'),
          },
        ],
      },
      {
        doc: ':::incident{place=⟦hama⟧}\nShelling.\n:::',
        message: 'Place "hama" is not in the gazetteer; add it to the gazetteer.',
      },
      {
        // Inside the incident's place, a city: a neighbourhood.
        doc: ':::incident{place=aleppo-city}\nShelling of :place[⟦Bustan al-Qasr⟧].\n:::',
        message: 'Place "Bustan al-Qasr" is not in the gazetteer; add it to the gazetteer or give ref= with its id.',
        fixes: [
          {
            title: 'Add "Bustan al-Qasr" to gazetteer.yaml as a new place (neighbourhood, id bustan-al-qasr)',
            result: ':::incident{place=aleppo-city}\nShelling of :place[Bustan al-Qasr].\n:::',
            gazetteer: exampleGazetteerWith('place', '  - id: bustan-al-qasr\n    name: Bustan al-Qasr\n    kind: neighbourhood\n    in: aleppo-city\n'),
          },
        ],
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
      fixes: [
        { title: 'Add ref=saa (Syrian Arab Army — state-forces)', result: 'Statement by :actor[the army]{ref=saa}.' },
        { title: 'Add ref=russian-ground-forces (Russian Ground Forces — state-forces)', result: 'Statement by :actor[the army]{ref=russian-ground-forces}.' },
      ],
    },
  ],
  pass: ['Statement by :actor[the army]{ref=saa}.'],
});

export const placeAmbiguous = ambiguousRule('place', {
  fail: [
    {
      doc: 'Strike on :place[⟦Furqan⟧].',
      message: '"Furqan" could be Furqan — neighbourhood, Aleppo, Aleppo Governorate, Syria (furqan-aleppo); or Furqan — neighbourhood, Homs, Syria (furqan-homs). Add ref= with the id of the one meant, or in= with a place that contains it.',
      fixes: [
        { title: 'Add ref=furqan-aleppo (Furqan — neighbourhood, Aleppo, Aleppo Governorate, Syria)', result: 'Strike on :place[Furqan]{ref=furqan-aleppo}.' },
        { title: 'Add ref=furqan-homs (Furqan — neighbourhood, Homs, Syria)', result: 'Strike on :place[Furqan]{ref=furqan-homs}.' },
      ],
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
      fixes: [{ title: 'Change to "russia"', preferred: true, result: 'Strikes by :actor[Moscow]{ref=russia}.' }],
    },
  ],
  pass: ['Strikes by :actor[Moscow]{ref=russia}.'],
});

export const placeUnknownRef = unknownRefRule('place', {
  fail: [
    {
      doc: 'Shelling in :place[Idlib]{ref=⟦idlib-town⟧}.',
      message: 'ref "idlib-town" is not a place id in the gazetteer; did you mean "idlib-city"?',
      fixes: [{ title: 'Change to "idlib-city"', preferred: true, result: 'Shelling in :place[Idlib]{ref=idlib-city}.' }],
    },
  ],
  pass: ['Shelling in :place[Idlib]{ref=idlib-city}.'],
});
