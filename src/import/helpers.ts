/**
 * The public escape hatches the importer writes where no typed builder fits:
 * `withFields` (fields of links and annotations, which have no `raw`, and
 * removing a field a builder writes), and `rawQuery` / `rawVariable` /
 * `rawAnnotation` / `externalDatasource` for kinds dashcode has no builder
 * for. They are library exports, so a generated module defines no functions
 * of its own (see docs/import.md, "What import cannot model yet").
 */
import { rawAnnotation } from '../dashboards/annotations.js';
import { externalDatasource } from '../datasources/external/external.js';
import { withFields } from '../model/with-fields.js';
import { rawQuery } from '../queries/raw.js';
import { rawVariable } from '../variables/raw.js';

export const HELPER_FUNCTIONS = { withFields, rawQuery, rawVariable, rawAnnotation, externalDatasource } as const;

export type HelperName = keyof typeof HELPER_FUNCTIONS;

export const HELPER_NAMES = Object.keys(HELPER_FUNCTIONS) as HelperName[];
