import { definePanel, type PanelOptions, type PanelSpec } from '../panel.js';
import { defaultTextOptions, type TextOptions } from './options.js';
import { neverThrows } from '../../validate/guard.js';

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
function buildTextPanel({ content, mode, options, ...rest }: TextPanelOptions): PanelSpec {
  return base({ ...rest, options: { ...options, content, mode: mode ?? options?.mode ?? 'markdown' } });
}

/** `textPanel`, total: bad options come back as issues on a stand-in (see validate/guard.ts). */
export const textPanel = neverThrows('textPanel', buildTextPanel, (i): PanelSpec => ({ kind: 'panel', type: 'text', title: '', slot: {}, queries: [], model: { type: 'text', title: '' }, rawKeys: [], issues: [i] }));
