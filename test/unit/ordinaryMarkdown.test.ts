import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../server/src/core/gazetteer/gazetteer.js';
import { readGazetteerFile } from '../../server/src/core/gazetteer/readGazetteerFile.js';
import { parseReport } from '../../server/src/core/parse/parseReport.js';
import { EXAMPLE_GAZETTEER } from '../../server/src/core/rules/rule.js';
import { runRules } from '../../server/src/core/runRules.js';

const ORDINARY = `# Weekly update: north-west Syria

Published at 10:30, updated 14:05:30. Ratio of strikes 3:1 compared with last week :smile: :+1:

See the [UN report](https://example.org/report:2023?x=1) and <https://example.org/a:b>, or mail:someone.
Read the note:this is plain prose, as is word:word, key:value and time 09:00–17:00.

| Date | Place | Killed |
| ---- | ----- | -----: |
| 4 Oct | Idlib | 10 |
| 5 Oct | Sarmin:east | 3 |

> A quote: with a colon, and :emoji: inside.

- List item: with text
- [ ] task: :x:

\`\`\`js
const a = { b: 1 }; // :count[46]{type=killed} in code is never read
\`\`\`

    :::incident{#indented-code}

Inline \`:actor[nobody]{ref=x}\` code and an escaped \\:count[1]{type=killed} stay plain.

<div class="note">HTML :place[x]{ref=y} block</div>

Footnote[^1].

[^1]: Source: field team.
`;

describe('ordinary Markdown', () => {
  it('produces no diagnostic and no model', () => {
    const report = parseReport(ORDINARY);
    expect(report.annotations).toEqual([]);
    expect(report.incidents).toEqual([]);
    expect(report.foreignDirectives).toEqual([]);
    const gazetteer = new Gazetteer([readGazetteerFile('gazetteer.yaml', EXAMPLE_GAZETTEER)]);
    expect(runRules(report, gazetteer)).toEqual([]);
  });
});
