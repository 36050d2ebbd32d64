import { describe, expect, it } from 'vitest';
import { createLanguageService, type ServiceSettings } from '../../server/src/core/languageService.js';
import { MemoryFileSystem } from '../helpers/memoryFileSystem.js';

const settings: ServiceSettings = { gazetteerPaths: [], root: '/team', rules: {}, builtinGazetteer: true };

describe('place checks across the team and built-in layers', () => {
  const service = createLanguageService({
    fileSystem: new MemoryFileSystem({
      '/team/gazetteer.yaml': 'places:\n  - id: idlib-governorate\n    name: Idlib Governorate\n    kind: governorate\n    geonames: 169387\n',
    }),
  });
  // Each text is a report's body, given its published date, so that the places are all there is to say.
  const check = async (body: string) =>
    (await service.check({ path: '/team/a.md', text: `---\npublished: 2023-10-10\n---\n${body}` }, settings)).diagnostics.filter((d) => d.severity !== 'hint').map((d) => [d.code, d.message]);

  it('sees a built-in town inside the team\'s own entry for its governorate', async () => {
    expect(await check(':::incident{place=idlib-governorate}\nShelling of :place[Saraqib]{in=idlib-governorate}.\n:::\n')).toEqual([]);
  });

  it('still flags a built-in town put in the wrong governorate', async () => {
    expect(await check('Shelling of :place[Saraqib]{in=geo:SY.09}.\n')).toEqual([
      ['place-hierarchy-mismatch', 'Saraqib is in Idlib, not Aleppo.'],
    ]);
  });
});
