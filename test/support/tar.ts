/**
 * A minimal ustar writer, for tests that need a snapshot with chosen (or
 * hostile) entries: what PGlite's dumpDataDir writes, as far as
 * src/db/pglite-tar.ts reads it.
 */
export interface TarInput {
  name: string;
  data?: Uint8Array | string;
  directory?: boolean;
}

export function tarOf(entries: readonly TarInput[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  const encoder = new TextEncoder();
  for (const e of entries) {
    const data = typeof e.data === 'string' ? encoder.encode(e.data) : (e.data ?? new Uint8Array());
    const header = new Uint8Array(512);
    const put = (text: string, at: number) => header.set(encoder.encode(text), at);
    put(e.name, 0);
    put('0000700\0', 100);
    put(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
    header[156] = (e.directory ? '5' : '0').charCodeAt(0);
    put('ustar\0', 257);
    blocks.push(header, data, new Uint8Array((512 - (data.length % 512)) % 512));
  }
  blocks.push(new Uint8Array(1024));
  const out = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}
