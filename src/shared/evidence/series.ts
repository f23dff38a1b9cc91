import type { EvidenceSignalInfo } from '../contract/evidence'

/**
 * What the sampler saw of one market on a regular time grid: t_i = startMs + i × stepMs. Signals at t_i were
 * read from a snapshot taken after the events stamped ≤ t_i and before any later one. Prices: `close[i]` is the
 * last price at or before t_i; `high[i]` / `low[i]` are the extremes of the bucket (t_{i−1}, t_i], so the
 * forward path of t_i starts at bucket i + 1. NaN marks "no data" inside these arrays only; the report turns
 * it into null with a reason.
 */
export interface MarketSeries {
  market: string
  close: Float64Array
  high: Float64Array
  low: Float64Array
  /** Realized liquidation USD per bucket; null when the market had no liquidation event at all. */
  liqUsd: Float64Array | null
  /** 1 where the signal was on at t_i. */
  binary: Map<string, Uint8Array>
  /** Continuous scores at t_i (NaN: n/a). */
  scores: Map<string, Float64Array>
}

export interface SampledSession {
  startMs: number
  stepMs: number
  n: number
  markets: MarketSeries[]
  signals: Map<string, EvidenceSignalInfo>
}

export function gridTimeMs(s: Pick<SampledSession, 'startMs' | 'stepMs'>, i: number): number {
  return s.startMs + i * s.stepMs
}

/** Number of grid steps in a horizon (a horizon shorter than one step cannot be measured). */
export function horizonSteps(horizonMs: number, stepMs: number): number {
  return Math.round(horizonMs / stepMs)
}

export function nanArray(n: number): Float64Array {
  return new Float64Array(n).fill(NaN)
}
