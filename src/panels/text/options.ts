import type { Options } from '@grafana/schema/dist/esm/raw/composable/text/panelcfg/x/TextPanelCfg_types.gen';
import type { Loose } from '../../model/loose.js';

export type TextOptions = Options;

/** Grafana's defaults for a new panel of this kind; `satisfies` checks each key and value against `@grafana/schema`. */
export const defaultTextOptions = () => ({
  code: { language: 'plaintext', showLineNumbers: false, showMiniMap: false },
  content: '',
  mode: 'markdown',
}) satisfies Loose<TextOptions>;
