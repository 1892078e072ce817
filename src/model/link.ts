import type { JsonObject } from './loose.js';

/** What a link to a URL says, beyond its title and target; the rest is fixed for URL links. */
export interface UrlLinkFields {
  readonly title: string;
  readonly url: string;
  readonly tooltip?: string;
  readonly icon?: string;
  readonly includeVars?: boolean;
  readonly keepTime?: boolean;
  readonly targetBlank?: boolean;
}

/**
 * Grafana's DashboardLink shape for a link to a URL. Dashboard links use it, and so do
 * panel and data links: Grafana stores those as `{ title, url, targetBlank }`, but its
 * published schema types them as DashboardLink with the other fields required, so the
 * full shape is written and the JSON validates.
 */
export function urlLinkJson(l: UrlLinkFields): JsonObject {
  const d = urlLinkDefaults();
  return {
    asDropdown: d.asDropdown,
    icon: l.icon ?? d.icon,
    includeVars: l.includeVars ?? d.includeVars,
    keepTime: l.keepTime ?? d.keepTime,
    tags: d.tags,
    targetBlank: l.targetBlank ?? d.targetBlank,
    title: l.title,
    tooltip: l.tooltip ?? d.tooltip,
    type: d.type,
    url: l.url,
  };
}

/** What a URL link holds when it says nothing more (import and diff treat these values as "not set"). A fresh object each call. */
export function urlLinkDefaults() {
  return { asDropdown: false, icon: 'external link', includeVars: false, keepTime: false, tags: [] as string[], targetBlank: false, tooltip: '', type: 'link' };
}
