import { describe, expect, it } from 'vitest'
import { flatTier } from '../sizing/tiers'
import { exportHeatmapState, importHeatmapState } from './heatmap-checkpoint'
import type { FixtureBar } from './heatmap-fixtures'
import { FIXTURE_START_MS, fixtureEvents, flat } from './heatmap-fixtures'
import { liquidatedByMove, liquidationProximity, proximityInput } from './heatmap-query'
import type { HeatmapState } from './heatmap-state'
import { applyHeatmapEvent, createHeatmapState, flushHeatmapBar } from './heatmap-state'
import { heatmapView, NO_OI_REASON } from './heatmap-view'

// mmr 0, cum 0 (see heatmap-state.test.ts): long E(1 − 1/L), short E(1 + 1/L). Cells 0.5 wide (0.5 % of 100).
// Levels 10x 20 %, 25x 30 %, 50x 30 %, 100x 20 %. Bar 1 opens 10 contracts at 100 = 1,000 USD, no taker
// volume so 50/50: per side 500 → 10x 100, 25x 150, 50x 150, 100x 100.
// Longs at 90, 96, 98, 99; shorts at 110, 104, 102, 101. Bar 2 closes at 99.8 with a low of 99.8 (no sweep).
const LEVELS = [
  { leverage: 10, weight: 0.2 },
  { leverage: 25, weight: 0.3 },
  { leverage: 50, weight: 0.3 },
  { leverage: 100, weight: 0.2 },
]

function mapState(): HeatmapState {
  return createHeatmapState({
    tiers: [flatTier(0, 0)],
    cell: { kind: 'pct', fraction: 0.005 },
    decayHalfLifeSec: 1e12,
    levels: LEVELS,
    priceSpread: 'point',
    leverageSpread: 0,
    snapshotEveryBars: 2,
  })
}

const BARS: FixtureBar[] = [
  flat(100, { oiBase: 1_000 }),
  flat(100, { oiBase: 1_010 }),
  { high: 100, low: 99.8, close: 99.8, oiBase: 1_010 },
]

function built(bars = BARS): HeatmapState {
  const s = mapState()
  for (const e of fixtureEvents(bars)) applyHeatmapEvent(s, e)
  flushHeatmapBar(s)
  return s
}

