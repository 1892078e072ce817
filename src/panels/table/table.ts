import { definePanel } from '../panel.js';
import { defaultTableOptions, type TableFieldConfig, type TableOptions } from './options.js';

/** Any query result as rows and columns; also the panel for Tempo search results (`tempoQuery`). */
export const tablePanel = definePanel<TableOptions, TableFieldConfig>({ type: 'table', defaultOptions: defaultTableOptions });
