/**
 * Durations as Grafana's alerting provisioning writes them: Prometheus-style
 * strings (`30s`, `5m`, `1h30m`, `1d`). Grafana parses them with
 * prometheus/common `model.ParseDuration` (pkg/services/ngalert/api/tooling/definitions
 * and pkg/services/provisioning/alerting/rules_types.go); so do we.
 */
const UNIT_MS: Record<string, number> = { y: 365 * 86_400_000, w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** Milliseconds, or undefined when `text` is not a duration (`0` and `0s` are zero). */
export function parseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const m = DURATION.exec(text);
  if (!m || text === '') return undefined;
  const units = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
  let ms = 0;
  units.forEach((u, i) => {
    if (m[i + 1] !== undefined) ms += Number(m[i + 1]) * UNIT_MS[u]!;
  });
  return ms;
}

/** The shortest Prometheus-style spelling of a whole number of milliseconds: 90000 → `1m30s`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const u of ['d', 'h', 'm', 's', 'ms']) {
    const n = Math.floor(rest / UNIT_MS[u]!);
    if (n > 0) {
      out += `${n}${u}`;
      rest -= n * UNIT_MS[u]!;
    }
  }
  return out;
}
