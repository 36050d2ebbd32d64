// Semantic tokens and inlay hints through the language service: what a range takes in at its edges,
// which the LSP tests (test/lsp/tokensHintsLenses.test.ts) leave to this one.
import { describe, expect, it } from 'vitest';
import { createLanguageService, type ServiceSettings } from '../../server/src/core/languageService.js';
import { LineIndex } from '../../server/src/core/text.js';
import { stripMarkers } from '../helpers/markers.js';
import { MemoryFileSystem } from '../helpers/memoryFileSystem.js';

const GAZETTEER = `actors:
  - id: syrian-government
    name: Government of Syria
    aliases: [Assad regime]
`;
const settings: ServiceSettings = { gazetteerPaths: [], root: '/team', rules: {}, builtinGazetteer: false };

describe('a range of semantic tokens and inlay hints', () => {
  // ‸ marks the range asked for: from the end of the first directive to the start of the third.
  const { text, cursors, spans } = stripMarkers(
    'By :actor[Assad regime]‸ :actor[⟦Assad regime⟧] ‸:actor[Assad regime] and :actor[Assad regime].\n',
  );
  const lines = new LineIndex(text);
  const range = { start: lines.positionAt(cursors[0]!), end: lines.positionAt(cursors[1]!) };
  const service = createLanguageService({ fileSystem: new MemoryFileSystem({ '/team/gazetteer.yaml': GAZETTEER }) });
  const document = { path: '/team/report.md', text };

  it('holds the annotations that overlap it, not those that end where it starts or start where it ends', async () => {
    expect(await service.semanticTokens(document, settings, range)).toEqual([{ span: spans[0], kind: 'actor', declaration: false, unresolved: false }]);
    const end = text.indexOf(' :actor', spans[0]!.end);
    expect(await service.inlayHints(document, settings, range)).toEqual([
      {
        offset: end,
        label: '→ Government of Syria',
        code: 'actor-alias',
        tooltip: '"Assad regime" is an alias of Government of Syria (syrian-government).',
      },
    ]);
  });

  it('without a range, holds them all', async () => {
    const labels = [...text.matchAll(/Assad regime/g)].map((match) => ({ start: match.index, end: match.index + 'Assad regime'.length }));
    expect(await service.semanticTokens(document, settings)).toEqual(labels.map((span) => ({ span, kind: 'actor', declaration: false, unresolved: false })));
    expect(await service.inlayHints(document, settings)).toEqual(
      labels.map((span) => ({
        offset: span.end + ']'.length,
        label: '→ Government of Syria',
        code: 'actor-alias',
        tooltip: '"Assad regime" is an alias of Government of Syria (syrian-government).',
      })),
    );
  });
});
