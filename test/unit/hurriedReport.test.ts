import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../server/src/core/gazetteer/gazetteer.js';
import { readGazetteerFile } from '../../server/src/core/gazetteer/readGazetteerFile.js';
import { parseReport } from '../../server/src/core/parse/parseReport.js';
import { runRules } from '../../server/src/core/runRules.js';
import { stripMarkers } from '../helpers/markers.js';

const GAZETTEER = `actors:
  - id: syrian-government
    name: Government of Syria
    aliases: [Assad regime, regime forces]
    kind: state-forces
  - id: russia
    name: Russian Armed Forces
    aliases: [Russia, Russian forces]
    kind: state-forces
  - id: syria-civil-defence
    name: Syria Civil Defence
    aliases: [White Helmets]
    kind: organisation
places:
  - id: syria
    name: Syria
    kind: country
  - id: idlib-governorate
    name: Idlib Governorate
    aliases: [Idlib province]
    kind: governorate
    in: syria
  - id: idlib-city
    name: Idlib
    kind: city
    in: idlib-governorate
  - id: sarmin
    name: Sarmin
    kind: town
    in: idlib-governorate
  - id: aleppo-governorate
    name: Aleppo Governorate
    kind: governorate
    in: syria
  - id: aleppo-city
    name: Aleppo
    kind: city
    in: aleppo-governorate
groups:
  civilians: [women, men, children]
  children: [boys, girls]
`;

const gazetteer = new Gazetteer([readGazetteerFile('/reports/gazetteer.yaml', GAZETTEER)]);

function check(text: string) {
  return runRules(parseReport(text), gazetteer);
}

/**
 * The kind of report a writer files in a hurry: each ⟦…⟧ is one slip, and the
 * list below says what the checker must say about it, in document order.
 */
const HURRIED = `---
title: Strikes on Idlib and Aleppo
published: 2023-10-10
totals: {killed: ⟦50⟧}
---

# Strikes on Idlib and Aleppo

:::incident{#idlib date=2023-10-04/2023-10-07 place=idlib-governorate killed=46}
Between :date[4-7 October]{value=2023-10-04/2023-10-07}, :actor[regime forces]{role=perpetrator} and
:actor[Russia]{role=perpetrator} struck :place[Idlib]{ref=idlib-city}, killing :count[⟦46⟧]{#civ type=killed group=civilians}
civilians, including :count[9]{type=killed group=women part-of=civ} women, :count[13]{type=killed group=children part-of=civ}
children and :count[30]{type=killed group=men part-of=civ} men. The heaviest strikes came on :date[⟦4 October⟧]{value=2023-10-05}
and on :date[⟦Thursday⟧ 7 October]{value=2023-10-07}. Doctors treated :count[⟦213⟧]{type=injured value=231} injured people, and
:count[⟦numerous⟧]{type=displaced} families fled.
:::

:::incident{#aleppo date=2023-10-06 place=aleppo-city}
Shelling of :place[Aleppo] on :date[Thursday]{value=⟦2023-10-05⟧} killed :count[3]{#aleppo-civ type=killed group=civilians}
civilians, :count[2]{type=killed group=children part-of=⟦aleppo-civs⟧} of them children. Relatives later said
the :count[⟦four⟧]{type=killed group=civilians} victims were buried on :date[⟦the day of the funeral⟧].
:::

:::incident{#sarmin date=2023-10-05 place=sarmin killed=⟦5⟧}
In :place[Sarmin], :count[seven]{type=killed} people were killed.
:::

The bombardment resumed on :date[12 October]{value=⟦2023-10-12⟧}, according to :actor[the White Helmets]{role=source}.
Earlier, on :date[31 September]{value=⟦2023-09-31⟧}, a :⟦cuont⟧[3]{type=killed} was reported.
`;

