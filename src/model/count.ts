/**
 * `1 panel`, `2 panels`, `0 queries`: a number and its noun, the one home of
 * the plural every report and summary prints.
 */
export function count(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}
