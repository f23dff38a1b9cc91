import type { Exchange } from 'ccxt'
import { beforeAll, describe, expect, it } from 'vitest'
import type {
  FundingEvent,
  LiquidationEvent,
  LongShortEvent,
  MarketEvent,
} from '../../../src/shared/market-event'
import { pollMarket } from '../../../src/main/engine/connectors/history'
import { streamsFor } from '../../../src/main/engine/connectors/market-streams'
import type { WatchedMarket } from '../../../src/main/engine/connectors/market-streams'
import { RestBudget } from '../../../src/main/engine/connectors/rest-budget'
import { recordedMarketsExchange } from './helpers'

/*
 * OKX funding, open interest, mark price, long/short and liquidations are not in the recording, so these
 * payloads are OKX's published examples (as quoted in ccxt's okx parser) or test input in their shape, parsed
 * by ccxt itself. Contract values are the recorded instruments' `ctVal` (BTC-USDT-SWAP 0.01 BTC,
 * IOST-USDT-SWAP 1000 IOST, BTC-USD-SWAP 100 USD inverse).
 */

const recorded = recordedMarketsExchange('okx', ['spot', 'swap'])
const watched = recorded.watched
let ex: Exchange
beforeAll(() => {
  ex = recorded.ex()
})

const stream = (m: WatchedMarket, name: string) => {
  const spec = streamsFor(ex, 'okx', m, { bookDepth: 20, bookThrottleMs: 0 }).find((s) => s.stream === name)
  if (!spec) throw new Error(`no ${name} stream for ${m.symbol}`)
  return spec
}

/** One round of the radar's REST poller for an OKX perp, over the real ccxt okx with some methods stubbed. */
async function polled(
  symbol: string,
  what: 'openInterest' | 'longShort',
  stub: (okx: Record<string, unknown>, m: WatchedMarket) => void,
): Promise<MarketEvent[]> {
  const m = watched(symbol)
  const okx = Object.create(ex) as Exchange
  stub(okx as unknown as Record<string, unknown>, m)
  const out: MarketEvent[] = []
  await pollMarket(
    {
      ex: okx,
      venue: 'okx',
      budget: new RestBudget(),
      emit: (e) => out.push(...e),
      progress: () => {},
      failed: () => {},
    },
    m,
    what,
  )
  return out
}

const polledOpenInterest = (symbol: string, payload: Record<string, string>) =>
  polled(symbol, 'openInterest', (okx, m) => {
    const parse = (ex as unknown as { parseOpenInterest(i: unknown, m: unknown): unknown }).parseOpenInterest
    okx.fetchOpenInterest = async () => parse.call(ex, payload, m.market)
  })

