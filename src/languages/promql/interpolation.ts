/**
 * Whether a Grafana variable reference is safe where it stands in PromQL, for
 * the `promql` tag and `dashcode lint` (`promql-unsafe-interpolation`).
 *
 * Grafana's Prometheus formatter (interpolateQueryExpr, prometheusRegularEscape
 * and prometheusSpecialRegexEscape in packages/grafana-prometheus/src/escaping.ts)
 * doubles `\` and escapes regex metacharacters, but by default never escapes `"`
 * (only the experimental prometheusSpecialCharsInLabelValues toggle does, and even
 * then passes a value shaped like `a="b"` through untouched); the `regex` format
 * (escapeRegex) does not escape `"` either, nor does any format escape a backtick.
 * A value a viewer can choose therefore leaves any PromQL string. The one format
 * whose output cannot is `percentencode` (only A–Z a–z 0–9 - _ . ~ and %XX, no `$`
 * for the datasource's second interpolation pass), in a string. Everywhere else
 * only variables a viewer cannot set freely are safe. See docs/interpolation.md.
 */
import type { SqlReference, SqlVariableInfo } from '../sql/interpolation.js';
import { segmentAt } from '../sql/lexer.js';
import type { PromSegment } from './lexer.js';

export function unsafePromqlReference(ref: SqlReference, v: SqlVariableInfo | undefined, segments: readonly PromSegment[]): string | undefined {
  if (v?.restricted) return undefined;
  const segment = segmentAt(segments, ref.start);
  const format = ref.format?.split(':')[0];
  const fix = `make ${ref.name} a fixed list (a custom variable with allowCustomValue: false), or, if its values are plain words, write \${${ref.name}:percentencode}`;
  switch (segment?.kind ?? 'code') {
    case 'comment':
      return `${ref.match} inside a # comment: a newline in the value ends the comment and the rest runs as PromQL; remove it`;
    case 'string':
      if (format === 'percentencode') return undefined;
      if (segment?.quote === '`') return `${ref.match} inside a \`…\` raw string: no Grafana format escapes a backtick, so a value can end the string and add selectors; ${fix}`;
      return `${ref.match} inside a PromQL string: Grafana's Prometheus formatter and the ${format ?? 'regex'} format do not escape ", so a value like x"} or vector(1) ends the matcher and adds selectors (packages/grafana-prometheus/src/escaping.ts); ${fix}`;
    default:
      return `${ref.match} is inserted into PromQL code unquoted: a viewer can set it to any expression; use an interval or constant variable, or a custom variable with allowCustomValue: false`;
  }
}
