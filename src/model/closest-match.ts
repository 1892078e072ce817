/**
 * The candidate with the smallest edit distance to `input`, if that distance is
 * small for the input's length (1 for up to 3 characters, 2 up to 6, else 3).
 * Ties go to the earlier candidate, so results are stable.
 */
/** Longer inputs get no suggestion. */
const MAX_NAME = 100;

export function closestMatch<T extends string>(input: string, candidates: readonly T[]): T | undefined {
  // The edit distance is quadratic in the lengths, and names come from the files being linted: a typo is suggested
  // for names a person types (MAX_NAME characters at most), from candidates close enough in length to be one.
  if (input.length > MAX_NAME) return undefined;
  const limit = input.length <= 3 ? 1 : input.length <= 6 ? 2 : 3;
  const lower = input.toLowerCase();
  let best: T | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    if (Math.abs(c.length - input.length) > limit) continue;
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance with adjacent transpositions counted as one edit ("isDefualt"). */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  // Three rolling rows: the transposition rule looks two rows back.
  let prev2: number[] = [];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
    }
    prev2 = prev;
    prev = row;
  }
  return prev[y.length]!;
}
