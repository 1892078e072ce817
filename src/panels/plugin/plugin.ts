import { issue } from '../../model/issue.js';
import { definePanel, type PanelOptions, type PanelSpec } from '../panel.js';
import { neverThrows } from '../../validate/guard.js';

export interface PluginPanelOptions extends PanelOptions<Record<string, unknown>, Record<string, unknown>> {
  /** Grafana panel plugin id, e.g. `trend`, `xychart`, `state-timeline`, or a community plugin. */
  type: string;
}

/**
 * Any panel plugin dashcode has no typed builder for. Options and field
 * config are passed through as given (untyped), so prefer a typed builder
 * where one exists.
 */
function buildPluginPanel({ type, ...rest }: PluginPanelOptions): PanelSpec {
  const spec = definePanel<Record<string, unknown>, Record<string, unknown>>({ type, defaultOptions: () => ({}), untyped: true })(rest);
  if (typeof type === 'string' && /^[a-z0-9][a-z0-9-]*$/i.test(type) && type !== 'row') return spec;
  return Object.freeze({ ...spec, issues: [...spec.issues, issue('panel-type', ['type'], `${JSON.stringify(type)} is not a panel plugin id (use row() for rows)`)] });
}

/** `pluginPanel`, total: bad options come back as issues on a stand-in (see validate/guard.ts). */
export const pluginPanel = neverThrows('pluginPanel', buildPluginPanel, (i): PanelSpec => ({ kind: 'panel', type: 'plugin', title: '', slot: {}, queries: [], model: { type: 'plugin', title: '' }, rawKeys: [], issues: [i] }));