const EXPECTED: [code: string, severity: string, message: string][] = [
  ['count-report-total', 'error', 'totals.killed is 50, but the incidents come to at least 55 killed (#idlib: 46 + #aleppo: 4 + #sarmin: 5 = 55).'],
  ['count-parts-exceed-total', 'error', 'The parts add up to more than the total: 9 women + 13 children + 30 men = 52 > 46 civilians killed.'],
  ['date-label-mismatch', 'error', 'The label says 4 October, but value=2023-10-05; make the prose and the value agree.'],
  ['date-weekday-mismatch', 'error', 'The label says Thursday, but 2023-10-07 is a Saturday.'],
  ['count-label-mismatch', 'error', 'The label says 213 but value=231; make the prose and the value agree.'],
  ['count-invalid', 'error', 'Cannot read a number from "numerous"; write the figure in the label ("46", "forty-six", "at least 46", "dozens") or add value=N.'],
  ['date-outside-incident', 'warning', "2023-10-05 is not within the incident's date 2023-10-06."],
  ['count-unknown-ref', 'error', 'part-of=aleppo-civs names no count in this report; did you mean "aleppo-civ"?'],
  ['count-conflict', 'warning', 'This says 4 civilians killed, but line 19 says 3 for the same incident; state one figure, or mark a breakdown with part-of.'],
  ['date-unresolved', 'information', 'Cannot read a date from "the day of the funeral"; add value=YYYY-MM-DD (or YYYY-MM, YYYY, or start/end).'],
  ['count-incident-total', 'error', 'killed=5, but the counts inside the incident come to at least 7 killed (7 people).'],
  ['date-after-publication', 'error', "2023-10-12 is after the report's publication date, 2023-10-10."],
  ['date-invalid', 'error', '"2023-09-31" is not a calendar date: September 2023 has 30 days.'],
  ['markup-unknown-directive', 'warning', 'Unknown directive ":cuont"; did you mean ":count"?'],
];

/**
 * A long, correct report: every kind of annotation, vague and qualified
 * figures, parts within parts, relative and partial dates, and ordinary
 * Markdown all around (tables, lists, code, links, quotes, times).
 */
const CAREFUL = `---
title: Bombardment of north-west Syria, 4-7 October 2023
published: 2023-10-10
totals: {killed: 58, injured: 230}
---

# Bombardment of north-west Syria, 4-7 October 2023

*Situation report, :date[Tuesday 10 October 2023]{value=2023-10-10}, last updated at 10:30 (UTC+3).*

| Figure            | Number       | Source           |
| ----------------- | -----------: | ---------------- |
| Civilians killed  | 46           | civil defence    |
| Injured           | at least 213 | hospitals        |
| Period            | 4–7 October  | see below        |

See the [methodology](https://example.org/method:2023) and <https://example.org/a:b>. Ratio 3:1, :smile:.

## Summary

- Four days of strikes; dozens of civilians killed (figures below).
- The note:draft status of this report is *final*.
- Code such as \`:count[46]{type=killed}\` is never read, nor is:

\`\`\`markdown
:count[999]{type=killed part-of=nothing}
:date[Funday]{value=2023-13-45}
\`\`\`

## 1. Idlib Governorate

:::incident{#idlib date=2023-10-04/2023-10-07 place=idlib-governorate killed=46 injured=213}
Between :date[4 and 7 October]{value=2023-10-04/2023-10-07}, :actor[regime forces]{role=perpetrator} and
:actor[Russian forces]{role=perpetrator} struck :place[Idlib province]. They killed
:count[46]{#idlib-civ type=killed group=civilians} civilians: :count[nine]{type=killed group=women part-of=idlib-civ} women,
:count[13]{#idlib-children type=killed group=children part-of=idlib-civ} children (:count[five]{type=killed group=girls part-of=idlib-children}
of them girls and :count[8]{type=killed group=boys part-of=idlib-children} boys) and :count[24]{type=killed group=men part-of=idlib-civ} men.
More than :count[200]{type=injured} people were hurt; the hospitals counted :count[213]{type=injured precision=at-least}.

> "We pulled :count[dozens]{type=injured group=civilians} of people from the rubble on :date[Wednesday]{value=2023-10-04}
> and :date[Thursday 5 October]{value=2023-10-05}," said a volunteer of :actor[the White Helmets]{role=source}.

1. :date[Wednesday 4 October]{value=2023-10-04}: strikes on :place[Idlib]{ref=idlib-city}.
2. :date[early October]{value=2023-10-04/2023-10-07}: hundreds of families displaced.
3. :date[Saturday]{value=2023-10-07}: last recorded strike.
:::

## 2. Aleppo

:::incident{#aleppo date=2023-10-06 place=aleppo-city killed=3}
Shelling of :place[Aleppo] on :date[Friday 6 October]{value=2023-10-06} killed :count[three]{#aleppo-civ type=killed group=civilians}
civilians, :count[2]{type=killed group=children part-of=aleppo-civ} of them children; the :count[three]{type=killed group=civilians}
victims were buried the same day, :date[Friday]{value=2023-10-06}.
:::

## 3. Sarmin

:::incident{#sarmin date=2023-10 place=sarmin}
Some time in :date[October 2023]{value=2023-10}, up to :count[9]{type=killed} people died in :place[Sarmin] and about
:count[15]{type=injured} were injured. :count[Between 3 and 5]{type=killed group=civilians} were civilians.
:::

## Notes

Figures were checked :date[yesterday]{value=2023-10-09} and again :date[today]{value=2023-10-10}. Over the
period from :date[late September]{value=2023-09-21/2023-09-30} to :date[October 7, 2023]{value=2023-10-07},
monitors recorded :count[tens of thousands]{type=displaced} displaced people across :place[Syria].

| Time  | Event                  |
| ----- | ---------------------- |
| 09:00 | first reports          |
| 17:45 | casualty lists updated |
`;

