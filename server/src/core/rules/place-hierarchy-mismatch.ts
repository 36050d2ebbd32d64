import { isWithin, placeByIdOrName } from '../gazetteer/placeLookup.js';
import { mentions, resolveMention } from '../gazetteer/resolveMention.js';
import type { Rule } from './rule.js';
import { replaceFix, setValueFix } from './ruleHelpers.js';

export const placeHierarchyMismatch: Rule = {
  code: 'place-hierarchy-mismatch',
  scope: 'block',
  defaultSeverity: 'warning',
  summary: '`in=` names a place that, according to the gazetteer, does not contain this place.',
  quickFix:
    "Change `in=` to the place that contains it at the level written (preferred); when `in=` names no place, one fix per place that contains it, the nearest first, none preferred.",
  examples: {
    fail: [
      {
        doc: 'Strikes on :place[Maarat al-Numan]{in=⟦aleppo-governorate⟧}.',
        message: 'Ma‘arrat an Nu‘mān is in Idlib Governorate, not Aleppo Governorate.',
        fixes: [{ title: 'Change to in=idlib-governorate (Idlib Governorate)', preferred: true, result: 'Strikes on :place[Maarat al-Numan]{in=idlib-governorate}.' }],
      },
      {
        doc: 'Strikes on :place[Idlib]{in=⟦hama⟧}.',
        message: 'in="hama" names no place in the gazetteer; use the id or name of a place that contains Idlib.',
        fixes: [
          { title: 'Change to in=idlib-governorate (Idlib Governorate)', result: 'Strikes on :place[Idlib]{in=idlib-governorate}.' },
          { title: 'Change to in=syria (Syria)', result: 'Strikes on :place[Idlib]{in=syria}.' },
        ],
      },
    ],
    pass: ['Strikes on :place[Maarat al-Numan]{in=idlib-governorate} and :place[Idlib]{in=syria}.'],
  },
  check({ report, gazetteer, scope, flag }) {
    if (gazetteer.files.length === 0) return;
    for (const mention of mentions(report.annotations, [])) {
      const within = mention.directive.attributes.get('in');
      if (mention.category !== 'place' || !within) continue;
      const resolution = resolveMention(gazetteer, mention, scope);
      if (resolution.status !== 'resolved') continue;
      const place = resolution.entry;
      const container = placeByIdOrName(gazetteer, within.value, scope.countries);
      if (!container) {
        flag({
          span: within.valueSpan,
          message: `in="${within.value}" names no place in the gazetteer; use the id or name of a place that contains ${place.name}.`,
          // The places that do contain it, the nearest first: which of them was meant is the writer's to say.
          fixes: gazetteer.ancestors(place).map((ancestor) => setValueFix(report, `Change to in=${ancestor.id} (${ancestor.name})`, within, ancestor.id)),
        });
        continue;
      }
      if (isWithin(gazetteer, place, container)) continue;
      const ancestors = gazetteer.ancestors(place);
      // Name the containing place at the level the writer meant: a governorate for a governorate.
      const actual = ancestors.find((ancestor) => ancestor.kind !== undefined && ancestor.kind === container.kind) ?? ancestors[0];
      flag({
        span: within.valueSpan,
        message: actual
          ? `${place.name} is in ${actual.name}, not ${container.name}.`
          : `${place.name} has no containing place in the gazetteer, so it cannot be in ${container.name}.`,
        fixes: actual ? [replaceFix(report, `Change to in=${actual.id} (${actual.name})`, within.valueSpan, actual.id, true)] : [],
      });
    }
  },
};
