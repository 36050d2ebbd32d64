/// <reference types="mocha" />
// The outline, references and rename of the example report, as VS Code takes them from the server.
// They run on a copy of the example and its gazetteer in a folder of their own: the rename's edits
// touch no file another suite reads, and examples/ keeps its own copy of the same ids, which a
// rename must leave alone (an entry is its gazetteer file's, not every entry of that id).
import * as assert from 'node:assert/strict';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { closeAllEditors, extension, openEditor, WAIT_MS, workspaceUri } from '../helpers';

const FOLDER = 'outline-references-rename';
const EXAMPLE_REPORT = ['examples', 'idlib-2023-10.md'];
const EXAMPLE_GAZETTEER = ['examples', 'gazetteer.yaml'];
const REPORT = [FOLDER, 'idlib-2023-10.md'];
const GAZETTEER = [FOLDER, 'gazetteer.yaml'];
/** A report naming a place of the built-in world layer by its id, which cannot be renamed. */
const BUILT_IN = [FOLDER, 'built-in-place.md'];
const BUILT_IN_TEXT = 'Shelling hit :place[Aleppo]{ref=geo:SY.09:aleppo} on 5 October.\n';

/** Ranges of a document found by the text they hold, never by line numbers. */
function locate(document: vscode.TextDocument) {
  const text = document.getText();
  const find = (needle: string, from = 0): number => {
    const at = text.indexOf(needle, from);
    if (at < 0) throw new Error(`"${needle}" is not in ${document.uri.fsPath}${from > 0 ? ` after offset ${from}` : ''}; update the suite`);
    return at;
  };
  const range = (start: number, end: number) => new vscode.Range(document.positionAt(start), document.positionAt(end));
  return {
    text,
    find,
    range,
    /** The first occurrence of `needle`. */
    of: (needle: string) => range(find(needle), find(needle) + needle.length),
    /** `needle` inside the first occurrence of `outer`. */
    within: (outer: string, needle: string) => {
      const start = find(needle, find(outer));
      return range(start, start + needle.length);
    },
  };
}

