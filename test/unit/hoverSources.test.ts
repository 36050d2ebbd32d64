import { describe, expect, it } from 'vitest';
import { createLanguageService, type ServiceSettings } from '../../server/src/core/languageService.js';
import { LineIndex } from '../../server/src/core/text.js';
import { stripMarkers } from '../helpers/markers.js';
import { MemoryFileSystem } from '../helpers/memoryFileSystem.js';

// Hover on sourced and revised figures, in the style of hoverDefinition.test.ts (a file of its own:
// that one is busy with the hover of names).
const GAZETTEER = `actors:
  - id: sohr
    name: Syrian Observatory for Human Rights
    aliases: [SOHR]
    kind: organisation
`;
const settings: ServiceSettings = { gazetteerPaths: [], root: '/team', rules: {} };

function setup(marked: string) {
  const { text, cursors } = stripMarkers(marked);
  const service = createLanguageService({ fileSystem: new MemoryFileSystem({ '/team/gazetteer.yaml': GAZETTEER }) });
  const lines = new LineIndex(text);
  const document = { path: '/team/report.md', text };
  return { service, document, at: (index: number) => lines.positionAt(cursors[index]!) };
}

const INCIDENT = [
  ':::incident{#market date=2023-10-05}',
  ':actor[SOHR]{role=source} said :count[5‸2]{type=killed group=civilians source=sohr} civilians were killed, ' +
    ':count[6‸1]{type=killed group=civilians source=SOHR as-of=2023-10-10} by Tuesday; ' +
    ':actor[the Idlib Health Directorate]{role=source} counted :count[4‸6]{type=killed group=civilians source="Idlib Health Directorate"}, ' +
    'a clinic :count[1‸2]{type=injured source=clinic}.',
  ':::',
].join('\n');

describe('hover on a count with a source', () => {
  it('names the gazetteer source, and says that a later figure of it superseded this one', async () => {
    const { service, document, at } = setup(INCIDENT);
    expect((await service.hover(document, at(0), settings))?.contents).toBe(
      [
        '**52 civilians killed**',
        'Read from the label "52" as an exact figure.',
        'Source: Syrian Observatory for Human Rights (`sohr`)',
        '_Superseded by a later figure of the same source._',
      ].join('\n\n'),
    );
  });

  it('gives the date a revised figure was true', async () => {
    const { service, document, at } = setup(INCIDENT);
    expect((await service.hover(document, at(1), settings))?.contents).toBe(
      [
        '**61 civilians killed**',
        'Read from the label "61" as an exact figure.',
        'Source: Syrian Observatory for Human Rights (`sohr`)',
        'As of **Tuesday 10 October 2023**',
      ].join('\n\n'),
    );
  });

  it('names a source annotated in the incident but not in the gazetteer as the report does, and says so of an unknown one', async () => {
    const { service, document, at } = setup(INCIDENT);
    expect((await service.hover(document, at(2), settings))?.contents).toBe(
      ['**46 civilians killed**', 'Read from the label "46" as an exact figure.', 'Source: the Idlib Health Directorate'].join('\n\n'),
    );
    expect((await service.hover(document, at(3), settings))?.contents).toBe(
      [
        '**12 injured**',
        'Read from the label "12" as an exact figure.',
        'Source: clinic, not an actor of the gazetteer or the incident',
      ].join('\n\n'),
    );
  });
});
