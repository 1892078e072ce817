import type { FieldConfig, Options } from '@grafana/schema/dist/esm/raw/composable/table/panelcfg/x/TablePanelCfg_types.gen';
import type { Loose } from '../../model/loose.js';

export type TableOptions = Options;
/**
 * `hidden` ("Hide in table") is a field option Grafana's table panel registers
 * in public/app/plugins/panel/table/module.tsx and that dashboards in the wild
 * use, but the published `@grafana/schema` type omits it.
 */
export type TableFieldConfig = FieldConfig & { hidden?: boolean };

/** Grafana's defaults for a new panel of this kind; `satisfies` checks each key and value against `@grafana/schema`. */
export const defaultTableOptions = () => ({ cellHeight: 'sm', frameIndex: 0, showHeader: true }) satisfies Loose<TableOptions>;
