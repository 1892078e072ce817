/**
 * `dashcode preview --png` of the benchmark dashboard, checked in a real
 * browser: every panel title shows, every chart panel has drawn a canvas, the
 * page's script raised nothing, and the screenshot has the charts in it
 * (judged by pixel statistics, not against a golden image).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewCommand } from '../../src/cli/commands/preview.js';
import { CHROMIUM_ARGS, chromiumPath, hasChromium } from './browser-support.js';
import { decodePng, pixelStats } from './png.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const dashboard = JSON.parse(readFileSync(path.join(repo, 'generated/grafana_dashboard.json'), 'utf8')) as { panels: Array<{ type: string; title: string }> };

describe.runIf(hasChromium)('dashcode preview --png in Chromium', () => {
  let out: string;
  let browser: Browser;
  let stdout = '';
  let code: number;

  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'dashcode-preview-'));
    // The seeded in-memory database even under CI, where DATABASE_URL points at a real server.
    const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stdout += t), cwd: repo, env: { ...process.env, PGHOST: undefined, DATABASE_URL: undefined } };
    code = await previewCommand.run(['generated/grafana_dashboard.json', '--out', out, '--png', '--chromium', chromiumPath], io);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('writes the page, the PNG and an index, exit 0', () => {
    expect(stdout).toContain('grafana_dashboard.html');
    expect(code, stdout).toBe(0);
    for (const f of ['grafana_dashboard.html', 'grafana_dashboard.png', 'index.html']) expect(existsSync(path.join(out, f))).toBe(true);
  });

  it('shows every panel title and a drawn canvas for every chart panel', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(path.join(out, 'grafana_dashboard.html')).href);
    await page.waitForSelector('body[data-charts-drawn]');
    for (const p of dashboard.panels) {
      const selector = p.type === 'row' ? `.grid-row[data-row="${p.title}"] .row-title` : `section[data-title="${p.title}"] .panel-title`;
      await expect.poll(() => page.locator(selector).textContent()).toBe(p.title);
      expect(await page.locator(selector).isVisible(), p.title).toBe(true);
    }
    const charts = dashboard.panels.filter((p) => p.type === 'barchart' || p.type === 'timeseries');
    expect(charts.length).toBeGreaterThan(10);
    for (const p of charts) {
      // Pixels in a series colour (palette green #73BF69, or the benchmark trend's blue #5794F2 / selected orange #FF9830): uPlot drew data, not only axes.
      const drawn = await page.locator(`section[data-title="${p.title}"] canvas`).evaluate((canvas: { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } }) => {
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let series = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i + 3]! === 0) continue;
          for (const [r, g, b] of [[0x73, 0xbf, 0x69], [0x57, 0x94, 0xf2], [0xff, 0x98, 0x30]] as const) {
            if (Math.abs(data[i]! - r) < 12 && Math.abs(data[i + 1]! - g) < 12 && Math.abs(data[i + 2]! - b) < 12) {
              series++;
              break;
            }
          }
        }
        return { series, width: canvas.width, height: canvas.height };
      });
      expect(drawn.width, p.title).toBeGreaterThan(100);
      expect(drawn.series, p.title).toBeGreaterThan(20);
    }
    expect(await page.getAttribute('body', 'data-charts-drawn')).toBe(String(charts.length));
    // The benchmark-regression rule (generated/provisioning/alerting) links to this panel: its firing shade is drawn there, and only there.
    const shaded = (title: string) =>
      page.locator(`section[data-title="${title}"] canvas`).evaluate((canvas: { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } }) => {
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        // rgba(242,73,92,0.22) as stored on the transparent canvas.
        for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - 242) < 8 && Math.abs(data[i + 1]! - 73) < 8 && Math.abs(data[i + 2]! - 92) < 8 && data[i + 3]! > 30 && data[i + 3]! < 90) n++;
        return n;
      });
    expect(await shaded('First eager forward pass')).toBeGreaterThan(100);
    expect(await shaded('Second eager forward pass')).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the screenshot is 1920 px wide, full page, and not blank', () => {
    const image = decodePng(readFileSync(path.join(out, 'grafana_dashboard.png')));
    expect(image.width).toBe(1920);
    expect(image.height).toBeGreaterThan(2000); // the whole dashboard, not one viewport
    const stats = pixelStats(image);
    expect(stats.colours).toBeGreaterThan(500);
    expect(stats.nonBackground).toBeGreaterThan(0.2);
    // The bars and lines: saturated colour (the page itself is greys and white), whatever the series colours.
    let bar = 0;
    for (let i = 0; i < image.rgb.length; i += 3) {
      const r = image.rgb[i]!, g = image.rgb[i + 1]!, b = image.rgb[i + 2]!;
      if (Math.max(r, g, b) - Math.min(r, g, b) > 60) bar++;
    }
    expect(bar).toBeGreaterThan(50_000);
  });
});