const describeRange = (range: vscode.Range) => `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;

interface Outline {
  name: string;
  detail: string;
  kind: string;
  range: string;
  selectionRange: string;
  children: Outline[];
}

/** A symbol as plain data, so that a whole tree compares with deepEqual and a difference reads as text. */
function outline(symbol: vscode.DocumentSymbol): Outline {
  return {
    name: symbol.name,
    detail: symbol.detail ?? '',
    kind: vscode.SymbolKind[symbol.kind],
    range: describeRange(symbol.range),
    selectionRange: describeRange(symbol.selectionRange),
    children: (symbol.children ?? []).map(outline),
  };
}

/** What the example's outline must be, written here: headings, incidents and annotations, each located by its text. */
function expectedOutline(document: vscode.TextDocument): Outline[] {
  const { text, find, range, of, within } = locate(document);
  const { String: HEADING, Event: INCIDENT, Number: COUNT, Constant: DATE, Constructor: ACTOR, Namespace: PLACE } = vscode.SymbolKind;
  // The heading's line; its section runs to the next heading of its level or above (`next`), blank
  // lines before that heading left out, or to the end of the report.
  const heading = (line: string, next: string | undefined, children: Outline[]): Outline => {
    const start = find(`\n${line}\n`) + 1;
    const end = next === undefined ? text.length : text.slice(0, find(`\n${next}\n`)).trimEnd().length;
    return {
      name: line.replace(/^#+ /, ''),
      detail: '',
      kind: vscode.SymbolKind[HEADING],
      range: describeRange(range(start, end)),
      selectionRange: describeRange(range(start, start + line.length)),
      children,
    };
  };
  // From `:::incident{…}` to its closing `:::`; the opening line is what the editor reveals.
  const incident = (opening: string, name: string, detail: string, children: Outline[]): Outline => {
    const start = find(opening);
    const lineEnd = find('\n', start);
    return {
      name,
      detail,
      kind: vscode.SymbolKind[INCIDENT],
      range: describeRange(range(start, find('\n:::\n', start) + '\n:::'.length)),
      selectionRange: describeRange(range(start, lineEnd)),
      children,
    };
  };
  // The whole directive, its label revealed. The example repeats some directives later, in a code
  // span and a code block that are not read: the first occurrence is the annotation.
  const annotation = (directive: string, label: string, kind: vscode.SymbolKind, name: string, detail = ''): Outline => ({
    name,
    detail,
    kind: vscode.SymbolKind[kind],
    range: describeRange(of(directive)),
    selectionRange: describeRange(within(directive, label)),
    children: [],
  });

  return [
    heading('# Bombardment of Idlib Governorate, 4-7 October 2023', undefined, [
      annotation(':date[Tuesday 10 October 2023]{value=2023-10-10}', 'Tuesday 10 October 2023', DATE, 'Tuesday 10 October 2023', '2023-10-10'),
      heading('## Summary', '## 1. Bombardment of Idlib Governorate', []),
      heading('## 1. Bombardment of Idlib Governorate', '## 2. Retaliatory strikes claimed by Al-Fath al-Mubeen', [
        // killed=46 is the incident's own figure; the injured come from its one count, "at least 213".
        incident(':::incident{#idlib-bombardment', '2023-10-04 – 07 · Idlib Governorate · 46 killed, 213 injured', '#idlib-bombardment', [
          annotation(':date[4-7 October]{value=2023-10-04/2023-10-07}', '4-7 October', DATE, '4-7 October', '2023-10-04/2023-10-07'),
          annotation(':count[46]{#idlib-civilians-killed type=killed group=civilians source=syria-civil-defence}', '46', COUNT, '46 civilians killed', '#idlib-civilians-killed'),
          annotation(':place[Idlib province]', 'Idlib province', PLACE, 'Idlib Governorate', 'Idlib province'),
          annotation(':count[nine]{type=killed group=women part-of=idlib-civilians-killed}', 'nine', COUNT, 'nine women killed', 'part of #idlib-civilians-killed'),
          annotation(':count[13]{type=killed group=children part-of=idlib-civilians-killed}', '13', COUNT, '13 children killed', 'part of #idlib-civilians-killed'),
          annotation(':count[at least 213]{type=injured}', 'at least 213', COUNT, 'at least 213 injured'),
          annotation(':actor[the Assad regime]{role=perpetrator}', 'the Assad regime', ACTOR, 'Government of Syria', 'the Assad regime · perpetrator'),
          annotation(':actor[Russia]{role=perpetrator}', 'Russia', ACTOR, 'Russian Armed Forces', 'Russia · perpetrator'),
          annotation(':date[Wednesday 4 October]{value=2023-10-04}', 'Wednesday 4 October', DATE, 'Wednesday 4 October', '2023-10-04'),
          annotation(':date[Saturday 7 October]{value=2023-10-07}', 'Saturday 7 October', DATE, 'Saturday 7 October', '2023-10-07'),
          // Written as the entry's name: nothing to add beside it.
          annotation(':place[Idlib]{ref=idlib-city}', 'Idlib', PLACE, 'Idlib'),
          annotation(':actor[Syria Civil Defence]{role=source}', 'Syria Civil Defence', ACTOR, 'Syria Civil Defence', 'source'),
          annotation(':actor[the White Helmets]{role=source}', 'the White Helmets', ACTOR, 'Syria Civil Defence', 'the White Helmets · source'),
          // Another monitor's figures, each with its source: not a conflict, and the later one dated.
          annotation(':actor[Syrian Observatory for Human Rights]{role=source}', 'Syrian Observatory for Human Rights', ACTOR, 'Syrian Observatory for Human Rights', 'source'),
          annotation(':count[52]{type=killed group=civilians source=sohr}', '52', COUNT, '52 civilians killed'),
          annotation(':count[61]{type=killed group=civilians source=sohr as-of=2023-10-10}', '61', COUNT, '61 civilians killed'),
        ]),
      ]),
      heading('## 2. Retaliatory strikes claimed by Al-Fath al-Mubeen', '## Timeline', [
        // No counts: no figures in the name.
        incident(':::incident{#fath-al-mubeen-strikes', '2023-10-05 – 06 · Syria', '#fath-al-mubeen-strikes', [
          annotation(':date[5-6 October]{value=2023-10-05/2023-10-06}', '5-6 October', DATE, '5-6 October', '2023-10-05/2023-10-06'),
          annotation(':actor[Al-Fath al-Mubeen operations room]{role=claimant}', 'Al-Fath al-Mubeen operations room', ACTOR, 'Al-Fath al-Mubeen operations room', 'claimant'),
          annotation(':actor[Hayat Tahrir al-Sham]{role=other}', 'Hayat Tahrir al-Sham', ACTOR, 'Hayat Tahrir al-Sham', 'other'),
          annotation(':actor[government forces]{ref=syrian-government role=other}', 'government forces', ACTOR, 'Government of Syria', 'government forces · other'),
          annotation(':place[Qardaha]{in=latakia-governorate}', 'Qardaha', PLACE, 'Al Qardāḩah', 'Qardaha'),
          annotation(':place[Latakia countryside]', 'Latakia countryside', PLACE, 'Latakia Governorate', 'Latakia countryside'),
          annotation(':place[Furqan]{in=aleppo-city}', 'Furqan', PLACE, 'Al-Furqan', 'Furqan'),
          annotation(':place[Aleppo city]', 'Aleppo city', PLACE, 'Aleppo', 'Aleppo city'),
          annotation(':actor[Russian forces]{role=other}', 'Russian forces', ACTOR, 'Russian Armed Forces', 'Russian forces · other'),
          annotation(':place[Maarat al-Numan]{in=idlib-governorate}', 'Maarat al-Numan', PLACE, 'Ma‘arrat an Nu‘mān', 'Maarat al-Numan'),
          annotation(':place[Jourin camp]{in=hama-governorate}', 'Jourin camp', PLACE, 'Jurin military camp', 'Jourin camp'),
          annotation(':place[Hama countryside]', 'Hama countryside', PLACE, 'Hama Governorate', 'Hama countryside'),
        ]),
      ]),
      heading('## Timeline', '## Notes on the figures', []),
      heading('## Notes on the figures', '## About this file', []),
      // The code span and the code block in this section hold directives that are not read.
      heading('## About this file', undefined, []),
    ]),
  ];
}

interface Place {
  file: string;
  range: string;
}

/** A location as its workspace-relative file and its range. */
function place(uri: vscode.Uri, range: vscode.Range): Place {
  return { file: vscode.workspace.asRelativePath(uri, false), range: describeRange(range) };
}

/** `text` with the occurrences of `search` numbered in `replace` (0 is the first) replaced, after checking there are `of` in all. */
function replaceOccurrences(text: string, search: string, replacement: string, { of, replace }: { of: number; replace: number[] }): string {
  const parts = text.split(search);
  assert.equal(parts.length - 1, of, `the original holds ${of} occurrences of "${search}"; update the suite`);
  return parts.reduce((result, part, index) => (index === 0 ? part : result + (replace.includes(index - 1) ? replacement : search) + part), '');
}

/** Resolves once the document satisfies `accept`: checked now, then on every change of it. */
function waitForDocument(document: vscode.TextDocument, accept: (document: vscode.TextDocument) => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!accept(document)) return;
      cleanup();
      resolve();
    };
    const subscription = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === document) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Timed out after ${WAIT_MS} ms waiting for ${what} in ${document.uri.fsPath} (dirty: ${document.isDirty})`));
    }, WAIT_MS);
    const cleanup = () => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

