/**
 * Just enough SQL lexing to know where a piece of text stands: in code, in a
 * '…' string, in a "…" identifier, or in a comment. Grafana interpolates
 * variables before the database sees the query, so this runs on the text as
 * written, `$var`s included.
 */

export type SqlContext = 'code' | 'string' | 'identifier' | 'comment';

export interface SqlSegment {
  readonly kind: SqlContext;
  readonly from: number;
  readonly to: number;
}

/** Splits `sql` into consecutive segments covering all of it. Unclosed strings and comments run to the end. */
export function lexSql(sql: string): SqlSegment[] {
  const out: SqlSegment[] = [];
  let codeStart = 0;
  let i = 0;
  const push = (kind: SqlContext, from: number, to: number): void => {
    if (to > from) out.push({ kind, from, to });
  };
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    let end: number | undefined;
    let kind: SqlContext | undefined;
    if (c === "'") {
      kind = 'string';
      end = closeQuote(sql, i, "'");
    } else if (c === '"') {
      kind = 'identifier';
      end = closeQuote(sql, i, '"');
    } else if (c === '-' && next === '-') {
      kind = 'comment';
      const nl = sql.indexOf('\n', i);
      end = nl === -1 ? sql.length : nl;
    } else if (c === '/' && next === '*') {
      kind = 'comment';
      const close = sql.indexOf('*/', i + 2);
      end = close === -1 ? sql.length : close + 2;
    }
    if (kind === undefined || end === undefined) {
      i++;
      continue;
    }
    push('code', codeStart, i);
    push(kind, i, end);
    i = end;
    codeStart = end;
  }
  push('code', codeStart, sql.length);
  return out;
}

/** End (exclusive) of the quoted run opened at `i`; a doubled quote is an escaped one. */
function closeQuote(sql: string, i: number, q: string): number {
  let j = i + 1;
  while (j < sql.length) {
    if (sql[j] === q) {
      if (sql[j + 1] === q) {
        j += 2;
        continue;
      }
      return j + 1;
    }
    j++;
  }
  return sql.length;
}

export function contextAt(segments: readonly SqlSegment[], offset: number): SqlContext {
  for (const s of segments) if (offset >= s.from && offset < s.to) return s.kind;
  return 'code';
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
  const open: number[] = [];
  for (const s of segments) {
    if (s.from >= offset) break;
    if (s.kind !== 'code') continue;
    for (let i = s.from; i < Math.min(s.to, offset); i++) {
      const c = sql[i];
      if (c === '(' || c === '[') open.push(i);
      else if ((c === ')' || c === ']') && open.length > 0) open.pop();
    }
  }
  const at = open.at(-1);
  if (at === undefined) return false;
  const before = codeBefore(sql, segments, at);
  return sql[at] === '(' ? /\bin\s*$/i.test(before) : /\barray\s*$/i.test(before);
}

function codeBefore(sql: string, segments: readonly SqlSegment[], at: number): string {
  let out = '';
  for (const s of segments) {
    if (s.from >= at) break;
    out += s.kind === 'code' ? sql.slice(s.from, Math.min(s.to, at)) : ' ';
  }
  return out;
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
