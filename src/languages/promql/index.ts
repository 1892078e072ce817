export { parsePromQL, type PromQLParseResult } from './parse.js';
export { lineCol, type ParseError } from './errors.js';
export { maskVariables, type GrafanaVariable } from './variables.js';
export {
  walkPromQL,
  parseDuration,
  type Arg,
  type AggregationInfo,
  type FunctionCallInfo,
  type Matcher,
  type MatchOp,
  type PromQLSummary,
  type RangeInfo,
  type SelectorInfo,
  type Span,
} from './walk.js';
export { histogramQuantileCalls, keepsLabel, type HistogramQuantileCall } from './histogram.js';
