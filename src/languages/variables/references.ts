/**
 * What Grafana counts as a variable reference. The pattern is Grafana's own
 * (public/app/features/variables/utils.ts `variableRegex`, identical to
 * @grafana/scenes packages/scenes/src/variables/constants.ts VARIABLE_REGEX):
 *
 *   \$(\w+)                                      $var
 *   \[\[(\w+?)(?::(\w+))?\]\]                    [[var]]  [[var:fmt]]
 *   \${(\w+)(?:\.([^:^\}]+))?(?::([^\}]+))?}     ${var}   ${var.field}  ${var:fmt}  ${var.field:fmt:arg}
 *
 * Consequences kept on purpose: `$__timeFilter(t)` is a reference named `__timeFilter`;
 * `$1` is a reference named `1`; an unclosed `${x` is no reference at all; a format
 * after `${...:` may hold further `:`-separated arguments (`${__from:date:YYYY-MM}`).
 *
 * dashcode matches it with a scanner (`variableMatches`), not the regex, which is
 * quadratic on unclosed references; test/interpolate/references.test.ts checks
 * the scanner against the regex itself.
 */

export type ReferenceSyntax = '$var' | '${var}' | '[[var]]';

export interface VariableReference {
  name: string;
  /** Everything after the first `:` (`date:YYYY-MM` for `${__from:date:YYYY-MM}`). */
  format?: string;
  /** `login` in `${__user.login}`. */
  fieldPath?: string;
  syntax: ReferenceSyntax;
  /** The matched text. */
  match: string;
  start: number;
  end: number;
}

/** Splits one regex match into its parts (the six capture groups of Grafana's pattern). */
export function referenceFromMatch(m: ReadonlyArray<string | undefined>, start: number): VariableReference {
  const match = m[0] ?? '';
  const ref: VariableReference = {
    name: m[1] ?? m[2] ?? m[4] ?? '',
    syntax: m[1] !== undefined ? '$var' : m[2] !== undefined ? '[[var]]' : '${var}',
    match,
    start,
    end: start + match.length,
  };
  const format = m[3] ?? m[6];
  if (format !== undefined) ref.format = format;
  if (m[5] !== undefined) ref.fieldPath = m[5];
  return ref;
}

/** Every reference Grafana would try to replace, in order. */
export function findVariableReferences(text: string): VariableReference[] {
  const out: VariableReference[] = [];
  for (const m of variableMatches(text)) out.push(referenceFromMatch(m, m.index));
  return out;
}

/**
 * One match of Grafana's pattern, shaped as `RegExp.exec` gives it: the whole
 * match, the six groups (undefined when they did not take part), and `index`.
 */
export type VariableMatch = Array<string | undefined> & { 0: string; index: number };

/**
 * Every match of Grafana's pattern in `text`, the matches `text.matchAll`
 * with `variableRegex()` gives, found in linear time. The regex is quadratic
 * on text with many unclosed references (`${a:${a:${a:…` with no `}`: each
 * attempt runs to the end of the text, 28 s for 40,000 of them), and query
 * text comes from the dashboards being checked.
 */
export function variableMatches(text: string): VariableMatch[] {
  const out: VariableMatch[] = [];
  // Only `$` and `[[` can start a reference: jump between them (most text has neither).
  let dollar = text.indexOf('$');
  let bracket = text.indexOf('[[');
  if (dollar === -1 && bracket === -1) return out;
  const next = new NextIndexes(text);
  for (;;) {
    const i = dollar === -1 ? bracket : bracket === -1 ? dollar : Math.min(dollar, bracket);
    if (i === -1) return out;
    const m = variableMatchAt(text, i, next);
    const resume = m ? i + m[0].length : i + 1;
    if (m) out.push(m);
    if (dollar !== -1 && dollar < resume) dollar = text.indexOf('$', resume);
    if (bracket !== -1 && bracket < resume) bracket = text.indexOf('[[', resume);
  }
}

