import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { BookEvent, CandleEvent, MarketEvent } from '../../../../shared/market-event'
import { binanceVisionImporter, classifyVisionFile } from './binance-vision'

const BV = resolve(__dirname, '../../../../../test/fixtures/sessions/binance-vision')
const run = async (rel: string) => binanceVisionImporter.run([`${BV}/${rel}`], {})
const strip = (e: MarketEvent) => ({ ...e, receiveTsMs: undefined })

describe('binance-vision importer', () => {
  it('USDⓈ-M aggTrades with header: two trades, the bad quantity row counted by line', async () => {
    const r = await run('futures/um/daily/aggTrades/BTCUSDT/BTCUSDT-aggTrades-2023-04-05.csv')
    // 1676712345,28155.10,0.001,3535188229,3535188229,1680652804962,true -> buyer is maker -> taker sold
    expect(r.events[0]).toEqual({
      type: 'trade',
      venue: 'binanceusdm',
      symbol: 'BTC/USDT:USDT',
      exchangeTsMs: 1680652804962,
      receiveTsMs: 1680652804962,
      price: 28155.1,
      qtyBase: 0.001,
      takerSide: 'sell',
      tradeId: '1676712345',
    })
    expect(r.events[1]).toMatchObject({ qtyBase: 0.014, takerSide: 'buy' })
    expect(r.badRowCount).toBe(1)
    expect(r.badRows[0]).toMatchObject({
      line: 4,
      reason: 'aggTrades: field 3 (4 characters) is not a number',
    })
  })

  it('spot klines in a zip without header', async () => {
    const r = await run('spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2023-04-05.zip')
    // 1680652800000,28165.47,28170.00,28160.01,28162.50,152.33012,1680652859999,4290071.5369038,...
    expect(r.events[0] as CandleEvent).toEqual({
      type: 'candle',
      venue: 'binance',
      symbol: 'BTC/USDT',
      exchangeTsMs: 1680652859999,
      receiveTsMs: 1680652859999,
      priceKind: 'last',
      intervalSec: 60,
      openTsMs: 1680652800000,
      open: 28165.47,
      high: 28170,
      low: 28160.01,
      close: 28162.5,
      volumeBase: 152.33012,
      volumeUsd: 4290071.5369038,
    })
    expect(r.events).toHaveLength(2)
  })

  it('mark-price klines are told from last-price klines by their folder; their zero volumes are missing', async () => {
    const r = await run('futures/um/daily/markPriceKlines/BTCUSDT/1m/BTCUSDT-1m-2023-04-05.csv')
    expect(r.events[0]).toMatchObject({
      priceKind: 'mark',
      close: 28152.3,
      volumeBase: null,
      volumeUsd: null,
    })
  })

  it('metrics: open interest and the three long/short ratios', async () => {
    const r = await run('futures/um/daily/metrics/BTCUSDT/BTCUSDT-metrics-2024-05-13.csv')
    // 2024-05-13 09:20:00,BTCUSDT,71707.546,4510441427.336755,1.4468,1.2002,1.4426,1.2513
    const ts = Date.UTC(2024, 4, 13, 9, 20)
    const at = r.events.filter((e) => e.exchangeTsMs === ts)
    expect(at[0]).toMatchObject({
      type: 'openInterest',
      oiBase: 71707.546,
      oiContracts: 71707.546,
      oiUsd: 4510441427.336755,
    })
    expect(at.slice(1).map((e) => (e.type === 'longShort' ? [e.kind, e.ratio] : null))).toEqual([
      ['topAccounts', 1.4468],
      ['topPositions', 1.2002],
      ['globalAccounts', 1.4426],
    ])
  })

  it('fundingRate: settled payments with the interval the file states', async () => {
    const r = await run('futures/um/monthly/fundingRate/BTCUSDT/BTCUSDT-fundingRate-2023-04.csv')
    // 1680364800018,8,0.00008840  (2023-04-01 16:00:00.018 UTC)
    expect(r.events[2]).toMatchObject({
      type: 'funding',
      exchangeTsMs: 1680364800018,
      fundingRatePerPeriod: 0.0000884,
      fundingIntervalHours: 8,
      settled: true,
    })
  })

  it('bookDepth bands become one level per band at the band’s volume-weighted price', async () => {
    const r = await run('futures/um/daily/bookDepth/BTCUSDT/BTCUSDT-bookDepth-2023-04-05.csv')
    const b = r.events[0] as BookEvent
    // bid band 0..1 %: 1000 BTC for 27,990,000 USD -> 27,990 USD/BTC
    // bid band 1..2 %: (1500 − 1000) BTC for (41,790,000 − 27,990,000) USD -> 13,800,000 / 500 = 27,600
    expect(b.bids).toEqual([
      [27990, 1000],
      [27600, 500],
    ])
    // ask band 0..1 %: 22,560,000 / 800 = 28,200; 1..2 %: 14,280,000 / 500 = 28,560
    expect(b.asks).toEqual([
      [28200, 800],
      [28560, 500],
    ])
    expect(b.exchangeTsMs).toBe(Date.UTC(2023, 3, 5, 0, 0, 8))
  })

  it('bookTicker: quotes stamped with transaction time, received at event time', async () => {
    const r = await run('futures/um/daily/bookTicker/BTCUSDT/BTCUSDT-bookTicker-2023-04-05.csv')
    // 2710249422918,28155.10,0.060,28155.20,3.793,1680652800089,1680652800093
    expect(r.events[0]).toEqual({
      type: 'quote',
      venue: 'binanceusdm',
      symbol: 'BTC/USDT:USDT',
      exchangeTsMs: 1680652800089,
      receiveTsMs: 1680652800093,
      bid: 28155.1,
      bidQtyBase: 0.06,
      ask: 28155.2,
      askQtyBase: 3.793,
    })
  })

  it('COIN-M trades: 4 contracts of 100 USD at 61,804.8 = 0.0064720 BTC', async () => {
    const r = await run('futures/cm/daily/trades/BTCUSD_PERP/BTCUSD_PERP-trades-2024-08-08.csv')
    expect(strip(r.events[0]!)).toMatchObject({
      venue: 'binancecoinm',
      symbol: 'BTC/USD:BTC',
      takerSide: 'buy',
    })
    expect((r.events[0] as { qtyBase: number }).qtyBase).toBeCloseTo(0.006472, 6)
  })

  it('spot trades without header, ms and µs timestamps', async () => {
    const r = await run('spot/daily/trades/BTCUSDT/BTCUSDT-trades-2023-04-05.csv')
    expect(r.events.map((e) => [e.symbol, e.exchangeTsMs])).toEqual([
      ['BTC/USDT', 1680652799999],
      ['BTC/USDT', 1680652800001],
    ])
  })

  it('refuses a klines file whose market type cannot be told, naming the way out', () => {
    expect(() => classifyVisionFile('/tmp/BTCUSDT-1m-2024-01-01.zip')).toThrow(
      /cannot tell spot from USDⓈ-M.*--venue/,
    )
    expect(classifyVisionFile('/tmp/BTCUSDT-1m-2024-01-01.zip', 'binance').kind).toBe('klines')
  })
})
