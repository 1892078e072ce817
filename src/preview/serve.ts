/**
 * `dashcode preview --serve`: the preview pages over HTTP on loopback, rebuilt
 * when their inputs change, with open pages told to reload by server-sent
 * events. The caller supplies how to build the pages (it owns the database);
 * this module owns the HTTP server and the file watching, and stops both on
 * close().
 */
import http from 'node:http';
import { isInside } from '../files/paths.js';
import { watchFolders } from '../files/watch.js';
import type { AddressInfo } from 'node:net';
import { contentSecurityPolicy, pagePolicy } from './render/csp.js';

export type PreviewPages = Map<string, string>;

export interface ServeOptions {
  /** Builds every page: name (`grafana_dashboard`) → HTML, plus `index` for the root. */
  build(): Promise<PreviewPages>;
  /** 127.0.0.1 (default), ::1 or localhost: previews show query results, so they stay on this machine; any other address is refused. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Folders whose changes rebuild the pages (e.g. generated/). */
  watchDirs?: string[];
  /** Folders whose changes first run `beforeRebuild` (e.g. dashboards/, which must be compiled). */
  sourceDirs?: string[];
  /** Runs before pages are rebuilt after a source change, e.g. `dashcode build`. */
  beforeRebuild?(): Promise<void>;
  /** Progress and problems, for the caller to print (library code never prints). */
  onEvent?(event: ServeEvent): void;
  /** Quiet time before a burst of file events triggers one rebuild; default 150 ms. */
  debounceMs?: number;
}

export type ServeEvent =
  | { kind: 'rebuilt'; pages: number; ms: number }
  | { kind: 'error'; message: string }
  | { kind: 'change'; path: string };

export interface PreviewServer {
  url: string;
  port: number;
  /** Rebuilds now and tells open pages to reload. */
  rebuild(): Promise<void>;
  /** Count of completed rebuilds (the first build included). */
  readonly builds: number;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const HOST_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** Headers on every response: no sniffing, no framing, no referrer. */
const BASE_HEADERS = { 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' };

function plain(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...BASE_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': "default-src 'none'" });
  res.end(`${text}\n`);
}

/**
 * DNS rebinding defence: a page on another site that points its own name at
 * 127.0.0.1 still sends its name in Host, so only the loopback names with
 * this server's port are served.
 */
function hostAllowed(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  return HOST_NAMES.some((name) => host.toLowerCase() === `${name}:${port}`);
}

/** The page name a request path asks for, or undefined when the path is not valid percent-encoding. */
function pageNameOf(pathname: string): string | undefined {
  if (pathname === '/') return 'index';
  try {
    return decodeURIComponent(pathname.slice(1)).replace(/\.html$/, '');
  } catch {
    return undefined;
  }
}

export async function startPreviewServer(options: ServeOptions): Promise<PreviewServer> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`preview server: refusing to listen on ${host}; previews show query results, so they are served on loopback only (127.0.0.1, ::1 or localhost)`);
  let pages: PreviewPages = await options.build();
  let builds = 1;
  const clients = new Set<http.ServerResponse>();
  const emit = (e: ServeEvent) => options.onEvent?.(e);
  let port = 0;

  const server = http.createServer((req, res) => {
    if (!hostAllowed(req.headers.host, port)) {
      plain(res, 421, `this preview server answers only to localhost:${port}, 127.0.0.1:${port} or [::1]:${port}`);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      plain(res, 405, 'only GET');
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      plain(res, 400, 'bad request path');
      return;
    }
    if (url.pathname === '/__preview/events') {
      res.writeHead(200, { ...BASE_HEADERS, 'content-type': 'text/event-stream', connection: 'keep-alive' });
      res.write(': connected\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    const name = pageNameOf(url.pathname);
    if (name === undefined) {
      plain(res, 400, 'bad percent-encoding in the request path');
      return;
    }
    const html = pages.get(name);
    if (html === undefined) {
      plain(res, 404, `no preview named ${JSON.stringify(name)}`);
      return;
    }
    res.writeHead(200, { ...BASE_HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': `${pagePolicy(html) ?? contentSecurityPolicy(html)}; frame-ancestors 'none'` });
    res.end(req.method === 'HEAD' ? undefined : html);
  });
  // A handler error must not take the server down with it.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  port = address.port;

  // One rebuild at a time, debounced, a change never lost (files/watch.ts); a change under a source folder
  // first runs beforeRebuild (e.g. `dashcode build`), so the pages are made from what it compiled.
  const sourceDirs = options.sourceDirs ?? [];
  const isSource = (p: string) => sourceDirs.some((dir) => p === dir || isInside(dir, p));
  const watcher = watchFolders({
    dirs: [...(options.watchDirs ?? []), ...sourceDirs],
    recursive: true,
    debounceMs: options.debounceMs,
    onError: (message) => emit({ kind: 'error', message }),
    async run(changed) {
      for (const p of changed) emit({ kind: 'change', path: p });
      const started = performance.now();
      try {
        if (changed.some(isSource) && options.beforeRebuild) await options.beforeRebuild();
        pages = await options.build();
        builds += 1;
        for (const c of clients) c.write(`event: rebuilt\ndata: ${builds}\n\n`);
        emit({ kind: 'rebuilt', pages: pages.size, ms: Math.round(performance.now() - started) });
      } catch (err) {
        emit({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
      }
    },
  });

  return {
    url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}/`,
    port: address.port,
    rebuild: () => watcher.trigger(),
    get builds() {
      return builds;
    },
    async close() {
      await watcher.close();
      for (const c of clients) c.end();
      clients.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
