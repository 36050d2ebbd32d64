#!/usr/bin/env node
// The peer for the keystroke and cold-open benchmarks: unified-language-server
// with remark (remark-parse) + remark-directive, and remark-frontmatter so that
// the reports' front matter reads as it does for Incident Markup. No lint
// plugins: the peer's figures are its parse and LSP cost alone, a lower bound
// for any remark-lint setup. Run as `node bench/reports/peer-server.mjs --stdio`.
import { remark } from 'remark';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import { createUnifiedLanguageServer } from 'unified-language-server';

createUnifiedLanguageServer({
  processorName: 'remark',
  processorSpecifier: 'remark',
  defaultProcessor: remark,
  configurationSection: 'remark',
  plugins: [remarkDirective, remarkFrontmatter],
});
