import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTOR_KINDS, PLACE_KINDS } from '../../server/src/core/gazetteer/gazetteerModel.js';
import { ENTRY_FIELDS } from '../../server/src/core/gazetteer/readGazetteerFile.js';
import { EXAMPLE_GAZETTEER } from '../../server/src/core/rules/rule.js';

const ROOT = join(import.meta.dirname, '../..');
const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/gazetteer.schema.json'), 'utf8'));
// enumDescriptions is VS Code's addition to JSON Schema: known to editors, unknown to ajv.
const ajv = new Ajv({ allErrors: true, strict: true });
ajv.addKeyword('enumDescriptions');
const validate = ajv.compile(schema);

function errors(document: unknown): string[] {
  validate(document);
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

describe('schemas/gazetteer.schema.json', () => {
  it.each([
    ['examples/gazetteer.yaml', readFileSync(join(ROOT, 'examples/gazetteer.yaml'), 'utf8')],
    ['examples/kharkiv-oblast-2022-2024/gazetteer.yaml', readFileSync(join(ROOT, 'examples/kharkiv-oblast-2022-2024/gazetteer.yaml'), 'utf8')],
    ['the rule examples\' gazetteer', EXAMPLE_GAZETTEER],
    ['test/fixtures/gazetteers/gazetteer.yaml', readFileSync(join(ROOT, 'test/fixtures/gazetteers/gazetteer.yaml'), 'utf8')],
    ['test/fixtures/reports/gazetteer.yaml', readFileSync(join(ROOT, 'test/fixtures/reports/gazetteer.yaml'), 'utf8')],
  ])('accepts %s', (_name, text) => {
    expect(errors(parse(text))).toEqual([]);
  });

  it('rejects what the reader flags, at the same place', () => {
    const document = {
      import: 7,
      places: [
        { id: 'a', name: 'A', kind: 'city-state', coordinates: [95, 10] },
        { id: 'b' },
        { id: 'c', name: 'C', colour: 'red', geonames: 'x12' },
      ],
      actors: [{ id: 'x', name: 'X', kind: 'militia', wikidata: 'Z9' }],
      regions: [],
    };
    expect(errors(document)).toEqual([
      ' must NOT have additional properties',
      '/import must be string',
      '/import must be array',
      '/import must match exactly one schema in oneOf',
      '/actors/0/kind must be equal to one of the allowed values',
      '/actors/0/wikidata must match pattern "^Q[1-9][0-9]*$"',
      '/places/0/kind must be equal to one of the allowed values',
      '/places/0/coordinates/0 must be <= 90',
      '/places/1 must have required property \'name\'',
      '/places/2 must NOT have additional properties',
      '/places/2/geonames must be integer',
      '/places/2/geonames must match pattern "^[1-9][0-9]*$"',
      '/places/2/geonames must match exactly one schema in oneOf',
    ]);
  });

  it('lists the kinds and fields the reader knows, each with a description', () => {
    const { actor, place } = schema.definitions;
    expect(actor.properties.kind.enum).toEqual([...ACTOR_KINDS]);
    expect(place.properties.kind.enum).toEqual([...PLACE_KINDS]);
    expect(new Set([...Object.keys(actor.properties), ...Object.keys(place.properties)])).toEqual(new Set(ENTRY_FIELDS));
    const described = (property: { description?: string; $ref?: string }) =>
      property.description ?? schema.definitions[property.$ref?.split('/').pop() ?? '']?.description;
    for (const definition of [actor, place]) {
      for (const [field, property] of Object.entries(definition.properties)) expect(described(property as never), field).toMatch(/\w/);
    }
  });

  it('is registered for gazetteer.yaml, .yml and .json in package.json', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(manifest.contributes.yamlValidation).toEqual([{ fileMatch: ['gazetteer.yaml', 'gazetteer.yml'], url: './schemas/gazetteer.schema.json' }]);
    expect(manifest.contributes.jsonValidation).toEqual([{ fileMatch: ['gazetteer.json'], url: './schemas/gazetteer.schema.json' }]);
  });
});
