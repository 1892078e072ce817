/**
 * One dashboard JSON → its preview page: run the panels' queries, then render
 * the self-contained HTML.
 */
import { loadUplotAssets } from './assets.js';
import { collectPreview, type CollectOptions } from './collect.js';
import type { DashboardPreview } from './model.js';
import { renderPage, type PageOptions } from './render/page.js';

export interface PreviewPageOptions extends CollectOptions, PageOptions {}

export interface PreviewPage {
  preview: DashboardPreview;
  html: string;
}

export async function previewPage(dashboard: Record<string, unknown>, options: PreviewPageOptions = {}): Promise<PreviewPage> {
  const [preview, uplot] = await Promise.all([collectPreview(dashboard, options), loadUplotAssets()]);
  return { preview, html: renderPage(preview, uplot, options) };
}

/** `generated/grafana_dashboard.json` → `grafana_dashboard` (the page and PNG names). */
export function pageName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.json$/i, '').replace(/[^A-Za-z0-9._-]+/g, '_') || 'dashboard';
}
