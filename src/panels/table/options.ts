import type { FieldConfig, Options } from '@grafana/schema/dist/esm/raw/composable/table/panelcfg/x/TablePanelCfg_types.gen';

export type TableOptions = Options;
export type TableFieldConfig = FieldConfig;

export const defaultTableOptions = () => ({ cellHeight: 'sm', frameIndex: 0, showHeader: true });
