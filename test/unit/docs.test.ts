import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../server/src/core/rules/index.js';
import { renderRulesDoc } from '../../server/src/core/rules/rulesDoc.js';

const RULES_DOC = join(import.meta.dirname, '../../docs/rules.md');

describe('docs/rules.md', () => {
  it('is generated from the rules and their examples (npm run docs rewrites it)', () => {
    const expected = renderRulesDoc(RULES);
    if (process.env.UPDATE_DOCS === '1') writeFileSync(RULES_DOC, expected);
    expect(readFileSync(RULES_DOC, 'utf8')).toBe(expected);
  });

  it('has a section for every code', () => {
    const doc = readFileSync(RULES_DOC, 'utf8');
    for (const rule of RULES) expect(doc).toContain(`## ${rule.code}\n`);
  });
});
