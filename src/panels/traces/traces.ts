import { issue } from '../../model/issue.js';
import { definePanel, type PanelOptions, type PanelSpec } from '../panel.js';
import { defaultTracesOptions, type TracesOptions } from './options.js';

const base = definePanel<TracesOptions, Record<string, unknown>>({ type: 'traces', defaultOptions: defaultTracesOptions });

/** A single trace's spans (Tempo). For a list of matching traces use `tablePanel` with a `tempoQuery`. */
export function tracesPanel(options: PanelOptions<TracesOptions>): PanelSpec {
  const spec = base(options);
  // base() reported options of the wrong shape already.
  if (!Array.isArray(options?.queries)) return spec;
  const wrong = options.queries.findIndex((q) => q?.datasource?.type !== 'tempo');
  if (wrong < 0) return spec;
  return Object.freeze({ ...spec, issues: [...spec.issues, issue('panel-datasource-type', ['targets', wrong], 'a traces panel reads traces: use a tempoQuery')] });
}
