/**
 * Whether a module's export is a dashboard spec. Apart from dashboard.ts (which
 * re-exports it typed as a DashboardSpec guard) so the config loader can tell a
 * dashboard module without loading zod and the builders.
 */
export function hasDashboardKind(v: unknown): v is { kind: 'dashboard' } {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'dashboard';
}
