/**
 * Dashboard uids, in one place because dashboards link to each other. Stable
 * by contract: bookmarks and links use them, so never derive them from titles.
 */
export const UIDS = {
  benchmarks: 'transformers-benchmarks',
  continuousBatching: 'transformers-continuous-batching',
  kvCache: 'transformers-kv-cache',
  traces: 'transformers-generation-traces',
  benchmarkCompare: 'transformers-benchmark-compare',
  benchmarkV2: 'transformers-benchmark-v2',
} as const;
