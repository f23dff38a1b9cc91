import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { HeatmapState } from '../../../shared/heatmap'
import { applyCoreEvents, createRadarCore } from '../../../shared/radar-core'
import type { LiquidationProximityInput } from '../../../shared/scoring/market-state'
import { SessionBatcher } from '../sessions/session-batcher'
import { SessionReader } from '../sessions/session-reader'
import { bundledTiersLookup } from './tiers-lookup'

const SAMPLES = resolve(__dirname, '../../../../resources/samples')

/** Σ USD of both sides whose level (a cell layer's USD-weighted mean price) is within ±pct % of `price`. */
function usdWithin(hm: HeatmapState, price: number, pct: number): number {
  const g = hm.grid!
  const lo = price * (1 - pct / 100)
  const hi = price * (1 + pct / 100)
  const from = Math.max(Math.floor(lo / g.cellSize), g.lo)
  const to = Math.min(Math.floor(hi / g.cellSize), g.lo + g.capacity - 1)
  // Each side in USD, then the two added (the order the map's own sums take).
  let usd = 0
  for (let side = 0; side < 2; side++) {
    let raw = 0
    for (let cell = from; cell <= to; cell++)
      for (let group = 0; group < 2; group++) {
        const l = side * 2 + group
        const u = g.usd[l]![cell - g.lo]!
        if (u === 0) continue
        const p = g.usdPx[l]![cell - g.lo]! / u
        if (p >= lo && p <= hi) raw += u
      }
    usd += raw * g.scale
  }
  return usd
}

/**
 * The proximity searched afresh over every cell of the map, written out from the definition: clusters are
 * maximal runs of one side's cells holding at least `clusterMinShareOfMax` of the largest side-cell (both
 * leverage groups), priced at their USD-weighted mean; the nearest above and below the reference price count.
 */
function freshProximity(hm: HeatmapState): LiquidationProximityInput | null {
  const g = hm.grid
  const price = hm.lastMark ?? hm.lastPrice
  if (!g || price === null || hm.prevOi === null || hm.lastPriceTsMs === null) return null
  const u = (side: number, i: number): number => g.usd[side * 2]![i]! + g.usd[side * 2 + 1]![i]!
  const px = (side: number, i: number): number => g.usdPx[side * 2]![i]! + g.usdPx[side * 2 + 1]![i]!
  let max = 0
  for (let i = 0; i < g.capacity; i++) max = Math.max(max, u(0, i), u(1, i))
  const clusters: { price: number; usd: number }[] = []
  if (max > 0) {
    for (let side = 0; side < 2; side++) {
      let runU = 0
      let runPx = 0
      for (let i = 0; i <= g.capacity; i++) {
        if (i < g.capacity && u(side, i) >= max * hm.cfg.clusterMinShareOfMax) {
          runU += u(side, i)
          runPx += px(side, i)
        } else if (runU > 0) {
          clusters.push({ price: runPx / runU, usd: runU * g.scale })
          runU = runPx = 0
        }
      }
    }
  }
  // Longs were listed first: on equal prices the long cluster is the nearest.
  const above = clusters.filter((c) => c.price > price).sort((a, b) => a.price - b.price)[0] ?? null
  const below = clusters.filter((c) => c.price < price).sort((a, b) => b.price - a.price)[0] ?? null
  return {
    asOfMs: hm.lastPriceTsMs,
    nearestAbovePrice: above?.price ?? null,
    nearestAboveUsd: above?.usd ?? null,
    nearestBelowPrice: below?.price ?? null,
    nearestBelowUsd: below?.usd ?? null,
    usdWithin1Pct: usdWithin(hm, price, 1),
    usdWithin2Pct: usdWithin(hm, price, 2),
  }
}

/**
 * The core sets a market's proximity again only after its heatmap closed a bar, and finds the nearest
 * clusters from the price outwards with a peak the grid keeps as cells change. After every batch of a
 * bundled session, each market's proximity must equal the one searched afresh over the whole map.
 */
function checkEveryBatch(file: string, fraction: number): { batches: number; checks: number; set: number } {
  const core = createRadarCore({ tiersFor: bundledTiersLookup() })
  const reader = SessionReader.open(resolve(SAMPLES, file))
  const span = reader.span
  const until = span.startTsMs! + fraction * span.spanMs
  const batcher = new SessionBatcher(reader.events())
  let batches = 0
  let checks = 0
  let set = 0
  for (let b = batcher.next(); b && b.bucketEndTsMs - batcher.batchMs < until; b = batcher.next()) {
    applyCoreEvents(core, b.events)
    batches++
    for (const [key, hm] of core.heatmaps) {
      const m = core.scoring.markets.get(key)!
      expect(m.liqProximity, `${key} after batch ${batches}`).toEqual(freshProximity(hm))
      checks++
      if (m.liqProximity !== null) set++
    }
  }
  reader.close()
  return { batches, checks, set }
}

describe('heatmap proximity reuse', { timeout: 120_000 }, () => {
  it('equals a fresh cluster search after every batch of the first days of the bars week', () => {
    const r = checkEveryBatch('binance-futures-metrics-2024-05-09-week.radar', 0.3)
    expect(r.checks).toBeGreaterThan(100)
    // Most checks compare a real estimate, not two nulls.
    expect(r.set).toBeGreaterThan(r.checks / 2)
  })

  it('equals a fresh cluster search after every batch of a live trade recording (1-minute bars)', () => {
    const r = checkEveryBatch('binance-btc-eth-2024-08-08.radar', 1)
    expect(r.checks).toBeGreaterThan(100)
  })
})
