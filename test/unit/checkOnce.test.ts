import { describe, expect, it } from 'vitest';
import { createLanguageService, type ServiceSettings } from '../../server/src/core/languageService.js';
import { MemoryFileSystem } from '../helpers/memoryFileSystem.js';

// `check` with `once` (the CLI's: nothing kept for a next version, the rules run whole) finds what
// the editor's incremental check finds, report-scoped rules across blocks included.

const GAZETTEER = `places:
  - id: idlib-city
    name: Idlib
    kind: city
actors:
  - id: sohr
    name: Syrian Observatory for Human Rights
`;

const REPORT = `---
title: Two incidents
published: 2023-10-12
totals:
  killed: 10
---

:::incident{#strike date=2023-10-05 place=idlib-city}
:count[46]{#civ type=killed group=civilians} civilians were killed in :place[Idlib].
:::

:::incident{#strike date=2023-10-06}
Of them :count[30]{type=killed group=women part-of=civ} women and :count[20]{type=killed group=children part-of=civ} children, on :date[Friday 6 October]{value=2023-10-06}.
:::
`;

const SETTINGS: ServiceSettings = { gazetteerPaths: [], root: '/reports', rules: {}, builtinGazetteer: false };

describe('check once', () => {
  it('finds what the incremental check finds, and keeps nothing that a later check of the same document reads', async () => {
    const service = createLanguageService({ fileSystem: new MemoryFileSystem({ '/reports/gazetteer.yaml': GAZETTEER }) });
    const document = { path: '/reports/report.md', text: REPORT };
    const once = await service.check({ ...document, once: true }, SETTINGS);
    const kept = await service.check(document, SETTINGS);
    const strip = (result: typeof once) => result.diagnostics.map(({ code, message, range, related }) => ({ code, message, range, related }));
    expect(strip(once)).toEqual(strip(kept));
    // A duplicate id across blocks, the parts above the total in the other block, the report total.
    expect(new Set(once.diagnostics.map((diagnostic) => diagnostic.code))).toEqual(new Set(kept.diagnostics.map((diagnostic) => diagnostic.code)));
    expect(once.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(expect.arrayContaining(['markup-duplicate-id', 'count-parts-exceed-total', 'count-report-total']));
    // Checked once again after an edit, it reads the new text, not a parse kept from before.
    const edited = REPORT.replace(':count[46]', ':count[60]');
    const again = await service.check({ ...document, text: edited, once: true }, SETTINGS);
    expect(again.report.text).toBe(edited);
    expect(again.diagnostics.map((diagnostic) => diagnostic.code)).not.toContain('count-parts-exceed-total');
  });
});
