/**
 * Grafana's "export for sharing" format: datasources are placeholders
 * (`${DS_PROMETHEUS}`) declared in `__inputs`. Grafana's import page asks for
 * a datasource of each input's plugin (public/app/features/manage-dashboards/
 * state/actions.ts collects them), and the server's DashTemplateEvaluator
 * (pkg/services/dashboardimport/utils/dash_template_evaluator.go, evalValue)
 * replaces every `${NAME}` in every string of the dashboard with the chosen
 * datasource's uid (`__expr__` for the expression plugin). The import does
 * the same with the project's datasource of that plugin: the only one, or
 * the default one when there are several. Provisioned as it is, the
 * placeholder names no datasource and no variable, so Grafana finds nothing.
 */
import { canonicalPluginType } from '../model/datasource-plugins.js';
import { isObject } from '../diff/json.js';
import type { Json, JsonObject } from '../model/loose.js';
import { setOwn } from '../model/own.js';
import type { KnownDatasource } from './datasources.js';

export interface InputChoice {
  name: string;
  pluginId: string;
  label?: string;
  /** The datasource picked, or undefined when the project has none of the plugin. */
  chosen?: KnownDatasource;
  /** Other candidates of the same plugin (the choice among several is a guess worth a warning). */
  candidates: number;
}

/** The dashboard with its datasource inputs filled in (the input is not changed), and each choice made. */
export function fillInputs(d: JsonObject, known: readonly KnownDatasource[]): { dashboard: JsonObject; choices: InputChoice[] } {
  if (!Array.isArray(d.__inputs)) return { dashboard: d, choices: [] };
  const variables = new Set((isObject(d.templating) && Array.isArray(d.templating.list) ? d.templating.list : []).map((v) => (isObject(v) ? v.name : undefined)));
  const values = new Map<string, string>();
  const choices: InputChoice[] = [];
  for (const input of d.__inputs) {
    if (!isObject(input) || input.type !== 'datasource' || typeof input.name !== 'string' || typeof input.pluginId !== 'string') continue;
    // A variable of the same name is what `${NAME}` means once the dashboard is loaded as it is.
    if (variables.has(input.name)) continue;
    if (input.pluginId === '__expr__') {
      values.set(`\${${input.name}}`, '__expr__');
      continue;
    }
    const type = canonicalPluginType(input.pluginId);
    const candidates = known.filter((k) => canonicalPluginType(k.type) === type);
    const chosen = candidates.length === 1 ? candidates[0] : (candidates.find((c) => c.isDefault === true) ?? candidates[0]);
    choices.push({ name: input.name, pluginId: input.pluginId, label: typeof input.label === 'string' ? input.label : undefined, chosen, candidates: candidates.length });
    if (chosen) values.set(`\${${input.name}}`, chosen.uid);
  }
  if (values.size === 0) return { dashboard: d, choices };
  const fill = (v: Json): Json => {
    // `[^}$]`: a placeholder holds no `$`, and with `$` allowed text of many `${` and no `}` was quadratic.
    if (typeof v === 'string') return v.replace(/\$\{[^}$]*\}/g, (m) => values.get(m) ?? m);
    if (Array.isArray(v)) return v.map(fill);
    if (isObject(v)) {
      const out: JsonObject = {};
      for (const [k, x] of Object.entries(v)) setOwn(out, k, k === '__inputs' ? x : fill(x));
      return out;
    }
    return v;
  };
  return { dashboard: fill(d) as JsonObject, choices };
}
