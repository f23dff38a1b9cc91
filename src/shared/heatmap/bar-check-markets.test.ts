import { describe, expect, it } from 'vitest'
import type { MarketEvent } from '../market-event'
import { flatTier } from '../sizing/tiers'
import { runBarCheck } from './bar-check-markets'
import { fixtureEvents, flat } from './heatmap-fixtures'
import { pipelineFeed } from './map-feed'

const PERP = 'X/USDT:USDT'
const OPTS = { warmupBars: 0, bigMovePct: 1, draws: 20, seed: 1 }

function liqBar(k: number, longUsd: number): MarketEvent {
  const t = 1_700_006_400_000 + k * 60_000
  return {
    venue: 'binanceusdm',
    symbol: PERP,
    exchangeTsMs: t + 59_999,
    receiveTsMs: t + 59_999,
    type: 'liquidationBar',
    openTsMs: t,
    intervalSec: 60,
    longUsd,
    shortUsd: 0,
    coveredVenues: ['binanceusdm', 'bybit', 'okx'],
  }
}

const make = () =>
  pipelineFeed({
    config: { scoring: {}, heatmap: { levels: [{ leverage: 10, weight: 1 }], leverageSpread: 0 } },
    tiersFor: () => [flatTier(0, 0)],
  })

describe('bar check over the markets of a stream', () => {
  it('takes the spot pair’s candles for a perp that has none, and says so', () => {
    // Perp: open interest and liquidation bars only; prices come from the spot pair's candles (as in
    // history files that give Binance spot klines beside perp open interest).
    const bars = [flat(100, { oiBase: 1_000 }), flat(100, { oiBase: 1_010 }), flat(100), flat(100)]
    const perp = fixtureEvents(bars, undefined, 60_000, PERP).filter((e) => e.type === 'openInterest')
    const spot = fixtureEvents(bars, undefined, 60_000, 'X/USDT')
      .filter((e) => e.type === 'candle')
      .map((e) => ({ ...e, venue: 'binance' as const }))
    const events = [...perp, ...spot, liqBar(2, 5), liqBar(3, 7)].sort(
      (a, b) => a.exchangeTsMs - b.exchangeTsMs,
    )
    const run = runBarCheck(events, make, OPTS)
    expect(run.markets).toHaveLength(1)
    expect(run.markets[0]!.key).toBe(`binanceusdm:${PERP}`)
    expect(run.markets[0]!.priceFrom).toBe('binance:X/USDT')
    expect(run.markets[0]!.bars).toBe(2)
    expect(run.skippedMarkets).toEqual([])
  })

  it('names every market it cannot check and why', () => {
    const events: MarketEvent[] = [
      ...fixtureEvents([flat(100, { oiBase: 1_000 })], undefined, 60_000, 'A/USDT:USDT'),
      ...fixtureEvents([flat(100)], undefined, 60_000, 'B/USDT'),
      { ...liqBar(0, 1), symbol: 'C/USDT:USDT' },
    ]
    const run = runBarCheck(events, make, OPTS)
    expect(run.markets).toEqual([])
    expect(run.skippedMarkets).toEqual([
      {
        key: 'binanceusdm:A/USDT:USDT',
        reason: 'no liquidation bars (realized totals per bar) to check against',
      },
      { key: 'binanceusdm:C/USDT:USDT', reason: 'no open interest: the map cannot be built' },
      { key: 'binanceusdm:B/USDT', reason: 'spot market: no leveraged positions to map' },
    ])
  })
})
