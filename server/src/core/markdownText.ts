/**
 * Text from files (gazetteer names, aliases, notes, kinds, file names; report labels and attribute
 * values) put into the Markdown of hovers. Such text must show as written: no link, image, HTML,
 * entity, emphasis, heading or list may come out of it, in CommonMark or GFM clients, whether or not
 * they keep links inert.
 *
 * The escapes are CommonMark backslash escapes (any ASCII punctuation may be escaped, and the
 * backslash then disappears), so the rendered text is exactly the file's text, and only characters
 * that could start something are escaped: "Ma‘arrat an Nu‘mān" and "al-Bab (Aleppo)" are unchanged.
 */

/** Anywhere in a line: `\` escapes, code spans and fences, emphasis, strikethrough, links and images (`!` and `(` mean nothing without `[`), HTML and `<…>` autolinks, table cells, and `$…$` in clients with math. */
const INLINE = /[\\`*_~[\]<|$]/g;
/** `&amp;`, `&#60;`: an entity needs a name or `#` after the `&`; a lone `&` (as in "Kharkiv & Donetsk") stays. */
const ENTITY = /&(?=[#A-Za-z0-9])/g;
/**
 * GFM autolink literals (`https://…`, `mailto:…`, `xmpp:…`, `www.…`, `name@host.org`) need no brackets,
 * so they are broken by escaping one character of their start: the `:` after a scheme, the `.` after
 * `www`, the `@` of an address. A backslash escape rather than a zero-width character, because it
 * leaves the rendered text, and what is copied from it, exactly as in the file; a client that shows
 * the Markdown unrendered shows one backslash. A `:` before a space ("Note: …") cannot start a link
 * and stays. (markdown-it's non-GFM "fuzzy" linkify of a bare `example.org` is not covered: it can
 * only make an ordinary web link, never a `command:` one.)
 */
const SCHEME_COLON = /(?<=^|[A-Za-z0-9]):(?=\S)/g;
const WWW_DOT = /(?<=www)\./gi;
/** Every `@`: the `_` of an emphasis around the text can be an address's last letter. */
const EMAIL_AT = /@/g;
/** At the start of a line (a list item's text starts one): headings, list markers, setext underlines, block quotes. */
const LINE_START = /^[#+\-=>]/;
/** `1. ` and `1) ` start an ordered list; `1.5 million` does not. */
const ORDERED_LIST = /^(\d{1,9})([.)])(?=[ \t]|$)/;
const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * A space (or tab, no-break space…) as a character reference: not indentation, not stripped at the
 * start or end of a paragraph, and no whitespace to the `**` or `_` around it.
 */
function whitespaceReference(char: string): string {
  return `&#${char.codePointAt(0)};`;
}

/**
 * `text` as Markdown inline text that renders as `text`, with line breaks as spaces (so no text
 * can start a block of its own). Safe anywhere in a line, also at its start or a list item's, and
 * between `**` or `_` (the emphasis still forms: spaces at its ends become character references).
 */
export function escapeMarkdown(text: string): string {
  let escaped = text
    .replace(LINE_BREAK, ' ')
    .replace(INLINE, '\\$&')
    .replace(ENTITY, '\\&')
    .replace(SCHEME_COLON, '\\:')
    .replace(WWW_DOT, '\\.')
    .replace(EMAIL_AT, '\\@');
  if (/^\s/u.test(escaped)) escaped = whitespaceReference(escaped.charAt(0)) + escaped.slice(1);
  else escaped = escaped.replace(LINE_START, '\\$&').replace(ORDERED_LIST, '$1\\$2');
  if (/\s$/u.test(escaped)) escaped = escaped.slice(0, -1) + whitespaceReference(escaped.charAt(escaped.length - 1));
  return escaped;
}

/**
 * `text` as a code span, for ids: nothing inside a code span is interpreted, so only its fence needs
 * care. The fence is one backtick longer than the longest run of backticks in the text, and the text
 * is padded with a space where CommonMark strips one (a backtick or a space at both ends). Not for the
 * start of a line, where three backticks would open a fenced block.
 */
export function codeSpan(text: string): string {
  const flat = text.replace(LINE_BREAK, ' ');
  if (flat === '') return '';
  const longest = [...flat.matchAll(/`+/g)].reduce((most, run) => Math.max(most, run[0].length), 0);
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ') && flat.trim() !== '');
  return pad ? `${fence} ${flat} ${fence}` : `${fence}${flat}${fence}`;
}
