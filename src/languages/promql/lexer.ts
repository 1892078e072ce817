/**
 * PromQL's lexical contexts (prometheus/promql/parser/lex.go): "…" and '…'
 * strings with backslash escapes, `…` raw strings without escapes, and `#`
 * comments to the end of the line. Enough to know where a variable stands.
 */
import type { SqlContext } from '../sql/lexer.js';

export interface PromSegment {
  readonly kind: Exclude<SqlContext, 'identifier'>;
  readonly from: number;
  readonly to: number;
  /** The opening quote of a string: `"`, `'` or a backtick. */
  readonly quote?: string;
  readonly closed?: boolean;
}

export function lexPromQL(text: string): PromSegment[] {
  const out: PromSegment[] = [];
  let codeStart = 0;
  let i = 0;
  const flush = (to: number): void => {
    if (to > codeStart) out.push({ kind: 'code', from: codeStart, to });
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '#') {
      flush(i);
      const m = /[\n\r]/.exec(text.slice(i));
      const end = m ? i + m.index : text.length;
      out.push({ kind: 'comment', from: i, to: end, closed: true });
      i = codeStart = end;
    } else if (c === '"' || c === "'" || c === '`') {
      flush(i);
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += c !== '`' && text[j] === '\\' ? 2 : 1;
      const end = Math.min(j + 1, text.length);
      out.push({ kind: 'string', from: i, to: end, quote: c, closed: j < text.length });
      i = codeStart = end;
    } else i++;
  }
  flush(text.length);
  return out;
}
