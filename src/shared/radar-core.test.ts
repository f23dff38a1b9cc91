import { describe, expect, it } from 'vitest'
import { fixtureEvents } from './heatmap/heatmap-fixtures'
import { applyCoreEvents, coreHeatmapView, createRadarCore, exportCore, importCore } from './radar-core'
import type { RadarCoreOptions } from './radar-core'
import { snapshotMarket } from './scoring/scoring-state'

const KEY = 'binanceusdm:TEST/USDT:USDT'
// One flat tier (MMR 0.5 %, no maintenance amount), one leverage level (10x), no decay: the estimate is
// exactly where the textbook formula puts it.
const opts: RadarCoreOptions = {
  tiersFor: (venue) =>
    venue === 'binanceusdm'
      ? [
          {
            tier: 1,
            minNotional: 0,
            maxNotional: Infinity,
            maintenanceMarginRate: 0.005,
            maintenanceAmount: 0,
            maxLeverage: 125,
          },
        ]
      : null,
  heatmap: { levels: [{ leverage: 10, weight: 1 }], leverageSpread: 0, decayHalfLifeSec: 1e15, barSec: 60 },
}

// OI 1,000 -> 2,000 contracts at 100 with equal taker buy and sell: 100,000 USD opened, 50,000 each side.
const bars = [
  { high: 100, low: 100, close: 100, oiBase: 1000 },
  { high: 100, low: 100, close: 100, oiBase: 2000, takerBuyBase: 1, takerSellBase: 1 },
  { high: 100, low: 100, close: 100, oiBase: 2000 },
]

describe('radar core', () => {
  it('feeds the heatmap estimate into the market’s liquidation-proximity metrics', () => {
    const core = createRadarCore(opts)
    applyCoreEvents(core, fixtureEvents(bars))
    const snap = snapshotMarket(core.scoring, KEY)!
    // Binance's exact isolated formula (the calculator's): long 100 × (1 − 1/10) / (1 − 0.005) = 90.452261,
    // short 100 × (1 + 1/10) / (1 + 0.005) = 109.452736.
    expect(snap.metrics['liq-prox-below-price']!.value).toBeCloseTo(90.452261, 5)
    expect(snap.metrics['liq-prox-below-usd']!.value).toBeCloseTo(50_000, 6)
    expect(snap.metrics['liq-prox-above-price']!.value).toBeCloseTo(109.452736, 5)
    // Nothing lies within ±2 % of 100 (98..102).
    expect(snap.metrics['liq-prox-2pct-usd']!.value).toBe(0)
    const view = coreHeatmapView(core, KEY, 'all')
    expect(view.unavailableReason).toBeNull()
    expect(view.current?.nearestBelow?.distancePct).toBeCloseTo(-9.547739, 5)
  })

  it('says why a market has no map instead of drawing an empty one', () => {
    const core = createRadarCore(opts)
    applyCoreEvents(core, fixtureEvents(bars, undefined, undefined, 'TEST/USDT'))
    expect(coreHeatmapView(core, 'binanceusdm:TEST/USDT', 'all').unavailableReason).toMatch(/spot markets/)
    const other = createRadarCore({ ...opts, tiersFor: () => null })
    applyCoreEvents(other, fixtureEvents(bars))
    expect(coreHeatmapView(other, KEY, 'all').unavailableReason).toMatch(/no maintenance-margin tiers/)
  })

  it('continues identically after a checkpoint round trip through structured clone', () => {
    const events = fixtureEvents([
      ...bars,
      { high: 101, low: 99, close: 100.5, oiBase: 2500, takerBuyBase: 3, takerSellBase: 1 },
      { high: 100, low: 100, close: 100, oiBase: 2500 },
    ])
    const whole = createRadarCore(opts)
    applyCoreEvents(whole, events)
    const first = createRadarCore(opts)
    applyCoreEvents(first, events.slice(0, 7))
    const resumed = importCore(structuredClone(exportCore(first)), opts)
    applyCoreEvents(resumed, events.slice(7))
    expect(JSON.stringify(coreHeatmapView(resumed, KEY, 'all'))).toBe(
      JSON.stringify(coreHeatmapView(whole, KEY, 'all')),
    )
    expect(snapshotMarket(resumed.scoring, KEY)!.metrics['liq-prox-below-usd']).toEqual(
      snapshotMarket(whole.scoring, KEY)!.metrics['liq-prox-below-usd'],
    )
  })
})
