import { definePanel, type PanelOptions, type PanelSpec } from '../panel.js';
import { defaultTextOptions, type TextOptions } from './options.js';

const base = definePanel<TextOptions, Record<string, unknown>>({
  type: 'text',
  defaultOptions: defaultTextOptions,
  hasQueries: false,
  hasFieldConfig: false,
});

export interface TextPanelOptions extends Omit<PanelOptions<TextOptions>, 'queries'> {
  content: string;
  mode?: 'markdown' | 'html' | 'code';
}

/** Markdown (default), HTML or code. Takes no queries. */
export function textPanel({ content, mode, options, ...rest }: TextPanelOptions): PanelSpec {
  return base({ ...rest, options: { ...options, content, mode: mode ?? options?.mode ?? 'markdown' } });
}
