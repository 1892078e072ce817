import { structuredPatch } from 'diff';

/**
 * A small unified diff of two texts (query text, variable queries): hunk
 * headers and `-`/`+`/` ` lines with 2 lines of context, no file headers.
 */
export function unifiedTextDiff(before: string, after: string): string[] {
  const patch = structuredPatch('before', 'after', withNewline(before), withNewline(after), undefined, undefined, { context: 2 });
  const out: string[] = [];
  for (const h of patch.hunks) {
    out.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`);
    for (const line of h.lines) if (!line.startsWith('\\')) out.push(line);
  }
  return out;
}

/** Texts without a final newline would otherwise show "\ No newline at end of file" noise. */
function withNewline(s: string): string {
  return s.endsWith('\n') ? s : `${s}\n`;
}
