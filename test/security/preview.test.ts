/**
 * Issue 12 item 6 (preview): hostile strings from dashboard JSON and query
 * results cannot leave their place in the page (HTML text, attributes, CSS,
 * the inline chart JSON); pages carry a Content-Security-Policy that blocks
 * other origins; `preview --serve` survives malformed request paths, refuses
 * foreign Host headers (DNS rebinding) and listens on loopback only.
 */
import { createHash } from 'node:crypto';
import net from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { loadUplotAssets } from '../../src/preview/assets.js';
import { layoutDashboard } from '../../src/preview/layout.js';
import type { DashboardPreview } from '../../src/preview/model.js';
import { renderPage } from '../../src/preview/render/page.js';
import { renderIndex, startPreviewServer, type PreviewServer } from '../../src/preview/index.js';

const hostile = fc.oneof(
  fc.constantFrom('red;} body{background:url(//evil.example/x)}', '"><script>alert(1)</script>', '</script><script>alert(1)</script>', "');alert(1);//", 'url(//evil)', '\u2028', 'expression(alert(1))', '#fff" onload="x'),
  fc.string({ unit: fc.constantFrom('<', '>', '"', "'", '&', ';', '}', '{', '(', ')', '/', '\\', 'url', 'script', '@import', ' ', 'x', ':', '\n', '\u2028') }),
  fc.string(),
);

function page(s: { color: string; title: string; text: string }): DashboardPreview {
  const fieldConfig = { defaults: { color: { mode: 'fixed', fixedColor: s.color }, thresholds: { mode: 'absolute', steps: [{ value: null, color: s.color }] } }, overrides: [] };
  const panels = [
    { type: 'stat', title: s.title, description: s.text, gridPos: { x: 0, y: 0, w: 6, h: 4 }, fieldConfig, options: { colorMode: 'background' } },
    { type: 'bargauge', title: s.title, gridPos: { x: 6, y: 0, w: 6, h: 4 }, fieldConfig, options: { displayMode: 'gradient' } },
    { type: 'gauge', title: s.title, gridPos: { x: 12, y: 0, w: 6, h: 4 }, fieldConfig },
    { type: 'timeseries', title: s.title, gridPos: { x: 18, y: 0, w: 6, h: 4 }, fieldConfig },
    { type: 'table', title: s.title, gridPos: { x: 0, y: 4, w: 12, h: 4 }, fieldConfig },
    { type: 'text', title: s.title, gridPos: { x: 12, y: 4, w: 12, h: 4 }, options: { mode: 'markdown', content: `# ${s.text}\n[${s.text}](${s.text})` } },
  ];
  const layout = layoutDashboard(panels);
  const frame = { fields: [{ name: 'time', type: 'time' as const, values: [0, 60_000] }, { name: s.text, type: 'number' as const, values: [1, 2], labels: { [s.text]: s.text } }, { name: 'label', type: 'string' as const, values: [s.text, s.title] }] };
  return {
    title: s.title,
    file: s.text,
    range: { from: s.text, to: 'now', fromMs: 0, toMs: 60_000 },
    generatedAt: 0,
    variables: [{ name: 'v', label: s.title, value: s.text, hidden: false, error: s.text }],
    panels: layout.items.map((item) => ({ item, results: item.kind === 'row' ? [] : [{ state: 'data' as const, frames: [frame], query: s.text }] })),
    heightPx: layout.heightPx,
    error: s.text,
  };
}

