import { distance } from 'fastest-levenshtein';
import { groupNames, type GroupTree } from '../gazetteer/gazetteerModel.js';
import type { ExampleFix, Rule } from './rule.js';
import { setValueFix } from './ruleHelpers.js';

/**
 * Words writers use for a group, which no spelling distance finds: "medical staff" are health
 * workers, "soldiers" combatants. Keyed by the word in lower case with hyphens for spaces. No
 * prototype: the words are what the writer typed.
 */
const MEANT_GROUP: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  'medical-staff': 'health-workers', 'medical-workers': 'health-workers', 'medical-personnel': 'health-workers',
  'healthcare-workers': 'health-workers', 'health-care-workers': 'health-workers', medics: 'health-workers',
  paramedics: 'health-workers', doctors: 'health-workers', nurses: 'health-workers',
  'media-workers': 'journalists', reporters: 'journalists', 'media-personnel': 'journalists',
  'humanitarian-workers': 'aid-workers', humanitarians: 'aid-workers', 'relief-workers': 'aid-workers',
  soldiers: 'combatants', fighters: 'combatants', militants: 'combatants', troops: 'combatants',
  prisoners: 'detainees', 'prisoners-of-war': 'detainees', pows: 'detainees',
  kids: 'children', minors: 'children', females: 'women', males: 'men',
  teachers: 'educators', pupils: 'students',
});

/** "Aid workers", "aid_workers" → "aid-workers": how a group would be written as a value. */
function normalised(written: string): string {
  return written.trim().toLowerCase().replace(/[\s_]+/g, '-');
}

/**
 * The known groups close to what was written, the closest first: the group the word means, then
 * those the word begins ("journ"), then those a few letters away (about one edit in three letters,
 * at least two); ties keep the declared order. `meant` is the one group that is closest of all.
 */
function closeGroups(written: string, names: readonly string[]): { close: string[]; meant: string | undefined } {
  const word = normalised(written);
  const allowed = Math.max(2, Math.floor(word.length / 3));
  const scored = names
    .map((name, index) => ({ name, index, score: word.length >= 2 && name.startsWith(word) ? 0 : distance(word, name) }))
    .filter(({ name, score }) => score <= allowed && score < Math.max(word.length, name.length))
    .sort((a, b) => a.score - b.score || a.index - b.index);
  const synonym = MEANT_GROUP[word];
  if (synonym !== undefined && names.includes(synonym)) {
    return { close: [synonym, ...scored.map(({ name }) => name).filter((name) => name !== synonym)], meant: synonym };
  }
  const [first, second] = scored;
  const meant = first && (!second || second.score > first.score) ? first.name : undefined;
  return { close: scored.map(({ name }) => name), meant };
}

/** The groups of a gazetteer, worked out once per tree (a gazetteer keeps its tree until it is rebuilt). */
const NAMES = new WeakMap<GroupTree, string[]>();

function knownGroups(groups: GroupTree): string[] {
  let names = NAMES.get(groups);
  if (!names) NAMES.set(groups, (names = groupNames(groups)));
  return names;
}

/** The fixes an example expects: one per group, in this order, the first preferred when `firstPreferred`. */
function changes(written: (group: string) => string, groups: string[], firstPreferred: boolean): ExampleFix[] {
  return groups.map((group, index) => ({ title: `Change to "${group}"`, ...(firstPreferred && index === 0 ? { preferred: true as const } : {}), result: written(group) }));
}

const LEFT_OUT = 'so the checks neither count it as part of a larger group nor compare it with the figures of the group meant';

export const countUnknownGroup: Rule = {
  code: 'count-unknown-group',
  scope: 'block',
  defaultSeverity: 'warning',
  summary:
    "A count's `group` is neither a built-in group (civilians, women, men, children, boys, girls, combatants, journalists, aid-workers, health-workers, human-rights-defenders, educators, students, detainees) nor one the gazetteer's `groups` declares. A misspelt group silently drops the count out of the comparisons by group: it is no part of its group's total, and a different figure for the same group is not seen as a conflict.",
  quickFix:
    'One fix per known group close to what was written, the closest first: the group the word means ("medical staff" are health-workers, "soldiers" combatants), one it begins, or one a letter or two away. The closest is preferred when no other is as close. A group the team counts on purpose is declared in the gazetteer\'s `groups` instead.',
  examples: {
    fail: [
      {
        doc: ':count[46]{type=killed group=⟦civilans⟧} civilians were killed.',
        message:
          'group "civilans" is not a known group, so the checks neither count it as part of a larger group nor compare it with the figures of the group meant; did you mean "civilians"?',
        fixes: changes((group) => `:count[46]{type=killed group=${group}} civilians were killed.`, ['civilians'], true),
      },
      {
        doc: 'Among them were :count[3]{type=killed group=⟦medical-staff⟧} doctors and nurses.',
        message:
          'group "medical-staff" is not a known group, so the checks neither count it as part of a larger group nor compare it with the figures of the group meant; did you mean "health-workers"?',
        fixes: changes((group) => `Among them were :count[3]{type=killed group=${group}} doctors and nurses.`, ['health-workers'], true),
      },
      {
        doc: ':count[4]{type=injured group=⟦firefighters⟧} firefighters were injured.',
        message:
          'group "firefighters" is not a known group, so the checks neither count it as part of a larger group nor compare it with the figures of the group meant. If the team counts it on purpose, declare it in the gazetteer\'s `groups` (`firefighters: []`).',
      },
    ],
    pass: [
      ':count[46]{#civ type=killed group=civilians} civilians were killed, :count[2]{type=killed group=journalists part-of=civ} of them journalists, and :count[3]{type=injured group=aid-workers} aid workers were injured.',
      ':count[12]{type=detained group=Students} students were detained.',
    ],
  },
  check({ report, gazetteer, flag }) {
    for (const annotation of report.annotations) {
      if (annotation.kind !== 'count') continue;
      const attribute = annotation.attributes.get('group');
      // No group, or an empty one, is a count of people of any group: nothing to check.
      if (!attribute || attribute.value.trim() === '') continue;
      const names = knownGroups(gazetteer.groups);
      if (names.includes(attribute.value.trim().toLowerCase())) continue;
      const { close, meant } = closeGroups(attribute.value, names);
      const advice = meant
        ? `; did you mean "${meant}"?`
        : close.length > 0
          ? `; did you mean ${close.map((group) => `"${group}"`).join(' or ')}?`
          : `. If the team counts it on purpose, declare it in the gazetteer's \`groups\` (\`${normalised(attribute.value)}: []\`).`;
      flag({
        span: attribute.valueSpan.start === attribute.valueSpan.end ? attribute.span : attribute.valueSpan,
        message: `group "${attribute.value}" is not a known group, ${LEFT_OUT}${advice}`,
        fixes: close.map((group) => setValueFix(report, `Change to "${group}"`, attribute, group, group === meant)),
      });
    }
  },
};
