/**
 * Turns lezer error nodes into positioned, readable syntax errors. Shared by the
 * PromQL and TraceQL parsers: both grammars recover from errors and leave `⚠`
 * nodes in the tree instead of throwing, so "no error nodes" means "parsed".
 */
import type { Tree } from '@lezer/common';

export interface ParseError {
  /** Offset of the offending text in the original query (UTF-16 code units). */
  readonly from: number;
  readonly to: number;
  /** e.g. `unexpected ")" at 1:17`. */
  readonly message: string;
}

/** 1-based line and column of an offset, for messages a person can find in an editor. */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  return lineColumns(text)(offset);
}

/**
 * `lineCol` for many offsets of one text: the line starts are found once and
 * each offset is a binary search. A query with thousands of syntax errors
 * (`1 )` repeated) took 22 s when every error counted lines from the start.
 */
function lineColumns(text: string): (offset: number) => { line: number; col: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    const at = Math.min(Math.max(offset, 0), text.length);
    let lo = 0;
    let hi = starts.length - 1;
    // The last line start at or before `at` (a newline at `at` itself still belongs to the line it ends).
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - starts[lo]! + 1 };
  };
}

/**
 * One error per error node, in source order, at most one per start offset (lezer
 * often leaves several nodes where it tried several repairs at the same place).
 * `text` is the query as the user wrote it: messages quote their text, not any
 * placeholder substituted before parsing.
 */
export function collectErrors(tree: Tree, text: string): ParseError[] {
  const errors: ParseError[] = [];
  const seen = new Set<number>();
  const where = lineColumns(text);
  tree.iterate({
    enter(node) {
      if (!node.type.isError || seen.has(node.from)) return;
      seen.add(node.from);
      errors.push(describe(text, node.from, node.to, where));
    },
  });
  return errors;
}

function describe(text: string, from: number, to: number, where: (offset: number) => { line: number; col: number }): ParseError {
  // An empty error node marks where a token was missing: the culprit is what follows.
  let at = from;
  while (from === to && at < text.length && /\s/.test(text[at] ?? '')) at++;
  const { line, col } = where(at);
  if (at >= text.length) {
    const open = unclosedBracket(text);
    const hint = open ? `: "${open.char}" opened at ${pos(where(open.at))} is not closed` : '';
    return { from: at, to: at, message: `unexpected end of input at ${line}:${col}${hint}` };
  }
  const end = from === to ? tokenEnd(text, at) : to;
  return { from: at, to: end, message: `unexpected ${quote(text.slice(at, end))} at ${line}:${col}` };
}

function pos({ line, col }: { line: number; col: number }): string {
  return `${line}:${col}`;
}

/** A word, or else a single character: enough to point at the offending token. */
function tokenEnd(text: string, at: number): number {
  const word = /[\w:.]+/y;
  word.lastIndex = at;
  return word.test(text) ? word.lastIndex : at + 1;
}

function quote(s: string): string {
  const short = s.length > 24 ? `${s.slice(0, 23)}…` : s;
  return JSON.stringify(short.replace(/\s+/g, ' '));
}

/** The innermost bracket still open at the end, skipping strings; for "missing )" hints. */
function unclosedBracket(text: string): { char: string; at: number } | undefined {
  const stack: Array<{ char: string; at: number }> = [];
  const closers: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(text, i);
    } else if (c === '(' || c === '[' || c === '{') {
      stack.push({ char: c, at: i });
    } else if (closers[c]) {
      if (stack.at(-1)?.char !== closers[c]) return undefined; // mismatched: no reliable hint
      stack.pop();
    }
  }
  return stack.at(-1);
}

/** Index of the closing quote of the string opened at `i` (or the last index). Backticks have no escapes. */
export function skipString(text: string, i: number): number {
  const q = text[i];
  for (let j = i + 1; j < text.length; j++) {
    if (q !== '`' && text[j] === '\\') j++;
    else if (text[j] === q) return j;
  }
  return text.length - 1;
}
