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
  return {
    asDropdown: false,
    icon: l.icon ?? 'external link',
    includeVars: l.includeVars ?? false,
    keepTime: l.keepTime ?? false,
    tags: [],
    targetBlank: l.targetBlank ?? false,
    title: l.title,
    tooltip: l.tooltip ?? '',
    type: 'link',
    url: l.url,
  };
}
