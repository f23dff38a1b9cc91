import { describe, expect, it } from 'vitest'
import type { MarginTier } from '../sizing/tiers'
import { flatTier } from '../sizing/tiers'
import type { HeatmapConfigInput } from './heatmap-config'
import type { FixtureBar } from './heatmap-fixtures'
import { fixtureEvents, flat } from './heatmap-fixtures'
import { sideUsdBetween } from './heatmap-query'
import type { HeatmapState } from './heatmap-state'
import { applyHeatmapEvent, createHeatmapState, flushHeatmapBar } from './heatmap-state'
import { cellOf, cellPrice, cellUsd, layerOf, SIDE_LONG, SIDE_SHORT } from './price-grid'

// Flat tier, mmr 0 and cum 0: an L-x long opened at E liquidates at E(1 − 1/L), a short at E(1 + 1/L).
// Cells are 1 % of the first price 100 = 1.0 wide; no decay. Bar 1 adds 10 contracts at a typical price of
// 100 = 1,000 USD, no taker volume: 500 USD per side, one level 10x.
function run(bars: FixtureBar[], cfg: Partial<HeatmapConfigInput>, tiers: MarginTier[] = [flatTier(0, 0)]) {
  const s = createHeatmapState({
    tiers,
    cell: { kind: 'pct', fraction: 0.01 },
    decayHalfLifeSec: 1e12,
    levels: [{ leverage: 10, weight: 1 }],
    ...cfg,
  })
  for (const e of fixtureEvents(bars)) applyHeatmapEvent(s, e)
  flushHeatmapBar(s)
  return s
}

const LONG_LOW = layerOf(SIDE_LONG, 0)
const cellAt = (s: HeatmapState, price: number): number => cellUsd(s.grid!, LONG_LOW, cellOf(s.grid!, price))
const near = (s: HeatmapState, side: number, price: number): number =>
  sideUsdBetween(s.grid!, side, [0, 1], price - 0.001, price + 0.001)

describe('heatmap model: entries spread over the bar range', () => {
  // Bar 1: high 102, low 98, close 100, typical price 100. Entries ~ triangular(98, 100, 102), so 10x longs
  // liquidate ~ triangular(88.2, 90, 91.8): width 3.6, mode in the middle. Left CDF (x − 88.2)² / (3.6 × 1.8):
  // F(89) = 0.64 / 6.48 = 0.0987654, F(90) = 0.5. Cells [88, 89) 49.3827 USD, [89, 90) 200.6173, and the
  // mirror image above 90.
  const bars: FixtureBar[] = [flat(100, { oiBase: 1_000 }), { high: 102, low: 98, close: 100, oiBase: 1_010 }]

  it('puts the triangular mass of each cell into it', () => {
    const s = run(bars, { priceSpread: 'triangular', leverageSpread: 0 })
    expect(cellAt(s, 88.5)).toBeCloseTo(49.3827, 3)
    expect(cellAt(s, 89.5)).toBeCloseTo(200.6173, 3)
    expect(cellAt(s, 90.5)).toBeCloseTo(200.6173, 3)
    expect(cellAt(s, 91.5)).toBeCloseTo(49.3827, 3)
    expect(cellAt(s, 87.5)).toBe(0)
    expect(cellAt(s, 92.5)).toBe(0)
    expect(s.stats.placedUsd).toBeCloseTo(1_000, 9)
  })

  it('keeps each cell’s level at the mean of the prices put in it', () => {
    // On [88.2, 89] the density rises linearly from 0: mean 88.2 + 2/3 × 0.8 = 88.7333.
    // On [89, 90] it is ∝ 0.8 + y (y = x − 89): mean = 89 + ∫y(0.8 + y) / ∫(0.8 + y) = 89 + (0.4 + 1/3) / 1.3
    // = 89.5641.
    const s = run(bars, { priceSpread: 'triangular', leverageSpread: 0 })
    const g = s.grid!
    expect(cellPrice(g, [LONG_LOW], cellOf(g, 88.5))).toBeCloseTo(88.7333, 4)
    expect(cellPrice(g, [LONG_LOW], cellOf(g, 89.5))).toBeCloseTo(89.5641, 4)
  })

  it('puts everything at the VWAP with the point spread', () => {
    const s = run(bars, { priceSpread: 'point', leverageSpread: 0 })
    expect(near(s, SIDE_LONG, 90)).toBeCloseTo(500, 9)
    expect(near(s, SIDE_SHORT, 110)).toBeCloseTo(500, 9)
  })
})

describe('heatmap model: a continuous leverage distribution around each level', () => {
  // Spread 0.6 around 10x: margin fraction 0.1 × (1 + 0.6 u), u = −2/3, 0, 2/3 → 0.06, 0.10, 0.14 (16.7x,
  // 10x, 7.1x) with weights 2/9, 5/9, 2/9 of 500 USD. Longs at 100 × (1 − m): 94, 90, 86 → 111.111,
  // 277.778, 111.111; shorts at 100 × (1 + m): 106, 110, 114 alike.
  const bars: FixtureBar[] = [flat(100, { oiBase: 1_000 }), flat(100, { oiBase: 1_010 })]

  it('places each node at its own liquidation price with its share', () => {
    const s = run(bars, { priceSpread: 'triangular', leverageSpread: 0.6 })
    const expected: [number, number, number][] = [
      [94, 106, 111.111],
      [90, 110, 277.778],
      [86, 114, 111.111],
    ]
    for (const [longAt, shortAt, usd] of expected) {
      expect(near(s, SIDE_LONG, longAt)).toBeCloseTo(usd, 3)
      expect(near(s, SIDE_SHORT, shortAt)).toBeCloseTo(usd, 3)
    }
  })

  it('caps nodes at what the tier allows', () => {
    // A tier allowing 12x: the 16.7x node sits at 12x, long 100 × (1 − 1/12) = 91.6667: 111.111 USD.
    const capped: MarginTier = { ...flatTier(0, 0), maxLeverage: 12 }
    const s = run(bars, { leverageSpread: 0.6 }, [capped])
    expect(near(s, SIDE_LONG, 100 * (1 - 1 / 12))).toBeCloseTo(111.111, 3)
    expect(near(s, SIDE_LONG, 94)).toBe(0)
    expect(near(s, SIDE_LONG, 90)).toBeCloseTo(277.778, 3)
  })

  it('sweeps spread levels like any other when a wick reaches them', () => {
    // A low of 89.9 removes the 94 and 90 nodes' longs (111.111 + 277.778 = 388.889 USD), keeps 86.
    const s = run([...bars, { high: 100, low: 89.9, close: 95 }], { leverageSpread: 0.6 })
    expect(s.stats.sweptLongUsd).toBeCloseTo(388.889, 3)
    expect(sideUsdBetween(s.grid!, SIDE_LONG, [0, 1], 0, 1_000)).toBeCloseTo(111.111, 3)
  })
})
