/** Small HTML helpers for the page renderers. */
import { escapeHtml } from '../../model/html.js';

export function esc(text: unknown): string {
  return escapeHtml(String(text ?? ''));
}

/** JSON for a `<script>` element: `<` escaped so no value can close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** UTC `YYYY-MM-DD HH:mm:ss`, Grafana's default time display (the page is rendered in UTC so screenshots do not depend on the machine). */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '');
}
