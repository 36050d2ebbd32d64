import { firstDay, formatIso, formatInterval } from '../dates/isoDate.js';
import { resolveDateLabel, weekdayName, weekdayOf } from '../dates/resolveDateLabel.js';
import type { Fix } from '../diagnostics.js';
import type { Rule } from './rule.js';
import { dateFacts, type DateFact } from './dateValues.js';
import { replaceFix } from './ruleHelpers.js';

export const dateWeekdayMismatch: Rule = {
  code: 'date-weekday-mismatch',
  scope: 'block',
  defaultSeverity: 'error',
  summary:
    'The label names a weekday that the date is not: "Monday" with value 2023-10-10 (a Tuesday), or "Thursday 4 October" in 2023 (a Wednesday). Checked only against a date known to the day.',
  quickFix:
    "Change the weekday to the date's (preferred when the label also gives the day of the month), and, for a weekday alone, set `value` to the date it stands for.",
  examples: {
    fail: [
      {
        doc: 'On :date[⟦Monday⟧]{value=2023-10-10} the market was hit.',
        message: 'The label says Monday, but 2023-10-10 is a Tuesday.',
        fixes: [{ title: 'Change to Tuesday', result: 'On :date[Tuesday]{value=2023-10-10} the market was hit.' }],
      },
      {
        doc: '---\npublished: 2023-10-10\n---\nOn :date[⟦Thursday⟧ 4 October]{value=2023-10-04} the market was hit.',
        message: 'The label says Thursday, but 2023-10-04 is a Wednesday.',
        fixes: [{ title: 'Change to Wednesday', preferred: true, result: '---\npublished: 2023-10-10\n---\nOn :date[Wednesday 4 October]{value=2023-10-04} the market was hit.' }],
      },
    ],
    pass: [
      '---\npublished: 2023-10-10\n---\nOn :date[Monday]{value=2023-10-09}, :date[Saturday night]{value=2023-10-08}, :date[Wednesday 4 October]{value=2023-10-04} and :date[Monday to Wednesday]{value=2023-10-02/2023-10-04}; in :date[October 2023]{value=2023-10}.',
    ],
  },
  check({ report, flag }) {
    const facts = dateFacts(report);
    for (const fact of facts.dates) {
      const words = fact.reading?.weekdays ?? [];
      if (words.length === 0) continue;
      const interval = fact.value === 'invalid' ? undefined : (fact.value?.interval ?? (fact.resolution?.ok ? fact.resolution.date.interval : undefined));
      if (!interval) continue;
      const raw = report.text.slice(fact.labelSpan.start, fact.labelSpan.end);
      const offset = raw.indexOf(fact.label);
      for (const word of words) {
        const date = interval[word.end];
        if (date.precision !== 'day') continue;
        const actual = weekdayOf(firstDay(date));
        // "Saturday night" may be recorded on the Sunday it ran into.
        if (actual === word.weekday || (fact.reading!.overnight && actual === (word.weekday + 1) % 7)) continue;
        const span =
          offset >= 0
            ? { start: fact.labelSpan.start + offset + word.span.start, end: fact.labelSpan.start + offset + word.span.end }
            : fact.labelSpan;
        const written = report.text.slice(span.start, span.end);
        const name = weekdayName(actual);
        const replacement = offset >= 0 && written.length <= 5 ? name.slice(0, written.length) : name;
        const spelledOut = fact.reading!.start.day !== undefined || fact.reading!.end.day !== undefined;
        const fixes: Fix[] = offset >= 0 ? [replaceFix(report, `Change to ${replacement}`, span, replacement, spelledOut)] : [];
        const better = betterValue(fact, facts.published);
        if (better && fact.value && fact.value !== 'invalid') fixes.push(replaceFix(report, `Set value to ${better}`, fact.value.span, better));
        flag({ span, message: `The label says ${weekdayName(word.weekday)}, but ${formatIso(date)} is a ${name}.`, fixes });
      }
    }
  },
};

/** For a bare weekday with a value: the date the weekday stands for, ignoring the value. */
function betterValue(fact: DateFact, published: ReturnType<typeof dateFacts>['published']): string | undefined {
  const reading = fact.reading!;
  if (reading.start.day !== undefined || reading.start.month !== undefined) return undefined;
  const resolution = resolveDateLabel(reading, {
    published: published && published !== 'invalid' ? published.interval : undefined,
    incident: fact.incident?.interval,
  });
  return resolution.ok ? formatInterval(resolution.date.interval) : undefined;
}
