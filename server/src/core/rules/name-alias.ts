import type { EntryCategory } from '../gazetteer/gazetteerModel.js';
import { mentions, resolveMention } from '../gazetteer/resolveMention.js';
import type { Rule } from './rule.js';
import { renameFix } from './ruleHelpers.js';

/**
 * A hint, never a warning: aliases are how the press writes names, and a
 * report may keep them. The hint shows which entry the name was read as. It is
 * for a name written as an alias only: a variant spelling of a place that
 * resolves is not flagged, and anything nearer a guess is no resolution at all
 * but `place-unknown` or `actor-unknown` with suggestions.
 */
function aliasRule(category: EntryCategory, examples: Rule['examples']): Rule {
  return {
    code: `${category}-alias`,
    scope: 'block',
    defaultSeverity: 'hint',
    summary: `The ${category} is written with one of its aliases; the hint shows the gazetteer's name for it.`,
    quickFix: 'Write the gazetteer\'s name instead, keeping a leading "the" (not preferred: an alias is a fine way to write a name).',
    examples,
    check({ report, gazetteer, scope, flag }) {
      for (const mention of mentions(report.annotations, [])) {
        if (mention.category !== category || mention.ref) continue;
        const resolution = resolveMention(gazetteer, mention, scope);
        if (resolution.status !== 'resolved' || resolution.match !== 'alias') continue;
        const { entry } = resolution;
        const span = mention.directive.labelSpan!;
        flag({
          span,
          message: `"${mention.text.trim()}" is an alias of ${entry.name} (${entry.id}).`,
          fixes: [renameFix(report, () => `Write the gazetteer name "${entry.name}"`, span, entry.name)],
        });
      }
    },
  };
}

export const actorAlias = aliasRule('actor', {
  fail: [
    {
      doc: 'Strikes by :actor[⟦the Assad regime⟧].',
      message: '"the Assad regime" is an alias of Government of Syria (syrian-government).',
      fixes: [{ title: 'Write the gazetteer name "Government of Syria"', result: 'Strikes by :actor[the Government of Syria].' }],
    },
  ],
  pass: ['Strikes by :actor[the Government of Syria] and :actor[Damascus]{ref=syrian-government}.'],
});

export const placeAlias = aliasRule('place', {
  fail: [
    {
      doc: 'Shelling in :place[⟦Maarat al-Numan⟧].',
      message: '"Maarat al-Numan" is an alias of Ma‘arrat an Nu‘mān (maarat-al-numan).',
      fixes: [{ title: 'Write the gazetteer name "Ma‘arrat an Nu‘mān"', result: 'Shelling in :place[Ma‘arrat an Nu‘mān].' }],
    },
  ],
  pass: ['Shelling in :place[Ma‘arrat an Nu‘mān] and :place[Idlib Governorate].'],
});
