import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  LongShortEvent,
  FundingEvent,
  MarkEvent,
  OpenInterestEvent,
  TradeEvent,
} from '../../../src/shared/market-event'
import { startEmulator } from '../../../src/main/engine/emulator/emulator'
import type { RunningEmulator } from '../../../src/main/engine/emulator/emulator'
import { liveAgainst, until } from './helpers'

/** Events read loosely, to pick one by a field only some event types have. */
type Loose = Record<string, unknown>

let emu: RunningEmulator
beforeAll(async () => {
  emu = await startEmulator({ port: 0, speed: 2 })
})
afterAll(async () => emu.close())

describe('Binance USDⓈ-M and spot through ccxt.pro against recorded payloads', () => {
  it('normalizes trades, mark/index/funding and history to the recorded values', async () => {
    const { src, events, start } = liveAgainst(emu, {
      watchlist: [
        { venue: 'binanceusdm', symbols: ['BTC/USDT:USDT'] },
        { venue: 'binance', symbols: ['BTC/USDT'] },
      ],
      backfill: {
        fundingDays: 1,
        historyDays: 1,
        maxPages: 2,
        klineMinutes: 60,
        tradeMinutes: 10,
        maxTradePages: 2,
        holdLiveMs: 20_000,
      },
      // The perp recording has no trade for its first 7 s: a short watchdog would reconnect and lose frames.
      watchdogMs: 10_000,
    })
    await start()
    const find = <T>(pred: (e: Loose) => unknown) =>
      (events as unknown as Loose[]).find(pred) as T | undefined
    await until(
      () =>
        !!find((e: Loose) => e.type === 'trade' && e.tradeId === '3535188229') &&
        !!find((e: Loose) => e.type === 'trade' && e.tradeId === '3071245454') &&
        !!find((e: Loose) => e.type === 'mark' && e.exchangeTsMs === 1680652801000) &&
        !!find((e: Loose) => e.type === 'funding' && e.settled && e.exchangeTsMs === 1680652800000),
      15000,
      'recorded Binance events',
    ).catch((err: unknown) => {
      const has = (type: string) =>
        events
          .filter((e) => e.type === type)
          .slice(0, 3)
          .map((e) => JSON.stringify(e).slice(0, 200))
      const perp = events.filter((e) => e.type === 'trade' && e.venue === 'binanceusdm').length
      const settled = events.filter((e) => e.type === 'funding' && e.settled).map((e) => e.exchangeTsMs)
      throw new Error(`${String(err)} perp trades ${perp} settled max ${Math.max(...settled)} ${has('gap')}`)
    })
    // usdm/btcusdt_20230405: {"e":"trade","E":1680652807006,"T":1680652804962,"s":"BTCUSDT","t":3535188229,
    //   "p":"28155.10","q":"0.001","X":"MARKET","m":true}  (m = buyer is maker, so the taker sold)
    const perpTrade = find<TradeEvent>((e: Loose) => e.type === 'trade' && e.tradeId === '3535188229')!
    expect(perpTrade).toMatchObject({
      venue: 'binanceusdm',
      symbol: 'BTC/USDT:USDT',
      price: 28155.1,
      qtyBase: 0.001,
      takerSide: 'sell',
      exchangeTsMs: 1680652804962,
    })
    // spot/btcusdt_20230405: {"e":"trade","E":1680652800000,"s":"BTCUSDT","t":3071245454,"p":"28165.47000000",
    //   "q":"0.00056000",...,"T":1680652799999,"m":true}
    const spotTrade = find<TradeEvent>((e: Loose) => e.type === 'trade' && e.tradeId === '3071245454')!
    expect(spotTrade).toMatchObject({
      venue: 'binance',
      symbol: 'BTC/USDT',
      price: 28165.47,
      qtyBase: 0.00056,
      takerSide: 'sell',
      exchangeTsMs: 1680652799999,
    })
    // {"e":"markPriceUpdate","E":1680652801000,"s":"BTCUSDT","p":"28155.20000000","P":"28141.47001461",
    //   "i":"28165.15571429","r":"0.00002760","T":1680681600000}
    const mark = find<MarkEvent>((e: Loose) => e.type === 'mark' && e.exchangeTsMs === 1680652801000)!
    expect(mark.markPrice).toBe(28155.2)
    expect(mark.indexPrice).toBe(28165.15571429)
    const live = find<FundingEvent>(
      (e: Loose) => e.type === 'funding' && !e.settled && e.exchangeTsMs === 1680652801000,
    )!
    // BTCUSDT is not in /fapi/v1/fundingInfo (emulator answers []), so Binance's default 8 h applies.
    expect(live).toMatchObject({
      fundingRatePerPeriod: 0.0000276,
      fundingIntervalHours: 8,
      nextFundingTsMs: 1680681600000,
    })
    // The venue serves no rate settled after its present (the replay starts 2023-04-05 00:00:00.091 UTC): the
    // newest is the CSV row "BTC-USDT,2023-04-05 03:00:00.000,0.00002760", UTC+3, so 00:00 UTC = 1680652800000,
    // the same rate as the recorded markPrice frames' `r`. The CSV runs on to 2023-12-31; none of that is served.
    const settled = events.filter((e) => e.type === 'funding' && e.settled) as FundingEvent[]
    expect(settled.find((e) => e.exchangeTsMs === 1680652800000)?.fundingRatePerPeriod).toBe(0.0000276)
    expect(Math.max(...settled.map((e) => e.exchangeTsMs))).toBe(1680652800000)
    // binance-futures-metrics/BTCUSDT.csv last bar: 1715888100000 (2024-05-16 19:35 UTC), sumOpenInterest
    // 72209.19600000, sumOpenInterestValue 4717094612.37840000 (USDⓈ-M: one contract = one BTC). Served
    // shifted so the bar closes where the replay starts: 19:40 -> 2023-04-05 00:00 UTC, a shift of
    // 1680652800000 - 1715888400000 = -35235600000 ms, so the bar is stamped 1680652500000 (2023-04-04 23:55).
    const LAST_BAR_MS = 1680652500000
    await until(
      () => !!find((e: Loose) => e.type === 'openInterest' && e.exchangeTsMs === LAST_BAR_MS),
      10000,
      'OI',
    )
    const oiHist = events.filter(
      (e) => e.type === 'openInterest' && e.exchangeTsMs === LAST_BAR_MS,
    ) as OpenInterestEvent[]
    expect(oiHist.some((e) => e.oiBase === 72209.196 && e.oiUsd === 4717094612.3784)).toBe(true)
    // The same bar's long/short ratios, served as /futures/data/*LongShort* history: globallongShortRatio 1.0129
    // (0.5032 / 0.4968), topacclongShortRatio 1.2999, topposlongShortRatio 1.1955.
    await until(
      () =>
        (['globalAccounts', 'topAccounts', 'topPositions'] as const).every(
          (kind) =>
            !!find((e: Loose) => e.type === 'longShort' && e.kind === kind && e.exchangeTsMs === LAST_BAR_MS),
        ),
      10000,
      'long/short history',
    )
    const ls = events.filter(
      (e) => e.type === 'longShort' && e.exchangeTsMs === LAST_BAR_MS,
    ) as LongShortEvent[]
    expect(ls.find((e) => e.kind === 'globalAccounts')).toMatchObject({
      ratio: 1.0129,
      longShare: 0.5032,
      shortShare: 0.4968,
    })
    expect(ls.find((e) => e.kind === 'topAccounts')?.ratio).toBe(1.2999)
    expect(ls.find((e) => e.kind === 'topPositions')?.ratio).toBe(1.1955)
    const statuses = src.venueStatuses()
    expect(statuses.map((s) => s.venue).sort()).toEqual(['binance', 'binanceusdm'])
    expect(statuses.find((s) => s.venue === 'binanceusdm')!.lastEventAgeMs.trade).not.toBeNull()
    await src.stop()
  }, 30000)
})