describe('scenarios and clusters', () => {
  it('sums USD liquidated along each move by side, with the clusters crossed', () => {
    const v = heatmapView(built(), { tiers: 'all' })
    const sc = v.current!.scenarios
    // −1 %: 99.8 × 0.99 = 98.802 → longs at ≥ 98.802: 99 (100)
    // −2 %: 97.804 → 99 + 98 = 100 + 150 = 250
    // +1 %: 100.798 → no short at ≤ 100.798 (the nearest is 101): 0
    // +2 %: 101.796 → 101: 100
    expect(sc.map((r) => r.movePct)).toEqual([-2, -1, 1, 2])
    expect(sc[0]!.longsLiquidatedUsd).toBeCloseTo(250, 6)
    expect(sc[1]!.longsLiquidatedUsd).toBeCloseTo(100, 6)
    expect(sc[2]!.shortsLiquidatedUsd).toBe(0)
    expect(sc[3]!.shortsLiquidatedUsd).toBeCloseTo(100, 6)
    expect(sc[0]!.shortsLiquidatedUsd).toBe(0)
    // every cell is ≥ 20 % of the largest (150): each level is its own cluster; −2 % crosses 98 and 99
    expect(sc[0]!.clustersCrossed.map((c) => Math.round(c.price * 1e9) / 1e9)).toEqual([98, 99])
    expect(sc[3]!.clustersCrossed.map((c) => [Math.round(c.price * 1e9) / 1e9, c.positionSide])).toEqual([
      [101, 'short'],
    ])
  })

  it('answers a move of any size exactly from the current levels', () => {
    const cur = heatmapView(built(), { tiers: 'all' }).current!
    // Levels as built: longs 90 (100), 96 (150), 98 (150), 99 (100); shorts 101 (100), 102 (150), 104 (150),
    // 110 (100).
    expect(cur.curves!.long.price.map((p) => Math.round(p * 1e9) / 1e9)).toEqual([90, 96, 98, 99])
    expect(cur.curves!.short.usd.map((u) => Math.round(u * 1e6) / 1e6)).toEqual([100, 150, 150, 100])
    // −3 %: 99.8 × 0.97 = 96.806 → 98 + 99 = 250; −3.9 %: 95.9078 → + 96 = 400; +2.5 %: 102.295 → 101 + 102
    expect(liquidatedByMove(cur.curves!, 99.8, -3)!.usd).toBeCloseTo(250, 6)
    expect(liquidatedByMove(cur.curves!, 99.8, -3.9)!.usd).toBeCloseTo(400, 6)
    expect(liquidatedByMove(cur.curves!, 99.8, 2.5)!.usd).toBeCloseTo(250, 6)
    // the ±1 / ±2 % rows are the same query
    for (const row of cur.scenarios) {
      const r = liquidatedByMove(cur.curves!, cur.price!, row.movePct)!
      expect(r.usd).toBeCloseTo(row.longsLiquidatedUsd + row.shortsLiquidatedUsd, 9)
    }
  })

  it('gives the nearest clusters and the USD within ±1 % / ±2 %', () => {
    const cur = heatmapView(built(), { tiers: 'all' }).current!
    expect(cur.price).toBe(99.8)
    // above: short at 101, (101 / 99.8 − 1) × 100 = 1.2024 %; below: long at 99, −0.8016 %
    expect(cur.nearestAbove!.price).toBeCloseTo(101, 9)
    expect(cur.nearestAbove!.distancePct).toBeCloseTo(1.2024, 4)
    expect(cur.nearestBelow!.usd).toBeCloseTo(100, 6)
    expect(cur.nearestBelow!.distancePct).toBeCloseTo(-0.8016, 4)
    // ±1 % = [98.802, 100.798]: 99 (100). ±2 % = [97.804, 101.796]: 99 + 98 + 101 = 350
    expect(cur.within1PctUsd).toBeCloseTo(100, 6)
    expect(cur.within2PctUsd).toBeCloseTo(350, 6)
  })

  it('gives the current map per row split by leverage group, whatever the tier filter', () => {
    // Rows of 0.5 from 89 (cell 178): 90 is row 2 (10x, low: 100 USD), 96 row 14 (25x, high: 150),
    // 110 row 42 (10x short, low: 100), 101 row 24 (100x short, high: 100).
    const lv = heatmapView(built(), { tiers: 'high', priceRange: { lo: 89, hi: 111 } }).current!.levels!
    expect(lv.longLow[2]).toBeCloseTo(100, 6)
    expect(lv.longHigh[14]).toBeCloseTo(150, 6)
    expect(lv.shortLow[42]).toBeCloseTo(100, 6)
    expect(lv.shortHigh[24]).toBeCloseTo(100, 6)
    expect(lv.longLow.reduce((a, b) => a + b, 0) + lv.longHigh.reduce((a, b) => a + b, 0)).toBeCloseTo(500, 6)
  })

  it('breaks the map down by leverage group', () => {
    // low (10x) holds only 90 and 110, both beyond ±2 %
    const low = heatmapView(built(), { tiers: 'low' }).current!
    expect(low.within2PctUsd).toBe(0)
    expect(low.scenarios[0]!.longsLiquidatedUsd).toBe(0)
    const high = heatmapView(built(), { tiers: 'high' }).current!
    expect(high.within2PctUsd).toBeCloseTo(350, 6)
  })

  it('feeds the scoring engine: distances, USD near the price, share of the map within ±2 %', () => {
    const p = liquidationProximity(built())!
    expect(p.nearestAbovePct).toBeCloseTo(1.2024, 4)
    expect(p.nearestBelowPct).toBeCloseTo(0.8016, 4)
    expect(p.within1PctUsd).toBeCloseTo(100, 6)
    // 350 of 1,000 on the map
    expect(p.clusterDensity).toBeCloseTo(0.35, 9)
    const input = proximityInput(built())!
    expect(input.nearestAbovePrice).toBeCloseTo(101, 9)
    expect(input.usdWithin2Pct).toBeCloseTo(350, 6)
    // the last bar opened at start + 2 min and closed a minute later
    expect(input.asOfMs).toBe(FIXTURE_START_MS + 3 * 60_000)
  })
})

