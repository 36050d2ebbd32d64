import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import type { Fix, TextEdit } from '../../server/src/core/diagnostics.js';
import { Gazetteer } from '../../server/src/core/gazetteer/gazetteer.js';
import { readGazetteerFile } from '../../server/src/core/gazetteer/readGazetteerFile.js';
import { parseReport } from '../../server/src/core/parse/parseReport.js';
import { RULES } from '../../server/src/core/rules/index.js';
import { EXAMPLE_TODAY, markupMissingPublished } from '../../server/src/core/rules/markup-missing-published.js';
import { EXAMPLE_GAZETTEER, type ExampleFix } from '../../server/src/core/rules/rule.js';
import { runRules } from '../../server/src/core/runRules.js';
import { stripMarkers } from '../helpers/markers.js';

const gazetteer = new Gazetteer([readGazetteerFile('/examples/gazetteer.yaml', EXAMPLE_GAZETTEER)]);
/** The examples' gazetteer is also the team's file, which the add-to-gazetteer fixes write to. */
const TEAM_GAZETTEER = { path: '/examples/gazetteer.yaml', text: EXAMPLE_GAZETTEER };

/**
 * Runs every rule on an example. Examples are excerpts of a report, which leave out the front
 * matter a whole report has: its missing `published` is flagged only in that rule's own examples.
 * Today is fixed, for the fixes that write it.
 */
function check(text: string, code: string, options: { missingGazetteers?: { path: string; span: { start: number; end: number } }[] } = {}) {
  const rules = code === markupMissingPublished.code ? {} : { [markupMissingPublished.code]: 'off' as const };
  return runRules(parseReport(text), gazetteer, { ...options, rules, teamGazetteer: TEAM_GAZETTEER, today: () => EXAMPLE_TODAY });
}

/** Applies edits as an editor does (overlapping edits throw). */
function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///example.md', 'markdown', 0, text), edits);
}

/** A fix as the examples state it: the whole report, and the whole team gazetteer when it edits that, after it. */
function applied(text: string, fix: Fix): ExampleFix {
  const fileEdits = fix.fileEdits ?? [];
  for (const fileEdit of fileEdits) expect(fileEdit.path).toBe(TEAM_GAZETTEER.path);
  return {
    title: fix.title,
    ...(fix.preferred ? { preferred: true as const } : {}),
    result: applyEdits(text, fix.edits),
    ...(fileEdits.length > 0 ? { gazetteer: applyEdits(TEAM_GAZETTEER.text, fileEdits.flatMap((fileEdit) => fileEdit.edits)) } : {}),
  };
}

/** The front-matter gazetteer that the gazetteer-not-found example names does not exist. */
function missingFor(text: string) {
  const report = parseReport(text);
  return (report.frontMatter?.gazetteer ?? []).map((entry) => ({ path: entry.path, span: entry.span }));
}

describe('every rule on its own examples', () => {
  it('the example gazetteer has no problems', () => {
    expect(gazetteer.problems).toEqual([]);
  });

  for (const rule of RULES) {
    describe(rule.code, () => {
      it('has at least one failing and one passing example', () => {
        expect(rule.examples.fail.length).toBeGreaterThan(0);
        expect(rule.examples.pass.length).toBeGreaterThan(0);
      });

      for (const example of rule.examples.fail) {
        it(`flags: ${example.doc.replace(/\n/g, '⏎')}`, () => {
          const { text, spans } = stripMarkers(example.doc);
          const diagnostics = check(text, rule.code, { missingGazetteers: missingFor(text) });
          const own = diagnostics.filter((diagnostic) => diagnostic.code === rule.code);
          expect(own.map((diagnostic) => diagnostic.span)).toEqual(spans);
          expect(own[0]!.message).toBe(example.message);
          expect(own[0]!.fixes.map((fix) => applied(text, fix))).toEqual(example.fixes ?? []);
          // An editor's "auto fix" applies a finding's preferred fix only when it has exactly one.
          for (const diagnostic of own) expect(diagnostic.fixes.filter((fix) => fix.preferred).length).toBeLessThanOrEqual(1);
          expect(own.every((diagnostic) => diagnostic.severity === rule.defaultSeverity)).toBe(true);
          // The example shows one mistake: nothing else may be flagged (hints such as aliases aside).
          expect(diagnostics.filter((diagnostic) => diagnostic.code !== rule.code && diagnostic.severity !== 'hint')).toEqual([]);
        });
      }

      for (const doc of rule.examples.pass) {
        it(`passes: ${doc.replace(/\n/g, '⏎')}`, () => {
          const diagnostics = check(doc, rule.code);
          expect(diagnostics.filter((diagnostic) => diagnostic.code === rule.code)).toEqual([]);
          expect(diagnostics.filter((diagnostic) => diagnostic.severity !== 'hint')).toEqual([]);
        });
      }
    });
  }
});
