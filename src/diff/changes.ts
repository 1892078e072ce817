import type { Json } from '../model/loose.js';

/** What kind of thing changed; each kind has one way of being printed. */
export type ChangeKind =
  | 'dashboard-added'
  | 'dashboard-removed'
  | 'setting'
  | 'link'
  | 'annotation'
  | 'variable-added'
  | 'variable-removed'
  | 'variable-changed'
  | 'datasource-added'
  | 'datasource-removed'
  | 'datasource-replaced'
  | 'row-added'
  | 'row-removed'
  | 'row-changed'
  | 'panel-added'
  | 'panel-removed'
  | 'panel-moved'
  | 'panel-resized'
  | 'panel-type'
  | 'panel-changed'
  | 'query-added'
  | 'query-removed'
  | 'query-changed'
  | 'layout-shift'
  | 'rule-added'
  | 'rule-removed'
  | 'rule-changed'
  | 'expression-added'
  | 'expression-removed'
  | 'expression-changed';

export interface Change {
  kind: ChangeKind;
  /** The thing that changed, as a reader names it: `panel "CPU" in row "Usage"`, `variable "branch"`. */
  subject: string;
  /** Field inside the subject, e.g. `options.legend.displayMode` or `query A.rawSql`. */
  path?: string;
  before?: Json;
  after?: Json;
  /** Unified diff of a text field (query text), hunk headers and `-`/`+`/` ` lines, no file headers. */
  textDiff?: string[];
  /** Extra words for the reader, e.g. `12 panels` for a layout shift. */
  note?: string;
}

/** The differences of one dashboard file. */
export interface DashboardDiff {
  /** File name (relative path in directory and git modes). */
  name: string;
  title: string;
  uid: string;
  status: 'added' | 'removed' | 'changed';
  changes: Change[];
}
