/** What a preview page is made from: the dashboard laid out, with each panel's query results. */
import type { RuleMarks } from '../alerting/marks.js';
import type { Frame } from './data/frames.js';
import type { TargetResult } from './data/run-target.js';
import type { GridItem } from './layout.js';

export interface PanelPreview {
  item: GridItem;
  /** One per target that is not hidden, in target order. */
  results: Array<TargetResult & { refId?: string }>;
  /** Alert rules linked to this panel, backtested over the page's range (when rules were given). */
  alerts?: RuleMarks[];
}

export interface DashboardPreview {
  title: string;
  uid?: string;
  file?: string;
  range: { from: string; to: string; fromMs: number; toMs: number };
  /** When the queries ran (epoch ms). */
  generatedAt: number;
  variables: Array<{ name: string; label: string; value: string; hidden: boolean; error?: string }>;
  panels: PanelPreview[];
  heightPx: number;
  /** Set when the dashboard could not be previewed at all (e.g. an unreadable time range). */
  error?: string;
}

/** Frames from every target that returned data. */
export function panelFrames(p: PanelPreview): Frame[] {
  return p.results.flatMap((r) => (r.state === 'data' ? r.frames : []));
}

/** Panels with a failed query (the index page and the CLI summary count them). */
export function failedPanels(preview: DashboardPreview): PanelPreview[] {
  return preview.panels.filter((p) => p.results.some((r) => r.state === 'error'));
}
