/**
 * An open report's versions cross to the check workers as edits from the version a worker holds
 * (lsp/checkWorker/checkPool.ts, workerEntry.ts): typed fast, several edits in one notification,
 * versions skipped while a check runs, closed and opened again with the same version numbers; after
 * each the diagnostics are those of the same text opened whole.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterEach, describe, expect, it } from 'vitest';
import { startInProcess, tempWorkspace, type LspClient } from '../helpers/lspClient.js';

const ROOT = join(import.meta.dirname, '../..');
const CHECK_WORKER = join(ROOT, 'dist/serverCheckWorker.js');
const REPORT = readFileSync(join(ROOT, 'examples/idlib-2023-10.md'), 'utf8');
const GAZETTEER = readFileSync(join(ROOT, 'examples/gazetteer.yaml'), 'utf8');

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The report as the editor has it, with the notifications that make each version. */
class Typist {
  private document: TextDocument;
  constructor(
    private readonly client: LspClient,
    readonly uri: string,
    text: string,
    private version = 1,
  ) {
    this.document = TextDocument.create(uri, 'markdown', version, text);
  }

  get text(): string {
    return this.document.getText();
  }

  get currentVersion(): number {
    return this.version;
  }

  /** One notification with these changes, each given against the text the ones before it left (offsets turned into ranges here). */
  async send(...changes: { at: number; remove?: number; insert: string }[]): Promise<void> {
    const contentChanges: TextDocumentContentChangeEvent[] = [];
    for (const { at, remove = 0, insert } of changes) {
      const range = { start: this.document.positionAt(at), end: this.document.positionAt(at + remove) };
      contentChanges.push({ range, text: insert });
      this.document = TextDocument.update(this.document, [{ range, text: insert }], this.version + 1);
    }
    this.version++;
    await this.client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri, version: this.version }, contentChanges });
  }
}

/** The diagnostics of `text` opened whole as `uri`, as they would read in `as` (related information names the report). */
async function diagnosticsOfWhole(client: LspClient, uri: string, text: string, as: string): Promise<Diagnostic[]> {
  await client.open(uri, text);
  const diagnostics = await client.waitForDiagnostics(uri);
  await client.closeDocument(uri);
  return JSON.parse(JSON.stringify(diagnostics).replaceAll(JSON.stringify(uri).slice(1, -1), JSON.stringify(as).slice(1, -1))) as Diagnostic[];
}

describe('open reports sent to the check workers as edits', { timeout: 60_000 }, () => {
  it('checks each version as the text it is, whatever the edits and their pace', async () => {
    expect(existsSync(CHECK_WORKER), `${CHECK_WORKER} is missing; run npm run build first`).toBe(true);
    const workspace = await tempWorkspace({ 'gazetteer.yaml': GAZETTEER });
    cleanups.push(workspace.dispose);
    const client = startInProcess({ checkWorker: CHECK_WORKER });
    cleanups.push(() => client.shutdown());
    await client.initialize({}, { rootPath: workspace.root });
    const uri = workspace.uri('typed.md');
    await client.open(uri, REPORT);
    const typist = new Typist(client, uri, REPORT);
    await client.waitForDiagnostics(uri);

    // Typed without waiting: a count's figure changed (nine → 99, past the incident's total), a word
    // typed letter by letter, a line removed, and two edits in one notification.
    const nine = typist.text.indexOf(':count[nine]') + ':count['.length;
    await typist.send({ at: nine, remove: 4, insert: '99' });
    const word = typist.text.indexOf('Civil defence teams');
    for (const [index, letter] of [...'Local '].entries()) await typist.send({ at: word + index, insert: letter });
    const table = typist.text.indexOf('| Period covered');
    await typist.send({ at: table, remove: typist.text.indexOf('\n', table) + 1 - table, insert: '' });
    const russia = typist.text.indexOf(':actor[Russia]') + ':actor['.length;
    await typist.send({ at: russia, remove: 6, insert: 'Rusia' }, { at: 0, insert: '' }, { at: typist.text.length, insert: '\nA closing line.\n' });
    const mark = client.mark();
    const typed = await client.waitForDiagnostics(uri, (_, params) => params.version === typist.currentVersion, 0);
    expect(typed).toEqual(await diagnosticsOfWhole(client, workspace.uri('whole-1.md'), typist.text, uri));
    expect(typed.map((d) => d.code)).toEqual(expect.arrayContaining(['count-incident-total', 'actor-unknown']));

    // One keystroke at a time, each waited for.
    for (const letter of 'abc') {
      await typist.send({ at: word, insert: letter });
      const one = await client.waitForDiagnostics(uri, (_, params) => params.version === typist.currentVersion, mark);
      expect(one).toEqual(await diagnosticsOfWhole(client, workspace.uri(`whole-${letter}.md`), typist.text, uri));
    }

    // Closed and opened again with other text and the same version numbers: nothing of the old text is used.
    await client.closeDocument(uri);
    const other = REPORT.replace('Idlib province', 'Idleb province');
    await client.open(uri, other);
    const reopened = new Typist(client, uri, other);
    const afterOpen = client.mark();
    await reopened.send({ at: other.indexOf(':count[13]') + ':count['.length, remove: 2, insert: '31' });
    const again = await client.waitForDiagnostics(uri, (_, params) => params.version === 2, afterOpen);
    expect(again).toEqual(await diagnosticsOfWhole(client, workspace.uri('whole-2.md'), reopened.text, uri));
    expect(client.errorsLogged()).toEqual([]);
  });
});
