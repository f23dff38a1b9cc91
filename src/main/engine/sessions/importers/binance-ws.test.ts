import { resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type {
  BookEvent,
  FundingEvent,
  MarkEvent,
  MarketEvent,
  QuoteEvent,
  TradeEvent,
} from '../../../../shared/market-event'
import { binanceWsImporter, receiveStampToMs } from './binance-ws'
import type { ImportResult } from './types'

/** The recorded exchange data shared beside the repository (../shared/data). */
const SHARED_DATA = resolve(__dirname, '../../../../../../shared/data')

const D = SHARED_DATA + '/binance-ws/'
const find = <T extends MarketEvent>(events: MarketEvent[], pred: (e: MarketEvent) => boolean) =>
  events.find(pred) as T

describe('binance-ws importer on the 2023-04-04 perp and 2023-04-05 spot recordings', () => {
  let r: ImportResult
  beforeAll(async () => {
    r = await binanceWsImporter.run(
      [`${D}usdm/btcusdt_20230404.dat.gz`, `${D}spot/btcusdt_20230405.dat.gz`],
      {},
    )
  })

  it('reads every line: 13,384 + 15,088 lines, none bad', () => {
    expect(r.badRowCount).toBe(0)
    // perp: 2,197 trades + 6,765 bookTicker + 4,322 diffs + 1 snapshot + 99 markPrice (×2: mark + funding)
    // spot: 3,144 trades + 8,015 bookTicker + 3,929 diffs
    expect(r.events.filter((e) => e.type === 'trade')).toHaveLength(2197 + 3144)
    expect(r.events.filter((e) => e.type === 'quote')).toHaveLength(6765 + 8015)
    expect(r.events.filter((e) => e.type === 'mark')).toHaveLength(99)
    expect(r.events.filter((e) => e.type === 'funding')).toHaveLength(99)
  })

  it('a perp trade: line 2 of btcusdt_20230404', () => {
    // 1680652700441533 {"stream":"btcusdt@trade","data":{"e":"trade","E":1680652700455,"T":1680652700452,
    //   "s":"BTCUSDT","t":3535186032,"p":"28145.10","q":"0.002","X":"MARKET","m":true}}
    const t = find<TradeEvent>(r.events, (e) => e.type === 'trade' && e.tradeId === '3535186032')
    expect(t).toEqual({
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
  })

  it('mark price and funding estimate: line 51', () => {
    // 1680652701048293 {"stream":"btcusdt@markPrice@1s","data":{"e":"markPriceUpdate","E":1680652701000,
    //   "s":"BTCUSDT","p":"28147.27373413","P":"28142.15563565","i":"28159.75642857","r":"0.00002754","T":1680652800000}}
    const m = find<MarkEvent>(r.events, (e) => e.type === 'mark')
    expect(m).toMatchObject({
      exchangeTsMs: 1680652701000,
      receiveTsMs: 1680652701048,
      markPrice: 28147.27373413,
      indexPrice: 28159.75642857,
    })
    const f = find<FundingEvent>(r.events, (e) => e.type === 'funding')
    expect(f).toMatchObject({
      fundingRatePerPeriod: 0.00002754,
      fundingIntervalHours: 8,
      nextFundingTsMs: 1680652800000,
      settled: false,
    })
  })

  it('the REST snapshot on line 17 resets the book, the diff on line 18 updates it', () => {
    // line 17: {"lastUpdateId": 2710246765483, "E": 1680652700590, "T": 1680652700580,
    //   "bids": [["28145.10", "3.818"], ["28145.00", "0.413"], ...], "asks": [["28145.20", "6.833"], ...]}
    const snap = find<BookEvent>(r.events, (e) => e.type === 'book' && e.sequence === 2710246765483)
    expect(snap.exchangeTsMs).toBe(1680652700580)
    expect(snap.bids.slice(0, 2)).toEqual([
      [28145.1, 3.818],
      [28145.0, 0.413],
    ])
    expect(snap.asks[0]).toEqual([28145.2, 6.833])
    expect(snap.bids).toHaveLength(20)
    // line 18: U 2710246765373 u 2710246765597 pu 2710246765326 (straddles the snapshot), "a":[["28145.20","6.961"], ...
    const next = find<BookEvent>(r.events, (e) => e.type === 'book' && e.sequence === 2710246765597)
    expect(next.asks[0]).toEqual([28145.2, 6.961])
    expect(r.stats.depthSequenceBreaks).toBeUndefined()
  })

  it('a spot quote (no exchange time in spot bookTicker) and the spot symbol', () => {
    // 1680652800004231 {"stream":"btcusdt@bookTicker","data":{"u":36090299876,"s":"BTCUSDT",
    //   "b":"28165.47000000","B":"7.98680000","a":"28165.48000000","A":"3.26888000"}}
    const q = find<QuoteEvent>(r.events, (e) => e.type === 'quote' && e.venue === 'binance')
    expect(q).toMatchObject({
      symbol: 'BTC/USDT',
      receiveTsMs: 1680652800004,
      bid: 28165.47,
      bidQtyBase: 7.9868,
      ask: 28165.48,
      askQtyBase: 3.26888,
    })
    expect(Math.abs(q.exchangeTsMs - q.receiveTsMs)).toBeLessThan(50)
    expect(r.dataQuality.some((n) => n.includes('carry no exchange time'))).toBe(true)
  })
})

describe('binance-ws importer on the coin-margined recording', () => {
  it('converts contracts of 100 USD into base units and names the market BTC/USD:BTC', async () => {
    const r = await binanceWsImporter.run([`${D}cm/btcusd_perp_20240808.gz`], {})
    // 1723161256419684465 {"stream":"btcusd_perp@trade","data":{"e":"trade","E":1723161257687,"T":1723161257679,
    //   "s":"BTCUSD_PERP","t":849714402,"p":"61804.8","q":"4","X":"MARKET","m":false}}
    const t = find<TradeEvent>(r.events, (e) => e.type === 'trade' && e.tradeId === '849714402')
    expect(t.venue).toBe('binancecoinm')
    expect(t.symbol).toBe('BTC/USD:BTC')
    expect(t.receiveTsMs).toBe(1723161256419) // nanosecond stamp
    expect(t.takerSide).toBe('buy')
    // 4 contracts × 100 USD / 61,804.8 USD per BTC = 0.0064720 BTC
    expect(t.qtyBase).toBeCloseTo(400 / 61804.8, 12)
    expect(t.qtyBase).toBeCloseTo(0.006472, 6)
  })
})

describe('receive stamps', () => {
  it('reads µs and ns stamps as ms', () => {
    expect(receiveStampToMs('1680652800005184')).toBe(1680652800005)
    expect(receiveStampToMs('1723161255030314667')).toBe(1723161255030)
  })
})
