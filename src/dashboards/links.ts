import { urlLinkJson } from '../model/link.js';
import type { JsonObject } from '../model/loose.js';
import { neverThrows } from '../validate/guard.js';
import type { Issue } from '../model/issue.js';

export interface DashboardLinkSpec {
  readonly kind: 'dashboard-link';
  readonly model: JsonObject;
  /** Set when the options could not be built (see validate/guard.ts); the dashboard reports them. */
  readonly issues?: readonly Issue[];
}

interface LinkCommon {
  title: string;
  tooltip?: string;
  /** Pass the current variable values along (`var-x=...`). */
  includeVars?: boolean;
  /** Pass the current time range along. */
  keepTime?: boolean;
  targetBlank?: boolean;
}

/** A link to an URL (absolute, or a Grafana path such as `/d/<uid>`). */
function buildUrlLink(o: LinkCommon & { url: string; icon?: 'external link' | 'dashboard' | 'doc' | 'info' | 'question' | 'bolt' | 'cloud' }): DashboardLinkSpec {
  return Object.freeze({
    kind: 'dashboard-link',
    model: urlLinkJson(o),
  });
}

/** Links to every dashboard carrying all of `tags`. */
function buildDashboardsLink(o: LinkCommon & { tags: string[]; asDropdown?: boolean }): DashboardLinkSpec {
  return Object.freeze({
    kind: 'dashboard-link',
    model: {
      asDropdown: o.asDropdown ?? true,
      icon: 'external link',
      includeVars: o.includeVars ?? false,
      keepTime: o.keepTime ?? false,
      tags: [...o.tags],
      targetBlank: o.targetBlank ?? false,
      title: o.title,
      tooltip: o.tooltip ?? '',
      type: 'dashboards',
    },
  });
}

/** `urlLink`, total: bad options come back as issues on a stand-in (see validate/guard.ts). */
export const urlLink = neverThrows('urlLink', buildUrlLink, (i): DashboardLinkSpec => ({ kind: 'dashboard-link', model: {}, issues: [i] }));

/** `dashboardsLink`, total: bad options come back as issues on a stand-in (see validate/guard.ts). */
export const dashboardsLink = neverThrows('dashboardsLink', buildDashboardsLink, (i): DashboardLinkSpec => ({ kind: 'dashboard-link', model: {}, issues: [i] }));
