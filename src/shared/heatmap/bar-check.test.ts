import { describe, expect, it } from 'vitest'
import type { MarketEvent } from '../market-event'
import { flatTier } from '../sizing/tiers'
import { collectBarRows, scoreBarRows } from './bar-check'
import type { FixtureBar } from './heatmap-fixtures'
import { FIXTURE_START_MS, fixtureEvents, flat } from './heatmap-fixtures'
import type { HeatmapAssumptions } from '../radar-core'
import { pipelineFeed } from './map-feed'

// Flat tier (mmr 0, cum 0), one point per level, no decay. Bar 1 opens 10 contracts at 100 = 1,000 USD,
// 500 per side; longs: 10x 40 % = 200 at 90, 25x 20 % = 100 at 96, 50x 10 % = 50 at 98, 100x 30 % = 150
// at 99. Bars 2–5 open at 100 and fall to 99.5, 98.5, 97.5, 95.5; each wick sweeps what it reached, so the
// map at each bar's open holds, between the low and the open: 0, 150 (the 99 level), 50 (98), 100 (96).
const BAR_MS = 60_000
const BARS: FixtureBar[] = [
  flat(100, { oiBase: 1_000 }),
  flat(100, { oiBase: 1_010 }),
  ...[99.5, 98.5, 97.5, 95.5].map((low) => ({ open: 100, high: 100, low, close: 100, oiBase: 1_010 })),
]
// Realized long totals in the same rank order as the map (1, 4, 2, 3); shorts constant.
const REALIZED_LONG = [1_000, 4_000, 2_000, 3_000]

function liqBar(k: number, longUsd: number, shortUsd: number): MarketEvent {
  const t = FIXTURE_START_MS + k * BAR_MS
  return {
    venue: 'binanceusdm',
    symbol: 'TEST/USDT:USDT',
    exchangeTsMs: t + BAR_MS - 1,
    receiveTsMs: t + BAR_MS - 1,
    type: 'liquidationBar',
    openTsMs: t,
    intervalSec: 60,
    longUsd,
    shortUsd,
    coveredVenues: [],
  }
}

function session(): MarketEvent[] {
  const liqs = [liqBar(0, 9, 9), ...REALIZED_LONG.map((u, i) => liqBar(i + 2, u, 500))]
  return [...fixtureEvents(BARS), ...liqs].sort((a, b) => a.exchangeTsMs - b.exchangeTsMs)
}

const KEY = 'binanceusdm:TEST/USDT:USDT'

/** The scoring pipeline with these assumptions, as the CLI runs it with a user's settings. */
function feed() {
  return pipelineFeed({ config: { scoring: {}, heatmap: HEATMAP }, tiersFor: () => [flatTier(0, 0)] })
}

const HEATMAP: HeatmapAssumptions = {
  cell: { kind: 'pct', fraction: 0.005 },
  decayHalfLifeSec: 1e12,
  priceSpread: 'point',
  leverageSpread: 0,
  levels: [
    { leverage: 10, weight: 0.4 },
    { leverage: 25, weight: 0.2 },
    { leverage: 50, weight: 0.1 },
    { leverage: 100, weight: 0.3 },
  ],
}

describe('bar-level check of the map against realized liquidation totals', () => {
  it('queries the map at each bar’s open over the exact range the bar travelled', () => {
    const r = collectBarRows(session(), feed(), KEY, { warmupBars: 0 })
    expect(r.rows.map((x) => x.longMapUsd)).toEqual([0, 150, 50, 100].map((v) => expect.closeTo(v, 6)))
    expect(r.rows.map((x) => x.shortMapUsd)).toEqual([0, 0, 0, 0])
    expect(r.rows.map((x) => x.downMove)).toEqual(
      [0.005, 0.015, 0.025, 0.045].map((v) => expect.closeTo(v, 12)),
    )
    // OI at the open: 1,010 contracts × the last close 100.
    expect(r.rows.every((x) => Math.abs(x.oiUsdAtOpen - 101_000) < 1e-6)).toBe(true)
    // Bar 0's total comes before any open interest: skipped with its reason.
    expect(r.skipped).toEqual({ 'no map yet: no open interest or price before this bar': 1 })
  })

  it('gives the ρ a hand count gives, with both baselines from the same bars', () => {
    const res = scoreBarRows(collectBarRows(session(), feed(), KEY, { warmupBars: 0 }), {
      warmupBars: 0,
      bigMovePct: 2,
      draws: 200,
      seed: 1,
    })
    // Map ranks 1, 4, 2, 3 = realized ranks: ρ 1. Moves rank 1, 2, 3, 4: d = 0, −2, 1, 1, Σd² = 6,
    // ρ = 1 − 6 × 6 / (4 × 15) = 0.4; OI is the same every bar, so move × OI ranks alike.
    expect(res.long.rhoMap).toBeCloseTo(1, 12)
    expect(res.long.rhoMove).toBeCloseTo(0.4, 12)
    expect(res.long.rhoMoveOi).toBeCloseTo(0.4, 12)
    expect(res.long.mapNonZeroShare).toBeCloseTo(0.75, 12)
    // All four bars fall in one UTC day: one block, so every resample is the sample itself.
    expect(res.long.ci.mapMinusMoveOi!.lo).toBeCloseTo(0.6, 12)
    expect(res.long.ci.mapMinusMoveOi!.hi).toBeCloseTo(0.6, 12)
    // Moves of at least 2 %: two bars, too few for a ρ.
    expect(res.long.big.bars).toBe(2)
    expect(res.long.big.rhoMap).toBeNull()
    // Shorts: an empty map and constant totals have no ρ.
    expect(res.short.rhoMap).toBeNull()
  })

  it('leaves warm-up bars unscored and says so', () => {
    const r = collectBarRows(session(), feed(), KEY, { warmupBars: 4 })
    expect(r.rows).toHaveLength(2)
    expect(r.skipped['warm-up: the map is still filling']).toBe(2)
  })
})
