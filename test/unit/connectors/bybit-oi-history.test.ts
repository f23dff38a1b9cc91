import type { Exchange } from 'ccxt'
import { describe, expect, it } from 'vitest'
import type { MarketEvent, OpenInterestEvent } from '../../../src/shared/market-event'
import { adapterFor } from '../../../src/main/engine/connectors/venues'
import { DEFAULT_CONNECTOR_OPTIONS } from '../../../src/main/engine/connectors/connector-options'
import { RestBudget } from '../../../src/main/engine/connectors/rest-budget'
import { recordedMarketsExchange } from './helpers'

/*
 * Bybit's `/v5/market/open-interest` is not recorded; its pages here are test input in the published shape
 * (`{result: {list: [{openInterest, timestamp}], nextPageCursor}}`, newest first), read through the real ccxt
 * bybit with the recorded BTCUSDT instrument (linear: contract size 1, OI in BTC).
 */
const recorded = recordedMarketsExchange('bybit', ['spot', 'linear'])
const NEWEST = 1_786_300_000_000 - (1_786_300_000_000 % 300_000)
const FIVE_MIN = 300_000

describe('Bybit open-interest history', () => {
  it('pages back 200 bars a request by endTime until the window is covered, oldest first', async () => {
    const requests: Record<string, unknown>[] = []
    const ex = Object.create(recorded.ex()) as Exchange & Record<string, unknown>
    // Bar i (0 = newest) has OI 50,000 + i BTC; the venue keeps 1,000 bars.
    ex.publicGetV5MarketOpenInterest = async (params: Record<string, unknown>) => {
      requests.push(params)
      const end = params.endTime === undefined ? NEWEST : Number(params.endTime)
      const first = Math.ceil((NEWEST - end) / FIVE_MIN)
      const list = Array.from({ length: 200 }, (_, k) => first + k)
        .filter((i) => i < 1000)
        .map((i) => ({ openInterest: String(50_000 + i), timestamp: String(NEWEST - i * FIVE_MIN) }))
      return { retCode: 0, retMsg: 'OK', result: { category: 'linear', symbol: 'BTCUSDT', list } }
    }
    const events: MarketEvent[] = []
    const failed: string[] = []
    await adapterFor('bybit').openInterestHistory!(
      {
        ex,
        venue: 'bybit',
        budget: new RestBudget(),
        emit: (e) => events.push(...e),
        progress: () => {},
        failed: (task, why) => failed.push(`${task}: ${why}`),
      },
      recorded.watched('BTC/USDT:USDT'),
      { ...DEFAULT_CONNECTOR_OPTIONS.backfill, historyDays: 1 },
    )
    expect(failed).toEqual([])
    // One day back from the newest bar, both ends included: 288 + 1 bars, from 2 requests (200 + 89 wanted).
    expect(requests.length).toBe(2)
    expect(requests[0]).toMatchObject({
      category: 'linear',
      symbol: 'BTCUSDT',
      intervalTime: '5min',
      limit: 200,
    })
    // The second page ends just before the oldest bar of the first (bar 199).
    expect(requests[1]!.endTime).toBe(NEWEST - 199 * FIVE_MIN - 1)
    const oi = events as OpenInterestEvent[]
    expect(oi.length).toBe(289)
    expect(oi[0]).toMatchObject({
      exchangeTsMs: NEWEST - 288 * FIVE_MIN,
      oiContracts: 50_288,
      oiBase: 50_288,
    })
    expect(oi[288]).toMatchObject({ exchangeTsMs: NEWEST, oiContracts: 50_000, oiBase: 50_000, oiUsd: null })
  })
})