describe('Bybit linear and spot through ccxt.pro against recorded payloads', () => {
  it('normalizes trades, ticker mark/funding/OI and the spot quote', async () => {
    const { src, events, start } = liveAgainst(emu, {
      watchlist: [{ venue: 'bybit', symbols: ['BTC/USDT:USDT', 'BTC/USDT'] }],
      backfill: false,
    })
    await start()
    const find = <T>(pred: (e: Loose) => unknown) =>
      (events as unknown as Loose[]).find(pred) as T | undefined
    await until(
      () =>
        !!find((e) => e.tradeId === 'a9188a0a-82bc-50de-be60-03eedbe3cdd7') &&
        !!find((e) => e.tradeId === '2290000001189048101'),
      15000,
      'recorded Bybit trades',
    )
    // linear publicTrade.BTCUSDT: {"T":1786310819680,"s":"BTCUSDT","S":"Sell","v":"0.004","p":"65114.20",
    //   "i":"a9188a0a-82bc-50de-be60-03eedbe3cdd7",...}
    expect(find<TradeEvent>((e) => e.tradeId === 'a9188a0a-82bc-50de-be60-03eedbe3cdd7')).toMatchObject({
      symbol: 'BTC/USDT:USDT',
      price: 65114.2,
      qtyBase: 0.004,
      takerSide: 'sell',
      exchangeTsMs: 1786310819680,
    })
    // spot publicTrade.BTCUSDT: {"i":"2290000001189048101","T":1786310822605,"p":"65140.5","v":"0.002705","S":"Buy",...}
    expect(find<TradeEvent>((e) => e.tradeId === '2290000001189048101')).toMatchObject({
      symbol: 'BTC/USDT',
      price: 65140.5,
      qtyBase: 0.002705,
      takerSide: 'buy',
    })
    // tickers.BTCUSDT snapshot: "openInterest":"59891.732","fundingIntervalHour":"8",
    //   "nextFundingTime":"1786320000000","fundingRate":"0.0001"; the first deltas leave openInterest unchanged.
    const oi = find<OpenInterestEvent>((e) => e.type === 'openInterest')!
    expect(oi.oiContracts).toBe(59891.732)
    const funding = find<FundingEvent>((e) => e.type === 'funding')!
    expect(funding).toMatchObject({
      fundingRatePerPeriod: 0.0001,
      fundingIntervalHours: 8,
      nextFundingTsMs: 1786320000000,
      settled: false,
    })
    // The snapshot and the two deltas in the same millisecond carry markPrice 65117.44, 65117.43, 65118.03.
    const mark = find<MarkEvent>((e) => e.type === 'mark')!
    expect([65117.44, 65117.43, 65118.03]).toContain(mark.markPrice)
    // Spot book snapshot (orderbook.200.BTCUSDT on the spot connection) starts ["65140.4","0.885797"].
    const quote = find((e) => e.type === 'quote' && e.symbol === 'BTC/USDT')
    expect(quote).toBeDefined()
    await src.stop()
  }, 30000)
})
