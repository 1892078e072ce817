/**
 * A minimal Prometheus HTTP API client (global `fetch`, Node 20+) for checking
 * dashboards against a live server. Every failure is a `PrometheusError` whose
 * message names the URL and says which kind of failure it was, because "fetch
 * failed" alone does not tell a person whether to start a server, fix a URL or
 * fix a query.
 */
import { DEFAULT_MAX_RESULT_BYTES } from '../db/read-only.js';

export type PrometheusErrorKind = 'connection' | 'timeout' | 'http' | 'prometheus' | 'invalid-response' | 'too-large';

export interface PrometheusErrorDetails {
  readonly url: string;
  readonly kind: PrometheusErrorKind;
  /** HTTP status, when a response arrived. */
  readonly status?: number;
  /** Prometheus' `errorType` (`bad_data`, `execution`, `timeout`, ...), when it sent one. */
  readonly errorType?: string;
  readonly cause?: unknown;
}

export class PrometheusError extends Error {
  override readonly name = 'PrometheusError';
  readonly url: string;
  readonly kind: PrometheusErrorKind;
  readonly status: number | undefined;
  readonly errorType: string | undefined;

  constructor(message: string, details: PrometheusErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.url = details.url;
    this.kind = details.kind;
    this.status = details.status;
    this.errorType = details.errorType;
  }
}

