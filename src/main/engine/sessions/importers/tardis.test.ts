import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { BookEvent } from '../../../../shared/market-event'
import { tardisImporter } from './tardis'

const T = resolve(__dirname, '../../../../../test/fixtures/sessions/tardis')
const run = async (name: string) => tardisImporter.run([`${T}/${name}`], {})

describe('tardis importer', () => {
  it('trades (.csv.gz): µs stamps to ms, taker side as given, a bad row counted', async () => {
    const r = await run('binance-futures_trades_2023-04-04_BTCUSDT.csv.gz')
    // binance-futures,BTCUSDT,1680652700452000,1680652700441533,3535186032,sell,28145.10,0.002
    expect(r.events[0]).toEqual({
      type: 'trade',
      venue: 'binanceusdm',
      symbol: 'BTC/USDT:USDT',
      exchangeTsMs: 1680652700452,
      receiveTsMs: 1680652700441,
      price: 28145.1,
      qtyBase: 0.002,
      takerSide: 'sell',
      tradeId: '3535186032',
    })
    expect(r.events).toHaveLength(3)
    expect(r.badRows).toEqual([
      {
        file: 'binance-futures_trades_2023-04-04_BTCUSDT.csv.gz',
        line: 5,
        reason: 'timestamp or local_timestamp is not a number',
      },
    ])
  })

  it('derivative_ticker: mark + index, funding with next funding time, open interest only where given', async () => {
    const r = await run('binance-futures_derivative_ticker_2023-04-04_BTCUSDT.csv')
    // ...,1680652701000000,1680652701048293,1680652800000000,0.00002754,,,,28159.75642857,28147.27373413
    expect(r.events.slice(0, 2)).toMatchObject([
      { type: 'mark', exchangeTsMs: 1680652701000, markPrice: 28147.27373413, indexPrice: 28159.75642857 },
      {
        type: 'funding',
        fundingRatePerPeriod: 0.00002754,
        nextFundingTsMs: 1680652800000,
        predictedRatePerPeriod: null,
      },
    ])
    const oi = r.events.filter((e) => e.type === 'openInterest')
    // second row: open_interest 91234.567 BTC at mark 28147.19279365 -> 91234.567 × 28147.19279365 USD
    expect(oi).toHaveLength(1)
    expect(oi[0]).toMatchObject({ oiBase: 91234.567, oiUsd: 91234.567 * 28147.19279365 })
  })

  it('liquidations: a forced sell liquidates a long', async () => {
    const r = await run('binance-futures_liquidations_2024-08-08_BTCUSDT.csv')
    // sell 0.250 @ 61,780.10 -> long, 15,445.025 USD; buy 0.040 @ 61,815.40 -> short, 2,472.616 USD
    expect(r.events.map((e) => (e.type === 'liquidation' ? [e.positionSide, e.qtyBase] : null))).toEqual([
      ['long', 0.25],
      ['short', 0.04],
    ])
    expect((r.events[0] as { usd: number }).usd).toBeCloseTo(15445.025, 6)
    expect((r.events[1] as { usd: number }).usd).toBeCloseTo(2472.616, 6)
  })

  it('quotes', async () => {
    const r = await run('binance-futures_quotes_2023-04-04_BTCUSDT.csv')
    // ...,1680652700430000,1680652700423575,6.887,28145.20,28145.10,3.868
    expect(r.events[0]).toMatchObject({
      type: 'quote',
      bid: 28145.1,
      bidQtyBase: 3.868,
      ask: 28145.2,
      askQtyBase: 6.887,
    })
  })

  it('book_snapshot_25: 20 levels kept by default, best first', async () => {
    const r = await run('binance-futures_book_snapshot_25_2023-04-04_BTCUSDT.csv')
    const b = r.events[0] as BookEvent
    expect(b.asks.slice(0, 2)).toEqual([
      [28145.2, 6.833],
      [28145.3, 0.009],
    ])
    expect(b.bids.slice(0, 2)).toEqual([
      [28145.1, 3.818],
      [28145.0, 0.413],
    ])
    expect(b.bids).toHaveLength(20)
  })

  it('incremental_book_L2: a snapshot then one update, one book event per timestamp', async () => {
    const r = await run('binance-futures_incremental_book_L2_2023-04-04_BTCUSDT.csv')
    expect(r.events).toHaveLength(2)
    const [snap, upd] = r.events as BookEvent[]
    expect(snap!.bids).toEqual([
      [28145.1, 3.818],
      [28145.0, 0.413],
      [28144.7, 0.002],
    ])
    // update: bid 5000.00 14.368 added at the bottom, bid 28018.90 0 (absent: no-op), ask 28145.20 -> 6.961, ask 28173.30 0.015 added
    expect(upd!.bids).toEqual([
      [28145.1, 3.818],
      [28145.0, 0.413],
      [28144.7, 0.002],
      [5000, 14.368],
    ])
    expect(upd!.asks).toEqual([
      [28145.2, 6.961],
      [28145.3, 0.009],
      [28145.4, 0.008],
      [28173.3, 0.015],
    ])
  })

  it('COIN-M (binance-delivery): contracts to base units', async () => {
    const r = await run('binance-delivery_trades_2024-08-08_BTCUSD_PERP.csv')
    expect(r.events[0]).toMatchObject({ venue: 'binancecoinm', symbol: 'BTC/USD:BTC' })
    expect((r.events[0] as { qtyBase: number }).qtyBase).toBeCloseTo(400 / 61804.8, 12)
  })
})
