import { TextDocuments, type Range } from 'vscode-languageserver';
import { EditedTextDocument } from './editedDocument.js';

/**
 * The open documents, kept as EditedTextDocument (the text in pieces, the edits of the last
 * versions), with edits that reach outside a document clamped to it instead of applied as given:
 * vscode-languageserver-textdocument took a range past the end without complaint but then held a
 * wrong line table (more lines than the text has), so every later edit and every position in the
 * document would be wrong. `onClamped` is told of each clamped edit.
 */
export function clampedTextDocuments(onClamped: (uri: string, version: number, given: Range) => void): TextDocuments<EditedTextDocument> {
  return new TextDocuments<EditedTextDocument>({
    create: (uri, languageId, version, content) => new EditedTextDocument(uri, languageId, version, content),
    update(document, changes, version) {
      document.update(changes, version, (given) => onClamped(document.uri, version, given));
      return document;
    },
  });
}
