import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BookEvent, QuoteEvent, TradeEvent } from '../../../src/shared/market-event'
import { startEmulator } from '../../../src/main/engine/emulator/emulator'
import type { RunningEmulator } from '../../../src/main/engine/emulator/emulator'
import type { LiveSource } from '../../../src/main/engine/connectors/live-source'
import type { MarketEvent } from '../../../src/shared/market-event'
import { liveAgainst, until } from './helpers'
import {
  LAST_BTC_BOOK_TS,
  OKX_BOOK_HASH_OPTIONS,
  okxHashOfBook,
  recordedBtcBookChecksums,
} from './okx-recorded-books'

/** The ccxt.pro WebSocket client fields the keepalive check reads (ccxt's Client). */
interface PingClient {
  lastPong?: number
  onPingInterval(): void
}

const recordedChecksums = recordedBtcBookChecksums()

let emu: RunningEmulator
let src: LiveSource
let events: MarketEvent[]
const trades = (symbol: string) =>
  events.filter((e): e is TradeEvent => e.type === 'trade' && e.symbol === symbol)
const books = (symbol: string) =>
  events.filter((e): e is BookEvent => e.type === 'book' && e.symbol === symbol)

beforeAll(async () => {
  emu = await startEmulator({ port: 0, speed: 4 })
  const live = liveAgainst(emu, {
    watchlist: [{ venue: 'okx', symbols: ['BTC/USDT', 'UNI/USD:UNI'] }],
    ...OKX_BOOK_HASH_OPTIONS,
  })
  src = live.src
  events = live.events
  await live.start()
  await until(
    () =>
      trades('BTC/USDT').some((t) => t.tradeId === '338476375') &&
      books('BTC/USDT').some((b) => b.exchangeTsMs === LAST_BTC_BOOK_TS),
    12_000,
    'the whole OKX BTC-USDT recording',
  )
}, 20_000)
afterAll(async () => {
  await src.stop()
  await emu.close()
})

describe('OKX spot and coin-margined swap through ccxt.pro against recorded payloads', () => {
  it('normalizes BTC-USDT spot trades to the recorded values, every one once', () => {
    // First trades frame: {"instId":"BTC-USDT","tradeId":"338476307","px":"30236","sz":"0.0002","side":"buy",
    //   "ts":"1652459224818"}
    expect(trades('BTC/USDT').find((t) => t.tradeId === '338476307')).toMatchObject({
      venue: 'okx',
      price: 30236,
      qtyBase: 0.0002,
      takerSide: 'buy',
      exchangeTsMs: 1652459224818,
    })
    // The recording has 69 BTC-USDT trades, one per frame, ids 338476307..338476375 without a hole.
    const ids = trades('BTC/USDT').map((t) => Number(t.tradeId))
    expect(ids.length).toBe(69)
    expect(new Set(ids).size).toBe(69)
    expect(Math.min(...ids)).toBe(338476307)
    expect(Math.max(...ids)).toBe(338476375)
  })

  it('builds the BTC-USDT book and quote from the recorded snapshot and updates', () => {
    // Snapshot (ts 1652459225381) starts bids ["30243.4","0.0012029","0","1"], asks ["30243.5","1.44679","0","6"].
    // The first update (ts 1652459225453, 6.6 ms later, often in the same socket read) sets ask 30243.5 to 1.2112
    // and no bid above 30237.2. ccxt resolves either state first.
    const first = books('BTC/USDT')[0]!
    expect([1652459225381, 1652459225453]).toContain(first.exchangeTsMs)
    const askQty = first.exchangeTsMs === 1652459225381 ? 1.44679 : 1.2112
    expect(first.bids[0]).toEqual([30243.4, 0.0012029])
    expect(first.asks[0]).toEqual([30243.5, askQty])
    const quote = events.find((e): e is QuoteEvent => e.type === 'quote' && e.symbol === 'BTC/USDT')!
    expect(quote).toMatchObject({ bid: 30243.4, bidQtyBase: 0.0012029, ask: 30243.5, askQtyBase: askQty })
  })

  it('keeps every BTC-USDT book equal to the checksum OKX sent with that frame', () => {
    // Replayed verbatim, every state ccxt holds must hash to the recorded checksum (ccxt itself does not check).
    const all = books('BTC/USDT')
    expect(all.length).toBeGreaterThan(20)
    for (const b of all) {
      expect(b.bids.length).toBe(25)
      expect({ ts: b.exchangeTsMs, checksum: okxHashOfBook(b) }).toEqual({
        ts: b.exchangeTsMs,
        checksum: recordedChecksums.get(b.exchangeTsMs),
      })
    }
  })

  it('sizes coin-margined UNI-USD-SWAP contracts in UNI: contracts x 10 USD / price', () => {
    // Instruments (SWAP): UNI-USD-SWAP ctType "inverse", ctVal "10", ctValCcy "USD", settleCcy "UNI".
    // Trade: {"tradeId":"12883020","px":"5.123","sz":"100","side":"sell","ts":"1652459215150"}
    //   100 contracts x 10 USD = 1000 USD; 1000 / 5.123 = 195.198126 UNI.
    const t = trades('UNI/USD:UNI').find((e) => e.tradeId === '12883020')!
    expect(t).toMatchObject({ price: 5.123, takerSide: 'sell', exchangeTsMs: 1652459215150 })
    expect(t.qtyBase).toBeCloseTo(195.198126, 5)
    // Snapshot (ts 1652459225363): best bid ["5.14","251"], best ask ["5.148","60"];
    //   2510 USD / 5.14 = 488.326848 UNI, 600 USD / 5.148 = 116.550117 UNI.
    // First update (ts 1652459225464): bid 5.14 -> "427": 4270 / 5.14 = 830.739300 UNI; asks only above 5.148.
    const first = books('UNI/USD:UNI')[0]!
    expect([1652459225363, 1652459225464]).toContain(first.exchangeTsMs)
    expect(first.bids[0]![0]).toBe(5.14)
    expect(first.bids[0]![1]).toBeCloseTo(first.exchangeTsMs === 1652459225363 ? 488.326848 : 830.7393, 5)
    expect(first.asks[0]![0]).toBe(5.148)
    expect(first.asks[0]![1]).toBeCloseTo(116.550117, 5)
  })

  it('counts no bad frame, and the keepalive pong reaches ccxt', async () => {
    const connector = src.connectors[0]!
    expect(connector.guard.counts).toEqual({ malformed: 0, duplicate: 0, outOfOrder: 0, seqGap: 0 })
    // ccxt pings OKX every 18 s with a text "ping" and drops the link when no "pong" came for 36 s.
    const ex = (connector as unknown as { ex: { clients: Record<string, PingClient> } }).ex
    const client = Object.values(ex.clients)[0]!
    const before = Date.now() - 1000
    client.lastPong = before
    client.onPingInterval()
    await until(() => (client.lastPong ?? 0) > before, 2000, 'pong')
    expect(connector.guard.counts.malformed).toBe(0)
  })
})