const SAFE_STYLE = /^[-a-z0-9:;.,%#()\s]*$/i;

describe('preview pages: hostile values stay in their place', () => {
  it('colours, titles, descriptions, values and names never add markup, CSS rules, scripts or requests', async () => {
    const uplot = await loadUplotAssets();
    const benign = renderPage(page({ color: 'red', title: 't', text: 'x' }), uplot);
    const count = (html: string, re: RegExp) => (html.match(re) ?? []).length;
    fc.assert(
      fc.property(hostile, hostile, hostile, (color, title, text) => {
        const html = renderPage(page({ color, title, text }), uplot);
        // The same elements: nothing opened or closed by a value.
        for (const tag of [/<script/gi, /<\/script/gi, /<style/gi, /<section/gi, /<meta/gi, /<iframe|<img|<link|<object/gi]) expect(count(html, tag)).toBe(count(benign, tag));
        // Every style attribute is plain declarations: no braces, no url(), no quotes.
        for (const m of html.matchAll(/ style="([^"]*)"/g)) expect(m[1]).toMatch(SAFE_STYLE);
        for (const m of html.matchAll(/ style="([^"]*)"/g)) expect(m[1]).not.toMatch(/url\(|expression|@import|[{}]/i);
        // The chart JSON parses and holds the values as data.
        const json = /<script type="application\/json" id="preview-charts">([^]*?)<\/script>/.exec(html)![1]!;
        expect(() => JSON.parse(json)).not.toThrow();
        // fill/stroke attributes hold colours only.
        for (const m of html.matchAll(/ (?:fill|stroke)="([^"]*)"/g)) expect(m[1]).toMatch(/^[#a-z0-9(),.%\s]*$/i);
      }),
      { numRuns: 150 },
    );
  });

  it('carries a Content-Security-Policy allowing only its own inline scripts, by hash', async () => {
    const html = renderPage(page({ color: 'red', title: 't', text: 'x' }), await loadUplotAssets(), { liveReload: true });
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)![1]!;
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*|https?:/);
    const scripts = [...html.matchAll(/<script>([^]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
    expect(scripts.length).toBe(3);
    for (const h of scripts) expect(policy).toContain(h);
    expect(renderIndex([{ name: 'a', title: '<b>', errors: 0 }], { liveReload: true })).toContain('Content-Security-Policy');
  });
});

/** One raw HTTP/1.1 exchange; resolves with the status line. */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    let data = '';
    socket.on('data', (c) => {
      data += c.toString();
      if (data.includes('\r\n')) {
        resolve(data.split('\r\n')[0]!);
        socket.destroy();
      }
    });
    socket.on('error', reject);
    socket.on('end', () => resolve(data.split('\r\n')[0] ?? ''));
  });
}

describe('preview --serve', () => {
  let server: PreviewServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const start = async () => {
    server = await startPreviewServer({ build: async () => new Map([['index', '<html><head></head><body>ok</body></html>']]) });
    return server.port;
  };

  it('answers GET /% with 400 and keeps serving', async () => {
    const port = await start();
    expect(await raw(port, `GET /% HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`)).toBe('HTTP/1.1 400 Bad Request');
    expect(await raw(port, `GET /%E0%A4%A HTTP/1.1\r\nHost: localhost:${port}\r\nConnection: close\r\n\r\n`)).toBe('HTTP/1.1 400 Bad Request');
    expect(await raw(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`)).toBe('HTTP/1.1 200 OK');
  });

  it('refuses a foreign Host header (DNS rebinding) and a missing one', async () => {
    const port = await start();
    expect(await raw(port, `GET / HTTP/1.1\r\nHost: evil.example:${port}\r\nConnection: close\r\n\r\n`)).toBe('HTTP/1.1 421 Misdirected Request');
    expect(await raw(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:1\r\nConnection: close\r\n\r\n`)).toBe('HTTP/1.1 421 Misdirected Request');
    expect(await raw(port, `GET / HTTP/1.0\r\n\r\n`)).toBe('HTTP/1.1 421 Misdirected Request');
    expect(await raw(port, `GET / HTTP/1.1\r\nHost: [::1]:${port}\r\nConnection: close\r\n\r\n`)).toBe('HTTP/1.1 200 OK');
  });

  it('sends the page policy as a header, and listens on loopback only', async () => {
    const port = await start();
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    await expect(startPreviewServer({ host: '0.0.0.0', build: async () => new Map() })).rejects.toThrow(/loopback only/);
  });
});
