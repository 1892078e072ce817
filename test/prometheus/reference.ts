/** PromQL expressions of the reference dashboards in ../shared (read there, never copied). */
import { readFileSync } from 'node:fs';
import { sharedPath } from '../support/shared.js';

const DIR = 'reference/transformers/examples/metrics-monitoring';

interface PanelLike {
  title?: string;
  targets?: Array<{ expr?: unknown }>;
  panels?: PanelLike[];
}

export interface ReferenceExpr {
  readonly panel: string;
  readonly expr: string;
}

export function referenceExprs(file: 'continuous-batching-dashboard.json' | 'kv-cache-dashboard.json'): ReferenceExpr[] {
  const dashboard = JSON.parse(readFileSync(sharedPath(DIR, file), 'utf8')) as { panels?: PanelLike[] };
  const out: ReferenceExpr[] = [];
  const walk = (panels: PanelLike[] | undefined): void => {
    for (const p of panels ?? []) {
      for (const t of p.targets ?? []) if (typeof t.expr === 'string') out.push({ panel: p.title ?? '', expr: t.expr });
      walk(p.panels);
    }
  };
  walk(dashboard.panels);
  return out;
}