export interface ClientOptions {
  /** Per request; default 10 s. */
  readonly timeoutMs?: number;
  /**
   * The most of one answer that is read, in bytes (after decompression); default 128 MiB. A larger
   * answer is a `too-large` error, and the rest of it is not read: a query a pull request wrote can
   * ask a Prometheus holding much data for a matrix of hundreds of megabytes, which would be parsed
   * whole, at several times its size.
   */
  readonly maxResponseBytes?: number;
  /** Extra headers, e.g. `Authorization`. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Seconds since the epoch (number), RFC 3339 text, or a Date. */
export type Time = number | string | Date;

export interface RangeParams {
  readonly start: Time;
  readonly end: Time;
  /** Seconds (number) or a Prometheus duration (`15s`). */
  readonly step: number | string;
}

export type SampleValue = [timestamp: number, value: string];

export interface MatrixSeries {
  readonly metric: Readonly<Record<string, string>>;
  readonly values: readonly SampleValue[];
}

export interface VectorSample {
  readonly metric: Readonly<Record<string, string>>;
  readonly value: SampleValue;
}

export type QueryData =
  | { readonly resultType: 'matrix'; readonly result: readonly MatrixSeries[] }
  | { readonly resultType: 'vector'; readonly result: readonly VectorSample[] }
  | { readonly resultType: 'scalar' | 'string'; readonly result: SampleValue };

export interface QueryResponse<D = QueryData> {
  readonly data: D;
  /** Prometheus' warnings (e.g. "PromQL info: metric might not be a counter"). */
  readonly warnings: readonly string[];
}

export interface BuildInfo {
  readonly version: string;
  readonly revision?: string;
  readonly branch?: string;
  readonly buildUser?: string;
  readonly buildDate?: string;
  readonly goVersion?: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** The body as text, or undefined (and the rest left unread) when it is, or says it is, longer than `limit` bytes. */
async function readCapped(res: Response, limit: number): Promise<string | undefined> {
  if (!res.body) return '';
  if (Number(res.headers.get('content-length')) > limit) {
    await res.body.cancel();
    return undefined;
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  // As res.text() decodes: UTF-8, a byte-order mark dropped.
  return new TextDecoder().decode(Buffer.concat(chunks, size));
}

/** `/api/v1/query_range`: always a matrix. */
export async function queryRange(
  baseUrl: string,
  expr: string,
  range: RangeParams,
  options: ClientOptions = {},
): Promise<QueryResponse<{ resultType: 'matrix'; result: readonly MatrixSeries[] }>> {
  const params = { query: expr, start: timeParam(range.start), end: timeParam(range.end), step: String(range.step) };
  const res = await apiCall<QueryData>(baseUrl, 'api/v1/query_range', params, options);
  if (res.data.resultType !== 'matrix') {
    const url = endpoint(baseUrl, 'api/v1/query_range');
    throw new PrometheusError(`${url}: expected a matrix, got ${res.data.resultType}`, { url, kind: 'invalid-response' });
  }
  return { data: res.data, warnings: res.warnings };
}

/** `/api/v1/query`: an instant query at `time` (default: the server's now). */
export async function query(
  baseUrl: string,
  expr: string,
  at: { readonly time?: Time } = {},
  options: ClientOptions = {},
): Promise<QueryResponse> {
  const params: Record<string, string> = { query: expr };
  if (at.time !== undefined) params.time = timeParam(at.time);
  return apiCall<QueryData>(baseUrl, 'api/v1/query', params, options);
}

/**
 * Values of one label (`/api/v1/label/<name>/values`), optionally limited to
 * the series matching `match` and to a time range: what Grafana's
 * `label_values(metric, label)` variable query asks for.
 */
export async function labelValues(
  baseUrl: string,
  label: string,
  range: { start: Time; end: Time; match?: string },
  options: ClientOptions = {},
): Promise<string[]> {
  const qs = new URLSearchParams({ start: timeParam(range.start), end: timeParam(range.end) });
  if (range.match) qs.append('match[]', range.match);
  // GET: this endpoint takes no form body.
  const res = await apiCall<string[]>(baseUrl, `api/v1/label/${encodeURIComponent(label)}/values?${qs}`, undefined, options);
  return [...res.data];
}

/** Every label name (`/api/v1/labels`) in a time range: Grafana's `label_names()`. */
export async function labelNames(baseUrl: string, range: { start: Time; end: Time }, options: ClientOptions = {}): Promise<string[]> {
  const qs = new URLSearchParams({ start: timeParam(range.start), end: timeParam(range.end) });
  return [...(await apiCall<string[]>(baseUrl, `api/v1/labels?${qs}`, undefined, options)).data];
}

/**
 * `/api/v1/metadata`: the type (`counter`, `gauge`, `histogram`, `summary`, `unknown`)
 * each scraped metric family declares, by metric name. A family with several
 * declarations keeps the first.
 */
export async function metricTypes(baseUrl: string, options: ClientOptions = {}): Promise<Map<string, string>> {
  const res = await apiCall<Record<string, Array<{ type: string }>>>(baseUrl, 'api/v1/metadata', undefined, options);
  const out = new Map<string, string>();
  for (const [name, entries] of Object.entries(res.data ?? {})) {
    const type = Array.isArray(entries) ? entries[0]?.type : undefined;
    if (typeof type === 'string') out.set(name, type);
  }
  return out;
}

/** `/api/v1/status/buildinfo`: which Prometheus answers. */
export async function buildInfo(baseUrl: string, options: ClientOptions = {}): Promise<BuildInfo> {
  return (await apiCall<BuildInfo>(baseUrl, 'api/v1/status/buildinfo', undefined, options)).data;
}

/**
 * `/-/ready`: true when the server serves queries, false while it is still starting
 * (503). Throws when nothing answers or the answer is something else.
 */
export async function ready(baseUrl: string, options: ClientOptions = {}): Promise<boolean> {
  const url = endpoint(baseUrl, '-/ready');
  const res = await send(url, { method: 'GET' }, options);
  await res.body?.cancel();
  if (res.ok) return true;
  if (res.status === 503) return false;
  throw new PrometheusError(`GET ${url} failed: HTTP ${res.status} ${res.statusText}`, { url, kind: 'http', status: res.status });
}

/** Resolves `path` under the base URL, keeping any path prefix (`http://h/prometheus`). */
export function endpoint(baseUrl: string, path: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  let url: URL | undefined;
  try {
    url = new URL(path, base);
  } catch {
    url = undefined;
  }
  // `localhost:9090` parses as a URL with scheme "localhost:": say what is expected.
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    const msg = `invalid Prometheus URL ${JSON.stringify(baseUrl)}: expected http://host:port or https://host:port`;
    throw new PrometheusError(msg, { url: baseUrl, kind: 'connection' });
  }
  return url.toString();
}

function timeParam(t: Time): string {
  if (t instanceof Date) return String(t.getTime() / 1000);
  return String(t);
}

async function apiCall<D>(
  baseUrl: string,
  path: string,
  params: Record<string, string> | undefined,
  options: ClientOptions,
): Promise<QueryResponse<D>> {
  const url = endpoint(baseUrl, path);
  // POST with a form body: long dashboard queries do not hit URL length limits.
  const init: RequestInit = params
    ? { method: 'POST', body: new URLSearchParams(params), headers: { 'content-type': 'application/x-www-form-urlencoded' } }
    : { method: 'GET' };
  const method = init.method ?? 'GET';
  const res = await send(url, init, options);
  const limit = options.maxResponseBytes ?? DEFAULT_MAX_RESULT_BYTES;
  const body = await readCapped(res, limit).catch((cause: unknown) => {
    throw new PrometheusError(`${method} ${url} failed while reading the response: ${reason(cause)}`, { url, kind: 'connection', status: res.status, cause });
  });
  if (body === undefined) {
    const most = `${limit.toLocaleString('en-US')} bytes`;
    throw new PrometheusError(`${method} ${url} failed: the answer is larger than ${most}, the most check reads from Prometheus (a narrower query or time range?)`, { url, kind: 'too-large', status: res.status });
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    const what = res.ok ? 'the response is not JSON' : `HTTP ${res.status} ${res.statusText}`;
    throw new PrometheusError(`${method} ${url} failed: ${what}: ${snippet(body)}`, { url, kind: res.ok ? 'invalid-response' : 'http', status: res.status });
  }
  const envelope = json as { status?: unknown; data?: unknown; error?: unknown; errorType?: unknown; warnings?: unknown };
  if (envelope.status === 'error' || typeof envelope.error === 'string') {
    const errorType = typeof envelope.errorType === 'string' ? envelope.errorType : undefined;
    const msg = `${method} ${url} failed: Prometheus ${errorType ?? 'error'} (HTTP ${res.status}): ${String(envelope.error)}`;
    throw new PrometheusError(msg, { url, kind: 'prometheus', status: res.status, ...(errorType ? { errorType } : {}) });
  }
  if (!res.ok) {
    throw new PrometheusError(`${method} ${url} failed: HTTP ${res.status} ${res.statusText}: ${snippet(body)}`, { url, kind: 'http', status: res.status });
  }
  if (envelope.status !== 'success' || envelope.data === undefined) {
    throw new PrometheusError(`${method} ${url}: not a Prometheus API response: ${snippet(body)}`, { url, kind: 'invalid-response', status: res.status });
  }
  const warnings = Array.isArray(envelope.warnings) ? envelope.warnings.map(String) : [];
  return { data: envelope.data as D, warnings };
}

async function send(url: string, init: RequestInit, options: ClientOptions): Promise<Response> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const method = init.method ?? 'GET';
  try {
    return await fetch(url, {
      ...init,
      headers: { accept: 'application/json', ...(init.headers as Record<string, string> | undefined), ...options.headers },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (cause) {
    if (cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError')) {
      throw new PrometheusError(`${method} ${url} failed: no answer within ${timeoutMs} ms`, { url, kind: 'timeout', cause });
    }
    throw new PrometheusError(`${method} ${url} failed: ${reason(cause)}`, { url, kind: 'connection', cause });
  }
}

/** undici says "fetch failed"; the useful part (ECONNREFUSED, ENOTFOUND, ...) is in `cause`. */
function reason(err: unknown): string {
  const cause = err instanceof Error ? (err.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (code === 'ECONNREFUSED') return 'connection refused (is Prometheus running there?)';
  if (code === 'ENOTFOUND') return 'host not found';
  if (code === 'ECONNRESET') return 'connection reset';
  if (code) return `${code}${typeof cause?.message === 'string' ? ` (${cause.message})` : ''}`;
  // No code: undici's own refusals, e.g. "bad port" for ports the fetch standard blocks.
  if (typeof cause?.message === 'string') return `${err instanceof Error ? err.message : 'fetch failed'}: ${cause.message}`;
  return err instanceof Error ? err.message : String(err);
}

function snippet(body: string): string {
  const s = body.trim().replace(/\s+/g, ' ');
  return s.length > 200 ? `${s.slice(0, 199)}…` : s || '(empty body)';
}
