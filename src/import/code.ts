/**
 * Building TypeScript source text. Values are JSON plus `Code` fragments
 * (identifiers, builder calls); `render` prints them as a JS expression and
 * prettier lays the file out afterwards, so nothing here cares about width.
 */
import type { Json } from '../model/loose.js';
import { hasOwn, setOwn } from '../model/own.js';

/**
 * A fragment of TypeScript source, embedded verbatim, with the value it
 * evaluates to. The importer runs the real builders on those values while it
 * writes the calls, so it can check that the code rebuilds the original.
 */
export class Code {
  constructor(
    readonly text: string,
    readonly value?: unknown,
  ) {}
}

export function code(text: string, value?: unknown): Code {
  return new Code(text, value);
}

export type Expr = Json | Code | undefined | ExprObject | Expr[];
export interface ExprObject {
  [key: string]: Expr;
}

/** `name(args)` as code, evaluated by calling `fn` on the arguments' values. */
export function invoke(name: string, fn: (...args: never[]) => unknown, ...args: Expr[]): Code {
  const values = args.map(evaluate) as never[];
  return new Code(`${name}(${args.map(render).join(', ')})`, fn(...values));
}

/** The runtime value of an expression: JSON as is, code fragments by their value; undefined properties dropped. */
export function evaluate(e: Expr): unknown {
  if (e instanceof Code) return e.value;
  if (Array.isArray(e)) return e.map(evaluate);
  if (e !== null && typeof e === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(e)) if (v !== undefined) setOwn(out, k, evaluate(v));
    return out;
  }
  return e;
}

export function render(e: Expr): string {
  if (e instanceof Code) return e.text;
  if (e === undefined) return 'undefined';
  if (e === null || typeof e === 'boolean') return String(e);
  if (typeof e === 'number') return renderNumber(e);
  if (typeof e === 'string') return stringLiteral(e);
  if (Array.isArray(e)) return `[${e.map(render).join(', ')}]`;
  const entries = Object.entries(e).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([k, v]) => `${propertyKey(k)}: ${render(v)}`).join(', ')} }`;
}

/**
 * An object literal that keeps its `undefined` values, written out as
 * `key: undefined`: to `withFields` they mean "remove this field", which
 * `render` and `evaluate` (dropping them, as object props) would lose.
 */
export function fieldsLiteral(fields: Record<string, Expr>): Code {
  const entries = Object.entries(fields);
  const text = entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${propertyKey(k)}: ${render(v)}`).join(', ')} }`;
  return new Code(text, Object.fromEntries(entries.map(([k, v]) => [k, evaluate(v)])));
}

function renderNumber(n: number): string {
  if (Number.isFinite(n)) return Object.is(n, -0) ? '-0' : String(n);
  // JSON cannot hold these; they only reach here from a hand-made object.
  return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
}

const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await async of as any boolean constructor declare get module require number set string symbol type from undefined NaN Infinity arguments eval'.split(
    ' ',
  ),
);

export function isIdentifier(s: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(s);
}

export function isReserved(s: string): boolean {
  return RESERVED.has(s);
}

function propertyKey(k: string): string {
  // `__proto__` as a plain key would set the prototype: quote-free computed form keeps it a property.
  if (k === '__proto__') return '["__proto__"]';
  return isIdentifier(k) ? k : stringLiteral(k);
}

/**
 * A JS string literal whose value is exactly `s`. The one routine for every
 * string the importer writes (with `commentText` for comments and
 * `templateChunk` for query templates): JSON escaping, plus U+2028/2029 (a
 * line terminator to older tools and to a comment), C1 controls and lone
 * surrogates (which cannot be written to a UTF-8 file) as `\uXXXX`.
 */
export function stringLiteral(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029]|\p{Cs}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Text from the input for inside a `//` or `/* *\/` comment: escaped like a
 * string literal (so it stays on one line: no LF, CR, U+2028 or U+2029), and
 * `*\/` broken up so it cannot end a block comment. A reviewer reads the
 * escapes (`\n`); no input can turn the rest of the line into code.
 */
export function commentText(s: string): string {
  return stringLiteral(s).slice(1, -1).replace(/\*\//g, '*\\/');
}

/**
 * The inside of a template literal whose cooked value is exactly `s`: the
 * characters a template treats specially are escaped, and carriage returns
 * too (a template normalises a raw CR or CRLF to LF).
 */
export function templateChunk(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const cp = s.charCodeAt(i);
    if (c === '\\' || c === '`') out += `\\${c}`;
    else if (c === '$' && s[i + 1] === '{') out += '\\$';
    else if (c === '\r') out += '\\r';
    else if (c === '\n' || c === '\t') out += c;
    else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0x2028 || cp === 0x2029) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) {
      // A well-formed surrogate pair stays as is; a lone surrogate cannot be written to a UTF-8 file.
      const next = s.charCodeAt(i + 1);
      if (cp <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += c + s[i + 1]!;
        i++;
      } else out += `\\u${cp.toString(16)}`;
    } else out += c;
  }
  return out;
}

/** `camelCase` identifier from arbitrary text (variable names, datasource names). */
export function camelIdentifier(text: string, fallback: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, ' ')
    .split(/[\s_-]+|(?<=[a-z0-9])(?=[A-Z])/)
    .filter(Boolean);
  if (words.length === 0) return fallback;
  const id = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  return /^[0-9]/.test(id) ? `${fallback}${id.charAt(0).toUpperCase()}${id.slice(1)}` : id;
}

/** Props in a readable order: the named keys first, the rest as given. */
export function ordered(props: ExprObject, first: readonly string[]): ExprObject {
  const out: ExprObject = {};
  for (const k of first) if (props[k] !== undefined) setOwn(out, k, props[k]);
  for (const [k, v] of Object.entries(props)) if (!hasOwn(out, k)) setOwn(out, k, v);
  return out;
}
