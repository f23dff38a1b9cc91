import type { MarketKey } from '../market-event'
import type { ScoringConfig } from './config'
import type { Evaluation } from './evaluate'
import { evaluateMarket } from './evaluate'
import type { LiquidationProximityInput, MarketState } from './market-state'
import type { ScoringState } from './scoring-state'

/**
 * Snapshots read a market's last evaluation instead of evaluating it again while nothing it reads has changed.
 *
 * What an evaluation reads: the market's own state, the markets of its asset (funding across venues, the basis
 * pairing), its liquidation proximity, the config, the reference asset's markets (correlation, the
 * reference's stress index) and the evaluation time. A snapshot is taken at
 *
 *   evalMs = max(newest event time among the asset's markets, the market's last grid time ≤ the clock)
 *
 * where grid times are every `snapshotReuseMs` of exchange time, offset per market so quiet markets do not
 * all fall due at once. A market that took an event (or whose asset took one on another venue or as spot) is
 * evaluated at that event's time; a quiet market again once per `snapshotReuseMs`. So a snapshot's windows
 * (ages, sliding sums, staleness) may lag the engine clock by less than `snapshotReuseMs`, and so may what it
 * reads of the reference asset (BTC trades every few milliseconds: counting them as inputs would evaluate
 * every market in every batch); `evaluatedAtMs` says when it was evaluated. Its own and its asset's inputs
 * never lag. `snapshotReuseMs` = 0 evaluates every snapshot at the clock, reading everything as it is.
 */
interface Entry {
  evalMs: number
  /** Event counts and number of the asset's markets, summed: counts only grow, so any event changes it. */
  inputs: number
  own: LiquidationProximityInput | null
  config: ScoringConfig
  evaluation: Evaluation
}

const caches = new WeakMap<ScoringState, Map<MarketKey, Entry>>()

/** Sum of event counts over an asset's markets, plus their number; the newest asOfMs among them. */
function assetInputs(state: ScoringState, asset: string, acc: { inputs: number; newestMs: number }): void {
  const keys = state.byAsset.get(asset)
  if (!keys) return
  acc.inputs += keys.length
  for (const k of keys) {
    const o = state.markets.get(k)
    if (!o) continue
    acc.inputs += o.eventCount
    if (o.asOfMs !== null && o.asOfMs > acc.newestMs) acc.newestMs = o.asOfMs
  }
}

/** A per-market phase in [0, everyMs): FNV-1a of the key, so the phase is the same in every run. */
function phaseMs(key: string, everyMs: number): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  return (h >>> 0) % everyMs
}

/** The newest grid time ≤ clockMs of a market with this phase. */
function gridFloorMs(clockMs: number, everyMs: number, phase: number): number {
  return clockMs - ((((clockMs - phase) % everyMs) + everyMs) % everyMs)
}

function sameProximity(a: LiquidationProximityInput | null, b: LiquidationProximityInput | null): boolean {
  if (a === b) return true
  if (a === null || b === null) return false
  return (
    a.asOfMs === b.asOfMs &&
    a.nearestAbovePrice === b.nearestAbovePrice &&
    a.nearestAboveUsd === b.nearestAboveUsd &&
    a.nearestBelowPrice === b.nearestBelowPrice &&
    a.nearestBelowUsd === b.nearestBelowUsd &&
    a.usdWithin1Pct === b.usdWithin1Pct &&
    a.usdWithin2Pct === b.usdWithin2Pct
  )
}

/** The market's evaluation for a snapshot at the engine clock `clockMs`, and the time it was evaluated at. */
export function snapshotEvaluation(
  state: ScoringState,
  m: MarketState,
  clockMs: number,
): { evaluation: Evaluation; evalMs: number } {
  const cfg = state.config
  const everyMs = cfg.snapshotReuseMs
  if (everyMs <= 0) return { evaluation: evaluateMarket(state, m, clockMs, false), evalMs: clockMs }
  const acc = { inputs: 0, newestMs: m.asOfMs ?? Number.NEGATIVE_INFINITY }
  assetInputs(state, m.asset, acc)
  const grid = gridFloorMs(clockMs, everyMs, phaseMs(m.key, everyMs))
  const evalMs = Math.min(clockMs, Math.max(acc.newestMs, grid))
  let cache = caches.get(state)
  if (!cache) caches.set(state, (cache = new Map()))
  const hit = cache.get(m.key)
  if (
    hit &&
    hit.evalMs === evalMs &&
    hit.inputs === acc.inputs &&
    hit.config === cfg &&
    sameProximity(hit.own, m.liqProximity)
  )
    return { evaluation: hit.evaluation, evalMs }
  const evaluation = evaluateMarket(state, m, evalMs, false)
  cache.set(m.key, { evalMs, inputs: acc.inputs, own: m.liqProximity, config: cfg, evaluation })
  return { evaluation, evalMs }
}
