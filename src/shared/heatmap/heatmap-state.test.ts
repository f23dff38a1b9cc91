import { describe, expect, it } from 'vitest'
import { flatTier } from '../sizing/tiers'
import type { MarketEvent } from '../market-event'
import type { HeatmapConfigInput } from './heatmap-config'
import type { FixtureBar } from './heatmap-fixtures'
import { FIXTURE_START_MS, fixtureEvents, flat } from './heatmap-fixtures'
import { liquidationProximity, sideUsdBetween } from './heatmap-query'
import type { HeatmapState } from './heatmap-state'
import { applyHeatmapEvent, createHeatmapState, flushHeatmapBar, referencePrice } from './heatmap-state'
import { SIDE_LONG, SIDE_SHORT } from './price-grid'

// Flat tier with mmr 0 and cum 0: an isolated L-x position opened at E liquidates at E(1 − 1/L) long and
// E(1 + 1/L) short (margin N/L exactly exhausted), so every expected price below is plain arithmetic.
// Cells are 0.5 % of the first price 100 = 0.5 wide. These tests place each level at one point (no price or
// leverage spread); heatmap-spread.test.ts covers the spread. Decay is off unless a test sets it (half-life 10^12 s).
function run(bars: FixtureBar[], cfg: Partial<HeatmapConfigInput> = {}): HeatmapState {
  const s = createHeatmapState({
    tiers: [flatTier(0, 0)],
    cell: { kind: 'pct', fraction: 0.005 },
    decayHalfLifeSec: 1e12,
    levels: [{ leverage: 10, weight: 1 }],
    priceSpread: 'point',
    leverageSpread: 0,
    ...cfg,
  })
  for (const e of fixtureEvents(bars)) applyHeatmapEvent(s, e)
  flushHeatmapBar(s)
  return s
}

const near = (s: HeatmapState, side: number, price: number): number =>
  sideUsdBetween(s.grid!, side, [0, 1], price - 0.01, price + 0.01)

// Bar 0 sets the OI baseline (1,000 contracts); bar 1 adds 10 contracts at a typical price of 100:
// dOI = 10 × 100 = 1,000 USD.
const opened = (extra: Partial<FixtureBar> = {}): FixtureBar[] => [
  flat(100, { oiBase: 1_000 }),
  flat(100, { oiBase: 1_010, takerBuyBase: 3, takerSellBase: 1, ...extra }),
]

describe('heatmap model: placement', () => {
  it('splits new notional by the taker buy/sell ratio', () => {
    // buy share 3 / (3 + 1) = 0.75: longs 750 USD at 100 × 0.9 = 90, shorts 250 USD at 100 × 1.1 = 110
    const s = run(opened())
    expect(near(s, SIDE_LONG, 90)).toBeCloseTo(750, 6)
    expect(near(s, SIDE_SHORT, 110)).toBeCloseTo(250, 6)
    expect(s.stats.splitFromTakerVolume).toBe(1)
  })

  it('splits 50/50 when the bar has no taker volume, and counts it', () => {
    const s = run([flat(100, { oiBase: 1_000 }), flat(100, { oiBase: 1_010 })])
    expect(near(s, SIDE_LONG, 90)).toBeCloseTo(500, 6)
    expect(near(s, SIDE_SHORT, 110)).toBeCloseTo(500, 6)
    expect(s.stats.splitEven).toBe(1)
  })

  it('uses the USD reading when the data has no contract count', () => {
    // oiUsd 100,000 → 100,800: 800 USD new, 50/50 → 400 each side
    const s = run([flat(100, { oiUsd: 100_000 }), flat(100, { oiUsd: 100_800 })])
    expect(near(s, SIDE_LONG, 90)).toBeCloseTo(400, 6)
  })

  it('spreads a bar over the leverage levels by weight', () => {
    // 1,000 USD, 50/50, 10x 40 % / 50x 60 %: longs 200 at 90 and 300 at 100 × 0.98 = 98
    const s = run([flat(100, { oiBase: 1_000 }), flat(100, { oiBase: 1_010 })], {
      levels: [
        { leverage: 10, weight: 0.4 },
        { leverage: 50, weight: 0.6 },
      ],
    })
    expect(near(s, SIDE_LONG, 90)).toBeCloseTo(200, 6)
    expect(near(s, SIDE_LONG, 98)).toBeCloseTo(300, 6)
    expect(near(s, SIDE_SHORT, 102)).toBeCloseTo(300, 6)
  })

  it('keeps realized liquidations apart from the estimate', () => {
    const s = createHeatmapState({ tiers: [flatTier(0, 0)] })
    applyHeatmapEvent(s, {
      venue: 'binanceusdm',
      symbol: 'TEST/USDT:USDT',
      exchangeTsMs: 1,
      receiveTsMs: 1,
      type: 'liquidation',
      positionSide: 'long',
      price: 95,
      qtyBase: 2,
      usd: 190,
    })
    expect(s.realized).toEqual([{ tsMs: 1, price: 95, usd: 190, positionSide: 'long' }])
    expect(s.grid).toBeNull()
  })
})

