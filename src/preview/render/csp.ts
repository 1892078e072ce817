/**
 * The Content-Security-Policy of a preview page: nothing from another origin,
 * ever. Scripts run only if they are the page's own inline scripts (by
 * SHA-256 hash); styles are inline (colours are sanitised before they get
 * there, see colors.ts); the live-reload stream is same-origin. The same
 * policy goes into a <meta> tag and, when served, the response header.
 */
import { createHash } from 'node:crypto';

/** Inline scripts that run: `<script>` without attributes (JSON data blocks carry a type and do not run). */
const INLINE_SCRIPT = /<script>([^]*?)<\/script>/g;

export function contentSecurityPolicy(html: string): string {
  const hashes = [...html.matchAll(INLINE_SCRIPT)].map((m) => `'sha256-${createHash('sha256').update(m[1]!, 'utf8').digest('base64')}'`);
  return [
    "default-src 'none'",
    `script-src ${hashes.length > 0 ? [...new Set(hashes)].join(' ') : "'none'"}`,
    "style-src 'unsafe-inline'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** `html` with its policy as the first element of <head>. */
export function withContentSecurityPolicy(html: string): string {
  const policy = contentSecurityPolicy(html);
  return html.replace('<head>', `<head>\n<meta http-equiv="Content-Security-Policy" content="${policy}">`);
}

/** The policy a page carries in its <meta> tag, for the server's header. */
export function pagePolicy(html: string): string | undefined {
  return /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
}