describe('heatmap view', () => {
  it('says why there is no map when the data has no open interest', () => {
    const v = heatmapView(built([flat(100), flat(101)]), { tiers: 'all' })
    expect(v.unavailableReason).toBe(NO_OI_REASON)
    expect(v.current).toBeNull()
    expect(liquidationProximity(built([flat(100), flat(101)]))).toBeNull()
  })

  it('lays cells out column-major over the requested price window', () => {
    // window 95..105 → cells 190..210 (0.5 wide) = 21 rows from 95.0; long 96 → row 2, short 104 → row 18
    const v = heatmapView(built(), { tiers: 'all', priceRange: { lo: 95, hi: 105 } })
    expect(v.rows).toBe(21)
    expect(v.priceLo).toBe(95)
    expect(v.priceStep).toBe(0.5)
    // columns: bars 0, 1, 2 (bar 0 has no positions yet)
    expect(v.columns).toEqual([0, 1, 2].map((k) => (FIXTURE_START_MS + k * 60_000) / 1000))
    const at = (arr: number[], c: number, r: number) => arr[c * v.rows + r]!
    expect(at(v.longUsd, 0, 2)).toBe(0)
    expect(at(v.longUsd, 1, 2)).toBeCloseTo(150, 6)
    expect(at(v.shortUsd, 2, 18)).toBeCloseTo(150, 6)
    expect(v.maxCellUsd).toBeCloseTo(150, 6)
  })

  it('samples a long span down to maxColumns, keeping the latest bar, and rebuilds past columns', () => {
    // bars 3–5 sweep the long at 99 (low 98.9), then shrink OI by half (1,010 → 505)
    const bars: FixtureBar[] = [
      ...BARS,
      { high: 99.8, low: 98.9, close: 99.5, oiBase: 1_010 },
      flat(99.5, { oiBase: 505 }),
      flat(99.5, { oiBase: 505 }),
    ]
    const v = heatmapView(built(bars), { tiers: 'all', maxColumns: 3, priceRange: { lo: 95, hi: 105 } })
    // 6 bars into 3 columns: stride 2, columns 5, 3, 1 (oldest first)
    expect(v.resolutionSec).toBe(120)
    expect(v.columns).toEqual([1, 3, 5].map((k) => (FIXTURE_START_MS + k * 60_000) / 1000))
    // row of 98 = (98 − 95) / 0.5 = 6; of 99 = 8. Column 1: 150 and 100; column 3: 150 and 0 (swept);
    // column 5: 150 × 0.5 = 75
    const at = (c: number, r: number) => v.longUsd[c * v.rows + r]!
    expect([at(0, 6), at(0, 8)].map((x) => Math.round(x * 1e6) / 1e6)).toEqual([150, 100])
    expect(at(1, 8)).toBe(0)
    expect(at(1, 6)).toBeCloseTo(150, 6)
    expect(at(2, 6)).toBeCloseTo(75, 6)
  })

  it('selects a time window', () => {
    const v = heatmapView(built(), {
      tiers: 'all',
      fromTsMs: FIXTURE_START_MS + 60_000,
      toTsMs: FIXTURE_START_MS + 60_000,
    })
    expect(v.columns).toEqual([(FIXTURE_START_MS + 60_000) / 1000])
  })
})

describe('checkpoints', () => {
  it('survives a structured clone and carries on exactly like the uninterrupted state', () => {
    const events = fixtureEvents([
      ...BARS,
      { high: 99.8, low: 98.9, close: 99.5, oiBase: 1_020 },
      flat(99.5, { oiBase: 700 }),
    ])
    const cut = 7
    const whole = mapState()
    for (const e of events) applyHeatmapEvent(whole, e)
    flushHeatmapBar(whole)
    const first = mapState()
    for (const e of events.slice(0, cut)) applyHeatmapEvent(first, e)
    const resumed = importHeatmapState(structuredClone(exportHeatmapState(first)))
    for (const e of events.slice(cut)) applyHeatmapEvent(resumed, e)
    flushHeatmapBar(resumed)
    const opts = { tiers: 'all' as const, priceRange: { lo: 85, hi: 115 } }
    expect(heatmapView(resumed, opts)).toEqual(heatmapView(whole, opts))
  })

  it('rejects what is not a heatmap checkpoint', () => {
    expect(() => importHeatmapState({ version: 99 })).toThrow(/unrecognized heatmap checkpoint/)
  })
})
