/**
 * Stable identifiers.
 *
 * Panel ids follow document order (rows included, a row's panels right after
 * it), starting at 1. Appending a panel therefore changes no other id, and the
 * id of a panel only changes when something is inserted before it. An
 * explicit id is kept as given; compile reports any duplicate.
 *
 * Query refIds are A, B, … Z, AA, AB, … in the panel's query order.
 */
export function refIdFor(index: number): string {
  let n = index;
  let out = '';
  do {
    out = String.fromCharCode(65 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}
