import { describe, expect, it } from 'vitest';
import { loadCities500 } from './worldSpellings.cities500.js';
import { WORLD_SPELLINGS } from './worldSpellings.table.js';

// The table is data about GeoNames, checked here against GeoNames; how well the
// product resolves it is measured by `npm run bench:gazetteer`, not asserted.
describe('press and NGO spellings of places in the world, against GeoNames cities500', () => {
  const cities = loadCities500();

  it('names for every spelling a place of cities500, by geonameid, in the country it gives', () => {
    const wrong = WORLD_SPELLINGS.filter((row) => {
      const at = cities.rowOf.get(row.geonames);
      return at === undefined || cities.country[at] !== row.country;
    }).map((row) => `${row.spelling}: ${row.geonames} ${row.country}`);
    expect(wrong).toEqual([]);
  });

  it('has at least 260 spellings from at least 14 countries, at least 8 from each', () => {
    expect(WORLD_SPELLINGS.length).toBeGreaterThanOrEqual(260);
    const perCountry = new Map<string, number>();
    for (const row of WORLD_SPELLINGS) perCountry.set(row.country, (perCountry.get(row.country) ?? 0) + 1);
    expect(perCountry.size).toBeGreaterThanOrEqual(14);
    expect([...perCountry].filter(([, count]) => count < 8)).toEqual([]);
  });

  it('lists each spelling once per country', () => {
    const seen = new Set<string>();
    const repeated = WORLD_SPELLINGS.map((row) => `${row.spelling} (${row.country})`).filter((key) => seen.size === seen.add(key).size);
    expect(repeated).toEqual([]);
  });

  it('names the countries the issue asks for', () => {
    const countries = new Set(WORLD_SPELLINGS.map((row) => row.country));
    for (const country of ['UA', 'SD', 'YE', 'PS', 'LB', 'IQ', 'AF', 'SO', 'LY', 'ML', 'MM', 'CD', 'ET', 'BF']) expect(countries, country).toContain(country);
  });
});
