import { describe, expect, it } from 'vitest'
import type { CandleEvent, LiquidationEvent, TakerVolumeEvent, TradeEvent } from '../market-event'
import type { MarketSnapshot } from '../scoring/snapshot'
import { createSeriesState, fullSeries, observeEvents, observeSnapshot, takeUpdate } from './series-builder'

const KEY = 'binanceusdm:BTC/USDT:USDT'
const T0 = Date.UTC(2023, 3, 5, 0, 0, 0) // 2023-04-05 00:00:00 UTC = 1680652800 s

function trade(offsetMs: number, price: number, qtyBase: number): TradeEvent {
  const ts = T0 + offsetMs
  return {
    type: 'trade',
    venue: 'binanceusdm',
    symbol: 'BTC/USDT:USDT',
    exchangeTsMs: ts,
    receiveTsMs: ts,
    price,
    qtyBase,
    takerSide: 'buy',
    tradeId: String(offsetMs),
  }
}

function snap(asOfMs: number, fundingApr: number | null, stress: number | null): MarketSnapshot {
  return {
    key: KEY,
    venue: 'binanceusdm',
    symbol: 'BTC/USDT:USDT',
    asOfMs,
    lastPrice: null,
    eventCount: 0,
    metrics:
      fundingApr === null
        ? {}
        : { 'funding-apr': { value: fundingApr, unit: 'APR', sufficient: true, reason: null, asOfMs } },
    labels: { 'oi-quadrant': 'short covering' },
    tags: [],
    contradictions: [],
    evaluatedAtMs: asOfMs,
    stress,
  }
}

/** A 5-minute BTC perp candle without volume, as Binance's futures-data rows give it. */
function fiveMinCandle(
  openMs: number,
  ohlc: { open: number; high: number; low: number; close: number },
): CandleEvent {
  return {
    type: 'candle',
    venue: 'binanceusdm',
    symbol: 'BTC/USDT:USDT',
    exchangeTsMs: openMs + 299_999,
    receiveTsMs: openMs + 299_999,
    priceKind: 'last',
    intervalSec: 300,
    openTsMs: openMs,
    ...ohlc,
    volumeBase: null,
    volumeUsd: null,
  }
}

