import { randomUUID } from 'node:crypto';
import type { ContentTypeEncoder, ContentTypeEncoderOptions, Message } from 'vscode-languageserver/node';

/**
 * The JSON of each diagnostic, kept from the first time it was written. DiagnosticsManager
 * re-uses the converted diagnostics a keystroke left as they were (the same objects, never
 * changed once sent: their ranges are the findings' ranges, which a later check copies rather
 * than moves), so a changed list of a long report costs the JSON of what changed, not of all.
 * Measured at 1 MiB for an editor without inlay hints (1,268 diagnostics, 306 KB): serialising
 * and encoding the whole list took 6–11 ms of a 22 ms keystroke.
 */
const writtenJson = new WeakMap<object, Buffer>();

/** Below this many diagnostics the whole message is written at once, as vscode-jsonrpc does. */
const REUSE_FROM = 64;

/** Stands for the list in the JSON of the rest of the message; no text of a report can hold it. */
const PLACEHOLDER = `incident-markup-diagnostics-${randomUUID()}`;
const PLACEHOLDER_JSON = JSON.stringify(PLACEHOLDER);
const COMMA = Buffer.from(',');

/**
 * vscode-jsonrpc's JSON encoder, but for the diagnostic lists of pushes and pulls, whose
 * diagnostics' JSON is kept: the bytes are those `JSON.stringify` gives (test/unit/messageEncoding.test.ts).
 */
export const diagnosticsReusingEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode(message: Message, options: ContentTypeEncoderOptions): Promise<Uint8Array> {
    try {
      return Promise.resolve(encodeMessage(message, options.charset));
    } catch (error) {
      return Promise.reject(error);
    }
  },
};

/** The message as JSON bytes. */
export function encodeMessage(message: Message, charset: BufferEncoding = 'utf8'): Buffer {
  const found = diagnosticList(message);
  if (!found || found.list.length < REUSE_FROM || (charset !== 'utf8' && charset !== 'utf-8')) return Buffer.from(JSON.stringify(message), charset);
  const outer = JSON.stringify(found.without);
  const at = outer.indexOf(PLACEHOLDER_JSON);
  const head = Buffer.from(`${outer.slice(0, at)}[`);
  const tail = Buffer.from(`]${outer.slice(at + PLACEHOLDER_JSON.length)}`);
  const parts: Buffer[] = [head];
  let length = head.length + tail.length;
  for (let index = 0; index < found.list.length; index++) {
    const item = found.list[index]!;
    let json = writtenJson.get(item);
    if (!json) {
      json = Buffer.from(JSON.stringify(item));
      writtenJson.set(item, json);
    }
    if (index > 0) parts.push(COMMA);
    parts.push(json);
    length += json.length + (index > 0 ? 1 : 0);
  }
  parts.push(tail);
  return Buffer.concat(parts, length);
}

/**
 * The diagnostics of a push (`textDocument/publishDiagnostics`) or of a pull's full answer, and
 * the message with a placeholder in their place; undefined for any other message.
 */
function diagnosticList(message: Message): { list: readonly object[]; without: object } | undefined {
  const record = message as { method?: unknown; params?: unknown; result?: unknown };
  if (record.method === 'textDocument/publishDiagnostics') {
    const params = record.params as { diagnostics?: unknown } | undefined;
    if (params && Array.isArray(params.diagnostics) && params.diagnostics.every(isObject)) {
      return { list: params.diagnostics as object[], without: { ...record, params: { ...params, diagnostics: PLACEHOLDER } } };
    }
    return undefined;
  }
  // A document diagnostic report: only the server answers a pull with `kind: 'full'` and `items`.
  const result = record.result as { kind?: unknown; items?: unknown } | null | undefined;
  if ('id' in record && result && typeof result === 'object' && result.kind === 'full' && Array.isArray(result.items) && result.items.every(isObject)) {
    return { list: result.items as object[], without: { ...record, result: { ...result, items: PLACEHOLDER } } };
  }
  return undefined;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
