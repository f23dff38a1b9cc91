import type { MarketKey } from '../market-event'
import type { MarketSnapshot } from './snapshot'

export interface RankedMarket {
  key: MarketKey
  rank: number | null
  /** The ranked metric's value; null markets sort last with their reason. */
  value: number | null
  reason: string | null
  /** Percentile of the market's stress index in its own history ("relative to itself"). */
  selfPercentile: number | null
}

/**
 * Cross-market ranking of a watchlist by a metric (default: the Leverage Stress Index), highest first.
 * Markets where the metric is n/a are listed after the ranked ones, unranked, with the reason.
 */
export function rankMarkets(snapshots: readonly MarketSnapshot[], metricId = 'lsi'): RankedMarket[] {
  const rows = snapshots.map((s) => {
    const m = s.metrics[metricId]
    return {
      key: s.key,
      rank: null as number | null,
      value: m?.value ?? null,
      reason: m ? m.reason : `no metric "${metricId}"`,
      selfPercentile: s.metrics['lsi-self-pct']?.value ?? null,
    }
  })
  rows.sort((a, b) => {
    if (a.value === null || b.value === null)
      return a.value === null ? (b.value === null ? a.key.localeCompare(b.key) : 1) : -1
    return b.value - a.value || a.key.localeCompare(b.key)
  })
  let rank = 0
  for (const r of rows) if (r.value !== null) r.rank = ++rank
  return rows
}
