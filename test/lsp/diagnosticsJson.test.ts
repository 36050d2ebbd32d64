// A typing session with an editor that takes every alias hint as a diagnostic (no inlay hints),
// pushed and pulled, written by the stdio writer's encoder (server/src/lsp/messageEncoding.ts):
// every message it wrote must be what JSON.stringify gives for the objects the server sent, which
// fails if a diagnostic were changed after its JSON was kept; and the last list must be what a
// fresh server gives for the last text.
import type { ClientCapabilities, ContentTypeEncoder, Diagnostic, DocumentDiagnosticReport, Message } from 'vscode-languageserver/node';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeMessage } from '../../server/src/lsp/messageEncoding.js';
import { startInProcess, tempWorkspace, type LspClient } from '../helpers/lspClient.js';

const GAZETTEER = `actors:
  - id: syrian-government
    name: Government of Syria
    aliases: [Assad regime]
    kind: state-forces
places:
  - id: syria
    name: Syria
    kind: country
  - id: idlib-governorate
    name: Idlib Governorate
    aliases: [Idlib province]
    kind: governorate
    in: syria
`;

/** Four alias hints an incident: 40 incidents give 160, past the encoder's 64. */
const incident = (n: number) => `:::incident{#strike-${n} date=2023-10-${String((n % 28) + 1).padStart(2, '0')}}
At least :count[${n + 3}]{type=killed group=civilians} civilians were killed by :actor[the Assad regime] in :place[Idlib province],
as :actor[Assad regime] forces shelled :place[Idlib province] again.
:::
`;
const REPORT = `---\npublished: 2023-11-01\n---\n# Strikes\n\n${Array.from({ length: 40 }, (_, n) => incident(n)).join('\n')}`;

/** Neovim 0.7 or eglot 1.9: no inlay hints, so the hints come as diagnostics; pushed, or pulled when `pull`. */
const capabilities = (pull: boolean): ClientCapabilities => ({
  workspace: { configuration: true },
  textDocument: { publishDiagnostics: { relatedInformation: true }, ...(pull ? { diagnostic: { dynamicRegistration: false } } : {}) },
});

/** Edits as a writer makes them: [text to find, what replaces it]; each applies to the text the one before left. */
const EDITS: [string, string][] = [
  ['by :actor[the Assad regime] in :place[Idlib province],\nas', 'by :actor[the Assad regime] in :place[Idlib province],\nso as'], // a line's hints move along it
  ['# Strikes\n', '# Strikes\n\nA new paragraph.\n'], // every line after it moves
  [':place[Idlib province] again.\n:::\n\n:::incident{#strike-7', ':place[Idlib provnce] again.\n:::\n\n:::incident{#strike-7'], // a hint becomes a warning
  ['civilians were killed by :actor[the Assad regime] in :place[Idlib province],\nas :actor[Assad regime] forces shelled :place[Idlib province] again.\n:::\n\n:::incident{#strike-20', 'civilians were killed.\n:::\n\n:::incident{#strike-20'], // four hints go
  ['# Strikes', '# Strikes in Idlib'], // nothing moves
  ['A new paragraph.\n', ''], // every line after it moves back
];

interface Written {
  message: Message;
  ours: string;
  plain: string;
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A server on a workspace with the gazetteer above, without the built-in layer, whose writer records what it wrote. */
async function serverFor(pull: boolean, written?: Written[]) {
  const workspace = await tempWorkspace({ 'gazetteer.yaml': GAZETTEER });
  cleanups.push(workspace.dispose);
  const recording: ContentTypeEncoder = {
    name: 'application/json',
    encode: (message) => {
      const bytes = encodeMessage(message);
      written?.push({ message, ours: bytes.toString('utf8'), plain: JSON.stringify(message) });
      return Promise.resolve(bytes);
    },
  };
  const client = startInProcess({}, { contentTypeEncoder: recording });
  cleanups.push(() => client.shutdown());
  client.configuration = (item) => (item.section === 'incidentMarkup' ? { builtinGazetteer: false } : null);
  await client.initialize(capabilities(pull), { rootPath: workspace.root });
  return { client, uri: workspace.uri('report.md') };
}

async function diagnosticsOf(client: LspClient, uri: string, pull: boolean, version: number): Promise<Diagnostic[]> {
  if (!pull) return client.waitForDiagnostics(uri, (_, params) => params.version === version);
  const report = await client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
  if (report.kind !== 'full') throw new Error('a pull without a previous result id is answered in full');
  return report.items;
}

const listsIn = (written: Written[]) =>
  written.flatMap(({ message }) => {
    const record = message as { method?: string; params?: { diagnostics: unknown[] }; result?: { items?: unknown[] } };
    return record.method === 'textDocument/publishDiagnostics' ? [record.params!.diagnostics.length] : record.result?.items ? [record.result.items.length] : [];
  });

describe('diagnostics written with their JSON kept', { timeout: 60_000 }, () => {
  it.each([
    ['pushed', false],
    ['pulled', true],
  ])('are written as JSON.stringify would write them, version after version, %s', async (_, pull) => {
    const written: Written[] = [];
    const { client, uri } = await serverFor(pull, written);
    let text = REPORT;
    await client.open(uri, text);
    const first = await diagnosticsOf(client, uri, pull, 1);
    expect(first.filter((diagnostic) => diagnostic.code === 'place-alias' || diagnostic.code === 'actor-alias')).toHaveLength(160);

    let last = first;
    for (const [index, [from, to]] of EDITS.entries()) {
      expect(text, `edit ${index} finds its text`).toContain(from);
      text = text.replace(from, to);
      await client.change(uri, index + 2, text);
      last = await diagnosticsOf(client, uri, pull, index + 2);
    }

    // Every message the server wrote, byte for byte.
    expect(written.filter((entry) => entry.ours !== entry.plain).map((entry) => entry.plain.slice(0, 200))).toEqual([]);
    // Each version's list went through the part of the encoder that keeps each diagnostic's JSON.
    expect(listsIn(written).filter((length) => length >= 64)).toHaveLength(EDITS.length + 1);

    // And what the client was last given is what a fresh server gives for the last text.
    const fresh = await serverFor(pull);
    await fresh.client.open(fresh.uri, text);
    expect(last).toEqual(await diagnosticsOf(fresh.client, fresh.uri, pull, 1));
    expect(last.filter((diagnostic) => diagnostic.code === 'place-alias' || diagnostic.code === 'actor-alias')).toHaveLength(155);
    expect(last.map((diagnostic) => diagnostic.code)).toContain('place-unknown');
  });
});
