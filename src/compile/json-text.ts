/**
 * Small facts about canonical JSON text shared by the two printers
 * (serialize.ts's Printer and print-stringified.ts): the line width, the
 * indents, prettier's column widths, which keys JS enumerates first, and how
 * a long array of numbers fills its lines.
 */
import { createRequire } from 'node:module';

/** prettier's default printWidth, which the canonical text is defined with. */
export const PRINT_WIDTH = 80;

const indents: string[] = [''];
/** Two spaces per level, built once per depth. */
export function indentOf(depth: number): string {
  while (indents.length <= depth) indents.push(`${indents[indents.length - 1]!}  `);
  return indents[depth]!;
}

/** prettier's own ASCII test: \x20-\x7F (DEL included) counts one column per char. */
const NON_ASCII = /[^\x20-\x7F]/;
let wideWidth: ((text: string) => number) | undefined;

/** prettier's getStringWidth: ASCII measured here, anything else by prettier itself (loaded on first need). */
export function textWidth(text: string): number {
  if (!NON_ASCII.test(text)) return text.length;
  wideWidth ??= loadPrettierWidth();
  return wideWidth(text);
}

/** Synchronous on purpose: the printers are sync, and prettier's CJS entry exposes `util`. */
function loadPrettierWidth(): (text: string) => number {
  const prettier = createRequire(import.meta.url)('prettier') as { util: { getStringWidth(text: string): number } };
  return prettier.util.getStringWidth;
}

/**
 * An array-index key (`"0"` … `"4294967294"`): JS enumerates these first, in
 * numeric order, whatever the insertion order, and so does the canonical text.
 */
export function isArrayIndex(k: string): boolean {
  const c = k.charCodeAt(0);
  if (!(c >= 48 && c <= 57)) return false; // fast path: most keys start with a letter ('' gives NaN)
  if (k.length === 1) return true;
  if (c === 48 || k.length > 10) return false;
  for (let i = 1; i < k.length; i++) {
    const d = k.charCodeAt(i);
    if (d < 48 || d > 57) return false;
  }
  return Number(k) <= 4294967294;
}

/**
 * prettier's fill for a broken array of numbers (given as their text): `[`,
 * then each number with its comma joins the current line if `' ' + number,`
 * still fits in 80 columns, otherwise starts a new one at `inner`. The
 * closing `]` is not part of the measure, and not written: the caller closes.
 */
export function fillLines(items: readonly string[], inner: string): string {
  const last = items.length - 1;
  let out = `[\n${inner}`;
  let pos = inner.length;
  for (let i = 0; i <= last; i++) {
    const part = i < last ? `${items[i]!},` : items[i]!;
    out += part;
    pos += part.length;
    if (i === last) break;
    const next = items[i + 1]!.length + (i + 1 < last ? 1 : 0);
    if (pos + 1 + next <= PRINT_WIDTH) {
      out += ' ';
      pos += 1;
    } else {
      out += `\n${inner}`;
      pos = inner.length;
    }
  }
  return out;
}
