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
  /** Composites only: which inputs it rests on (see docs/methodology.md#coverage). */
  coverage?: Coverage
}

/**
 * What a composite rests on. Below the configured share of its weight (`minCompositeCoverage`) a composite
 * is partial: its metric value is null (no level word, no rank, never an alert trigger) and the value over
 * the inputs present is kept here, to be shown with its coverage.
 */
export interface Coverage {
  /** Inputs present / inputs with a positive weight. */
  present: number
  total: number
  /** Share of the total weight the present inputs carry, 0..1. */
  weightShare: number
  partial: boolean
  /** The composite over the present inputs, in the metric's unit (shown as partial when `partial`). */
  partialValue: number | null
}

/** Everything the worker knows about one market, as sent to the UI (batched, ≤ ~10/s per market). */
export interface MarketSnapshot {
  key: MarketKey
  venue: VenueId
  symbol: string
  /** Exchange time of the newest event seen for this market, ms. */
  asOfMs: number | null
  lastPrice: number | null
  /** Newest mark and index prices (perps), null until a mark event; absent in older snapshots. */
  markPrice?: number | null
  indexPrice?: number | null
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
