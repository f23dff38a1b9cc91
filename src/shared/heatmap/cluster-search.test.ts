import { describe, expect, it } from 'vitest'
import { flatTier } from '../sizing/tiers'
import { findClusters, nearestClusterPair } from './cluster-search'
import type { HeatmapState } from './heatmap-state'
import { createHeatmapState } from './heatmap-state'
import { addLevel, createGrid, SIDE_LONG, sweep } from './price-grid'

// Cells 1 wide; layers: 0 long low, 1 long high, 2 short low, 3 short high leverage. A cluster is a run of one
// side's cells holding ≥ 20 % (the default share) of the largest side-cell, priced at its USD-weighted mean.
function map(price: number): HeatmapState {
  const s = createHeatmapState({ tiers: [flatTier(0, 0)] })
  s.grid = createGrid(1, 100)
  s.lastPrice = price
  return s
}

describe('nearest clusters searched from the price outwards', () => {
  it('finds the run holding the price cell and the first run past it, as the full search does', () => {
    const s = map(100.5)
    const g = s.grid!
    addLevel(g, 0, 95.5, 1000) // longs 95.5 and 96.5: one run, (1000 × 95.5 + 500 × 96.5) / 1500
    addLevel(g, 0, 96.5, 500)
    addLevel(g, 1, 90.5, 100) // below 20 % of the 1,000 peak: no cluster
    addLevel(g, 2, 100.2, 300) // shorts in the price's own cell, under the price
    addLevel(g, 3, 104.25, 200)
    expect(g.peakRaw).toBe(1000)
    const near = nearestClusterPair(s)
    expect(near.below).toMatchObject({ price: 100.2, usd: 300, positionSide: 'short' })
    expect(near.above).toMatchObject({ price: 104.25, usd: 200, positionSide: 'short' })
    expect(findClusters(s, 'all').map((c) => [c.price, c.usd])).toEqual([
      [143_750 / 1500, 1500],
      [100.2, 300],
      [104.25, 200],
    ])
  })

  it('measures the threshold again after a sweep clears the peak cell', () => {
    const s = map(99)
    const g = s.grid!
    addLevel(g, 0, 95.5, 1000)
    addLevel(g, 1, 90.5, 100)
    addLevel(g, 2, 100.2, 300)
    sweep(g, SIDE_LONG, 95, () => {}) // the wick reaches the 95.5 longs: the peak is now the 300 shorts
    const near = nearestClusterPair(s)
    // 100 ≥ 20 % of 300: the 90.5 longs are a cluster now (against the stale peak of 1,000 they were not).
    expect(near.below).toMatchObject({ price: 90.5, usd: 100, positionSide: 'long' })
    expect(near.above).toMatchObject({ price: 100.2, usd: 300 })
    expect(g.peakRaw).toBe(300)
  })

  it('takes the long cluster when a long and a short one share a price, as the sorted list does', () => {
    const s = map(100)
    addLevel(s.grid!, 2, 97.5, 400)
    addLevel(s.grid!, 0, 97.5, 500)
    expect(nearestClusterPair(s).below).toMatchObject({ price: 97.5, usd: 500, positionSide: 'long' })
  })

  it('finds clusters from a price above the grid and from one far below every cluster', () => {
    const s = map(10_000)
    addLevel(s.grid!, 0, 95.5, 1000)
    addLevel(s.grid!, 3, 120.5, 400)
    expect(nearestClusterPair(s)).toMatchObject({ above: null, below: { price: 120.5, usd: 400 } })
    s.lastPrice = 1
    expect(nearestClusterPair(s)).toMatchObject({ above: { price: 95.5, usd: 1000 }, below: null })
  })
})
