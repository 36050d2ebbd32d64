import { GAZETTEER_PROBLEM_SEVERITY } from '../gazetteer/gazetteerModel.js';
import { EXAMPLE_GAZETTEER, type Rule } from './rule.js';

const MARKERS = /[⟦⟧]/g;

function fence(text: string, language = 'markdown'): string {
  return `\`\`\`${language}\n${text.replace(MARKERS, '')}\n\`\`\``;
}

const GAZETTEER_PROBLEM_SUMMARY: Record<keyof typeof GAZETTEER_PROBLEM_SEVERITY, string> = {
  'gazetteer-syntax': 'The gazetteer file is not valid YAML/JSON, or is not a mapping. The last good version stays in use until it is fixed.',
  'gazetteer-duplicate-id': 'Two entries share an id; ids must be unique across every gazetteer file loaded together. The later one is ignored.',
  'gazetteer-unknown-parent': '`in:` names a place id that no entry has.',
  'gazetteer-invalid-entry': 'An entry lacks `id` or `name`, has an unknown field or kind, or a field of the wrong shape.',
  'gazetteer-invalid-coordinates': 'Coordinates are not `[latitude, longitude]` within ±90 and ±180.',
  'gazetteer-alias-conflict': 'Two entries of one kind, with the same parent (or none), share a normalised name, or one\'s alias is the other\'s name: nothing tells them apart.',
  'gazetteer-cycle': '`in:` chains lead back to the entry itself (a in b, b in a).',
  'gazetteer-too-deep': 'A place has more than 32 places above it through `in:`; containment is followed no further.',
  'gazetteer-import-failed': 'An `import:` GeoNames file is missing, unreadable, or has malformed lines (each named with its line number; the good lines are still loaded).',
  'gazetteer-not-found': 'A gazetteer given with `--gazetteer` does not exist (the CLI stops with status 2).',
};

/** docs/rules.md, rendered from the rules themselves so the docs show exactly what the tests run. */
export function renderRulesDoc(rules: readonly Rule[]): string {
  const parts: string[] = [
    '# Diagnostics',
    '',
    '<!-- Generated from server/src/core/rules by `npm run docs`; test/unit/docs.test.ts fails when it is stale. -->',
    '',
    'Every diagnostic has the source `incident-markup` and one of the stable codes below. Each section shows a',
    'report that is flagged and one that is not; these are the very examples the test suite runs. Severities are',
    'the defaults.',
    '',
    'Each section also says which quick fixes its findings offer, or why none: a fix is offered where the',
    'correction is known, never where only the writer can tell which figure, date or name is right. The fixes of',
    'the examples are listed in the order an editor shows them; a preferred fix is the one "auto fix" applies. The',
    'test suite applies each of them to the example and compares the whole text.',
    '',
    '| code | default severity | what it finds |',
    '| --- | --- | --- |',
    ...rules.map((rule) => `| [\`${rule.code}\`](#${rule.code}) | ${rule.defaultSeverity} | ${rule.summary} |`),
    '',
    "The examples are checked against this gazetteer, which is also the team's file (`gazetteer.yaml`) that the fixes adding an entry write to:",
    '',
    fence(EXAMPLE_GAZETTEER.trimEnd(), 'yaml'),
    '',
  ];
  for (const rule of rules) {
    parts.push(`## ${rule.code}`, '', `Default severity: **${rule.defaultSeverity}**.`, '', rule.summary, '', `**Quick fixes:** ${rule.quickFix}`, '');
    for (const example of rule.examples.fail) {
      parts.push('Flagged:', '', fence(example.doc), '', `> ${example.message}`, '');
      const fixes = example.fixes ?? [];
      if (fixes.length > 0) parts.push('Quick fixes offered:', '', ...fixes.map((fix) => `- ${fix.title}${fix.preferred ? ' (preferred)' : ''}`), '');
    }
    for (const doc of rule.examples.pass) parts.push('Not flagged:', '', fence(doc), '');
  }
  parts.push(
    '## Problems in gazetteer files',
    '',
    'These are shown in the gazetteer file itself (in the editor, and by the CLI for every gazetteer a checked report uses).',
    '',
    '| code | severity | what it finds |',
    '| --- | --- | --- |',
    ...Object.entries(GAZETTEER_PROBLEM_SUMMARY).map(
      ([code, summary]) => `| <a id="${code}"></a>\`${code}\` | ${GAZETTEER_PROBLEM_SEVERITY[code as keyof typeof GAZETTEER_PROBLEM_SEVERITY]} | ${summary} |`,
    ),
    '',
    '## internal-error',
    '',
    'A check failed with an unexpected error. The other checks still run. Please report it with the report attached.',
    '',
  );
  return parts.join('\n');
}
