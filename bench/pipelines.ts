/**
 * The timed pipelines, shared by the in-process timings (bench/run.ts) and the
 * peak-memory children (bench/memory.ts), so both measure the same code.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { buildDashboard, compileDashboard, printCanonical } from '../src/index.js';
import { uncheckedPanelIndices } from '../src/compile/compile.js';
import type { JsonObject } from '../src/model/loose.js';
import { validateDashboardJson, validateDashboardParts } from '../src/validate/output.js';
import { dashcodeSpec, sdkDashboardJson } from './workloads.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Grafana's published dashboard schema; only in the project's own workspace (`../shared/`), never in a user's clone. */
export const grafanaSchemaPath = path.resolve(repoRoot, '../shared/schemas/grafana/dashboard.jsonschema.json');

/**
 * ajv compiled once against Grafana's dashboard schema, as a foundation-sdk
 * user would validate; undefined when the schema is not available.
 */
export function grafanaValidator(): ValidateFunction | undefined {
  if (!existsSync(grafanaSchemaPath)) return undefined;
  const ajv = new Ajv({ strict: false });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  ajv.addKeyword('x-deprecation-message');
  return ajv.compile(JSON.parse(readFileSync(grafanaSchemaPath, 'utf8')));
}

export type PipelineName = (typeof PIPELINES)[number];
export const PIPELINES = ['build', 'build+serialize', 'build+validate+serialize'] as const;

/** dashcode: builders → compile (→ ajv-standalone validation) (→ printCanonical). */
export function dashcode(pipeline: PipelineName, n: number): unknown {
  const spec = dashcodeSpec(n);
  switch (pipeline) {
    case 'build':
      return compileDashboard(spec).json;
    case 'build+serialize':
      return printCanonical(compileDashboard(spec).json);
    case 'build+validate+serialize': {
      const r = buildDashboard(spec);
      if (r.text === undefined) throw new Error(`dashcode reported errors: ${r.issues[0]?.message}`);
      return r.text;
    }
  }
}

/** foundation-sdk: builders → `.build()` (→ ajv against Grafana's schema) (→ `JSON.stringify(x, null, 2)`). */
export function foundationSdk(pipeline: PipelineName, n: number, validate?: ValidateFunction): unknown {
  const json = sdkDashboardJson(n);
  switch (pipeline) {
    case 'build':
      return json;
    case 'build+serialize':
      return JSON.stringify(json, null, 2);
    case 'build+validate+serialize': {
      if (!validate) throw new Error('no Grafana schema to validate against');
      const valid = validate(json);
      return [valid, JSON.stringify(json, null, 2)];
    }
  }
}

/** dashcode's stages one by one, for locating the cost (each input prepared outside the timed call). */
export const dashcodeStages = {
  builders: (n: number) => dashcodeSpec(n),
  compile: (spec: ReturnType<typeof dashcodeSpec>) => compileDashboard(spec).json,
  // What buildDashboard runs by default: ajv over the parts no typed builder made (all of it when unknown).
  validate: (json: JsonObject) => {
    const unchecked = uncheckedPanelIndices(json);
    return unchecked === undefined ? validateDashboardJson(json) : validateDashboardParts(json, unchecked);
  },
  printCanonical: (json: Parameters<typeof printCanonical>[0]) => printCanonical(json),
};
