import type { ScoringConfig } from './config'
import type { MarketState } from './market-state'
import type { Metric } from './snapshot'

/**
 * What every metric module gets while a market is evaluated. `band` and `cat` return the debounced label;
 * during a tick (applyEvents) they also advance the hysteresis and record regime shifts, during a snapshot
 * they only read, so snapshots taken at any wall-clock moment cannot change the replayed result.
 */
export interface EvalContext {
  cfg: ScoringConfig
  nowMs: number
  /** true inside applyEvents (state may advance), false for a read-only snapshot. */
  tick: boolean
  m: MarketState
  metrics: Record<string, Metric>
  /** Band label of `value` against ascending `edges`; names.length === edges.length + 1. */
  band(id: string, value: number | null, edges: readonly number[], names: readonly string[]): string | null
  /** Categorical label that must hold `minDwellMs` before it changes. */
  cat(id: string, raw: string | null): string | null
}
