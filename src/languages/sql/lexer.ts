/**
 * PostgreSQL's lexical rules (src/backend/parser/scan.l), as far as they decide
 * where a piece of text stands: in code, in a string, in a quoted identifier
 * or in a comment. Grafana interpolates variables before the database sees
 * the query, so this runs on the text as written, `$var`s included.
 *
 * Covered: `--` comments (ended by \n or \r), nested `/* … *\/` comments,
 * '…' strings with '' (and, with standard_conforming_strings off, \ escapes),
 * E'…' (backslash escapes), U&'…', B'…', X'…', N'…', $$…$$ and $tag$…$tag$
 * dollar quotes, "…" and U&"…" identifiers. A prefix letter only counts when
 * it is a whole word (`abcE'x'` is the identifier abcE and a plain string),
 * and `$` inside an identifier (`a$b`) does not open a dollar quote.
 */

export type SqlContext = 'code' | 'string' | 'identifier' | 'comment';

/**
 * The literal's exact form. Strings: `standard` '…' (and N'…'), `escape` E'…',
 * `unicode` U&'…', `bit` B'…' / X'…', `dollar` $tag$…$tag$. Identifiers:
 * `quoted` "…", `unicode` U&"…". Comments: `line` --, `block` /* *\/.
 */
export type SqlForm = 'standard' | 'escape' | 'unicode' | 'bit' | 'dollar' | 'quoted' | 'line' | 'block';

export interface SqlSegment {
  readonly kind: SqlContext;
  readonly from: number;
  readonly to: number;
  /** Absent for code. */
  readonly form?: SqlForm;
  /** False when a string, identifier or block comment runs to the end of the text unclosed. */
  readonly closed?: boolean;
}

export interface SqlLexOptions {
  /** PostgreSQL's setting, on by default since 9.1: '…' strings take \ literally. */
  readonly standardConformingStrings?: boolean;
}

const IDENT_START = /[A-Za-z_\u0080-\uffff]/;
const IDENT_CONT = /[A-Za-z0-9_$\u0080-\uffff]/;
/** A dollar-quote tag: an identifier without `$` (scan.l dolq_start, dolq_cont). */
const DOLLAR_DELIMITER = /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/;

export function isIdentChar(c: string | undefined): boolean {
  return c !== undefined && IDENT_CONT.test(c);
}

interface Literal {
  readonly kind: Exclude<SqlContext, 'code'>;
  readonly form: SqlForm;
  readonly end: number;
  readonly closed: boolean;
}

/** Splits `sql` into consecutive segments covering all of it. Unclosed strings and comments run to the end. */
export function lexSql(sql: string, options: SqlLexOptions = {}): SqlSegment[] {
  const standard = options.standardConformingStrings ?? true;
  const out: SqlSegment[] = [];
  let codeStart = 0;
  let i = 0;
  while (i < sql.length) {
    const lit = literalAt(sql, i, standard);
    if (lit === undefined) {
      i = skipCode(sql, i);
      continue;
    }
    if (i > codeStart) out.push({ kind: 'code', from: codeStart, to: i });
    out.push({ kind: lit.kind, from: i, to: lit.end, form: lit.form, closed: lit.closed });
    i = lit.end;
    codeStart = i;
  }
  if (sql.length > codeStart) out.push({ kind: 'code', from: codeStart, to: sql.length });
  return out;
}

/** Past one code character, or a whole identifier/number (so `abcE'x'` and `a$b$` are not prefixes or quotes). */
function skipCode(sql: string, i: number): number {
  if (!IDENT_START.test(sql[i]!) && !/[0-9]/.test(sql[i]!)) return i + 1;
  let j = i + 1;
  while (j < sql.length && IDENT_CONT.test(sql[j]!)) j++;
  return j;
}

/** The string, identifier or comment starting at `i`, if one does. */
function literalAt(sql: string, i: number, standard: boolean): Literal | undefined {
  const c = sql[i]!;
  const next = sql[i + 1];
  if (c === '-' && next === '-') {
    const m = /[\n\r]/.exec(sql.slice(i));
    return { kind: 'comment', form: 'line', end: m ? i + m.index : sql.length, closed: true };
  }
  if (c === '/' && next === '*') return blockComment(sql, i);
  if (c === "'") return quoted(sql, i, "'", 'string', 'standard', !standard);
  if (c === '"') return quoted(sql, i, '"', 'identifier', 'quoted', false);
  if (c === '$') {
    if (isIdentChar(sql[i - 1])) return undefined;
    const m = DOLLAR_DELIMITER.exec(sql.slice(i));
    if (!m) return undefined;
    const close = sql.indexOf(m[0], i + m[0].length);
    return { kind: 'string', form: 'dollar', end: close === -1 ? sql.length : close + m[0].length, closed: close !== -1 };
  }
  if (isIdentChar(sql[i - 1])) return undefined;
  const lower = c.toLowerCase();
  if (next === "'") {
    if (lower === 'e') return quoted(sql, i + 1, "'", 'string', 'escape', true);
    if (lower === 'b' || lower === 'x') return quoted(sql, i + 1, "'", 'string', 'bit', false);
    if (lower === 'n') return quoted(sql, i + 1, "'", 'string', 'standard', !standard);
  }
  if (lower === 'u' && next === '&' && (sql[i + 2] === "'" || sql[i + 2] === '"')) {
    const q = sql[i + 2]!;
    return quoted(sql, i + 2, q, q === "'" ? 'string' : 'identifier', 'unicode', false);
  }
  return undefined;
}

