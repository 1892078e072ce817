/**
 * Text panels, markdown-ish: headings, paragraphs, lists, code blocks,
 * **bold**, *emphasis*, `code` and [links](url). Everything is escaped first,
 * so dashboard text can never inject markup; html mode shows the text with its
 * tags stripped (a preview has no sanitiser to trust).
 */
import { esc } from './html.js';

type Obj = Record<string, unknown>;

export function textPanelHtml(panel: Obj): string {
  const options = (panel.options as Obj | undefined) ?? {};
  const content = typeof options.content === 'string' ? options.content : '';
  // A tag runs to the next `>` with no `<` in it: with `<` allowed, text of many `<` and no `>` was quadratic.
  if (options.mode === 'html') return `<div class="text-panel">${paragraphs(content.replace(/<[^<>]*>/g, ' '))}</div>`;
  if (options.mode === 'code') return `<div class="text-panel"><pre><code>${esc(content)}</code></pre></div>`;
  return `<div class="text-panel">${markdown(content)}</div>`;
}

export function markdown(text: string): string {
  const out: string[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let paragraph: string[] = [];
  let list: { tag: 'ul' | 'ol'; items: string[] } | undefined;
  const flush = () => {
    if (paragraph.length) out.push(`<p>${inline(paragraph.join(' '))}</p>`);
    paragraph = [];
    if (list) out.push(`<${list.tag}>${list.items.map((i) => `<li>${inline(i)}</li>`).join('')}</${list.tag}>`);
    list = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^```/.test(line)) {
      flush();
      const code: string[] = [];
      while (++i < lines.length && !/^```/.test(lines[i]!)) code.push(lines[i]!);
      out.push(`<pre><code>${esc(code.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      out.push(`<h${heading[1]!.length}>${inline(heading[2]!)}</h${heading[1]!.length}>`);
    } else if (bullet || numbered) {
      const tag = bullet ? 'ul' : 'ol';
      if (paragraph.length || (list && list.tag !== tag)) flush();
      list ??= { tag, items: [] };
      list.items.push((bullet ?? numbered)![1]!);
    } else if (line.trim() === '') {
      flush();
    } else if (/^(-{3,}|\*{3,})$/.test(line.trim())) {
      flush();
      out.push('<hr>');
    } else {
      if (list) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return out.join('');
}

function inline(text: string): string {
  return esc(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
    // A link label holds no `[` (as in markdown, the innermost brackets are the link): with `[` allowed, text of many `[`
    // and no `]` was quadratic (100 KB: 15 s).
    .replace(/\[([^[\]]+)\]\(([^)\s]+)\)/g, (_, label: string, url: string) => (/^(https?:|\/|#)/.test(url) ? `<a href="${url}">${label}</a>` : label));
}

function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${esc(p.replace(/\s+/g, ' '))}</p>`)
    .join('');
}
