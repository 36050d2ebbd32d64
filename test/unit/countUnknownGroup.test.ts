import { describe, expect, it } from 'vitest';
import { DEFAULT_GROUPS, groupNames } from '../../server/src/core/gazetteer/gazetteerModel.js';
import { Gazetteer } from '../../server/src/core/gazetteer/gazetteer.js';
import { readGazetteerFile } from '../../server/src/core/gazetteer/readGazetteerFile.js';
import { parseReport } from '../../server/src/core/parse/parseReport.js';
import { runRules } from '../../server/src/core/runRules.js';

/** What count-unknown-group says of a report: message and fix titles (preferred marked with *), per finding. */
function unknownGroups(text: string, gazetteer = Gazetteer.empty()) {
  return runRules(parseReport(text), gazetteer)
    .filter((diagnostic) => diagnostic.code === 'count-unknown-group')
    .map((diagnostic) => ({ message: diagnostic.message, fixes: diagnostic.fixes.map((fix) => `${fix.title}${fix.preferred ? ' *' : ''}`) }));
}

describe('count-unknown-group', () => {
  it('knows the built-in groups, in the order docs/markup.md gives them', () => {
    expect(groupNames(DEFAULT_GROUPS)).toEqual([
      'civilians', 'women', 'men', 'children', 'boys', 'girls', 'combatants', 'journalists', 'aid-workers',
      'health-workers', 'human-rights-defenders', 'educators', 'students', 'detainees',
    ]);
  });

  it('knows the groups a team gazetteer declares, as subgroups or on their own, and suggests them', () => {
    const team = new Gazetteer([readGazetteerFile('/g.yaml', 'groups:\n  teachers:\n  educators: [teachers, lecturers]\n  police: []\n')]);
    expect(team.problems).toEqual([]);
    expect(unknownGroups(':count[3]{type=killed group=teachers}, :count[1]{type=killed group=lecturers}, :count[2]{type=injured group=Police}.', team)).toEqual([]);
    expect(unknownGroups(':count[3]{type=killed group=teachrs}.', team)).toEqual([
      {
        message: 'group "teachrs" is not a known group, so the checks neither count it as part of a larger group nor compare it with the figures of the group meant; did you mean "teachers"?',
        fixes: ['Change to "teachers" *'],
      },
    ]);
  });

  it('offers every close group and prefers none when two are as close', () => {
    // "wmen" is one letter from "women" and from "men": which was meant only the writer knows.
    expect(unknownGroups(':count[3]{type=killed group=wmen}.')).toEqual([
      {
        message: 'group "wmen" is not a known group, so the checks neither count it as part of a larger group nor compare it with the figures of the group meant; did you mean "women" or "men"?',
        fixes: ['Change to "women"', 'Change to "men"'],
      },
    ]);
    expect(unknownGroups(':count[3]{type=killed group=mon}.')).toEqual([
      {
        message: 'group "mon" is not a known group, so the checks neither count it as part of a larger group nor compare it with the figures of the group meant; did you mean "men"?',
        fixes: ['Change to "men" *'],
      },
    ]);
  });

  it('reads a quoted group written with spaces as the hyphenated group', () => {
    expect(unknownGroups(':count[3]{type=killed group="aid workers"}.')).toEqual([
      {
        message: 'group "aid workers" is not a known group, so the checks neither count it as part of a larger group nor compare it with the figures of the group meant; did you mean "aid-workers"?',
        fixes: ['Change to "aid-workers" *'],
      },
    ]);
  });

  it('leaves a count without a group, or with an empty one, alone', () => {
    expect(unknownGroups(':count[3]{type=killed} and :count[2]{type=killed group=""}.')).toEqual([]);
  });
});
