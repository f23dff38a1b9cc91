import type { Metric } from './snapshot'

/** Builders for `Metric` so every module states sufficiency the same way. */
export function ok(value: number, unit: string, asOfMs: number | null): Metric {
  if (!Number.isFinite(value)) return na(unit, `not computable (got ${value})`, asOfMs)
  return { value, unit, sufficient: true, reason: null, asOfMs }
}

export function na(unit: string, reason: string, asOfMs: number | null = null): Metric {
  return { value: null, unit, sufficient: false, reason, asOfMs }
}

/** Human duration for sufficiency reasons: "40 s", "7 min", "3.5 h", "12 d". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, ms) / 1000
  if (s < 90) return `${Math.round(s)} s`
  const min = s / 60
  if (min < 90) return `${Math.round(min)} min`
  const h = min / 60
  if (h < 48) return `${Math.round(h * 10) / 10} h`
  return `${Math.round((h / 24) * 10) / 10} d`
}

/** "needs 90 d of funding, has 7 min" */
export function needs(what: string, needMs: number, hasMs: number): string {
  return `needs ${formatDuration(needMs)} of ${what}, has ${formatDuration(hasMs)}`
}

export const HOUR_MS = 3_600_000
export const MINUTE_MS = 60_000
export const DAY_MS = 86_400_000
export const HOURS_PER_YEAR = 8760
export const MINUTES_PER_YEAR = 525_600

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x
}
