/**
 * Screenshots of preview pages with a headless Chromium driven by
 * playwright-core. The browser is the system's (Debian's `chromium`), never a
 * downloaded one; playwright-core is loaded only here, on first use.
 */
import type { Needs } from '../model/needs.js';
import { access, constants } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The page width Grafana dashboards are usually looked at. */
export const SCREENSHOT_WIDTH = 1920;

/** Flags that keep a headless Chromium quiet and self-contained (no sandbox: CI runs as root). */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export class BrowserUnavailableError extends Error {
  override readonly name = 'BrowserUnavailableError';
  constructor(
    message: string,
    /** Set when another Chromium would do (the CLI says how to name one). */
    readonly needs?: Needs,
  ) {
    super(message);
  }
}

export interface Screenshotter {
  /** Opens the page file, waits for its charts, writes a full-page PNG. */
  capture(htmlFile: string, pngFile: string): Promise<{ charts: number }>;
  close(): Promise<void>;
}

export interface ScreenshotOptions {
  /** Default /usr/bin/chromium. */
  executablePath?: string;
  width?: number;
  /** Per page; default 30 s. */
  timeoutMs?: number;
}

export async function openScreenshotter(options: ScreenshotOptions = {}): Promise<Screenshotter> {
  const executablePath = options.executablePath ?? DEFAULT_CHROMIUM;
  try {
    await access(executablePath, constants.X_OK);
  } catch {
    throw new BrowserUnavailableError(`no Chromium at ${executablePath}: install Debian's chromium (apt-get install chromium) or give the path of another`, 'chromium');
  }
  let playwright: typeof import('playwright-core');
  try {
    playwright = await import('playwright-core');
  } catch {
    throw new BrowserUnavailableError('screenshots need the playwright-core package, which is not installed: npm install playwright-core');
  }
  // launch() gives every browser a fresh temporary profile (it refuses --user-data-dir),
  // so nothing from an earlier run or the user's own browser leaks in.
  const browser = await playwright.chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const width = options.width ?? SCREENSHOT_WIDTH;
  const timeout = options.timeoutMs ?? 30_000;
  return {
    async capture(htmlFile, pngFile) {
      const page = await browser.newPage({ viewport: { width, height: 1080 }, deviceScaleFactor: 1 });
      try {
        const problems: string[] = [];
        page.on('pageerror', (err) => problems.push(err.message));
        await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load', timeout });
        await page.waitForSelector('body[data-charts-drawn]', { timeout });
        if (problems.length > 0) throw new Error(`the preview page's script failed: ${problems.join('; ')}`);
        const charts = Number(await page.getAttribute('body', 'data-charts-drawn'));
        await page.screenshot({ path: pngFile, fullPage: true, timeout });
        return { charts };
      } finally {
        await page.close();
      }
    },
    async close() {
      await browser.close();
    },
  };
}
