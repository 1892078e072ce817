/**
 * Where an issue is: a path of keys and indexes from the document's root,
 * `['panels', 3, 'targets', 0, 'rawSql']`. Code builds paths from segments
 * and reads them by index; only `renderPath` turns one into text, so no
 * layer ever parses a path back out of a string.
 */

/** A key (string) or an array index (number). A string is always one key, dots and all. */
export type PathSegment = string | number;
export type IssuePath = readonly PathSegment[];

/** `joinPath('panels', 3, base, 'targets')`: segments and whole paths, concatenated. */
export function joinPath(...parts: ReadonlyArray<PathSegment | IssuePath>): IssuePath {
  const out: PathSegment[] = [];
  for (const p of parts) {
    if (typeof p === 'string' || typeof p === 'number') out.push(p);
    else out.push(...p);
  }
  return out;
}

// A key JavaScript can write after a dot. Anything else (a label name with a
// dot, a key with a space or quote) is printed bracketed and JSON-quoted, so
// the text names one key and cannot be read as two.
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * How JavaScript would index it: `panels[3].targets[0].rawSql`, `labels["a.b"]`.
 * Empty for the root. After `prefix` (text naming where the path starts), the
 * first key gets its dot: `renderPath(['expr'], 'A')` is `A.expr`.
 */
export function renderPath(path: IssuePath, prefix = ''): string {
  let out = prefix;
  for (const s of path) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (IDENTIFIER.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** True when `path` starts with `prefix`, segment by segment. */
export function startsWithPath(path: IssuePath, prefix: IssuePath): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => path[i] === s);
}

/**
 * The panel a dashboard path points into, as the indexes that reach it:
 * `panels[2]…` gives `[2]`, `panels[2].panels[1]…` (a collapsed row's child)
 * gives `[2, 1]`; with the rest of the path after the panel.
 */
export function panelAt(path: IssuePath): { indexes: number[]; rest: IssuePath } | undefined {
  const indexes: number[] = [];
  let i = 0;
  while (indexes.length < 2 && path[i] === 'panels' && typeof path[i + 1] === 'number') {
    indexes.push(path[i + 1] as number);
    i += 2;
  }
  return indexes.length === 0 ? undefined : { indexes, rest: path.slice(i) };
}