describe('heatmap model: removal', () => {
  it('removes longs when the bar low reaches their level, not before', () => {
    // longs at 90: a low of 90.4 leaves them, a low of exactly 90 takes all 750
    const s1 = run([...opened(), { high: 100, low: 90.4, close: 95 }])
    expect(near(s1, SIDE_LONG, 90)).toBeCloseTo(750, 6)
    const s2 = run([...opened(), { high: 100, low: 90.4, close: 95 }, { high: 95, low: 90, close: 93 }])
    expect(near(s2, SIDE_LONG, 90)).toBe(0)
    expect(s2.stats.sweptLongUsd).toBeCloseTo(750, 6)
    expect(near(s2, SIDE_SHORT, 110)).toBeCloseTo(250, 6)
  })

  it('removes shorts when the high reaches their level', () => {
    const s = run([...opened(), { high: 110.2, low: 100, close: 108 }])
    expect(near(s, SIDE_SHORT, 110)).toBe(0)
    expect(s.stats.sweptShortUsd).toBeCloseTo(250, 6)
    expect(near(s, SIDE_LONG, 90)).toBeCloseTo(750, 6)
  })

  it('judges the touch by the mark where the bar has marks', () => {
    // candle low 89 would reach 90, but the mark only went to 95: no liquidation by mark
    const s = run([...opened(), { high: 100, low: 89, close: 96, marks: [97, 95, 96] }])
    expect(near(s, SIDE_LONG, 90)).toBeCloseTo(750, 6)
  })

  it('does not let a forced fill printed as a trade (insurance fund, ADL) sweep the map', () => {
    // Bar 2 trades at 99 and 98; a fill at 89.5 followed by a liquidation of the same time, price and size is
    // the venue's liquidation engine: the wick stays at 98 and the longs at 90 stay. The same fill without
    // its liquidation event is an ordinary trade and takes them.
    const t = FIXTURE_START_MS + 2 * 60_000
    const base = { venue: 'binanceusdm', symbol: 'TEST/USDT:USDT' } as const
    const trade = (dt: number, price: number, takerSide: 'buy' | 'sell'): MarketEvent => ({
      ...base,
      exchangeTsMs: t + dt,
      receiveTsMs: t + dt,
      type: 'trade',
      price,
      qtyBase: 2,
      takerSide,
      tradeId: String(dt),
    })
    const forced: MarketEvent = {
      ...base,
      exchangeTsMs: t + 3_000,
      receiveTsMs: t + 3_000,
      type: 'liquidation',
      positionSide: 'long',
      price: 89.5,
      qtyBase: 2,
      usd: 179,
    }
    const tape = [trade(1_000, 99, 'buy'), trade(2_000, 98, 'sell'), trade(3_000, 89.5, 'sell')]
    const after = (events: MarketEvent[]): HeatmapState => {
      const s = createHeatmapState({
        tiers: [flatTier(0, 0)],
        cell: { kind: 'pct', fraction: 0.005 },
        decayHalfLifeSec: 1e12,
        levels: [{ leverage: 10, weight: 1 }],
        priceSpread: 'point',
        leverageSpread: 0,
      })
      for (const e of [...fixtureEvents(opened()), ...events]) applyHeatmapEvent(s, e)
      flushHeatmapBar(s)
      return s
    }
    expect(near(after([...tape, forced]), SIDE_LONG, 90)).toBeCloseTo(750, 6)
    expect(near(after(tape), SIDE_LONG, 90)).toBe(0)
  })

  it('does not remove positions with the wick of the bar that opened them', () => {
    // bar 1 opens at a typical price (100 + 89.7 + 100.3) / 3 = 96.667, its own low 89.7 is not applied:
    // longs at 96.667 × 0.9 = 87, shorts at 96.667 × 1.1 = 106.333
    const s = run([flat(100, { oiBase: 1_000 }), { high: 100, low: 89.7, close: 100.3, oiBase: 1_010 }])
    // 10 contracts × 96.667 = 966.67 USD, half each side
    expect(near(s, SIDE_LONG, 87)).toBeCloseTo(483.333, 2)
  })
})

