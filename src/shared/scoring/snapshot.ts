import type { MarketKey, VenueId } from '../market-event'

/**
 * One metric as the radar shows it. Missing is not zero: a metric without enough data has `value: null`,
 * `sufficient: false` and a reason a trader can read ("needs 90 d of funding, has 7 min"). A sufficient
 * metric may still carry a note in `reason` (e.g. "based on 12 d of the 90 d window").
 */
export interface Metric {
  value: number | null
  /** Unit of `value`, e.g. 'fraction/period', 'fraction/h', 'APR', 'USD', 'bps', 'ratio', 'score 0-100'. */
  unit: string
  sufficient: boolean
  reason: string | null
  /** Exchange time of the newest input, ms. */
  asOfMs: number | null
}

/** Everything the worker knows about one market, as sent to the UI (batched, ≤ ~10/s per market). */
export interface MarketSnapshot {
  key: MarketKey
  venue: VenueId
  symbol: string
  /** Exchange time of the newest event seen for this market, ms. */
  asOfMs: number | null
  lastPrice: number | null
  eventCount: number
  /** Keyed by metric id; docs/methodology.md#<metric-id> documents each. */
  metrics: Record<string, Metric>
  /** Regime labels and other categorical outputs (debounced), null while undetermined. */
  labels: Record<string, string | null>
  tags: string[]
  contradictions: string[]
  /** Exchange time the snapshot was evaluated at (the engine's clock: newest event time across markets). */
  evaluatedAtMs: number | null
  /** Leverage Stress Index 0..100 (also in metrics.lsi), null when no component is available. */
  stress: number | null
}
