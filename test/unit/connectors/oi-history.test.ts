import type { Exchange } from 'ccxt'
import { describe, expect, it } from 'vitest'
import type { LongShortEvent, MarketEvent } from '../../../src/shared/market-event'
import { adapterFor } from '../../../src/main/engine/connectors/venues'
import { RestBudget } from '../../../src/main/engine/connectors/rest-budget'
import type { WatchedMarket } from '../../../src/main/engine/connectors/market-streams'
import { backfillOptions, recordedMarketsExchange } from './helpers'

/*
 * Neither Bybit's `/v5/market/open-interest` nor OKX's `/rubik/stat/contracts/open-interest-history` is
 * recorded; their pages here are test input in each venue's published shape (newest first), read through the
 * real ccxt class with the recorded instruments: Bybit BTCUSDT linear (contract size 1, OI in BTC), OKX
 * BTC-USDT-SWAP (ctVal 0.01 BTC).
 */
const bybit = recordedMarketsExchange('bybit', ['spot', 'linear'])
const okx = recordedMarketsExchange('okx', ['spot', 'swap'])
const NEWEST = 1_786_300_000_000 - (1_786_300_000_000 % 300_000)
const FIVE_MIN = 300_000
const ONE_DAY = backfillOptions({ historyDays: 1, maxPages: 40 })

/**
 * Runs a venue's OI history (or, `extra`, its long/short histories) against stubbed endpoints that keep 1,000
 * bars each; bar i (0 = newest) is 50,000 + i.
 */
async function history(
  venue: 'bybit' | 'okx',
  ex0: Exchange,
  m: WatchedMarket,
  methods: string | string[],
  endParam: string,
  pageSize: number,
  reply: (bars: number[]) => unknown,
  run: 'openInterestHistory' | 'extraHistory' = 'openInterestHistory',
): Promise<{ requests: Record<string, unknown>[]; events: MarketEvent[]; failed: string[] }> {
  const requests: Record<string, unknown>[] = []
  const ex = Object.create(ex0) as Exchange & Record<string, unknown>
  for (const method of typeof methods === 'string' ? [methods] : methods)
    ex[method] = async (params: Record<string, unknown>) => {
      requests.push({ ...params, method })
      const end = params[endParam] === undefined ? NEWEST : Number(params[endParam])
      const first = Math.ceil((NEWEST - end) / FIVE_MIN)
      return reply(Array.from({ length: pageSize }, (_, k) => first + k).filter((i) => i < 1000))
    }
  const events: MarketEvent[] = []
  const failed: string[] = []
  await adapterFor(venue)[run]!(
    {
      ex,
      venue,
      budget: new RestBudget(),
      emit: (e) => events.push(...e),
      progress: () => {},
      failed: (task, why) => failed.push(`${task}: ${why}`),
    },
    m,
    ONE_DAY,
  )
  return { requests, events, failed }
}

const ts = (i: number) => NEWEST - i * FIVE_MIN