describe('a hurried report', () => {
  it('is flagged with exactly its mistakes, each where it is', () => {
    const { text, spans } = stripMarkers(HURRIED);
    const diagnostics = check(text).filter((diagnostic) => diagnostic.severity !== 'hint');
    expect(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.message])).toEqual(EXPECTED);
    expect(diagnostics.map((diagnostic) => diagnostic.span)).toEqual(spans);
  });

  it('offers the fixes a reviewer would make', () => {
    const { text } = stripMarkers(HURRIED);
    const titles = check(text)
      .filter((diagnostic) => diagnostic.fixes.length > 0 && diagnostic.severity !== 'hint')
      .map((diagnostic) => [diagnostic.code, diagnostic.fixes.map((fix) => fix.title)]);
    expect(titles).toEqual([
      ['count-report-total', ['Set totals.killed to 55']],
      ['date-label-mismatch', ['Set value to 2023-10-04']],
      ['date-weekday-mismatch', ['Change to Saturday']],
      ['count-label-mismatch', ['Set value to 213', 'Change the label to "231"']],
      ['count-unknown-ref', ['Change to aleppo-civ']],
      ['count-incident-total', ['Set killed=7']],
      ['markup-unknown-directive', ['Change to "count"']],
    ]);
  });
});

describe('a careful report', () => {
  it('gets no warning, error or information, only hints', () => {
    const diagnostics = check(CAREFUL);
    expect(diagnostics.filter((diagnostic) => diagnostic.severity !== 'hint').map((diagnostic) => `${diagnostic.code}: ${diagnostic.message}`)).toEqual([]);
    expect(diagnostics.every((diagnostic) => diagnostic.code.endsWith('-alias'))).toBe(true);
  });

  it('is checked, not skipped: one wrong figure in it is found', () => {
    const broken = CAREFUL.replace(':count[24]{type=killed group=men part-of=idlib-civ}', ':count[25]{type=killed group=men part-of=idlib-civ}');
    expect(check(broken).filter((diagnostic) => diagnostic.severity !== 'hint').map((diagnostic) => diagnostic.message)).toEqual([
      'The parts add up to more than the total: 9 women + 13 children + 25 men = 47 > 46 civilians killed.',
    ]);
  });
});
