/**
 * Grafana's colours (dark theme): the named colours dashboards use in
 * thresholds and overrides, the classic palette series get in order, and the
 * threshold lookup stat/gauge panels colour their values with.
 */

const NAMED: Record<string, string> = {
  green: '#73BF69', 'semi-dark-green': '#56A64B', 'dark-green': '#37872D', 'light-green': '#96D98D', 'super-light-green': '#C8F2C2',
  yellow: '#FADE2A', 'semi-dark-yellow': '#F2CC0C', 'dark-yellow': '#E0B400', 'light-yellow': '#FFEE52', 'super-light-yellow': '#FFF899',
  red: '#F2495C', 'semi-dark-red': '#E02F44', 'dark-red': '#C4162A', 'light-red': '#FF7383', 'super-light-red': '#FFA6B0',
  blue: '#5794F2', 'semi-dark-blue': '#3274D9', 'dark-blue': '#1F60C4', 'light-blue': '#8AB8FF', 'super-light-blue': '#C0D8FF',
  orange: '#FF9830', 'semi-dark-orange': '#FF780A', 'dark-orange': '#FA6400', 'light-orange': '#FFB357', 'super-light-orange': '#FFCB7D',
  purple: '#B877D9', 'semi-dark-purple': '#A352CC', 'dark-purple': '#8F3BB8', 'light-purple': '#CA95E5', 'super-light-purple': '#DEB6F2',
  text: '#CCCCDC', transparent: 'transparent',
};

/** Grafana's `palette-classic`: series colours in order. */
export const CLASSIC_PALETTE = ['#73BF69', '#F2CC0C', '#8AB8FF', '#FF780A', '#F2495C', '#5794F2', '#B877D9', '#705DA0', '#37872D', '#FADE2A', '#447EBC', '#C15C17'];

export function seriesColor(index: number): string {
  return CLASSIC_PALETTE[index % CLASSIC_PALETTE.length]!;
}

/**
 * A named Grafana colour, or the CSS colour as written (`#ff0000`, `rgb(...)`,
 * `steelblue`). Colours come from dashboard JSON and go into style attributes
 * and the chart script, so anything that is not plainly a colour (such as
 * `red;} body{background:url(//evil)}`) becomes Grafana's text grey: no
 * value can end the declaration or load anything.
 */
export function resolveColor(name: string | undefined): string {
  if (!name) return NAMED.green!;
  const known = Object.hasOwn(NAMED, name) ? NAMED[name] : undefined;
  if (known !== undefined) return known;
  return isPlainCssColor(name) ? name : NAMED.text!;
}

const NUMBER = String.raw`\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?(?:%|deg|turn|rad)?\s*`;
// A separator between every two numbers: with it optional, `rgb(111…1!` could split its digits every way (n⁴: 400 took 12 s).
const FUNCTION_COLOR = new RegExp(String.raw`^(?:rgba?|hsla?)\(${NUMBER}(?:[,/ ]${NUMBER}){2,3}\)$`, 'i');
/** Longer than any colour a person writes (`hsla(359.99deg, 100.00%, 100.00%, 0.999)` is 41). */
const MAX_COLOR_LENGTH = 64;

/** `#rgb`, `#rrggbb(aa)`, `rgb()/rgba()/hsl()/hsla()` of numbers, or a colour keyword. */
export function isPlainCssColor(value: string): boolean {
  if (value.length > MAX_COLOR_LENGTH) return false;
  return /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(value) || /^[a-z]{3,30}$/i.test(value) || FUNCTION_COLOR.test(value);
}

export interface ThresholdStep {
  value: number | null;
  color: string;
}

export interface Thresholds {
  mode: 'absolute' | 'percentage';
  steps: ThresholdStep[];
}

/** What Grafana applies when a panel sets no thresholds. */
export const DEFAULT_THRESHOLDS: Thresholds = { mode: 'absolute', steps: [{ value: null, color: 'green' }, { value: 80, color: 'red' }] };

export function readThresholds(fieldConfigDefaults: Record<string, unknown> | undefined): Thresholds {
  const t = fieldConfigDefaults?.thresholds as { mode?: string; steps?: unknown } | undefined;
  if (!t || !Array.isArray(t.steps) || t.steps.length === 0) return DEFAULT_THRESHOLDS;
  const steps = (t.steps as Array<{ value?: unknown; color?: unknown }>).map((s) => ({
    value: typeof s.value === 'number' ? s.value : null,
    color: typeof s.color === 'string' ? s.color : 'green',
  }));
  return { mode: t.mode === 'percentage' ? 'percentage' : 'absolute', steps };
}

/**
 * The step a value falls in: the last step whose value is at or below it (the
 * base step, value null, is -Infinity). Percentage thresholds are percent of
 * the min..max range.
 */
export function thresholdColor(value: number, thresholds: Thresholds, range: { min: number; max: number } = { min: 0, max: 100 }): string {
  const v = thresholds.mode === 'percentage' && range.max !== range.min ? ((value - range.min) / (range.max - range.min)) * 100 : value;
  let color = thresholds.steps[0]?.color;
  for (const step of thresholds.steps) if (step.value === null || v >= step.value) color = step.color;
  return resolveColor(color);
}