/** Block comments nest in PostgreSQL (scan.l xc_depth). */
function blockComment(sql: string, i: number): Literal {
  let depth = 0;
  let j = i;
  while (j < sql.length) {
    if (sql[j] === '/' && sql[j + 1] === '*') {
      depth++;
      j += 2;
    } else if (sql[j] === '*' && sql[j + 1] === '/') {
      depth--;
      j += 2;
      if (depth === 0) return { kind: 'comment', form: 'block', end: j, closed: true };
    } else j++;
  }
  return { kind: 'comment', form: 'block', end: sql.length, closed: false };
}

/**
 * The quoted run whose opening quote is at `open`: a doubled quote is an
 * escaped one, and with `backslash` a `\` escapes the next character.
 */
function quoted(sql: string, open: number, q: string, kind: Literal['kind'], form: SqlForm, backslash: boolean): Literal {
  let j = open + 1;
  while (j < sql.length) {
    const c = sql[j];
    if (backslash && c === '\\') {
      j += 2;
      continue;
    }
    if (c === q) {
      if (sql[j + 1] === q && form !== 'bit') {
        j += 2;
        continue;
      }
      return { kind, form, end: j + 1, closed: true };
    }
    j++;
  }
  return { kind, form, end: sql.length, closed: false };
}

/**
 * The segment holding `offset`, by binary search (segments are in order and do
 * not overlap; SQL's and PromQL's alike): the lint and the tags ask once per
 * variable reference, and a scan per reference made a query of 20,000
 * references quadratic.
 */
export function segmentAt<S extends { readonly from: number; readonly to: number }>(segments: readonly S[], offset: number): S | undefined {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid]!;
    if (offset < s.from) hi = mid - 1;
    else if (offset >= s.to) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/** For each change of the innermost open bracket in code, where it happens and the bracket after it (-1: none). */
interface Brackets {
  readonly at: number[];
  readonly open: number[];
  /** wordBefore of each bracket asked about: references share their bracket, and the space before it may be long. */
  readonly words: Map<number, string>;
}

const bracketsOf = new WeakMap<readonly SqlSegment[], Brackets>();

/** One pass over the code of `sql`, remembered per segments array. */
function brackets(sql: string, segments: readonly SqlSegment[]): Brackets {
  let b = bracketsOf.get(segments);
  if (b) return b;
  b = { at: [], open: [], words: new Map() };
  const stack: number[] = [];
  for (const s of segments) {
    if (s.kind !== 'code') continue;
    for (let i = s.from; i < s.to; i++) {
      const c = sql[i];
      if (c === '(' || c === '[') stack.push(i);
      else if ((c === ')' || c === ']') && stack.length > 0) stack.pop();
      else continue;
      b.at.push(i);
      b.open.push(stack.at(-1) ?? -1);
    }
  }
  bracketsOf.set(segments, b);
  return b;
}

/** The query with comments blanked out (same length, so offsets hold). */
export function withoutComments(sql: string, segments: readonly SqlSegment[] = lexSql(sql)): string {
  let out = '';
  for (const s of segments) out += s.kind === 'comment' ? ' '.repeat(s.to - s.from) : sql.slice(s.from, s.to);
  return out;
}

/**
 * Whether `offset` (in code) is directly inside `IN (…)` or `ARRAY[…]`:
 * the innermost open bracket before it, counting only code, follows `IN` or is `ARRAY[`.
 */
export function inListAt(sql: string, segments: readonly SqlSegment[], offset: number): boolean {
  // The innermost bracket open before `offset`: the last change before it.
  const { at: changes, open, words } = brackets(sql, segments);
  let lo = 0;
  let hi = changes.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (changes[mid]! < offset) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const at = last === -1 ? -1 : open[last]!;
  if (at === -1) return false;
  let word = words.get(at);
  if (word === undefined) words.set(at, (word = wordBefore(sql, segments, at)));
  return word === (sql[at] === '(' ? 'in' : 'array');
}

/**
 * The word just before `at` in lowercase, past whitespace, comments and
 * strings (each counts as a space), or '' when something else stands there:
 * what `/\bin\s*$/` finds at the end of the code before `at`, looked for from
 * `at` backwards instead of over the whole prefix.
 */
function wordBefore(sql: string, segments: readonly SqlSegment[], at: number): string {
  let i = at;
  for (;;) {
    const s = segmentAt(segments, i - 1);
    if (i === 0 || !s) return '';
    if (s.kind !== 'code') {
      i = s.from;
      continue;
    }
    if (/\s/.test(sql[i - 1]!)) {
      i--;
      continue;
    }
    break;
  }
  // The word runs back to a non-word character or to the start of its code segment (what precedes a code segment
  // is a string or comment, a space in the original's terms): either way \b holds.
  const end = i;
  const code = segmentAt(segments, end - 1)!;
  while (i > code.from && /\w/.test(sql[i - 1]!)) i--;
  return sql.slice(i, end).toLowerCase();
}

/**
 * Text after the statement's terminating `;` that is not whitespace: the `;`
 * offset and what follows, or undefined.
 */
export function textAfterTerminator(sql: string, segments: readonly SqlSegment[] = lexSql(sql)): { at: number; rest: string } | undefined {
  for (const s of segments) {
    if (s.kind !== 'code') continue;
    const i = sql.indexOf(';', s.from);
    if (i === -1 || i >= s.to) continue;
    const rest = sql.slice(i + 1).trim();
    return rest === '' ? undefined : { at: i, rest };
  }
  return undefined;
}
