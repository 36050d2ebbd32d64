/**
 * The change scripts/fromMarkdownPatch.mjs makes to mdast-util-from-markdown as the bundles are built:
 * the parser of server/src/core/parse/processor.ts, bundled by esbuild with and without the patch, gives
 * the same tree node for node (positions, attributes and data included) on the shipped examples, the
 * fixtures, generated reports with mistakes, and documents rich in block structure; and the patch
 * refuses a release whose lines it does not recognise instead of building without it.
 */
import { build } from 'esbuild';
import fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a build script in plain JavaScript, without types.
import { fromMarkdownPatch, patchFromMarkdown } from '../../scripts/fromMarkdownPatch.mjs';
import { blockRichDocuments } from '../helpers/blockRichDocuments.js';

const ROOT = join(import.meta.dirname, '../..');
// Loaded by path at run time: bench/ is outside the test project's TypeScript sources.
const GENERATOR = '../../bench/generate-report.ts';
type Generate = (options: { bytes: number; gazetteer: string; seed: number; mistakeEvery: number; mistakeKinds: string[] }) => { text: string };
const ENTRY = join(ROOT, 'server/src/core/parse/processor.ts');

type Parser = { parseMarkdown(text: string): unknown; parseMarkdownBody(text: string): unknown };

let folder: string;
let unpatched: Parser;
let patched: Parser;

async function bundle(name: string, plugins: unknown[]): Promise<Parser> {
  const outfile = join(folder, `${name}.mjs`);
  await build({ entryPoints: [ENTRY], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'silent', plugins: plugins as never });
  return (await import(pathToFileURL(outfile).href)) as Parser;
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'from-markdown-patch-'));
  [unpatched, patched] = await Promise.all([bundle('unpatched', []), bundle('patched', [fromMarkdownPatch])]);
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function expectSameTrees(text: string): void {
  expect(patched.parseMarkdown(text)).toStrictEqual(unpatched.parseMarkdown(text));
  expect(patched.parseMarkdownBody(text)).toStrictEqual(unpatched.parseMarkdownBody(text));
}

describe('the from-markdown patch of the bundles', () => {
  it('is in the patched bundle only', () => {
    expect(readFileSync(join(folder, 'patched.mjs'), 'utf8')).toContain('compileThis.sliceSerialize = events[index');
    expect(readFileSync(join(folder, 'unpatched.mjs'), 'utf8')).not.toContain('compileThis');
  });

  it('gives the same trees on the examples and fixtures', () => {
    const files = [
      ...readdirSync(join(ROOT, 'examples')).filter((name) => name.endsWith('.md')).map((name) => join(ROOT, 'examples', name)),
      ...readdirSync(join(ROOT, 'test/fixtures/reports')).filter((name) => name.endsWith('.md')).map((name) => join(ROOT, 'test/fixtures/reports', name)),
    ];
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) expectSameTrees(readFileSync(file, 'utf8'));
  });

  it('gives the same trees on generated reports with mistakes', async () => {
    const { generateReport, parseSize } = (await import(/* @vite-ignore */ GENERATOR)) as { generateReport: Generate; parseSize(size: string): number };
    const gazetteer = readFileSync(join(ROOT, 'examples/gazetteer.yaml'), 'utf8');
    for (let seed = 1; seed <= 5; seed++) {
      const { text } = generateReport({ bytes: parseSize('25k'), gazetteer, seed, mistakeEvery: 3, mistakeKinds: ['parts', 'place', 'date', 'actor'] });
      expectSameTrees(text);
    }
  });

  it('gives the same trees on documents rich in block structure (lists, quotes, fences, front matter, directives)', () => {
    fc.assert(fc.property(blockRichDocuments(40), (text) => expectSameTrees(text)), { numRuns: 300 });
  });

  it('refuses a release whose compile it does not recognise', () => {
    // The file esbuild bundles (the `default` export condition), which vitest's `development` condition does not resolve to.
    const resolved = createRequire(join(ROOT, 'node_modules/remark-parse/package.json')).resolve('mdast-util-from-markdown');
    const source = readFileSync(join(resolved.slice(0, resolved.lastIndexOf('mdast-util-from-markdown')), 'mdast-util-from-markdown/lib/index.js'), 'utf8');
    expect(patchFromMarkdown(source)).toEqual(expect.stringContaining('const compileThis = {...context, sliceSerialize: undefined};'));
    const changed = source.replace('sliceSerialize: events[index][2].sliceSerialize', 'sliceSerialize: events[index][2].sliceSerialize, other: 1');
    expect(patchFromMarkdown(changed)).toEqual(
      new Error(
        "scripts/fromMarkdownPatch.mjs: mdast-util-from-markdown's compile is not as expected (2 of 3 per-event contexts, context literal found). Read the new release and update or drop the patch.",
      ),
    );
  });
});
