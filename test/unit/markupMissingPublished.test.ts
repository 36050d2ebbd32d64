import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../server/src/core/gazetteer/gazetteer.js';
import { parseReport } from '../../server/src/core/parse/parseReport.js';
import { EXAMPLE_TODAY, markupMissingPublished } from '../../server/src/core/rules/markup-missing-published.js';
import { runRules } from '../../server/src/core/runRules.js';
import { stripMarkers } from '../helpers/markers.js';

/** The rule alone, with today fixed: its findings as spans, messages and each fix's whole text after it. */
function missingPublished(text: string) {
  return runRules(parseReport(text), Gazetteer.empty(), { today: () => EXAMPLE_TODAY }, [markupMissingPublished]).map((diagnostic) => ({
    span: diagnostic.span,
    message: diagnostic.message,
    severity: diagnostic.severity,
    fixes: diagnostic.fixes.map((fix) => ({
      title: fix.title,
      preferred: fix.preferred,
      result: TextDocument.applyEdits(TextDocument.create('file:///r.md', 'markdown', 0, text), fix.edits),
    })),
  }));
}

describe('markup-missing-published', () => {
  // rules.test.ts runs the examples among every rule; here the rule alone, and each finding whole (severity and whether its fix is preferred too).
  for (const example of markupMissingPublished.examples.fail) {
    it(`flags its example: ${example.doc.replace(/\n/g, '⏎')}`, () => {
      const { text, spans } = stripMarkers(example.doc);
      expect(missingPublished(text)).toEqual([
        {
          span: spans[0],
          message: example.message,
          severity: 'warning',
          fixes: (example.fixes ?? []).map((fix) => ({ title: fix.title, preferred: fix.preferred ?? false, result: fix.result })),
        },
      ]);
    });
  }

  for (const doc of markupMissingPublished.examples.pass) {
    it(`passes its example: ${doc.replace(/\n/g, '⏎')}`, () => {
      expect(missingPublished(doc)).toEqual([]);
    });
  }

  it('keeps a byte-order mark first and the document\'s line endings', () => {
    const text = '\uFEFF# Idlib\r\n\r\n:count[3]{type=killed} people were killed.\r\n';
    expect(missingPublished(text).map(({ span, fixes }) => ({ span, results: fixes.map((fix) => fix.result) }))).toEqual([
      { span: { start: 1, end: 8 }, results: [`\uFEFF---\r\npublished: ${EXAMPLE_TODAY}\r\n---\r\n# Idlib\r\n\r\n:count[3]{type=killed} people were killed.\r\n`] },
    ]);
    const withFrontMatter = '---\r\ntitle: Idlib\r\n---\r\n:count[3]{type=killed} people.\r\n';
    expect(missingPublished(withFrontMatter)[0]!.fixes.map((fix) => fix.result)).toEqual([
      `---\r\ntitle: Idlib\r\npublished: ${EXAMPLE_TODAY}\r\n---\r\n:count[3]{type=killed} people.\r\n`,
    ]);
  });

  it('leaves a published that is written but wrong, and front matter that is no mapping, to markup-invalid-front-matter', () => {
    expect(missingPublished('---\npublished: soon\n---\n:count[3]{type=killed} people.')).toEqual([]);
    expect(missingPublished('---\n- a\n- b\n---\n:count[3]{type=killed} people.')).toEqual([]);
  });

  it('speaks of a document with one of this tool\'s front-matter keys and no markup, and of none without either', () => {
    expect(missingPublished('---\ngazetteer: places.yaml\n---\n# Notes').map((finding) => finding.span)).toEqual([{ start: 0, end: 3 }]);
    expect(missingPublished('# Notes\n\nPlain Markdown.')).toEqual([]);
  });

  it('writes the local date when no today is given', () => {
    const [finding] = runRules(parseReport(':count[3]{type=killed} people.'), Gazetteer.empty(), {}, [markupMissingPublished]);
    expect(finding!.fixes[0]!.title).toMatch(/^Add published: \d{4}-\d{2}-\d{2}$/);
  });
});
