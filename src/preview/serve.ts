/**
 * `dashcode preview --serve`: the preview pages over HTTP on loopback, rebuilt
 * when their inputs change, with open pages told to reload by server-sent
 * events. The caller supplies how to build the pages (it owns the database);
 * this module owns the HTTP server and the file watching, and stops both on
 * close().
 */
import { watch, type FSWatcher } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type PreviewPages = Map<string, string>;

export interface ServeOptions {
  /** Builds every page: name (`grafana_dashboard`) → HTML, plus `index` for the root. */
  build(): Promise<PreviewPages>;
  /** Default 127.0.0.1: previews can show query results, so they stay on this machine. */
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

export async function startPreviewServer(options: ServeOptions): Promise<PreviewServer> {
  let pages: PreviewPages = await options.build();
  let builds = 1;
  const clients = new Set<http.ServerResponse>();
  const emit = (e: ServeEvent) => options.onEvent?.(e);

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/__preview/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    const name = url.pathname === '/' ? 'index' : decodeURIComponent(url.pathname.slice(1)).replace(/\.html$/, '');
    const html = pages.get(name);
    if (html === undefined || req.method !== 'GET') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`no preview named ${name}\n`);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;

  // One rebuild at a time; changes during a rebuild queue exactly one more.
  let running: Promise<void> | undefined;
  let again = false;
  let sourceChanged = false;
  const rebuild = async (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        const started = performance.now();
        try {
          if (sourceChanged && options.beforeRebuild) {
            sourceChanged = false;
            await options.beforeRebuild();
          }
          pages = await options.build();
          builds += 1;
          for (const c of clients) c.write(`event: rebuilt\ndata: ${builds}\n\n`);
          emit({ kind: 'rebuilt', pages: pages.size, ms: Math.round(performance.now() - started) });
        } catch (err) {
          emit({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
        }
      } while (again);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  let timer: NodeJS.Timeout | undefined;
  const schedule = (dir: string, file: string | null, isSource: boolean) => {
    if (isSource) sourceChanged = true;
    emit({ kind: 'change', path: file ? `${dir}/${file}` : dir });
    clearTimeout(timer);
    timer = setTimeout(() => void rebuild(), options.debounceMs ?? 150);
  };
  const watchers: FSWatcher[] = [];
  const watchDir = (dir: string, isSource: boolean) => {
    try {
      const w = watch(dir, { recursive: true }, (_event, file) => schedule(dir, file, isSource));
      w.on('error', (err) => emit({ kind: 'error', message: `watching ${dir}: ${err.message}` }));
      watchers.push(w);
    } catch (err) {
      emit({ kind: 'error', message: `cannot watch ${dir}: ${(err as Error).message}` });
    }
  };
  for (const dir of options.watchDirs ?? []) watchDir(dir, false);
  for (const dir of options.sourceDirs ?? []) watchDir(dir, true);

  return {
    url: `http://${address.address}:${address.port}/`,
    port: address.port,
    rebuild,
    get builds() {
      return builds;
    },
    async close() {
      clearTimeout(timer);
      for (const w of watchers) w.close();
      for (const c of clients) c.end();
      clients.clear();
      await running?.catch(() => undefined);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
