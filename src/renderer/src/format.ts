import type { Metric } from '../../shared/scoring/snapshot'
import { metricInfo } from '../../shared/scoring/metric-registry'
import type { MetricFormat } from '../../shared/scoring/metric-registry'

/**
 * The one place numbers, times and durations become text. A missing value is shown as "n/a", never as 0 or
 * NaN; the reason travels beside it (see metricNote).
 */
export const NA = 'n/a'

const finite = (v: number | null | undefined): v is number =>
  v !== null && v !== undefined && Number.isFinite(v)

export function fmtNumber(value: number | null | undefined, digits = 2): string {
  if (!finite(value)) return NA
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

/** Decimals a tick size implies: 0.0001 → 4, 0.1 → 1, 1 → 0, 5e-7 → 7. */
export function decimalsOfTick(tickSize: number): number {
  if (!(tickSize > 0) || !Number.isFinite(tickSize)) return 2
  const text = tickSize.toExponential()
  const [mantissa, exp] = text.split('e')
  const mantissaDecimals = (mantissa!.split('.')[1] ?? '').length
  return Math.min(12, Math.max(0, mantissaDecimals - Number(exp)))
}

/** Decimals for a price when the tick size is not known: 61,685.99 / 2.4512 / 0.000123. */
export function decimalsForPrice(price: number): number {
  const abs = Math.abs(price)
  return abs >= 1000 ? 2 : abs >= 10 ? 3 : abs >= 1 ? 4 : abs >= 0.01 ? 5 : 8
}

/** A price at the market's own tick precision when known, else at the precision traders read it at. */
export function fmtPrice(price: number | null | undefined, tickSize?: number | null): string {
  if (!finite(price)) return NA
  const digits = tickSize ? decimalsOfTick(tickSize) : decimalsForPrice(price)
  return price.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

/** A fraction as a percent: 0.0123 -> "+1.23 %" (signed) or "1.23 %". */
export function fmtPct(fraction: number | null | undefined, digits = 2, signed = true): string {
  if (!finite(fraction)) return NA
  const pct = fraction * 100
  const sign = signed && pct > 0 ? '+' : ''
  return `${sign}${pct.toFixed(digits)} %`
}

/** A fraction 0–1 as a percentile rank: 0.059 -> "6th pct". Never signed: a rank is not a change. */
export function fmtPercentile(fraction: number | null | undefined): string {
  if (!finite(fraction)) return NA
  const n = Math.round(Math.min(1, Math.max(0, fraction)) * 100)
  const tens = n % 100
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')
  return `${n}${suffix} pct`
}

/** USD in thousands / millions / billions: 4717094612 -> "$4.72 B". */
export function fmtUsd(usd: number | null | undefined): string {
  if (!finite(usd)) return NA
  const abs = Math.abs(usd)
  const sign = usd < 0 ? '−' : ''
  if (abs >= 1e9) return `${sign}$${(abs / 1e9).toFixed(2)} B`
  if (abs >= 1e6) return `${sign}$${(abs / 1e6).toFixed(2)} M`
  if (abs >= 1e3) return `${sign}$${(abs / 1e3).toFixed(1)} k`
  return `${sign}$${abs.toFixed(2)}`
}

/** A quantity without a currency: 1,234 / 12.3 k / 4.56 M. */
export function fmtCompact(value: number | null | undefined): string {
  if (!finite(value)) return NA
  const abs = Math.abs(value)
  const sign = value < 0 ? '−' : ''
  if (abs >= 1e9) return `${sign}${(abs / 1e9).toFixed(2)} B`
  if (abs >= 1e6) return `${sign}${(abs / 1e6).toFixed(2)} M`
  if (abs >= 1e4) return `${sign}${(abs / 1e3).toFixed(1)} k`
  return `${sign}${abs.toLocaleString('en-US', { maximumFractionDigits: 2 })}`
}

/** Age of data: "850 ms", "4.2 s", "7 min", "3.5 h". */
export function fmtAge(ms: number | null | undefined): string {
  if (!finite(ms)) return NA
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`
  return `${(ms / 3_600_000).toFixed(1)} h`
}

/** A duration as the largest two units: "6 min 54 s", "6 d 23 h". */
export function fmtDuration(ms: number | null | undefined): string {
  if (!finite(ms) || ms < 0) return NA
  const s = Math.floor(ms / 1000)
  const parts: [number, string][] = [
    [Math.floor(s / 86400), 'd'],
    [Math.floor((s % 86400) / 3600), 'h'],
    [Math.floor((s % 3600) / 60), 'min'],
    [s % 60, 's'],
  ]
  const first = parts.findIndex(([v]) => v > 0)
  if (first < 0) return `${ms} ms`
  return parts
    .slice(first, first + 2)
    .filter(([v]) => v > 0)
    .map(([v, u]) => `${v} ${u}`)
    .join(' ')
}

/**
 * Exchange time in UTC to the second: "2024-05-12 14:00:00 UTC". Rounded, not truncated: a bar's end at
 * 13:59:59.999 reads 14:00:00 like the next bar's start, instead of alternating :59 and :00.
 */
export function fmtTime(tsMs: number | null | undefined): string {
  if (!finite(tsMs)) return NA
  return new Date(Math.round(tsMs / 1000) * 1000).toISOString().replace('T', ' ').slice(0, 19) + ' UTC'
}

/** Binary units, as file managers show sizes. */
export function fmtBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return 'n/a'
  if (bytes < 1024) return `${bytes} B`
  const units = ['KiB', 'MiB', 'GiB', 'TiB']
  let v = bytes / 1024
  let i = 0
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[i]}`
}

/** "2023-04-05 00:00:00 → 00:06:54 UTC"; the end drops the date when it is the same day. */
export function fmtSpan(startTsMs: number | null, endTsMs: number | null): string {
  if (startTsMs === null || endTsMs === null) return 'span unknown'
  const a = new Date(startTsMs).toISOString().replace('T', ' ').slice(0, 19)
  const b = new Date(endTsMs).toISOString().replace('T', ' ').slice(0, 19)
  const end = a.slice(0, 10) === b.slice(0, 10) ? b.slice(11) : b
  return `${a} → ${end} UTC`
}

/** The session clock: time of day with milliseconds, the date beside it. */
export function fmtClock(tsMs: number | null | undefined): { date: string; time: string } {
  if (tsMs === null || tsMs === undefined || !Number.isFinite(tsMs))
    return { date: '----------', time: '--:--:--.---' }
  const iso = new Date(tsMs).toISOString()
  return { date: iso.slice(0, 10), time: iso.slice(11, 23) }
}

const BY_FORMAT: Record<MetricFormat, (v: number) => string> = {
  pct: (v) => fmtPct(v, 2, false),
  'pct-signed': (v) => fmtPct(v, 2, true),
  rate: (v) => `${(v * 100).toFixed(4)} %`,
  'pct-per-hour': (v) => `${v.toFixed(3)} %/h`,
  percentile: fmtPercentile,
  usd: fmtUsd,
  'usd-per-hour': (v) => `${fmtUsd(v)}/h`,
  bps: (v) => `${v.toFixed(2)} bps`,
  sigma: (v) => `${v.toFixed(2)} σ`,
  ratio: (v) => v.toLocaleString('en-US', { maximumFractionDigits: 3 }),
  count: fmtCompact,
  score: (v) => v.toFixed(0),
  level01: (v) => v.toFixed(2),
  level02: (v) => v.toFixed(2),
  hours: (v) => `${v.toFixed(1)} h`,
  minutes: (v) => `${v.toFixed(1)} min`,
  price: (v) => fmtPrice(v),
  age: fmtAge,
  label: (v) => String(v),
}

/** A metric's value in its registry format ("n/a" when missing). */
export function fmtMetricValue(id: string, value: number | null | undefined): string {
  if (!finite(value)) return NA
  return BY_FORMAT[metricInfo(id).format](value)
}

export function fmtMetric(id: string, metric: Metric | undefined): string {
  return fmtMetricValue(id, metric?.value)
}

/** Why a metric is missing, or its note when it is partial; null when there is nothing to say. */
export function metricNote(metric: Metric | undefined): string | null {
  if (!metric) return 'the engine does not publish this metric for this market'
  return metric.reason
}
