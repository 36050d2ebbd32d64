import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCompactTable } from '../../server/src/core/gazetteer/compactFile.js';
import { loadWorldLayer, preloadWorldLayer } from '../../server/src/core/gazetteer/worldLayer.js';

describe('the built-in layer read ahead', () => {
  it('is the layer the file holds, row for row', async () => {
    // This file's own process: the layer is not loaded yet, so the read ahead is what loadWorldLayer takes.
    await preloadWorldLayer();
    const layer = loadWorldLayer();
    const fromFile = readCompactTable(readFileSync(layer.file!)).table;
    expect(layer.table.size).toBe(fromFile.size);
    for (const row of [0, 1, 1000, 123_456, fromFile.size - 1]) expect(layer.table.nameAndAliases(row)).toEqual(fromFile.nameAndAliases(row));
    for (const id of ['geo:SY', 'geo:SY.12', 'geo:SY.12:saraqib']) {
      expect(fromFile.rowOfId(id), id).toBeGreaterThanOrEqual(0);
      expect(layer.table.rowOfId(id)).toBe(fromFile.rowOfId(id));
    }
    // Loaded once: a second read ahead does nothing and the layer stays the same object.
    await preloadWorldLayer();
    expect(loadWorldLayer()).toBe(layer);
  });
});
