import type { FieldConfig, Options } from '@grafana/schema/dist/esm/raw/composable/table/panelcfg/x/TablePanelCfg_types.gen';
import type { Loose } from '../../model/loose.js';

export type TableOptions = Options;
export type TableFieldConfig = FieldConfig;

/** Grafana's defaults for a new panel of this kind; `satisfies` checks each key and value against `@grafana/schema`. */
export const defaultTableOptions = () => ({ cellHeight: 'sm', frameIndex: 0, showHeader: true }) satisfies Loose<TableOptions>;
