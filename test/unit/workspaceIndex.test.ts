import { describe, expect, it } from 'vitest';
import { createLanguageService, type ServiceSettings } from '../../server/src/core/languageService.js';
import { LineIndex, type Range } from '../../server/src/core/text.js';
import { stripMarkers } from '../helpers/markers.js';
import { MemoryFileSystem } from '../helpers/memoryFileSystem.js';

// The workspace index through the language service, over a memory file system: what it keeps of each
// report's names, when it lets them go, and a report that has no path (never indexed).

const GAZETTEER = `actors:
  - id: russian-armed-forces
    name: Russian Armed Forces
    aliases: [Russia, Russian forces]
`;
const settings: ServiceSettings = { gazetteerPaths: [], root: '/team', rules: {} };

function rangeOf(text: string, span: { start: number; end: number }): Range {
  return new LineIndex(text).rangeOf(span);
}

function workspace() {
  const fileSystem = new MemoryFileSystem({
    '/team/gazetteer.yaml': GAZETTEER,
    '/team/a.md': ':::incident{#strikes date=2023-10-05}\n:actor[Russia] shelled the town.\n:::\n',
    '/team/b.md': ':::incident{#raid date=2023-10-08}\n:actor[Russian forces] and :actor[Russia] came back.\n:::\n',
  });
  const service = createLanguageService({ fileSystem, indexSettings: async () => settings });
  return { fileSystem, service };
}

const actorSymbol = async (service: ReturnType<typeof workspace>['service']) =>
  (await service.workspaceSymbols('Russian Armed', [])).filter((symbol) => symbol.kind === 'actor').map((symbol) => symbol.container);

describe('workspace index', () => {
  it('counts an entry\u2019s mentions across reports, and lets the entry go with the last report that names it', async () => {
    const { service } = workspace();
    await service.indexReports(['/team/a.md', '/team/b.md']);
    expect(await actorSymbol(service)).toEqual(['actor russian-armed-forces · 3 mentions in 2 reports']);
    service.unindexReport('/team/b.md');
    expect(await actorSymbol(service)).toEqual(['actor russian-armed-forces · 1 mention in 1 report']);
    service.unindexReport('/team/a.md');
    expect(await actorSymbol(service)).toEqual([]);
  });

  it('resolves the reports again when their gazetteer changes: an alias taken away takes its mentions with it', async () => {
    const { fileSystem, service } = workspace();
    await service.indexReports(['/team/a.md', '/team/b.md']);
    fileSystem.files.set('/team/gazetteer.yaml', GAZETTEER.replace(', Russian forces', ''));
    service.invalidateGazetteer('/team/gazetteer.yaml');
    expect(await actorSymbol(service)).toEqual(['actor russian-armed-forces · 2 mentions in 2 reports']);
  });

  it('reads nothing again when a gazetteer is opened in the editor with the text already loaded', async () => {
    const { fileSystem, service } = workspace();
    await service.indexReports(['/team/a.md', '/team/b.md']);
    expect(await actorSymbol(service)).toEqual(['actor russian-armed-forces · 3 mentions in 2 reports']);
    // What the file system now gives is not read: the editor's text is the text loaded, so nothing changed.
    fileSystem.files.set('/team/gazetteer.yaml', GAZETTEER.replace(', Russian forces', ''));
    expect(service.invalidateGazetteer('/team/gazetteer.yaml', GAZETTEER)).toBe(false);
    expect(await actorSymbol(service)).toEqual(['actor russian-armed-forces · 3 mentions in 2 reports']);
    // The editor's text differs from the text loaded: an edit, read again.
    expect(service.invalidateGazetteer('/team/gazetteer.yaml', GAZETTEER.replace(', Russian forces', ''))).toBe(true);
    expect(await actorSymbol(service)).toEqual(['actor russian-armed-forces · 2 mentions in 2 reports']);
  });

  it('answers references and rename in a report that has no path from its own parse, beside the indexed ones', async () => {
    const { service } = workspace();
    await service.indexReports(['/team/a.md', '/team/b.md']);
    const { text, cursors, spans } = stripMarkers(':actor[⟦Rus‸sia⟧] and :actor[⟦them⟧]{ref=⟦russian-armed-forces⟧}.');
    const document = { key: 'untitled:1', path: undefined, text };
    const position = new LineIndex(text).positionAt(cursors[0]!);
    // Without a path there is no nearest gazetteer: the settings name the team's.
    const request = { settings: { ...settings, gazetteerPaths: ['gazetteer.yaml'] }, openReports: [document] };
    const references = await service.references(document, position, { ...request, includeDeclaration: false });
    expect(references).toEqual([
      { path: undefined, range: rangeOf(text, spans[0]!) },
      { path: undefined, range: rangeOf(text, spans[1]!) },
      { path: '/team/a.md', range: { start: { line: 1, character: 7 }, end: { line: 1, character: 13 } } },
      { path: '/team/b.md', range: { start: { line: 1, character: 7 }, end: { line: 1, character: 21 } } },
      { path: '/team/b.md', range: { start: { line: 1, character: 34 }, end: { line: 1, character: 40 } } },
    ]);
    const refPosition = new LineIndex(text).positionAt(spans[2]!.start + 2);
    const renamed = await service.rename(document, refPosition, 'russia', request);
    expect(renamed).toEqual({
      edits: [
        { path: undefined, range: rangeOf(text, spans[2]!), newText: 'russia' },
        { path: '/team/gazetteer.yaml', range: { start: { line: 1, character: 8 }, end: { line: 1, character: 28 } }, newText: 'russia' },
      ],
    });
  });
});
