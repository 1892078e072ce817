/**
 * Text from input data (titles, file names, queries, backend messages) on
 * its way to a terminal or a pull-request comment. The single home of the
 * rule: ANSI/ECMA-48 escape and control sequences are removed (CSI `ESC [`,
 * OSC `ESC ]` such as window titles and hyperlinks, DCS/SOS/PM/APC, their
 * 8-bit C1 forms, and lone `ESC x`), so data can neither colour, move the
 * cursor, clear the screen nor set a title; any other control character is
 * written as a visible escape (`\r`, `\u0007`), so a carriage return cannot
 * overwrite a line either. Used by the issue formatter and the diff formatters.
 */

const SEQUENCE = new RegExp(
  [
    // OSC: ESC ] or 8-bit OSC, up to BEL or ST (ESC \ or 8-bit ST), or to the end of the text.
    '(?:\\u001b\\]|\\u009d)[^\\u0007\\u001b\\u009c]*(?:\\u0007|\\u001b\\\\|\\u009c)?',
    // DCS, SOS, PM, APC: a string up to ST.
    '(?:\\u001b[P^_X]|[\\u0090\\u0098\\u009e\\u009f])[^\\u001b\\u009c]*(?:\\u001b\\\\|\\u009c)?',
    // CSI: parameter bytes, intermediate bytes, final byte.
    '(?:\\u001b\\[|\\u009b)[\\u0030-\\u003f]*[\\u0020-\\u002f]*[\\u0040-\\u007e]?',
    // Any other escape: intermediate bytes and a final byte.
    '\\u001b[\\u0020-\\u002f]*[\\u0030-\\u007e]?',
  ].join('|'),
  'g',
);

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const LINE_BREAKS = /[\n\t\u2028\u2029]/g;

function visible(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Safe for a terminal: escape sequences removed, other control characters (but newline and tab) made visible. */
export function terminalText(s: string): string {
  return s.replace(SEQUENCE, '').replace(CONTROL, visible);
}

/** `terminalText` on one line: newlines, tabs and U+2028/U+2029 made visible too. */
export function oneLineText(s: string): string {
  return terminalText(s).replace(LINE_BREAKS, visible);
}
