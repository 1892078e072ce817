/**
 * Grafana's field reducers (reduceOptions.calcs) for stat, gauge, bar gauge
 * and legend values. Unknown ids fall back to lastNotNull, Grafana's default.
 */
import type { CellValue } from './frames.js';

export const REDUCER_NAMES: Record<string, string> = {
  lastNotNull: 'Last *', last: 'Last', firstNotNull: 'First *', first: 'First', mean: 'Mean', max: 'Max', min: 'Min',
  sum: 'Total', count: 'Count', range: 'Range', delta: 'Delta', diff: 'Difference',
};

export function reduceValues(values: readonly CellValue[], calc: string): number | null {
  const all = values.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : null));
  const nums = all.filter((v): v is number => v !== null);
  switch (calc) {
    case 'last':
      return all.at(-1) ?? null;
    case 'first':
      return all[0] ?? null;
    case 'firstNotNull':
      return nums[0] ?? null;
    case 'mean':
      return nums.length ? nums.reduce((a, b) => a + b, 0) / nums.length : null;
    case 'max':
      return nums.length ? Math.max(...nums) : null;
    case 'min':
      return nums.length ? Math.min(...nums) : null;
    case 'sum':
      return nums.length ? nums.reduce((a, b) => a + b, 0) : null;
    case 'count':
      return values.length;
    case 'range':
      return nums.length ? Math.max(...nums) - Math.min(...nums) : null;
    case 'delta': {
      // Counter-style: only increases count, a drop is a reset from 0.
      let delta = 0;
      for (let i = 1; i < nums.length; i++) delta += nums[i]! >= nums[i - 1]! ? nums[i]! - nums[i - 1]! : nums[i]!;
      return nums.length ? delta : null;
    }
    case 'diff':
      return nums.length ? nums.at(-1)! - nums[0]! : null;
    default:
      return nums.at(-1) ?? null;
  }
}
