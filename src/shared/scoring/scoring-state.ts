import type { MarketEvent, MarketKey, VenueId } from '../market-event'
import { marketKey } from '../market-event'
import type { ScoringConfig } from './config'
import { resolveConfig } from './config'
import { basisPricing, basisSampleReady } from './basis/basis-pair'
import { basisMaybeSample, basisOnTrade, basisSampleDue } from './basis/basis-state'
import { evaluateMarket } from './evaluate'
import { snapshotEvaluation } from './evaluation-cache'
import type { LiquidationProximityInput, MarketState } from './market-state'
import { marketApply, marketCreate } from './market-state'
import type { RegimeShift, ShiftQueue } from './regime-shift'
import type { MarketSnapshot } from './snapshot'

/**
 * Incremental scoring state for every market the worker has seen. Plain data (maps, arrays, typed arrays), so
 * the engine can checkpoint it (structured clone) and restore a restarted worker without losing history.
 * Time is the exchange's: `clockMs` is the newest exchange timestamp seen, so a replay scores as the live run did.
 */
export interface ScoringState {
  config: ScoringConfig
  markets: Map<MarketKey, MarketState>
  /** Markets per base asset, for cross-venue funding and the correlation reference. */
  byAsset: Map<string, MarketKey[]>
  /** Two-level index so the hot path does not build a key string per trade. */
  byVenue: Map<VenueId, Map<string, MarketState>>
  clockMs: number | null
  shifts: ShiftQueue
}

export function createScoringState(config?: Partial<ScoringConfig>): ScoringState {
  return {
    config: resolveConfig(config),
    markets: new Map(),
    byAsset: new Map(),
    byVenue: new Map(),
    clockMs: null,
    shifts: { pending: [], dropped: 0 },
  }
}

function getMarket(state: ScoringState, venue: VenueId, symbol: string): MarketState {
  let bySymbol = state.byVenue.get(venue)
  if (!bySymbol) state.byVenue.set(venue, (bySymbol = new Map()))
  let m = bySymbol.get(symbol)
  if (m) return m
  const key = marketKey(venue, symbol)
  m = marketCreate(state.config, key, venue, symbol)
  bySymbol.set(symbol, m)
  state.markets.set(key, m)
  const list = state.byAsset.get(m.asset)
  if (list) list.push(key)
  else state.byAsset.set(m.asset, [key])
  return m
}

/**
 * Applies events in order; returns the keys of markets whose snapshot changed. Each touched market is
 * re-evaluated (labels, tags, composites, regime shifts) at most once per `evalIntervalMs` of exchange time.
 */
export function applyEvents(state: ScoringState, events: readonly MarketEvent[]): Set<MarketKey> {
  const touched = new Set<MarketKey>()
  const cfg = state.config
  // Feeds come in runs of one market (a trade burst, a book stream): the previous event's market is
  // reused without the two map look-ups, and a market joins `touched` once per run instead of per event.
  let last: MarketState | null = null
  for (let i = 0; i < events.length; i++) {
    const ev = events[i]!
    let m = last
    if (m === null || m.symbol !== ev.symbol || m.venue !== ev.venue) {
      m = last = getMarket(state, ev.venue, ev.symbol)
      touched.add(m.key)
    }
    marketApply(m, cfg, ev)
    if (state.clockMs === null || ev.exchangeTsMs > state.clockMs) state.clockMs = ev.exchangeTsMs
    const now = state.clockMs
    if (ev.type === 'trade') basisOnTrade(m.basis, ev.exchangeTsMs, ev.price)
    if (
      m.isPerp &&
      (ev.type === 'quote' || ev.type === 'book' || ev.type === 'trade') &&
      basisSampleDue(m.basis, cfg, now) &&
      basisSampleReady(state, cfg, m, now)
    )
      sampleBasis(state, m, now)
    if (m.lastEvalMs === null || now - m.lastEvalMs >= cfg.evalIntervalMs) {
      m.lastEvalMs = now
      evaluateMarket(state, m, now, true)
    }
  }
  return touched
}

/** One basis sample against the paired spot market (any venue), from mids or, lacking them, last trades. */
function sampleBasis(state: ScoringState, m: MarketState, nowMs: number): void {
  const p = basisPricing(state, state.config, m, nowMs)
  basisMaybeSample(m.basis, state.config, nowMs, p.perp, p.spot, p.fromTrades)
}