describe('OKX derivatives data through ccxt, from published payloads', () => {
  it('open interest of a linear swap: contracts, and coins as OKX states them', async () => {
    const [e] = await polledOpenInterest('BTC/USDT:USDT', {
      instId: 'BTC-USDT-SWAP',
      instType: 'SWAP',
      oi: '2125419',
      oiCcy: '21254.19',
      ts: '1664005108969',
    })
    // 2,125,419 contracts x 0.01 BTC = 21,254.19 BTC, the same as OKX's oiCcy; no USD figure in the payload.
    expect(e).toMatchObject({
      type: 'openInterest',
      venue: 'okx',
      symbol: 'BTC/USDT:USDT',
      exchangeTsMs: 1664005108969,
      oiContracts: 2125419,
      oiBase: 21254.19,
      oiUsd: null,
    })
  })

  it('open interest of a coin-margined swap is 100 USD a contract, never 100 BTC', async () => {
    const [e] = await polledOpenInterest('BTC/USD:BTC', {
      instId: 'BTC-USD-SWAP',
      instType: 'SWAP',
      oi: '1500',
      ts: '1664005108969',
    })
    // 1,500 contracts x 100 USD = 150,000 USD; the coin figure is absent and is not invented.
    expect(e).toMatchObject({ oiContracts: 1500, oiUsd: 150_000, oiBase: null })
  })

  it('a funding push gives the current rate, its 8 h interval, settlement time and exchange time', () => {
    const m = watched('BTC/USD:BTC')
    const push = {
      fundingRate: '0.0001875391284828',
      fundingTime: '1700726400000',
      instId: 'BTC-USD-SWAP',
      instType: 'SWAP',
      method: 'next_period',
      maxFundingRate: '0.00375',
      minFundingRate: '-0.00375',
      nextFundingRate: '0.0002608059239328',
      nextFundingTime: '1700755200000',
      premium: '0.0001233824646391',
      settFundingRate: '0.0001699799259033',
      settState: 'settled',
      ts: '1700724675402',
    }
    const parsed = (ex as unknown as { parseFundingRate(c: unknown, m: unknown): unknown }).parseFundingRate(
      push,
      m.market,
    )
    const [e] = stream(m, 'funding').toEvents(parsed, 1700724675500) as FundingEvent[]
    // 1700755200000 - 1700726400000 = 28,800,000 ms = 8 h.
    expect(e).toMatchObject({
      type: 'funding',
      exchangeTsMs: 1700724675402,
      receiveTsMs: 1700724675500,
      fundingRatePerPeriod: 0.0001875391284828,
      fundingIntervalHours: 8,
      nextFundingTsMs: 1700726400000,
      predictedRatePerPeriod: 0.0002608059239328,
      settled: false,
    })
  })

  it("a mark-price push gives the mark at OKX's own time", () => {
    const m = watched('BTC/USDT:USDT')
    // Test input in the shape of OKX's mark-price push ({instType, instId, markPx, ts}).
    const entry = { instType: 'SWAP', instId: 'BTC-USDT-SWAP', markPx: '42310.6', ts: '1630049139746' }
    const parsed = (ex as unknown as { parseTicker(t: unknown, m: unknown): unknown }).parseTicker(
      entry,
      m.market,
    )
    expect(stream(m, 'mark').toEvents(parsed, 1630049140000)).toEqual([
      {
        type: 'mark',
        venue: 'okx',
        symbol: 'BTC/USDT:USDT',
        receiveTsMs: 1630049140000,
        exchangeTsMs: 1630049139746,
        markPrice: 42310.6,
        indexPrice: null,
      },
    ])
  })

  it('polls the three long/short ratios OKX publishes per contract, leaving the unknown shares null', async () => {
    const asked: [string, unknown][] = []
    // OKX's published answer of the long/short account ratio endpoint, newest row first.
    const answer = {
      code: '0',
      data: [
        ['1729323600000', '0.9398602814619824'],
        ['1729323300000', '0.9398602814619824'],
      ],
      msg: '',
    }
    const events = await polled('BTC/USDT:USDT', 'longShort', (okx) => {
      for (const method of [
        'publicGetRubikStatContractsLongShortAccountRatioContract',
        'publicGetRubikStatContractsLongShortAccountRatioContractTopTrader',
        'publicGetRubikStatContractsLongShortPositionRatioContractTopTrader',
      ])
        okx[method] = async (params: unknown) => {
          asked.push([method, params])
          return answer
        }
    })
    expect(asked.map(([, p]) => p)).toEqual(
      Array(3).fill({ instId: 'BTC-USDT-SWAP', period: '5m', limit: 1 }),
    )
    expect(events.map((e) => (e as LongShortEvent).kind)).toEqual([
      'globalAccounts',
      'topAccounts',
      'topPositions',
    ])
    expect(events[0]).toMatchObject({
      type: 'longShort',
      venue: 'okx',
      symbol: 'BTC/USDT:USDT',
      exchangeTsMs: 1729323600000,
      ratio: 0.9398602814619824,
      longShare: null,
      shortShare: null,
      periodMinutes: 5,
    })
  })

  it('reads every detail of a liquidation entry, in base units and USD, with the liquidated side', () => {
    const m = watched('IOST/USDT:USDT')
    const entry = {
      details: [
        // OKX's published example: a forced buy of 13 contracts closes a short at the bankruptcy price.
        {
          bkLoss: '0',
          bkPx: '0.007831',
          ccy: '',
          posSide: 'short',
          side: 'buy',
          sz: '13',
          ts: '1692266434010',
        },
        // Test input in the same shape: a net-mode (posSide "net") forced sell, which closes a long.
        { bkLoss: '0', bkPx: '0.0078', ccy: '', posSide: 'net', side: 'sell', sz: '2', ts: '1692266434500' },
      ],
      instFamily: 'IOST-USDT',
      instId: 'IOST-USDT-SWAP',
      instType: 'SWAP',
      uly: 'IOST-USDT',
    }
    const parsed = (ex as unknown as { parseWsLiquidation(l: unknown): unknown }).parseWsLiquidation(entry)
    const events = stream(m, 'liquidation').toEvents([parsed], 1692266435000) as LiquidationEvent[]
    expect(events).toHaveLength(2)
    // 13 x 1,000 IOST = 13,000 IOST; x 0.007831 = 101.803 USD.
    expect(events[0]).toMatchObject({ positionSide: 'short', price: 0.007831, exchangeTsMs: 1692266434010 })
    expect(events[0]!.qtyBase).toBe(13_000)
    expect(events[0]!.usd).toBeCloseTo(101.803, 9)
    // 2 x 1,000 = 2,000 IOST x 0.0078 = 15.6 USD.
    expect(events[1]).toMatchObject({ positionSide: 'long', price: 0.0078, qtyBase: 2000 })
    expect(events[1]!.usd).toBeCloseTo(15.6, 9)
  })

  it('sizes a coin-margined liquidation by its 100 USD contracts', () => {
    const m = watched('BTC/USD:BTC')
    const entry = {
      details: [{ bkPx: '25000', posSide: 'long', side: 'sell', sz: '40', ts: '1692266434010' }],
      instId: 'BTC-USD-SWAP',
      instType: 'SWAP',
    }
    const parsed = (ex as unknown as { parseWsLiquidation(l: unknown): unknown }).parseWsLiquidation(entry)
    const [e] = stream(m, 'liquidation').toEvents([parsed], 1692266435000) as LiquidationEvent[]
    // 40 x 100 USD = 4,000 USD = 0.16 BTC at 25,000.
    expect(e).toMatchObject({ positionSide: 'long', usd: 4000, qtyBase: 0.16 })
  })

  it('skips a detail with no price, size or side instead of emitting a zero', () => {
    const m = watched('IOST/USDT:USDT')
    const entry = {
      details: [
        { bkPx: '', posSide: 'short', side: 'buy', sz: '13', ts: '1692266434010' },
        { bkPx: '0.0078', posSide: 'net', side: '', sz: '2', ts: '1692266434010' },
        { bkPx: '0.0078', posSide: 'long', side: 'sell', sz: '0', ts: '1692266434010' },
      ],
      instId: 'IOST-USDT-SWAP',
      instType: 'SWAP',
    }
    const parsed = (ex as unknown as { parseWsLiquidation(l: unknown): unknown }).parseWsLiquidation(entry)
    expect(stream(m, 'liquidation').toEvents([parsed], 1692266435000)).toEqual([])
  })
})
