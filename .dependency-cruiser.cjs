// The dependency rules of the code, checked by `npm run deps` (part of `npm test`).
// docs/architecture.md explains the layers; this file is what enforces them.

const CORE = '^server/src/core/';

/**
 * The layers of server/src/core, lowest first. A module may import its own folder, and any
 * layer below its own; not a layer above, and not another folder of its own layer (peers such as
 * rules/ and languageFeatures/ are independent of each other). Each entry is a folder of the core
 * or a file directly in it.
 */
const LAYERS = [
  ['text.ts', 'vocabulary.ts', 'markdownText.ts', 'yamlLimits.ts'],
  ['model.ts', 'diagnostics.ts'],
  ['parse/', 'reportSymbols.ts'],
  ['workspace/'],
  ['dates/', 'gazetteer/'],
  ['counts/'],
  ['rules/', 'languageFeatures/', 'export/'],
  ['runRules.ts', 'overview/'],
  ['config/', 'parseCache.ts'],
  ['languageService.ts'],
];

const pathOf = (member) => `${CORE}${member.replace(/\./g, '\\.')}${member.endsWith('/') ? '' : '$'}`;
const anyOf = (members) => `(${members.map(pathOf).join('|')})`;

const layerRules = LAYERS.flatMap((layer, index) => {
  const above = LAYERS.slice(index + 1).flat();
  const rules = [];
  if (above.length > 0) {
    rules.push({
      name: `core-layer-${index}-no-upward-import`,
      comment: `${layer.join(', ')} may not import a higher layer of the core (${above.join(', ')}): see docs/architecture.md.`,
      severity: 'error',
      from: { path: anyOf(layer) },
      to: { path: anyOf(above) },
    });
  }
  for (const member of layer) {
    const peers = layer.filter((other) => other !== member);
    if (peers.length === 0) continue;
    rules.push({
      name: `core-peer-${member.replace(/[/.]/g, '-').replace(/-$/, '')}`,
      comment: `${member} and ${peers.join(', ')} are one layer of the core and do not import each other: move what both need to a layer below.`,
      severity: 'error',
      from: { path: pathOf(member) },
      to: { path: anyOf(peers) },
    });
  }
  return rules;
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle: two modules that need each other are one module, or share something that belongs in a third below both.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-no-lsp',
      comment: 'server/src/core is the language service, usable without an editor (the CLI, the benchmarks): the LSP and VS Code types belong to server/src/lsp and client/.',
      severity: 'error',
      from: { path: CORE },
      to: { path: '(^|/)node_modules/(vscode-languageserver[^/]*|vscode-jsonrpc|vscode-languageclient|@types/vscode)/' },
    },
    {
      name: 'core-not-to-front-ends',
      comment: 'server/src/core knows nothing of the server and the CLI that call it.',
      severity: 'error',
      from: { path: CORE },
      to: { path: '^server/src/(lsp/|cli/|server\\.ts$|main\\.ts$|cli\\.ts$)' },
    },
    {
      name: 'core-reads-files-through-the-seam',
      comment:
        'Every read of a report, gazetteer, configuration or import goes through core/workspace/fileSystem.ts (Restricted Mode, size limits). The one other reader is the built-in world layer, of its own data file in dist/.',
      severity: 'error',
      from: { path: CORE, pathNot: '^server/src/core/(workspace/fileSystem|gazetteer/worldLayer)\\.ts$' },
      to: { dependencyTypes: ['core'], path: '^(node:)?fs(/promises)?$' },
    },
    {
      name: 'model-readers-do-not-parse',
      comment:
        'Rules, counts, dates, the gazetteer, language features and export read the parsed model (and a block through collectByBlock), never remark\'s tree: only parse/ parses Markdown.',
      severity: 'error',
      from: { path: '^server/src/core/(rules|counts|dates|gazetteer|languageFeatures|export)/' },
      to: {
        path: ['^server/src/core/parse/', '(^|/)node_modules/(remark[^/]*|unified|micromark[^/]*|mdast[^/]*|@types/mdast)/'],
        pathNot: '^server/src/core/parse/(collectByBlock|buildModel)\\.ts$',
      },
    },
    {
      name: 'front-ends-apart',
      comment: 'The language server (lsp/, server.ts, main.ts) and the CLI (cli/, cli.ts) share only the core.',
      severity: 'error',
      from: { path: '^server/src/(lsp/|server\\.ts$|main\\.ts$)' },
      to: { path: '^server/src/(cli/|cli\\.ts$)' },
    },
    {
      name: 'cli-apart-from-server',
      comment: 'The language server (lsp/, server.ts, main.ts) and the CLI (cli/, cli.ts) share only the core.',
      severity: 'error',
      from: { path: '^server/src/(cli/|cli\\.ts$)' },
      to: { path: '^server/src/(lsp/|server\\.ts$|main\\.ts$)' },
    },
    {
      name: 'client-speaks-only-lsp',
      comment: 'The extension (client/) talks to the server through the language server protocol, never by importing it.',
      severity: 'error',
      from: { path: '^client/src/' },
      to: { path: '^server/' },
    },
    {
      name: 'product-not-to-tests-or-benches',
      comment: 'What ships does not import tests, benchmarks or scripts.',
      severity: 'error',
      from: { path: '^(server|client)/src/' },
      to: { path: '^(test|bench|scripts)/' },
    },
    {
      name: 'no-orphans',
      comment: 'A module that nothing imports and that imports nothing is dead code, or an entry point to be named here.',
      severity: 'error',
      from: {
        orphan: true,
        pathNot: [
          '\\.d\\.ts$',
          '(^|/)\\.[^/]+\\.(c|m)?js$',
          // Entry points of one file, whose imports are all packages.
          '^client/src/extension\\.ts$',
          '^bench/reports/peer-server\\.mjs$',
        ],
      },
      to: {},
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Not node_modules: the rules must see imports of packages (core-no-lsp), which are not followed.
    exclude: { path: '(^|/)(dist|\\.generated|\\.vscode-test)/' },
    // Type-only imports count: a cycle through types is a cycle of design all the same.
    tsPreCompilationDeps: true,
    reporterOptions: { text: { highlightFocused: true } },
  },
};