describe('heatmap model: shrink and decay', () => {
  it('shrinks every level in proportion when open interest falls', () => {
    // 1,010 → 909 contracts = × 0.9: 750 → 675, 250 → 225
    const s = run([...opened(), flat(100, { oiBase: 909 })])
    expect(near(s, SIDE_LONG, 90)).toBeCloseTo(675, 6)
    expect(near(s, SIDE_SHORT, 110)).toBeCloseTo(225, 6)
    expect(s.stats.shrinkBars).toBe(1)
  })

  it('halves the map every half-life, counting missing bars as elapsed time', () => {
    // half-life = one 60 s bar. Bar 1 places 750 (decay runs before placement); bars 2 and 3 halve it: 187.5
    const s = run([...opened(), flat(100), flat(100)], { decayHalfLifeSec: 60 })
    expect(near(s, SIDE_LONG, 90)).toBeCloseTo(187.5, 6)
    // a bar 3 minutes after bar 1 (two bars missing) decays by 2^−3: 750 / 8 = 93.75
    const gap = createHeatmapState({
      tiers: [flatTier(0, 0)],
      cell: { kind: 'pct', fraction: 0.005 },
      decayHalfLifeSec: 60,
      levels: [{ leverage: 10, weight: 1 }],
      priceSpread: 'point',
      leverageSpread: 0,
    })
    const evs = fixtureEvents(opened())
    const later = fixtureEvents([flat(100)], FIXTURE_START_MS + 4 * 60_000)
    for (const e of [...evs, ...later]) applyHeatmapEvent(gap, e)
    flushHeatmapBar(gap)
    expect(near(gap, SIDE_LONG, 90)).toBeCloseTo(93.75, 6)
  })
})

describe('heatmap model: ATR cells', () => {
  it('fixes the cell size from the ATR of the first bars and does not place positions before it', () => {
    // ATR over 3 bars, cells of 0.5 ATR. TR: bar 0 = 101 − 99 = 2 (no previous close); bar 1 =
    // max(102 − 100, |102 − 100|, |100 − 100|) = 2; bar 2 = max(101 − 100, |101 − 101|, |100 − 101|) = 1.
    // ATR = 5 / 3, cell = 0.8333. Bar 1's rise (10 contracts × typical (102 + 100 + 101) / 3 = 101 = 1,010 USD)
    // comes before the cell size is known: not placed, counted.
    const s = run(
      [
        { high: 101, low: 99, close: 100, oiBase: 1_000 },
        { high: 102, low: 100, close: 101, oiBase: 1_010 },
        { high: 101, low: 100, close: 100.5, oiBase: 1_010 },
      ],
      { cell: { kind: 'atr', multiple: 0.5, bars: 3 } },
    )
    expect(s.grid!.cellSize).toBeCloseTo(0.5 * (5 / 3), 12)
    expect(s.stats.unplacedUsd).toBeCloseTo(1_010, 9)
    expect(s.stats.placedUsd).toBe(0)
  })
})

describe('heatmap model: one reference price', () => {
  it('measures distances from the mark where the latest bar has one, else from the last price', () => {
    // Longs at 90. A bar closing at 100 with marks ending at 101: the reference is 101, and the nearest
    // cluster below is (1 − 90 / 101) × 100 = 10.8911 % away; a later bar without marks falls back to its
    // close 99: (1 − 90 / 99) × 100 = 9.0909 %.
    const s = run([...opened(), { high: 101, low: 99, close: 100, marks: [100.5, 101] }])
    expect(referencePrice(s)).toBe(101)
    expect(liquidationProximity(s)!.nearestBelowPct).toBeCloseTo(10.8911, 4)
    const t = run([...opened(), { high: 101, low: 99, close: 100, marks: [101] }, flat(99)])
    expect(referencePrice(t)).toBe(99)
    expect(liquidationProximity(t)!.nearestBelowPct).toBeCloseTo(9.0909, 4)
  })
})