/** Throws away the unsaved changes of a document (shown first: revert acts on the active editor) and waits until it is the file on disk again. */
async function revert(uri: vscode.Uri, original: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  if (!document.isDirty) return;
  await vscode.window.showTextDocument(document, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await waitForDocument(document, (current) => !current.isDirty && current.getText() === original, 'the revert to the file on disk');
}

/** Every file a rename edit changes, as its workspace-relative path, sorted. */
const filesOf = (edit: vscode.WorkspaceEdit) => edit.entries().map(([uri]) => vscode.workspace.asRelativePath(uri, false)).sort();

/**
 * Expects the command to reject with the server's reason as one of its lines: VS Code asks every
 * rename provider of the document in turn and, when none accepts, joins their reasons (in a
 * report the Markdown extension's own "Renaming is not supported here" comes too).
 */
async function rejectsWith(command: Thenable<unknown>, reason: string): Promise<void> {
  await assert.rejects(Promise.resolve(command), (error: Error) => {
    assert.ok(error.message.split('\n').includes(reason), `expected the reason\n  ${reason}\namong those VS Code gave:\n  ${error.message.split('\n').join('\n  ')}`);
    return true;
  });
}

export function registerOutlineReferencesRenameTests(): void {
  describe('Outline, references and rename on a copy of the example report', () => {
    const reportUri = () => workspaceUri(...REPORT);
    const gazetteerUri = () => workspaceUri(...GAZETTEER);
    const originals = { report: '', gazetteer: '' };

    before(async () => {
      await extension().activate();
      await mkdir(workspaceUri(FOLDER).fsPath, { recursive: true });
      await copyFile(workspaceUri(...EXAMPLE_REPORT).fsPath, reportUri().fsPath);
      await copyFile(workspaceUri(...EXAMPLE_GAZETTEER).fsPath, gazetteerUri().fsPath);
      await writeFile(workspaceUri(...BUILT_IN).fsPath, BUILT_IN_TEXT);
      originals.report = (await vscode.workspace.openTextDocument(reportUri())).getText();
      originals.gazetteer = (await vscode.workspace.openTextDocument(gazetteerUri())).getText();
    });

    afterEach(async () => {
      // A failed rename test may leave its edits unsaved; closing a dirty editor would ask to save them.
      await revert(reportUri(), originals.report);
      await revert(gazetteerUri(), originals.gazetteer);
    });

    after(async () => {
      await closeAllEditors();
      await rm(workspaceUri(FOLDER).fsPath, { recursive: true, force: true });
    });

    it('outlines the incidents under their headings, named by date, place and headline figures, with their annotations', async () => {
      const { document } = await openEditor(reportUri());
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
      // VS Code merges the top-level symbols of every outline provider of the document: the
      // Markdown extension's headings come too, named with their marks ("# Bombardment…").
      const isMarkdownHeading = (symbol: vscode.DocumentSymbol) => symbol.kind === vscode.SymbolKind.String && symbol.name.startsWith('#');
      const ours = symbols.filter((symbol) => !isMarkdownHeading(symbol));
      assert.deepEqual(ours.map(outline), expectedOutline(document));
    });

    it('finds every mention of an actor, in the report and in its gazetteer entry, from a label and from the entry', async () => {
      const report = (await openEditor(reportUri())).document;
      const gazetteer = (await openEditor(gazetteerUri())).document;
      const inReport = locate(report);
      const inGazetteer = locate(gazetteer);
      // The entry's id, then the labels that resolve to it, by alias ("Russia", "Russian forces").
      // Not examples/idlib-2023-10.md, whose labels are the same but resolve in its own gazetteer.
      const expected = [
        place(gazetteer.uri, inGazetteer.within('- id: russian-armed-forces', 'russian-armed-forces')),
        place(report.uri, inReport.within(':actor[Russia]', 'Russia')),
        place(report.uri, inReport.within(':actor[Russian forces]', 'Russian forces')),
      ];
      const references = async (uri: vscode.Uri, position: vscode.Position) =>
        (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uri, position)).map((location) => place(location.uri, location.range));

      const fromLabel = await references(report.uri, inReport.within(':actor[Russia]', 'Russia').start.translate(0, 3));
      assert.deepEqual(fromLabel, expected, 'references from the label "Russia"');
      const fromEntry = await references(gazetteer.uri, inGazetteer.within('- id: russian-armed-forces', 'russian-armed-forces').start.translate(0, 5));
      assert.deepEqual(fromEntry, expected, 'references from the entry\u2019s id');
    });

    it('renames an actor\u2019s id from its ref= in the report: the ref= and the entry\u2019s id change, nothing else', async () => {
      const report = (await openEditor(reportUri())).document;
      const at = locate(report).within(':actor[government forces]{ref=syrian-government', 'syrian-government');
      const position = at.start.translate(0, 4);

      const prepared = await vscode.commands.executeCommand<{ range: vscode.Range; placeholder: string }>('vscode.prepareRename', report.uri, position);
      assert.deepEqual({ range: describeRange(prepared.range), placeholder: prepared.placeholder }, { range: describeRange(at), placeholder: 'syrian-government' });

      const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', report.uri, position, 'government-of-syria');
      // Not examples/, whose report and gazetteer have the same id for an entry of their own.
      assert.deepEqual(filesOf(edit), [GAZETTEER.join('/'), REPORT.join('/')]);
      assert.ok(await vscode.workspace.applyEdit(edit), 'VS Code applied the rename');

      const renamedReport = (await vscode.workspace.openTextDocument(reportUri())).getText();
      const renamedGazetteer = (await vscode.workspace.openTextDocument(gazetteerUri())).getText();
      // The labels that resolve to the entry ("the Assad regime", "government forces") stay as written.
      assert.equal(renamedReport, replaceOccurrences(originals.report, 'syrian-government', 'government-of-syria', { of: 1, replace: [0] }));
      assert.equal(renamedGazetteer, replaceOccurrences(originals.gazetteer, 'syrian-government', 'government-of-syria', { of: 1, replace: [0] }));
    });

    it('renames a place\u2019s id from its entry in the gazetteer: its id, the in: naming it, place= and in= in the report, not the code block', async () => {
      const gazetteer = (await openEditor(gazetteerUri())).document;
      // The report is open too, as the writer has it; its live text is what the rename reads.
      await vscode.workspace.openTextDocument(reportUri());
      const at = locate(gazetteer).within('- id: idlib-governorate', 'idlib-governorate');
      const position = at.start.translate(0, 2);

      const prepared = await vscode.commands.executeCommand<{ range: vscode.Range; placeholder: string }>('vscode.prepareRename', gazetteer.uri, position);
      assert.deepEqual({ range: describeRange(prepared.range), placeholder: prepared.placeholder }, { range: describeRange(at), placeholder: 'idlib-governorate' });

      const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', gazetteer.uri, position, 'idlib-province');
      assert.deepEqual(filesOf(edit), [GAZETTEER.join('/'), REPORT.join('/')]);
      assert.ok(await vscode.workspace.applyEdit(edit), 'VS Code applied the rename');

      const renamedReport = (await vscode.workspace.openTextDocument(reportUri())).getText();
      const renamedGazetteer = (await vscode.workspace.openTextDocument(gazetteerUri())).getText();
      // In the report: the first incident's place= and the in= of Maarat al-Numan; the third, in the
      // "About this file" code block, is not markup. In the gazetteer: the id and the two in: below it.
      assert.equal(renamedReport, replaceOccurrences(originals.report, 'idlib-governorate', 'idlib-province', { of: 3, replace: [0, 1] }));
      assert.equal(renamedGazetteer, replaceOccurrences(originals.gazetteer, 'idlib-governorate', 'idlib-province', { of: 3, replace: [0, 1, 2] }));
    });

    it('refuses to rename a built-in place\u2019s id and an entry\u2019s name, with the server\u2019s reason', async () => {
      const builtIn = (await openEditor(workspaceUri(...BUILT_IN))).document;
      const geo = locate(builtIn).within('ref=geo:SY.09:aleppo', 'geo:SY.09:aleppo').start.translate(0, 6);
      const fixed = "geo:SY.09:aleppo is a place of the built-in world layer: its id is fixed and cannot be renamed. Add the place to the team's gazetteer to give it an id of your own.";
      await rejectsWith(vscode.commands.executeCommand('vscode.prepareRename', builtIn.uri, geo), fixed);
      await rejectsWith(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', builtIn.uri, geo, 'aleppo'), fixed);

      const gazetteer = (await openEditor(gazetteerUri())).document;
      const name = locate(gazetteer).within('name: Russian Armed Forces', 'Russian Armed Forces').start.translate(0, 3);
      await rejectsWith(
        vscode.commands.executeCommand('vscode.prepareRename', gazetteer.uri, name),
        '"Russian Armed Forces" is the entry\'s name, which reports match their labels against: rename the id (russian-armed-forces) instead.',
      );
      assert.equal(gazetteer.isDirty, false, 'nothing was changed');
      // Not a label of the report: at :actor[Russia] the Markdown extension reads [Russia] as a
      // reference link and offers to rename it, so VS Code never shows the server's refusal there.
    });
  });
}
