import type { FieldConfig, Options } from '@grafana/schema/dist/esm/raw/composable/table/panelcfg/x/TablePanelCfg_types.gen';

export type TableOptions = Options;
/**
 * `hidden` ("Hide in table") is a field option Grafana's table panel registers
 * in public/app/plugins/panel/table/module.tsx and that dashboards in the wild
 * use, but the published `@grafana/schema` type omits it.
 */
export type TableFieldConfig = FieldConfig & { hidden?: boolean };

export const defaultTableOptions = () => ({ cellHeight: 'sm', frameIndex: 0, showHeader: true });
