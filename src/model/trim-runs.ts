/**
 * `s` without the runs of `c` at its ends. A loop, not `/^c+|c+$/`: that regex
 * tries every character of a long run inside the text as a start (quadratic),
 * and the text comes from the files being read.
 */
export function trimRuns(s: string, c: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s[start] === c) start++;
  while (end > start && s[end - 1] === c) end--;
  return s.slice(start, end);
}
