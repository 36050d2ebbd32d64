import { TextDocuments, type Position, type Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';


/**
 * A position moved into the document as VS Code's own model does (validatePosition): before the
 * start to the start, past the last line to the document's end, past a line's end to that end.
 */
function clampPosition(document: TextDocument, position: Position): Position {
  if (position.line < 0) return { line: 0, character: 0 };
  if (position.line >= document.lineCount) return document.positionAt(document.getText().length);
  return document.positionAt(document.offsetAt({ line: position.line, character: Math.max(0, position.character) }));
}

const samePosition = (a: Position, b: Position) => a.line === b.line && a.character === b.character;

/**
 * The open documents, with edits that reach outside a document clamped to it instead of applied
 * as given: vscode-languageserver-textdocument takes a range past the end without complaint but
 * then holds a wrong line table (more lines than the text has), so every later edit and every
 * position in the document would be wrong. `onClamped` is told of each clamped edit.
 */
export function clampedTextDocuments(onClamped: (uri: string, version: number, given: Range) => void): TextDocuments<TextDocument> {
  return new TextDocuments({
    create: (uri, languageId, version, content) => TextDocument.create(uri, languageId, version, content),
    update(document, changes, version) {
      // One change at a time: each range is read against the text the changes before it left.
      for (const change of changes) {
        if (!('range' in change)) {
          TextDocument.update(document, [change], version);
          continue;
        }
        const start = clampPosition(document, change.range.start);
        const end = clampPosition(document, change.range.end);
        if (!samePosition(start, change.range.start) || !samePosition(end, change.range.end)) onClamped(document.uri, version, change.range);
        TextDocument.update(document, [{ range: { start, end }, text: change.text }], version);
      }
      return document;
    },
  });
}
