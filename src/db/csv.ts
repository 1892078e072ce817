/**
 * RFC 4180 CSV, written here because no CSV package is installed and the format
 * is small: `,` separators, fields optionally in `"..."` with `""` for a quote and
 * line breaks allowed inside, records ending in CRLF or LF (a lone CR also counts).
 *
 * Every field carries the line and column (1-based, in UTF-16 units) where it
 * starts, so the loader can say `file.csv:17:38: cpu_util "abc" is not a number`
 * and an editor jumps there. Malformed input is reported, not guessed at, and
 * parsing goes on with the next field so one run shows every problem.
 */
export interface CsvField {
  readonly value: string;
  readonly line: number;
  readonly column: number;
}

export interface CsvRecord {
  /** Line where the record starts. */
  readonly line: number;
  readonly fields: CsvField[];
}

export interface CsvSyntaxError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export function parseCsv(input: string): { records: CsvRecord[]; errors: CsvSyntaxError[] } {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const n = text.length;
  const records: CsvRecord[] = [];
  const errors: CsvSyntaxError[] = [];
  let i = 0;
  let line = 1;
  let column = 1;

  /** Moves past a line break at i (CRLF, LF or CR). */
  const newline = () => {
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    line++;
    column = 1;
  };
  /** Moves i to `end`, counting line breaks inside quoted text. */
  const advanceTo = (end: number) => {
    while (i < end) {
      const c = text[i];
      if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
        i++;
        line++;
        column = 1;
      } else {
        i++;
        column++;
      }
    }
  };

  while (i < n) {
    const recordLine = line;
    const fields: CsvField[] = [];
    let blank = true;
    for (;;) {
      const fieldLine = line;
      const fieldColumn = column;
      let value: string;
      if (text[i] === '"') {
        blank = false;
        const parts: string[] = [];
        i++;
        column++;
        let closed = false;
        while (i < n) {
          const q = text.indexOf('"', i);
          if (q === -1) break;
          parts.push(text.slice(i, q));
          advanceTo(q + 1);
          if (text[i] === '"') {
            parts.push('"');
            i++;
            column++;
            continue;
          }
          closed = true;
          break;
        }
        value = parts.join('');
        if (!closed) {
          // The rest of the input is inside this field: the record is not kept, so
          // its field count or values are not reported again.
          errors.push({ line: fieldLine, column: fieldColumn, message: 'quoted field is never closed (a closing " is missing)' });
          return { records, errors };
        }
        if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          errors.push({ line, column, message: 'unexpected text after a closing quote (expected "," or the end of the line)' });
          while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
            i++;
            column++;
          }
        }
      } else {
        const start = i;
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') i++;
        value = text.slice(start, i);
        const quote = value.indexOf('"');
        if (quote !== -1) {
          errors.push({ line, column: column + quote, message: 'a quote inside an unquoted field (quote the whole field and double the quote: "a ""b"" c")' });
        }
        column += i - start;
        if (value !== '') blank = false;
      }
      fields.push({ value, line: fieldLine, column: fieldColumn });
      if (i < n && text[i] === ',') {
        blank = false;
        i++;
        column++;
        continue;
      }
      if (i < n) newline();
      break;
    }
    // An empty line (or the trailing newline's "record") holds no data.
    if (!(blank && fields.length === 1)) records.push({ line: recordLine, fields });
  }
  return { records, errors };
}

/**
 * Writes one record per line, quoting only where needed; the inverse of
 * parseCsv (a record that is a single empty field is written `""`, since an
 * empty line is skipped).
 */
export function formatCsv(rows: ReadonlyArray<ReadonlyArray<string>>, eol = '\n'): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const record = (r: ReadonlyArray<string>) => (r.length === 1 && r[0] === '' ? '""' : r.map(cell).join(','));
  return rows.map((r) => record(r) + eol).join('');
}

/**
 * CSV bytes to text, refusing what would be silently mangled on the way into
 * the database: invalid UTF-8 (decoded as U+FFFD otherwise) and NUL bytes
 * (PostgreSQL text cannot hold them). Each problem at its line and column,
 * counted as parseCsv counts them. A problem leaves `text` empty.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; errors: CsvSyntaxError[] } {
  const errors: CsvSyntaxError[] = [];
  const at = (offset: number) => lineColumn(new TextDecoder().decode(bytes.subarray(0, offset)));
  const bad = invalidUtf8At(bytes);
  if (bad !== -1) errors.push({ ...at(bad), message: `invalid UTF-8 (byte 0x${bytes[bad]!.toString(16).padStart(2, '0')}): save the file as UTF-8` });
  const nul = bytes.indexOf(0);
  if (nul !== -1 && (bad === -1 || nul < bad)) errors.push({ ...at(nul), message: 'a NUL byte (\\0): PostgreSQL text cannot hold it; is this a binary or UTF-16 file?' });
  return errors.length > 0 ? { text: '', errors } : { text: new TextDecoder().decode(bytes), errors };
}

function lineColumn(before: string): { line: number; column: number } {
  const text = before.charCodeAt(0) === 0xfeff ? before.slice(1) : before;
  let line = 1;
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      last = i;
    }
  }
  return { line, column: text.length - last };
}

/** Byte offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
function invalidUtf8At(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}
