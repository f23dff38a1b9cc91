import type { LiquidationEvent, MarketEvent } from '../market-event'
import { marketKey } from '../market-event'
import { findClusters } from './heatmap-query'
import type { HeatmapState } from './heatmap-state'
import { advanceHeatmapClock, referencePrice } from './heatmap-state'
import type { MapFeed } from './map-feed'
import { cellOf, layerOf, SIDE_LONG, SIDE_SHORT } from './price-grid'

/**
 * How well the estimate foresaw realized liquidations. Each realized liquidation is scored against the map
 * as it stood at the last closed bar before it (no look-ahead), on the same side (a long liquidation
 * against the long map):
 * - lift: Σ USD that fell in a "dense" cell / Σ USD × the dense share of the cells in the evaluated range.
 *   A uniform map (every cell alike) would score 1; dense = the top `denseShare` of non-empty cells by USD
 *   within ±`rangePct` of the price.
 * - hit rate: share of liquidations (and of their USD) within ±`hitPct` of one of the side's `topN`
 *   largest clusters, beside what `topN` prices drawn uniformly from the range would hit.
 */
export interface HeatmapCheckOptions {
  rangePct: number
  denseShare: number
  topN: number
  hitPct: number
}

export const DEFAULT_CHECK_OPTIONS: HeatmapCheckOptions = {
  rangePct: 5,
  denseShare: 0.2,
  topN: 5,
  hitPct: 0.5,
}

export interface MarketCheck {
  key: string
  liquidations: number
  liquidationUsd: number
  /** Liquidations with no map to judge them by (no OI or price yet, or an empty side). */
  noMap: number
  outsideRange: number
  evaluated: number
  evaluatedUsd: number
  capturedUsd: number
  uniformExpectedUsd: number
  lift: number | null
  hits: number
  hitUsd: number
  hitRate: number | null
  hitRateUsd: number | null
  uniformHitRate: number | null
}

function emptyCheck(key: string): MarketCheck {
  return {
    key,
    liquidations: 0,
    liquidationUsd: 0,
    noMap: 0,
    outsideRange: 0,
    evaluated: 0,
    evaluatedUsd: 0,
    capturedUsd: 0,
    uniformExpectedUsd: 0,
    lift: null,
    hits: 0,
    hitUsd: 0,
    hitRate: null,
    hitRateUsd: null,
    uniformHitRate: null,
  }
}

interface Tally {
  check: MarketCheck
  uniformHitSum: number
}

function score(state: HeatmapState, e: LiquidationEvent, opts: HeatmapCheckOptions, t: Tally): void {
  const c = t.check
  const g = state.grid
  const price = referencePrice(state)
  if (!g || price === null || state.prevOi === null) return void c.noMap++
  const lo = price * (1 - opts.rangePct / 100)
  const hi = price * (1 + opts.rangePct / 100)
  if (e.price < lo || e.price > hi) return void c.outsideRange++
  const side = e.positionSide === 'long' ? SIDE_LONG : SIDE_SHORT
  const from = cellOf(g, lo)
  const to = cellOf(g, hi)
  const values: number[] = []
  for (let cell = from; cell <= to; cell++) {
    const i = cell - g.lo
    let raw = 0
    if (i >= 0 && i < g.capacity)
      for (let group = 0; group < 2; group++) raw += (g.usd[layerOf(side, group)] as Float64Array)[i]!
    values.push(raw)
  }
  const filled = values.filter((v) => v > 0).sort((a, b) => b - a)
  if (filled.length === 0) return void c.noMap++
  const threshold = filled[Math.max(0, Math.ceil(filled.length * opts.denseShare) - 1)]!
  const denseCells = filled.filter((v) => v >= threshold).length
  const own = values[cellOf(g, e.price) - from]!
  c.evaluated++
  c.evaluatedUsd += e.usd
  if (own >= threshold && own > 0) c.capturedUsd += e.usd
  c.uniformExpectedUsd += e.usd * (denseCells / values.length)
  const top = findClusters(state, 'all')
    .filter((k) => k.positionSide === e.positionSide)
    .sort((a, b) => b.usd - a.usd)
    .slice(0, opts.topN)
  if (top.some((k) => Math.abs(k.price / e.price - 1) <= opts.hitPct / 100)) {
    c.hits++
    c.hitUsd += e.usd
  }
  // The chance that `top.length` uniform prices in [lo, hi] land within ±hitPct of this liquidation.
  const w = Math.min(1, (2 * e.price * opts.hitPct) / 100 / (hi - lo))
  t.uniformHitSum += 1 - Math.pow(1 - w, top.length)
}

/**
 * Runs an event stream through the feed (the scoring pipeline) and scores each realized liquidation against
 * its market's map just before the liquidation is applied: the events before it are pushed first, then the
 * map's clock is advanced to the liquidation's time (closing every bar that ended before it).
 */
export function runHeatmapCheck(
  events: Iterable<MarketEvent>,
  feed: MapFeed,
  opts: HeatmapCheckOptions = DEFAULT_CHECK_OPTIONS,
): { markets: MarketCheck[]; states: Map<string, HeatmapState>; unmodelled: string[] } {
  const seen = new Set<string>()
  const tallies = new Map<string, Tally>()
  const pending: MarketEvent[] = []
  const flush = (): void => {
    if (pending.length > 0) feed.push(pending.splice(0))
  }
  for (const e of events) {
    const key = marketKey(e.venue, e.symbol)
    seen.add(key)
    if (e.type === 'liquidation') {
      flush()
      let t = tallies.get(key)
      if (!t) tallies.set(key, (t = { check: emptyCheck(key), uniformHitSum: 0 }))
      t.check.liquidations++
      t.check.liquidationUsd += e.usd
      const s = feed.state(key)
      if (s) {
        advanceHeatmapClock(s, e.exchangeTsMs)
        score(s, e, opts, t)
      } else t.check.noMap++
    }
    // Batches of ordinary events between liquidations go through the pipeline together.
    pending.push(e)
    if (pending.length >= 4096) flush()
  }
  flush()
  const markets = [...tallies.values()].map(({ check: c, uniformHitSum }) => ({
    ...c,
    lift: c.uniformExpectedUsd > 0 ? c.capturedUsd / c.uniformExpectedUsd : null,
    hitRate: c.evaluated > 0 ? c.hits / c.evaluated : null,
    hitRateUsd: c.evaluatedUsd > 0 ? c.hitUsd / c.evaluatedUsd : null,
    uniformHitRate: c.evaluated > 0 ? uniformHitSum / c.evaluated : null,
  }))
  const modelled = feed.states()
  const unmodelled = [...seen].filter((k) => !modelled.has(k)).sort()
  return { markets: markets.sort((a, b) => a.key.localeCompare(b.key)), states: modelled, unmodelled }
}
