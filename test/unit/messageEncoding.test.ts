// The stdio writer's JSON (server/src/lsp/messageEncoding.ts): byte for byte what vscode-jsonrpc
// writes, with each diagnostic's JSON written once.
import type { Message } from 'vscode-languageserver/node';
import { describe, expect, it } from 'vitest';
import { encodeMessage } from '../../server/src/lsp/messageEncoding.js';

/** A diagnostic as DiagnosticsManager sends it, with text that JSON escapes and text outside ASCII. */
function diagnostic(line: number, related = false) {
  return {
    range: { start: { line, character: 4 }, end: { line, character: 19 } },
    severity: 4,
    code: 'place-alias',
    source: 'incident-markup',
    message: `"Maarat al-Numan" is an alias of Ma‘arrat an Nu‘mān (maarat-al-numan) — line ${line}\n\t\\ "quoted" \u0001 😀`,
    ...(related ? { relatedInformation: [{ message: 'first figure', location: { uri: 'file:///r%C3%A9port.md', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } } } }] } : {}),
  };
}

const many = (count: number) => Array.from({ length: count }, (_, line) => diagnostic(line, line % 7 === 0));

const push = (diagnostics: object[]): Message => ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a/report.md', version: 12, diagnostics } }) as Message;
const pulled = (items: object[]): Message => ({ jsonrpc: '2.0', id: 7, result: { kind: 'full', resultId: 'l2x-5', items } }) as Message;

describe('the stdio writer’s JSON', () => {
  it.each([
    ['a push of many diagnostics', push(many(200))],
    ['a pull answered in full with many', pulled(many(200))],
    ['a push of a few (written at once)', push(many(3))],
    ['a push that clears a report', push([])],
    ['a pull answered unchanged', { jsonrpc: '2.0', id: 8, result: { kind: 'unchanged', resultId: 'l2x-5' } }],
    ['a completion list, whose items are not diagnostics', { jsonrpc: '2.0', id: 9, result: { isIncomplete: false, items: many(100).map((d) => ({ label: d.message })) } }],
    ['a request to the client', { jsonrpc: '2.0', id: 3, method: 'workspace/configuration', params: { items: [{ section: 'incidentMarkup' }] } }],
    ['an error answer', { jsonrpc: '2.0', id: 4, error: { code: -32603, message: 'Request textDocument/hover failed.' } }],
    ['a push whose uri looks like the placeholder', { ...push(many(80)), params: { uri: 'file:///incident-markup-diagnostics-x.md', diagnostics: many(80) } }],
  ] as [string, Message][])('is JSON.stringify’s for %s', (_, message) => {
    expect(encodeMessage(message).toString('utf8')).toBe(JSON.stringify(message));
  });

  it('writes the lists of consecutive versions that share most diagnostics as JSON.stringify would', () => {
    const first = many(300);
    const second = [...first.slice(0, 120), diagnostic(1000), diagnostic(1001, true), ...first.slice(125)];
    for (const message of [push(first), pulled(second), push(second.slice(0, 70)), pulled(first)]) {
      expect(encodeMessage(message).toString('utf8')).toBe(JSON.stringify(message));
    }
  });

  it('keeps the JSON each diagnostic had the first time it was written (a sent diagnostic is never changed)', () => {
    const list = many(100);
    encodeMessage(push(list));
    // Changed behind the encoder's back, which DiagnosticsManager never does: what is written shows the kept JSON.
    list[5]!.message = 'changed after it was sent';
    const written = JSON.parse(encodeMessage(pulled(list)).toString('utf8')) as { result: { items: { message: string }[] } };
    expect(written.result.items[5]!.message).toBe(diagnostic(5).message);
    expect(written.result.items.map((item) => item.message)).toEqual(many(100).map((item) => item.message));
  });
});
