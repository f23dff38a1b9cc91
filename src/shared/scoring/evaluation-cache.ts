import type { ScoringConfig } from './config'
import type { Evaluation } from './evaluate'
import { evaluateMarket } from './evaluate'
import type { LiquidationProximityInput, MarketState } from './market-state'
import type { ScoringState } from './scoring-state'
import type { Coverage, Metric } from './snapshot'

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
  /** The asset's markets (the market itself among them) and their event counts when it was evaluated. */
  inputs: MarketState[]
  counts: number[]
  own: LiquidationProximityInput | null
  config: ScoringConfig
  evaluation: Evaluation
  /** The metric ids of `evaluation`, in its order. */
  metricIds: readonly string[]
  /** The market's grid phase for `phaseEveryMs` (a hash of its key, kept rather than hashed per snapshot). */
  phaseMs: number
  phaseEveryMs: number
}

/** The newest asOfMs among an asset's markets, written by `sameInputs` (one object, not one per snapshot). */
const scratch = { newestMs: Number.NEGATIVE_INFINITY }

/** Keyed by the market's state: a market dropped and created again (forget) starts without an entry. */
const cache = new WeakMap<MarketState, Entry>()

/** The asset's markets, in the asset's order, into `out`. */
function assetMarkets(state: ScoringState, asset: string, out: MarketState[]): void {
  out.length = 0
  for (const k of state.byAsset.get(asset) ?? []) {
    const o = state.markets.get(k)
    if (o) out.push(o)
  }
}

/** Whether the asset's markets are the same states with the same event counts; the newest asOfMs among them. */
function sameInputs(
  state: ScoringState,
  asset: string,
  e: Entry | undefined,
  acc: { newestMs: number },
): boolean {
  acc.newestMs = Number.NEGATIVE_INFINITY
  const keys = state.byAsset.get(asset)
  let same = e !== undefined && keys !== undefined && keys.length === e.inputs.length
  if (!keys) return false
  for (let i = 0; i < keys.length; i++) {
    const o = state.markets.get(keys[i]!)
    if (!o) {
      same = false
      continue
    }
    if (same && (o !== e!.inputs[i] || o.eventCount !== e!.counts[i])) same = false
    if (o.asOfMs !== null && o.asOfMs > acc.newestMs) acc.newestMs = o.asOfMs
  }
  return same
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
  const hit = cache.get(m)
  const acc = scratch
  const same = sameInputs(state, m.asset, hit, acc)
  if (m.asOfMs !== null && m.asOfMs > acc.newestMs) acc.newestMs = m.asOfMs
  let phase = hit !== undefined && hit.phaseEveryMs === everyMs ? hit.phaseMs : -1
  if (phase < 0) phase = phaseMs(m.key, everyMs)
  const grid = gridFloorMs(clockMs, everyMs, phase)
  const evalMs = Math.min(clockMs, Math.max(acc.newestMs, grid))
  if (hit && same && hit.evalMs === evalMs && hit.config === cfg && sameProximity(hit.own, m.liqProximity))
    return hit // its evaluation and evalMs: a quiet market's snapshot allocates nothing here
  const fresh = evaluateMarket(state, m, evalMs, false)
  // One key listing (a record of ~100 metrics is a dictionary: each listing sorts and allocates).
  const keys = Object.keys(fresh.metrics)
  const evaluation = keepUnchanged(fresh, keys, hit?.evaluation, hit?.metricIds ?? [])
  // The entry is this module's own: refilled in place, so a re-evaluation leaves no old entry behind.
  const e = hit ?? {
    evalMs,
    inputs: [],
    counts: [],
    own: null,
    config: cfg,
    evaluation,
    metricIds: keys,
    phaseMs: phase,
    phaseEveryMs: everyMs,
  }
  if (!same) assetMarkets(state, m.asset, e.inputs)
  e.counts.length = e.inputs.length
  for (let i = 0; i < e.inputs.length; i++) e.counts[i] = e.inputs[i]!.eventCount
  e.evalMs = evalMs
  e.own = m.liqProximity
  e.config = cfg
  e.metricIds = keys
  e.phaseMs = phase
  e.phaseEveryMs = everyMs
  e.evaluation = evaluation
  if (!hit) cache.set(m, e)
  return e
}

function sameCoverage(a: Coverage | undefined, b: Coverage | undefined): boolean {
  if (a === b) return true
  if (a === undefined || b === undefined) return false
  return (
    a.present === b.present &&
    a.total === b.total &&
    a.weightShare === b.weightShare &&
    a.partial === b.partial &&
    a.partialValue === b.partialValue
  )
}

function sameMetric(a: Metric, b: Metric): boolean {
  return (
    a.value === b.value &&
    a.unit === b.unit &&
    a.sufficient === b.sufficient &&
    a.reason === b.reason &&
    a.asOfMs === b.asOfMs &&
    sameCoverage(a.coverage, b.coverage)
  )
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** The same labels in the same order. */
function sameLabels(a: Record<string, string | null>, b: Record<string, string | null>): boolean {
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length) return false
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i] || a[ka[i]!] !== b[ka[i]!]) return false
  return true
}

/**
 * A fresh evaluation with every part equal to the previous one's replaced by that part (its metric objects,
 * labels, tags, sentences; the whole evaluation when nothing changed). A cached evaluation lives for seconds,
 * long enough to be promoted to the old generation: most of a re-evaluated market's figures are the same
 * (a quiet market's n/a reasons, histories that did not move), and keeping the old objects lets the new copies
 * die young instead of growing the old generation, whose collections are the long pauses.
 */
function keepUnchanged(
  next: Evaluation,
  keys: readonly string[],
  prev: Evaluation | undefined,
  prevIds: readonly string[],
): Evaluation {
  if (!prev) return next
  const nm = next.metrics
  const pm = prev.metrics
  // The previous record is kept whole only with the same ids in the same order (a serialised snapshot is then
  // byte for byte what the fresh evaluation gives).
  let all = keys.length === prevIds.length
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!
    const old = pm[k]
    if (old !== undefined && sameMetric(nm[k]!, old)) nm[k] = old
    else all = false
    if (all && prevIds[i] !== k) all = false
  }
  const metrics = all ? pm : nm
  const labels = sameLabels(next.labels, prev.labels) ? prev.labels : next.labels
  const tags = sameStrings(next.tags, prev.tags) ? prev.tags : next.tags
  const sentences = sameStrings(next.contradictions, prev.contradictions)
    ? prev.contradictions
    : next.contradictions
  if (
    metrics === pm &&
    labels === prev.labels &&
    tags === prev.tags &&
    sentences === prev.contradictions &&
    next.lsi === prev.lsi
  )
    return prev
  return { metrics, labels, tags, contradictions: sentences, lsi: next.lsi }
}
