import { describes } from '../validate/describes.js';
import { z } from 'zod';
import { isPanel, type PanelSpec } from '../panels/panel.js';
import { isVariable, type VariableSpec } from '../variables/variable.js';
import type { Issue } from '../model/issue.js';
import { inputIssues } from '../validate/zod-issues.js';
import { neverThrows } from '../validate/guard.js';
import { markChecked } from '../validate/typed.js';
import { lazySchema } from '../validate/lazy-schema.js';
import { arrayOf, isBoolean, isOptionalInt, isOptionalRecord, strictObjectLooksValid, type Check } from '../validate/input-checks.js';

export interface RowOptions {
  title: string;
  /** Collapsed rows keep their panels inside the row (Grafana's storage form) and take no space. */
  collapsed?: boolean;
  panels: readonly PanelSpec[];
  /** Repeat the row for every value of a variable. */
  repeat?: VariableSpec;
  id?: number;
  /** Escape hatch: keys merged verbatim into the row JSON; listed by `dashcode build`. */
  raw?: Record<string, unknown>;
}

export interface RowSpec {
  readonly kind: 'row';
  readonly title: string;
  readonly collapsed: boolean;
  readonly panels: readonly PanelSpec[];
  readonly repeat?: VariableSpec;
  readonly id?: number;
  readonly raw?: Readonly<Record<string, unknown>>;
  readonly issues: readonly Issue[];
}

/** Built on first use (validate/lazy-schema.ts): valid rows never ask zod. */
export const rowInputSchema = lazySchema(() =>
  describes<RowOptions>()(
    z
      .object({
        // Grafana allows an untitled row; lint warns (panel-title).
        title: z.string(),
        collapsed: z.boolean().optional(),
        panels: z.array(z.custom(isPanel, { message: 'rows hold panels, not rows: rows cannot nest' })).readonly(),
        repeat: z.custom(isVariable, { message: 'must be a variable object' }).optional(),
        id: z.number().int().positive().optional(),
        raw: z.record(z.string(), z.unknown()).optional(),
      })
      .strict(),
  ),
);

const ROW_CHECKS: Readonly<Record<string, Check>> = {
  title: (v) => typeof v === 'string',
  collapsed: isBoolean,
  panels: arrayOf(isPanel, false),
  repeat: (v) => v === undefined || isVariable(v),
  id: isOptionalInt(1),
  raw: isOptionalRecord,
};

/** The hand-written check of `rowInputSchema` (input-checks.ts): true only for options zod accepts. */
export function rowInputLooksValid(input: unknown): boolean {
  return strictObjectLooksValid(input, ROW_CHECKS, ['title', 'panels']);
}

/** A row: starts a new line of the grid and owns the panels under it. */
function buildRow(options: RowOptions): RowSpec {
  const spec: RowSpec = Object.freeze({
    kind: 'row',
    title: options.title,
    collapsed: options.collapsed ?? false,
    panels: [...(options.panels ?? [])],
    repeat: options.repeat,
    id: options.id,
    raw: options.raw,
    issues: inputIssues(rowInputSchema, options, rowInputLooksValid),
  });
  // Without `raw`, the row's JSON is what compile writes from these checked fields (see validate/typed.ts).
  return options.raw ? spec : markChecked(spec);
}

export function isRow(v: unknown): v is RowSpec {
  return typeof v === 'object' && v !== null && (v as RowSpec).kind === 'row';
}

/** `row`, total: bad options come back as issues on a stand-in (see validate/guard.ts). */
export const row = neverThrows('row', buildRow, (i): RowSpec => ({ kind: 'row', title: '', collapsed: false, panels: [], issues: [i] }));
