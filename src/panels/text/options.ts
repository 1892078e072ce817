import type { Options } from '@grafana/schema/dist/esm/raw/composable/text/panelcfg/x/TextPanelCfg_types.gen';

export type TextOptions = Options;

export const defaultTextOptions = () => ({
  code: { language: 'plaintext', showLineNumbers: false, showMiniMap: false },
  content: '',
  mode: 'markdown',
});
