import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { remark } from 'remark';
import { describe, expect, it } from 'vitest';

const REPO = join(import.meta.dirname, '../..');
const README = readFileSync(join(REPO, 'README.md'), 'utf8');
const MANIFEST = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { repository?: { url?: string } };

interface MarkdownNode {
  type: string;
  url?: string;
  value?: string;
  children?: MarkdownNode[];
}

/** The images of a Markdown text as CommonMark reads it, and its text that still reads "![" (an image that did not parse). */
function imagesOf(markdown: string): { images: string[]; unparsed: string[] } {
  const images: string[] = [];
  const unparsed: string[] = [];
  const walk = (node: MarkdownNode) => {
    if (node.type === 'image') images.push(node.url!);
    if (node.type === 'text' && node.value!.includes('![')) unparsed.push(node.value!);
    node.children?.forEach(walk);
  };
  walk(remark().parse(markdown) as MarkdownNode);
  return { images, unparsed };
}

/** The README as `vsce package` puts it into the .vsix, through @vscode/vsce's own processor (the version package.json pins). */
async function packedReadme(): Promise<string> {
  const require = createRequire(import.meta.url);
  const { ReadmeProcessor } = require('@vscode/vsce/out/package.js') as {
    ReadmeProcessor: new (manifest: unknown) => { onFile(file: { path: string; localPath: string }): Promise<{ contents: Buffer }> };
  };
  const packed = await new ReadmeProcessor(MANIFEST).onFile({ path: 'extension/readme.md', localPath: join(REPO, 'README.md') });
  return packed.contents.toString('utf8');
}

/** The README's pictures, in order: the editor, then the Incidents Overview panel (light, dark) and its static page. */
const IMAGES = [
  'docs/images/vscode-diagnostic-and-completion.png',
  'docs/images/overview-panel-light.png',
  'docs/images/overview-panel-dark.png',
  'docs/images/overview-static.png',
];

// What the extension's page (the Marketplace's, and VS Code's Extensions view) shows of the repository.
describe("the extension page: the README's pictures and the icon", () => {
  it("the README's pictures are images (no bracket in the alt text breaks one into a link), PNGs in the repository", () => {
    const { images, unparsed } = imagesOf(README);
    expect(unparsed).toEqual([]);
    expect(images).toEqual(IMAGES);
    for (const image of images) expect(readFileSync(join(REPO, image)).subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('reach the page as https URLs of the repository, which is all its page loads images from', async () => {
    // vsce rewrites relative paths against package.json's repository, and refuses SVGs.
    expect(MANIFEST.repository?.url).toBe('https://github.com/incident-markup/incident-markup');
    expect(imagesOf(await packedReadme()).images).toEqual(IMAGES.map((image) => `https://github.com/incident-markup/incident-markup/raw/HEAD/${image}`));
  });

  it('the icon the manifest names is a PNG of 128 or 256 pixels a side, made from images/icon.svg', () => {
    const { icon } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { icon?: string };
    expect(icon).toBe('images/icon.png');
    const png = readFileSync(join(REPO, icon!));
    // The IHDR chunk: width and height, big-endian, after the 8-byte signature and the chunk's length and type.
    expect([png.subarray(1, 4).toString('latin1'), png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual(['PNG', 256, 256]);
    expect(existsSync(join(REPO, 'images', 'icon.svg'))).toBe(true);
  });
});
