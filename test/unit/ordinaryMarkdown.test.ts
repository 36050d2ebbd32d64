import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../server/src/core/gazetteer/gazetteer.js';
import { readGazetteerFile } from '../../server/src/core/gazetteer/readGazetteerFile.js';
import { createLanguageService, type ReportDocument, type ServiceSettings } from '../../server/src/core/languageService.js';
import { parseReport } from '../../server/src/core/parse/parseReport.js';
import { isReport } from '../../server/src/core/rules/isReport.js';
import { EXAMPLE_GAZETTEER } from '../../server/src/core/rules/rule.js';
import { runRules } from '../../server/src/core/runRules.js';
import { nodeFileSystem } from '../../server/src/core/workspace/fileSystem.js';

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

describe('isReport', () => {
  it("is true with incident markup or one of this tool's front-matter keys, and false for other Markdown", () => {
    const documents = [
      ORDINARY,
      '---\ntitle: Release notes\nlayout: post\n---\n# Notes\n',
      '---\nFoo\n---\n',
      '---\n- published: 2023-10-10\n---\nText.\n',
      ':place[Idlib] was shelled.\n',
      ':::incident{#a}\nText.\n:::\n',
      '::count[3]{type=killed}\n',
      '---\ncountries: [UA]\n---\nText.\n',
      '---\npublished: 2023-10-10\ntitle: [unclosed\n---\nText.\n',
    ];
    expect(documents.map((text) => isReport(parseReport(text)))).toEqual([false, false, false, false, true, true, true, true, true]);
  });
});

const ROOT = join(import.meta.dirname, '../..');

/** The CommonMark specification (devDependency commonmark-spec, pinned): its text and the examples index.js extracts from it. */
const commonmarkSpec = createRequire(import.meta.url)('commonmark-spec') as { text: string; tests: { markdown: string; number: number }[] };

/**
 * How many README files of npm packages the corpus reads: the first this many in node_modules, by
 * package name. Bounded so that the test takes the same time whatever gets installed.
 */
const README_COUNT = 300;

/** The first `count` packages in node_modules (scoped ones too), sorted by name, with a README.md in any case. */
function packageReadmes(count: number): ReportDocument[] {
  const modules = join(ROOT, 'node_modules');
  const folders = (path: string) =>
    readdirSync(path, { withFileTypes: true })
      .filter((entry) => !entry.name.startsWith('.') && (entry.isDirectory() || entry.isSymbolicLink()))
      .map((entry) => entry.name);
  const packages = folders(modules)
    .flatMap((name) => (name.startsWith('@') ? folders(join(modules, name)).map((inner) => `${name}/${inner}`) : [name]))
    .sort();
  const documents: ReportDocument[] = [];
  for (const name of packages) {
    if (documents.length === count) break;
    const readme = readdirSync(join(modules, name)).find((file) => /^readme\.md$/i.test(file));
    if (readme === undefined) continue;
    const path = join(modules, name, readme);
    documents.push({ path, text: readFileSync(path, 'utf8') });
  }
  return documents;
}

/**
 * Markdown that is not a report, checked by the language service as the editor and the CLI check
 * a file, with the example gazetteer as the team's and the built-in layer: none of it is this
 * tool's business, whatever the gazetteer holds. Among them CommonMark's example 96 (`---`, `Foo`,
 * `---`: front matter that is not a mapping) and the specification's own text (front matter closed
 * by `...`), which were flagged until isReport and frontMatterSyntax.ts (issue 14).
 */
describe('a corpus of Markdown that is not a report', () => {
  const settings: ServiceSettings = { gazetteerPaths: [join(ROOT, 'examples/gazetteer.yaml')], root: ROOT, rules: {} };
  const specDocuments: ReportDocument[] = [
    { path: join(ROOT, 'node_modules/commonmark-spec/spec.txt'), text: commonmarkSpec.text },
    ...commonmarkSpec.tests.map((example) => ({ key: `commonmark-spec example ${example.number}`, path: undefined, text: example.markdown })),
  ];

  // The timeout only guards against a hang, it times nothing: 953 documents (1.9 MB) took 15 to 30 s on a shared, loaded 2-core machine.
  it('gets no diagnostic at any severity: the CommonMark specification, its 652 examples and READMEs of npm packages', { timeout: 120_000 }, async () => {
    const readmes = packageReadmes(README_COUNT);
    expect(commonmarkSpec.tests).toHaveLength(652);
    expect(readmes).toHaveLength(README_COUNT);
    const service = createLanguageService({ fileSystem: nodeFileSystem });
    const flagged: { document: string; diagnostics: string[] }[] = [];
    const started = performance.now();
    for (const document of [...specDocuments, ...readmes]) {
      const { diagnostics } = await service.check(document, settings);
      if (diagnostics.length === 0) continue;
      flagged.push({
        document: document.key ?? document.path!.slice(ROOT.length + 1),
        diagnostics: diagnostics.map(({ severity, code, range, message }) => `${range.start.line + 1}:${range.start.character + 1} ${severity} ${code} ${message}`),
      });
    }
    const bytes = [...specDocuments, ...readmes].reduce((total, document) => total + document.text.length, 0);
    console.log(
      `Read ${specDocuments.length + readmes.length} documents (the CommonMark specification, its ${commonmarkSpec.tests.length} examples, ` +
        `${readmes.length} READMEs of npm packages; ${(bytes / 1e6).toFixed(1)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(flagged).toEqual([]);
  });
});