describe('open-interest history', () => {
  it('Bybit: 200 bars a request, paged back by endTime until the window is covered, oldest first', async () => {
    const r = await history(
      'bybit',
      bybit.ex(),
      bybit.watched('BTC/USDT:USDT'),
      'publicGetV5MarketOpenInterest',
      'endTime',
      200,
      (bars) => ({
        retCode: 0,
        retMsg: 'OK',
        result: {
          category: 'linear',
          symbol: 'BTCUSDT',
          list: bars.map((i) => ({ openInterest: String(50_000 + i), timestamp: String(ts(i)) })),
        },
      }),
    )
    expect(r.failed).toEqual([])
    // One day back from the newest bar, both ends included: 288 + 1 bars, from 2 requests (200 + 89 wanted).
    expect(r.requests.length).toBe(2)
    expect(r.requests[0]).toMatchObject({
      category: 'linear',
      symbol: 'BTCUSDT',
      intervalTime: '5min',
      limit: 200,
    })
    // The second page ends just before the oldest bar of the first (bar 199).
    expect(r.requests[1]!.endTime).toBe(ts(199) - 1)
    expect(r.events.length).toBe(289)
    expect(r.events[0]).toMatchObject({ exchangeTsMs: ts(288), oiContracts: 50_288, oiBase: 50_288 })
    expect(r.events[288]).toMatchObject({
      exchangeTsMs: NEWEST,
      oiContracts: 50_000,
      oiBase: 50_000,
      oiUsd: null,
    })
  })

  it('OKX: 100 rows a request, [ts, contracts, coins, USD], paged back by end, oldest first', async () => {
    // Bar i: 50,000 + i contracts of 0.01 BTC = (50,000 + i) / 100 BTC, at 60,000 USD a BTC.
    const r = await history(
      'okx',
      okx.ex(),
      okx.watched('BTC/USDT:USDT'),
      'publicGetRubikStatContractsOpenInterestHistory',
      'end',
      100,
      (bars) => ({
        code: '0',
        msg: '',
        data: bars.map((i) => [
          String(ts(i)),
          String(50_000 + i),
          String((50_000 + i) / 100),
          String((50_000 + i) * 600),
        ]),
      }),
    )
    expect(r.failed).toEqual([])
    // 289 bars wanted: 3 requests (100 + 100 + 89 wanted of the third).
    expect(r.requests.length).toBe(3)
    expect(r.requests[0]).toMatchObject({ instId: 'BTC-USDT-SWAP', period: '5m', limit: 100 })
    expect(r.requests[2]!.end).toBe(ts(199) - 1)
    expect(r.events.length).toBe(289)
    expect(r.events[0]).toMatchObject({
      exchangeTsMs: ts(288),
      oiContracts: 50_288,
      oiBase: 502.88,
      oiUsd: 30_172_800,
    })
    expect(r.events[288]).toMatchObject({
      exchangeTsMs: NEWEST,
      oiContracts: 50_000,
      oiBase: 500,
      oiUsd: 30_000_000,
    })
  })

  it('Bybit and OKX long/short history: the account ratio (Bybit), the three ratios (OKX), oldest first', async () => {
    // Bybit: bar i has buy (0.5 + i / 10,000) and sell the rest; 500 rows a request cover the day at once.
    const b = await history(
      'bybit',
      bybit.ex(),
      bybit.watched('BTC/USDT:USDT'),
      'publicGetV5MarketAccountRatio',
      'endTime',
      500,
      (bars) => ({
        retCode: 0,
        result: {
          list: bars.map((i) => ({
            symbol: 'BTCUSDT',
            buyRatio: String(0.5 + i / 10_000),
            sellRatio: String(0.5 - i / 10_000),
            timestamp: String(ts(i)),
          })),
        },
      }),
      'extraHistory',
    )
    expect(b.failed).toEqual([])
    expect(b.requests).toEqual([
      {
        category: 'linear',
        symbol: 'BTCUSDT',
        period: '5min',
        limit: 500,
        method: 'publicGetV5MarketAccountRatio',
      },
    ])
    expect(b.events.length).toBe(289)
    // Bar 288: 0.5288 long, 0.4712 short.
    expect(b.events[0]).toMatchObject({ kind: 'globalAccounts', exchangeTsMs: ts(288), longShare: 0.5288 })
    expect((b.events[0] as LongShortEvent).ratio).toBeCloseTo(0.5288 / 0.4712, 12)
    // OKX: `[ts, ratio]` rows, ratio 1 + i / 1,000, for each of the three series in turn (3 requests each).
    const o = await history(
      'okx',
      okx.ex(),
      okx.watched('BTC/USDT:USDT'),
      [
        'publicGetRubikStatContractsLongShortAccountRatioContract',
        'publicGetRubikStatContractsLongShortAccountRatioContractTopTrader',
        'publicGetRubikStatContractsLongShortPositionRatioContractTopTrader',
      ],
      'end',
      100,
      (bars) => ({ code: '0', data: bars.map((i) => [String(ts(i)), String(1 + i / 1000)]) }),
      'extraHistory',
    )
    expect(o.failed).toEqual([])
    expect(o.requests.length).toBe(9)
    expect(o.events.length).toBe(3 * 289)
    for (const kind of ['globalAccounts', 'topAccounts', 'topPositions']) {
      const series = o.events.filter((e) => e.type === 'longShort' && e.kind === kind)
      expect(series.length, kind).toBe(289)
      expect(series[0]).toMatchObject({ exchangeTsMs: ts(288), ratio: 1.288, longShare: null })
      expect(series[288]).toMatchObject({ exchangeTsMs: NEWEST, ratio: 1 })
    }
  })
})
