/** The list of previews: `index.html` beside the pages, and the served root. */
import { withContentSecurityPolicy } from './render/csp.js';
import { esc } from './render/html.js';
import { count } from '../model/count.js';

export interface IndexEntry {
  name: string;
  title: string;
  /** Panels that failed, for a hint in the list. */
  errors: number;
  png?: boolean;
}

export function renderIndex(entries: readonly IndexEntry[], options: { liveReload?: boolean } = {}): string {
  const items = entries
    .map((e) => `<li><a href="${esc(encodeURIComponent(e.name))}.html">${esc(e.title)}</a> <span class="file">${esc(e.name)}</span>${e.errors ? ` <span class="errors">${count(e.errors, 'panel')} with errors</span>` : ''}${e.png ? ` · <a href="${esc(encodeURIComponent(e.name))}.png">png</a>` : ''}</li>`)
    .join('\n');
  const reload = options.liveReload ? `<script>new EventSource('/__preview/events').addEventListener('rebuilt', function () { location.reload(); });</script>` : '';
  return withContentSecurityPolicy(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>dashcode preview</title>
<style>body{background:#111217;color:#ccccdc;font:14px/1.6 Inter,Helvetica,Arial,sans-serif;margin:24px}a{color:#6e9fff}.file{color:rgba(204,204,220,.6);font-size:12px}.errors{color:#F2495C;font-size:12px}</style>
</head><body><h1>dashcode preview</h1><ul>
${items}
</ul>${reload}</body></html>
`);
}