/**
 * What the market reports now. The evaluation is reused while nothing it reads has changed and the clock has
 * moved less than `snapshotReuseMs` (see evaluation-cache.ts); `evaluatedAtMs` is the time it was evaluated at.
 */
export function snapshotMarket(state: ScoringState, key: MarketKey): MarketSnapshot | null {
  const m = state.markets.get(key)
  if (!m) return null
  const { evaluation: e, evalMs } = snapshotEvaluation(state, m, state.clockMs ?? m.asOfMs ?? 0)
  const evaluatedAtMs = state.clockMs === null ? null : evalMs
  // The last snapshot again when nothing in it changed: a quiet market's snapshot then costs no allocation.
  // Kept only while evaluations are reused: at snapshotReuseMs 0 every snapshot is new and keeping the last
  // would hold every evaluation until the next snapshot, long enough to promote it to the old generation
  // (the one kept from before is left as it is: it is matched again only if reuse comes back).
  const reuse = state.config.snapshotReuseMs > 0
  const prev = reuse ? lastSnapshots.get(m) : undefined
  if (
    prev !== undefined &&
    prev.metrics === e.metrics &&
    prev.labels === e.labels &&
    prev.tags === e.tags &&
    prev.contradictions === e.contradictions &&
    prev.stress === e.lsi &&
    prev.evaluatedAtMs === evaluatedAtMs &&
    prev.asOfMs === m.asOfMs &&
    prev.lastPrice === m.lastPrice &&
    prev.markPrice === (m.markPrice ?? null) &&
    prev.indexPrice === (m.indexPrice ?? null) &&
    prev.eventCount === m.eventCount
  )
    return prev
  const snap: MarketSnapshot = {
    key,
    venue: m.venue,
    symbol: m.symbol,
    asOfMs: m.asOfMs,
    lastPrice: m.lastPrice,
    markPrice: m.markPrice ?? null,
    indexPrice: m.indexPrice ?? null,
    eventCount: m.eventCount,
    metrics: e.metrics,
    labels: e.labels,
    tags: e.tags,
    contradictions: e.contradictions,
    evaluatedAtMs,
    stress: e.lsi,
  }
  if (reuse) lastSnapshots.set(m, snap)
  return snap
}

/** Each market's last snapshot, keyed by its state (a market dropped and created again starts without one). */
const lastSnapshots = new WeakMap<MarketState, MarketSnapshot>()

/** Regime shifts queued since the last drain, oldest first; empties the queue. */
export function drainRegimeShifts(state: ScoringState): RegimeShift[] {
  const out = state.shifts.pending
  state.shifts.pending = []
  return out
}

/** Feeds the liquidation heatmap's estimate for a market (liquidation proximity and its LSI component). */
export function setLiquidationProximity(
  state: ScoringState,
  key: MarketKey,
  input: LiquidationProximityInput | null,
): void {
  const m = state.markets.get(key)
  if (!m) throw new Error(`setLiquidationProximity: unknown market "${key}"`)
  m.liqProximity = input
}

const CHECKPOINT_VERSION = 2

/** A structured-clone-safe checkpoint of the state (plain objects and typed arrays). */
export function exportState(state: ScoringState): unknown {
  return {
    version: CHECKPOINT_VERSION,
    config: state.config,
    markets: [...state.markets.values()],
    clockMs: state.clockMs,
    shifts: state.shifts,
  }
}

export function importState(data: unknown): ScoringState {
  const d = data as {
    version?: unknown
    config?: ScoringConfig
    markets?: MarketState[]
    clockMs?: number | null
    shifts?: ShiftQueue
  }
  if (d?.version !== CHECKPOINT_VERSION || !Array.isArray(d.markets) || typeof d.config !== 'object') {
    throw new Error(
      `unrecognized scoring checkpoint (expected version ${CHECKPOINT_VERSION}, got ${String(d?.version)})`,
    )
  }
  const state = createScoringState(d.config)
  for (const m of d.markets) {
    if (typeof m?.key !== 'string' || typeof m.venue !== 'string' || typeof m.symbol !== 'string') {
      throw new Error('scoring checkpoint: a market entry lacks key/venue/symbol')
    }
    const created = getMarket(state, m.venue, m.symbol)
    Object.assign(created, m)
  }
  state.clockMs = d.clockMs ?? null
  state.shifts = d.shifts ?? { pending: [], dropped: 0 }
  return state
}
