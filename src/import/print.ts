/**
 * Lays out one generated statement (`render`'s single-line code) the way
 * prettier would with `printWidth` 120, single quotes and trailing commas:
 * a bracket group that fits on the rest of the line stays on it; otherwise
 * each element gets its own line, indented two spaces, with a trailing
 * comma; a call whose only argument is an object or array hugs it
 * (`dashboard({` … `})`). Doing this here, on the importer's own output,
 * replaces a prettier run (about a third of an import's time, see
 * docs/import.md). Strings and template literals are never touched.
 */

type Part = string | Group;
interface Group {
  open: '{' | '[' | '(';
  close: '}' | ']' | ')';
  /** Elements, split at top-level commas. */
  items: Part[][];
}

const CLOSE = { '{': '}', '[': ']', '(': ')' } as const;

export function printStatement(text: string, width = 120): string {
  const parts = parseParts(text, { i: 0 });
  return printParts(parts, 0, 0, width);
}

/** Parses until the closing bracket of the enclosing group (or the end); `pos.i` advances. */
function parseParts(s: string, pos: { i: number }, close?: string): Part[] {
  const parts: Part[] = [];
  let atom = '';
  const flush = () => {
    if (atom !== '') parts.push(atom);
    atom = '';
  };
  while (pos.i < s.length) {
    const c = s[pos.i]!;
    if (c === close || c === ',') return flush(), parts;
    if (c === '{' || c === '[' || c === '(') {
      flush();
      pos.i++;
      parts.push(parseGroup(s, pos, c));
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      const end = skipString(s, pos.i);
      const literal = s.slice(pos.i, end);
      atom += c === '"' ? singleQuoted(literal) : literal;
      pos.i = end;
      continue;
    }
    atom += c;
    pos.i++;
  }
  flush();
  return parts;
}

function parseGroup(s: string, pos: { i: number }, open: Group['open']): Group {
  const close = CLOSE[open];
  const items: Part[][] = [];
  for (;;) {
    const item = parseParts(s, pos, close);
    const trimmed = trimItem(item);
    if (trimmed.length > 0) items.push(trimmed);
    const c = s[pos.i];
    pos.i++;
    if (c !== ',') break;
  }
  return { open, close, items };
}

/**
 * A double-quoted literal (JSON-escaped, from `stringLiteral`) as prettier's
 * `singleQuote` writes it: single quotes unless the text holds more `'` than
 * `"`. Only the quote escapes change; every other escape is kept as is.
 */
function singleQuoted(literal: string): string {
  const inner = literal.slice(1, -1);
  const singles = inner.split("'").length - 1;
  const doubles = inner.split('\\"').length - 1;
  if (singles > doubles) return literal;
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (c === '\\') {
      const n = inner[i + 1] ?? '';
      out += n === '"' ? '"' : c + n;
      i++;
    } else out += c === "'" ? "\\'" : c;
  }
  return `'${out}'`;
}

/** The index after the string or template literal starting at `start`. */
function skipString(s: string, start: number): number {
  const q = s[start]!;
  let i = start + 1;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '\\') i += 2;
    else if (c === q) return i + 1;
    else if (q === '`' && c === '$' && s[i + 1] === '{') i = skipBraces(s, i + 1);
    else i++;
  }
  return i;
}

/** The index after the `}` matching the `{` at `start`, skipping strings inside. */
function skipBraces(s: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < s.length) {
    const c = s[i]!;
    if (c === "'" || c === '"' || c === '`') {
      i = skipString(s, i);
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
    i++;
  }
  return i;
}

function trimItem(item: Part[]): Part[] {
  const out = [...item];
  if (typeof out[0] === 'string') out[0] = out[0].trimStart();
  const last = out.length - 1;
  if (typeof out[last] === 'string') out[last] = (out[last] as string).trimEnd();
  return out.filter((p) => p !== '');
}

function flat(p: Part): string {
  if (typeof p === 'string') return p;
  const inner = p.items.map((it) => it.map(flat).join('')).join(', ');
  if (inner === '') return p.open + p.close;
  return p.open === '{' ? `{ ${inner} }` : `${p.open}${inner}${p.close}`;
}

/** Length of the first line of the text (a template literal may span lines). */
function lineLength(text: string): number {
  const nl = text.indexOf('\n');
  return nl === -1 ? text.length : Number.POSITIVE_INFINITY;
}

function printParts(parts: Part[], indent: number, col: number, width: number): string {
  let out = '';
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    // What must follow on the same line: the next atom (`)`, `;`, `.as('csv')`), roughly.
    const next = parts[k + 1];
    const tail = typeof next === 'string' ? lineLength(next) : 1;
    const text = typeof p === 'string' ? p : printGroup(p, indent, col, width, tail);
    out += text;
    const nl = text.lastIndexOf('\n');
    col = nl === -1 ? col + text.length : text.length - nl - 1;
  }
  return out;
}

function printGroup(g: Group, indent: number, col: number, width: number, tail: number): string {
  const f = flat(g);
  if (col + lineLength(f) + tail <= width) return f;
  // A bracket group of one plain atom (a computed key such as `['__proto__']`) stays whole: broken with a
  // trailing comma it would no longer be valid syntax (`[\n  '__proto__',\n]:` is not a property name).
  if (g.open === '[' && g.items.length === 1 && g.items[0]!.every((part) => typeof part === 'string')) return f;
  const only = g.items.length === 1 ? g.items[0]! : undefined;
  if (g.open === '(' && only?.length === 1 && typeof only[0] !== 'string' && only[0]!.open !== '(') {
    // Hug a lone object or array argument: `call({` … `})`.
    return `(${printGroup(only[0]!, indent, col + 1, width, tail + 1)})`;
  }
  const pad = ' '.repeat(indent + 2);
  const lines = g.items.map((it) => `${pad}${printParts(it, indent + 2, indent + 2, width - 1)},`);
  return `${g.open}\n${lines.join('\n')}\n${' '.repeat(indent)}${g.close}`;
}
