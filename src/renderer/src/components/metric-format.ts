import type { Metric } from '../../../shared/scoring/snapshot'

/** Display helpers for metrics. Missing stays "n/a" (never 0 or NaN); the reason travels beside it. */
export const NA = 'n/a'

const finite = (v: number | null | undefined): v is number =>
  v !== null && v !== undefined && Number.isFinite(v)

/** Prices keep the precision traders read them at: 61,685.99 / 2.4512 / 0.000123. */
export function fmtPrice(price: number | null | undefined): string {
  if (!finite(price)) return NA
  const abs = Math.abs(price)
  const digits = abs >= 1000 ? 2 : abs >= 10 ? 3 : abs >= 1 ? 4 : abs >= 0.01 ? 5 : 8
  return price.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

/** A fraction as a signed percent: 0.0123 -> "+1.23 %". */
export function fmtPct(fraction: number | null | undefined, digits = 2, signed = true): string {
  if (!finite(fraction)) return NA
  const pct = fraction * 100
  const sign = signed && pct > 0 ? '+' : ''
  return `${sign}${pct.toFixed(digits)} %`
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

/** Formats by the metric's own unit string (see Metric.unit). */
export function fmtByUnit(value: number | null | undefined, unit: string): string {
  if (!finite(value)) return NA
  switch (unit) {
    case 'APR':
    case 'fraction':
    case 'annualized':
      return fmtPct(value, 2, unit !== 'annualized')
    case 'fraction/period':
    case 'fraction/h':
      return `${(value * 100).toFixed(4)} %`
    case '%/h':
      return `${value.toFixed(3)} %/h`
    case 'bps':
      return `${value.toFixed(2)} bps`
    case 'USD':
    case 'USD/h':
      return fmtUsd(value) + (unit === 'USD/h' ? '/h' : '')
    case 'sigma':
      return `${value.toFixed(2)} σ`
    case 'price':
      return fmtPrice(value)
    case 'score 0-100':
    case 'score -100..100':
      return value.toFixed(0)
    case 'level 0-2':
      return value.toFixed(2)
    case 'h':
      return `${value.toFixed(1)} h`
    case 'min':
      return `${value.toFixed(1)} min`
    default:
      return value.toLocaleString('en-US', { maximumFractionDigits: 3 })
  }
}

export function fmtMetric(metric: Metric | undefined): string {
  if (!metric) return NA
  return fmtByUnit(metric.value, metric.unit)
}

/** Why a metric is missing, or its note when it is partial; null when there is nothing to say. */
export function metricNote(metric: Metric | undefined): string | null {
  if (!metric) return 'the engine does not publish this metric for this market'
  return metric.reason
}
