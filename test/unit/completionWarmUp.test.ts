import { describe, expect, it } from 'vitest';
import { createLanguageService, type ServiceSettings } from '../../server/src/core/languageService.js';
import { PieceText } from '../../server/src/core/pieceText.js';
import { LineIndex } from '../../server/src/core/text.js';
import { stripMarkers } from '../helpers/markers.js';
import { MemoryFileSystem } from '../helpers/memoryFileSystem.js';

// prepareCompletion (the server runs it once a report's diagnostics are out) builds what the first
// completions would: it must leave every completion as it was.

const settings: ServiceSettings = { gazetteerPaths: [], root: '/team', rules: {}, builtinGazetteer: true };
const GAZETTEER = 'places:\n  - id: idlib-gov\n    name: Idlib Governorate\n    kind: governorate\n    in: geo:SY\nactors:\n  - id: sarc\n    name: Syrian Arab Red Crescent\n';

const REPORT = [
  '---',
  'published: 2023-10-10',
  '---',
  ':::incident{date=2023-10-05 place=idlib-gov}',
  'Shelling hit :place[Sar‸] and :place[Ma‸ and :actor[Sy‸].',
  ':::',
  '',
  'Outside any incident, :place[Al‸',
  '',
].join('\n');

function service() {
  return createLanguageService({ fileSystem: new MemoryFileSystem({ '/team/gazetteer.yaml': GAZETTEER }) });
}

describe('prepareCompletion', () => {
  it('leaves the completions as they are without it', async () => {
    const { text, cursors } = stripMarkers(REPORT);
    const document = { key: 'report', path: '/team/report.md', text };
    const lines = new LineIndex(text);
    const cold = service();
    const expected = [];
    for (const cursor of cursors) expected.push(await cold.complete(document, lines.positionAt(cursor), settings));
    // Something to compare: each cursor is offered names.
    expect(expected.map((result) => result.items.length > 0)).toEqual([true, true, true, true]);

    const warmed = service();
    await warmed.prepareCompletion(document, settings);
    for (const [index, cursor] of cursors.entries()) expect(await warmed.complete(document, lines.positionAt(cursor), settings)).toEqual(expected[index]);
  });

  it('reads the parse the check made of a report in pieces, as the server holds an open one, without parsing it again', async () => {
    // Parsed again, the next keystroke's check followed an edit from a parse its rules had not seen, and re-examined every incident.
    const document = { key: 'pieces', path: '/team/report.md', text: PieceText.of(stripMarkers(REPORT).text, 64) };
    const warmed = service();
    const checked = await warmed.check(document, settings);
    await warmed.prepareCompletion(document, settings);
    expect((await warmed.analyze(document, settings)).report).toBe(checked.report);
  });

  it('runs on a report with no incident, and on an empty one', async () => {
    const warmed = service();
    await expect(warmed.prepareCompletion({ key: 'plain', path: '/team/plain.md', text: 'Nothing marked up here.\n' }, settings)).resolves.toBeUndefined();
    await expect(warmed.prepareCompletion({ key: 'empty', path: '/team/empty.md', text: '' }, settings)).resolves.toBeUndefined();
  });
});
