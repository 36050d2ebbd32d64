import { mentions, resolveMention } from '../gazetteer/resolveMention.js';
import { isWithin, placeByIdOrName } from '../gazetteer/placeLookup.js';
import type { Rule } from './rule.js';

export const placeOutsideIncident: Rule = {
  code: 'place-outside-incident',
  scope: 'block',
  defaultSeverity: 'information',
  summary:
    "A place inside an incident lies outside the incident's own `place` (and does not contain it either): either the incident's place is too narrow or the place belongs to another incident.",
  quickFix:
    "None: whether the incident's place is too narrow or the place belongs to another incident is the writer's to say.",
  examples: {
    fail: [
      {
        doc: ':::incident{place=idlib-governorate}\nShelling hit :place[⟦Aleppo⟧].\n:::',
        message: 'Aleppo is outside this incident\'s place, Idlib Governorate.',
      },
    ],
    pass: [':::incident{place=idlib-governorate}\nShelling hit :place[Maarat al-Numan] in :place[Idlib province], :place[Syria].\n:::'],
  },
  check({ report, gazetteer, scope, flag }) {
    if (gazetteer.files.length === 0) return;
    for (const incident of report.incidents) {
      const placeValue = incident.attributes.get('place')?.value;
      const incidentPlace = placeValue ? placeByIdOrName(gazetteer, placeValue, scope.countries) : undefined;
      if (!incidentPlace) continue;
      for (const mention of mentions(incident.annotations, [])) {
        if (mention.category !== 'place') continue;
        const resolution = resolveMention(gazetteer, mention, scope);
        if (resolution.status !== 'resolved') continue;
        const place = resolution.entry;
        if (isWithin(gazetteer, place, incidentPlace) || isWithin(gazetteer, incidentPlace, place)) continue;
        flag({
          span: mention.directive.labelSpan ?? mention.directive.nameSpan,
          message: `${place.name} is outside this incident's place, ${incidentPlace.name}.`,
        });
      }
    }
  },
};