describe('series builder', () => {
  it('builds 1-minute OHLCV bars from trades', () => {
    const s = createSeriesState()
    // Minute 0: 100, 103, 99, 101 with qty 1 + 2 + 0.5 + 0.25 = 3.75; minute 1: one trade at 102.
    observeEvents(s, [
      trade(1_000, 100, 1),
      trade(20_000, 103, 2),
      trade(40_000, 99, 0.5),
      trade(59_999, 101, 0.25),
    ])
    observeEvents(s, [trade(60_000, 102, 1)])
    const series = fullSeries(s, KEY)
    expect(series.resolutionSec).toBe(60)
    expect(series.bars).toEqual([
      { timeSec: 1680652800, open: 100, high: 103, low: 99, close: 101, volumeBase: 3.75 },
      { timeSec: 1680652860, open: 102, high: 102, low: 102, close: 102, volumeBase: 1 },
    ])
  })

  it('uses candle events as bars at their own resolution until trades arrive, and keeps unknown volume null', () => {
    const s = createSeriesState()
    const candle = fiveMinCandle(T0, { open: 10, high: 12, low: 9, close: 11 })
    observeEvents(s, [candle])
    expect(fullSeries(s, KEY)).toMatchObject({
      resolutionSec: 300,
      bars: [{ timeSec: 1680652800, close: 11, volumeBase: null }],
    })
    observeEvents(s, [trade(600_000, 50, 1)])
    expect(fullSeries(s, KEY)).toMatchObject({
      resolutionSec: 60,
      bars: [{ timeSec: 1680653400, close: 50 }],
    })
  })

  it('samples chart lines at the bar of each snapshot, the last value in a bar winning, never filling gaps', () => {
    const s = createSeriesState()
    observeEvents(s, [trade(0, 100, 1)])
    observeSnapshot(s, snap(T0 + 10_000, 0.05, 40))
    observeSnapshot(s, snap(T0 + 50_000, 0.07, null)) // same minute: APR overwritten, stress keeps 40
    observeSnapshot(s, snap(T0 + 70_000, null, 45)) // next minute: no APR point at all
    const { lines } = fullSeries(s, KEY)
    expect(lines.fundingApr).toEqual([{ timeSec: 1680652800, value: 0.07 }])
    expect(lines.stress).toEqual([
      { timeSec: 1680652800, value: 40 },
      { timeSec: 1680652860, value: 45 },
    ])
    expect(lines.oiQuadrant?.[0]?.value).toBe(3)
  })

  it('draws a forced fill (a trade printed with its liquidation) as a marker, not as the candle’s wick', () => {
    // Binance prints insurance-fund and ADL fills on the tape; the importer adds a liquidation of the same
    // time, price and size. Minute 0 trades 100 and 101; the fill at 98 leaves the candle at low 100, close 101.
    const s = createSeriesState()
    const fill: LiquidationEvent = {
      type: 'liquidation',
      venue: 'binanceusdm',
      symbol: 'BTC/USDT:USDT',
      exchangeTsMs: T0 + 30_000,
      receiveTsMs: T0 + 30_000,
      positionSide: 'long',
      price: 98,
      qtyBase: 0.5,
      usd: 49,
    }
    observeEvents(s, [trade(1_000, 100, 1), trade(20_000, 101, 1), trade(30_000, 98, 0.5), fill])
    const series = fullSeries(s, KEY)
    expect(series.bars).toEqual([
      { timeSec: 1680652800, open: 100, high: 101, low: 100, close: 101, volumeBase: 2.5 },
    ])
    expect(series.liquidations).toEqual([{ timeSec: 1680652830, positionSide: 'long', price: 98, usd: 49 }])
  })

  it('reports only what changed since the last update, liquidations included', () => {
    const s = createSeriesState()
    observeEvents(s, [trade(0, 100, 1), trade(61_000, 101, 1)])
    takeUpdate(s, KEY)
    const liq: LiquidationEvent = {
      type: 'liquidation',
      venue: 'binanceusdm',
      symbol: 'BTC/USDT:USDT',
      exchangeTsMs: T0 + 62_000,
      receiveTsMs: T0 + 62_000,
      positionSide: 'long',
      price: 100.5,
      qtyBase: 2,
      usd: 201,
    }
    observeEvents(s, [trade(62_000, 100.5, 1), liq])
    const update = takeUpdate(s, KEY)
    expect(update?.bars).toEqual([
      { timeSec: 1680652860, open: 101, high: 101, low: 100.5, close: 100.5, volumeBase: 2 },
    ])
    expect(update?.liquidations).toEqual([
      { timeSec: 1680652862, positionSide: 'long', price: 100.5, usd: 201 },
    ])
    expect(takeUpdate(s, KEY)).toBeNull()
  })

  describe('volume of candles that carry none, from taker buy + sell', () => {
    // A BTC row of the week sample: 2024-05-10 20:25 UTC, a 5-minute bar with taker buy 164.79 and sell
    // 186.746 BTC; every trade has one taker, so the bar traded 164.79 + 186.746 = 351.536 BTC.
    const OPEN_MS = 1_715_372_700_000
    const fiveMin = (openMs: number): CandleEvent =>
      fiveMinCandle(openMs, { open: 60_690.5, high: 60_719, low: 60_553.6, close: 60_616.7 })
    const taker = (
      openMs: number,
      buy: number | null,
      sell: number | null,
      periodMinutes = 5,
    ): TakerVolumeEvent => ({
      type: 'takerVolume',
      venue: 'binanceusdm',
      symbol: 'BTC/USDT:USDT',
      exchangeTsMs: openMs,
      receiveTsMs: openMs,
      buyVolBase: buy,
      sellVolBase: sell,
      periodMinutes,
    })

    it('fills the bar when the taker row comes first, and says where the volume comes from', () => {
      const s = createSeriesState()
      observeEvents(s, [taker(OPEN_MS, 164.79, 186.746), fiveMin(OPEN_MS)])
      const bar = fullSeries(s, KEY).bars[0]!
      expect(bar.volumeBase).toBeCloseTo(351.536, 9)
      expect(bar.volumeFrom).toBe('taker')
    })

    it('fills a bar already drawn when the taker row comes after it', () => {
      const s = createSeriesState()
      observeEvents(s, [fiveMin(OPEN_MS)])
      takeUpdate(s, KEY)
      observeEvents(s, [taker(OPEN_MS, 10, 2.5)])
      expect(takeUpdate(s, KEY)?.bars[0]?.volumeBase).toBe(12.5)
    })

    it('sums shorter periods that tile the bar, and leaves it unknown when one is missing or one side is', () => {
      const s = createSeriesState()
      // Five 1-minute periods of 1, 2, 3, 4, 5 BTC: 15 BTC. The next bar has only four of its five minutes.
      const minutes = [1, 2, 3, 4, 5].map((v, i) => taker(OPEN_MS + i * 60_000, v, 0, 1))
      const nextOpen = OPEN_MS + 300_000
      const partial = [0, 1, 2, 3].map((i) => taker(nextOpen + i * 60_000, 1, 1, 1))
      observeEvents(s, [...minutes, fiveMin(OPEN_MS), ...partial, fiveMin(nextOpen)])
      // A third bar whose taker row lacks the sell side.
      const third = nextOpen + 300_000
      observeEvents(s, [taker(third, 7, null), fiveMin(third)])
      expect(fullSeries(s, KEY).bars.map((b) => b.volumeBase)).toEqual([15, null, null])
    })
  })
})
