/**
 * HTML escaping, the one home: Grafana's `escapeHtml` (@grafana/data
 * packages/grafana-data/src/text/sanitize.ts), used by the `html` variable
 * format (check/interpolate) and by every preview page. The five characters
 * that can end text or an attribute value are written as entities.
 */
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