/** `text` with each reference replaced by `replace`'s result (what `text.replace(variableRegex(), …)` does). */
export function replaceVariableReferences(text: string, replace: (ref: VariableReference) => string): string {
  let out = '';
  let last = 0;
  for (const m of variableMatches(text)) {
    out += text.slice(last, m.index) + replace(referenceFromMatch(m, m.index));
    last = m.index + m[0].length;
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * Where the next `}`, and the next of `:`, `^` or `}`, are from an offset:
 * `indexOf`, each answer kept while later offsets have not passed it, so a
 * scan whose offsets grow looks at each character a bounded number of times.
 */
export class NextIndexes {
  private readonly text: string;
  // Per character: the offset last asked from, and the answer (text.length: none); -1: not asked yet.
  private readonly asked = [-1, -1, -1];
  private readonly found = [-1, -1, -1];

  constructor(text: string) {
    this.text = text;
  }

  brace(from: number): number {
    return this.find(0, '}', from);
  }

  fieldEnd(from: number): number {
    return Math.min(this.find(1, ':', from), this.find(2, '^', from), this.find(0, '}', from));
  }

  private find(k: number, c: string, from: number): number {
    const asked = this.asked[k]!;
    if (asked !== -1 && asked <= from && from <= this.found[k]!) return this.found[k]!;
    const at = this.text.indexOf(c, from);
    this.asked[k] = from;
    this.found[k] = at === -1 ? this.text.length : at;
    return this.found[k]!;
  }
}

/** `\w` without a regex: ASCII letters, digits and `_`. */
export const isWordCode = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

function wordEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && isWordCode(text.charCodeAt(i))) i++;
  return i;
}

function matchOf(groups: Array<string | undefined>, index: number): VariableMatch {
  return Object.assign(groups, { index }) as VariableMatch;
}

/**
 * The match of Grafana's pattern starting exactly at `i`, or undefined (the
 * regex with the sticky flag). Each part of the pattern is deterministic: a
 * name is a whole run of word characters, a field path runs to the first `:`,
 * `^` or `}`, a `${…}` format to the first `}`; where one stops short the
 * regex cannot match by backtracking either.
 */
export function variableMatchAt(text: string, i: number, next: NextIndexes = new NextIndexes(text)): VariableMatch | undefined {
  const c = text.charCodeAt(i);
  if (c === 36 /* $ */) {
    const d = text.charCodeAt(i + 1);
    if (isWordCode(d)) {
      const end = wordEnd(text, i + 1);
      return matchOf([text.slice(i, end), text.slice(i + 1, end), undefined, undefined, undefined, undefined, undefined], i);
    }
    if (d !== 123 /* { */) return undefined;
    const nameEnd = wordEnd(text, i + 2);
    if (nameEnd === i + 2) return undefined;
    let at = nameEnd;
    let field: string | undefined;
    let format: string | undefined;
    if (text[at] === '.') {
      const stop = next.fieldEnd(at + 1);
      if (stop > at + 1) {
        field = text.slice(at + 1, stop);
        at = stop;
      }
    }
    if (text[at] === ':') {
      const close = next.brace(at + 1);
      if (close < text.length && close > at + 1) {
        format = text.slice(at + 1, close);
        at = close;
      }
    }
    if (text[at] !== '}') return undefined;
    return matchOf([text.slice(i, at + 1), undefined, undefined, undefined, text.slice(i + 2, nameEnd), field, format], i);
  }
  if (c === 91 /* [ */ && text.charCodeAt(i + 1) === 91) {
    const nameEnd = wordEnd(text, i + 2);
    if (nameEnd === i + 2) return undefined;
    let at = nameEnd;
    let format: string | undefined;
    if (text[at] === ':') {
      const end = wordEnd(text, at + 1);
      if (end > at + 1 && text.startsWith(']]', end)) {
        format = text.slice(at + 1, end);
        at = end;
      }
    }
    if (!text.startsWith(']]', at)) return undefined;
    return matchOf([text.slice(i, at + 2), undefined, text.slice(i + 2, nameEnd), format, undefined, undefined, undefined], i);
  }
  return undefined;
}
