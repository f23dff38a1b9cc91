import { describe, expect, it } from 'vitest'
import { adapterFor } from '../../../src/main/engine/connectors/venues'
import type { HistoryDeps } from '../../../src/main/engine/connectors/history-deps'
import { RestBudget } from '../../../src/main/engine/connectors/rest-budget'
import type { CcxtTrade } from '../../../src/main/engine/connectors/normalize'
import { recordedMarketsExchange } from './helpers'

/*
 * Values read from ../shared/data/exchange-ws-recordings/OKX.jsonl.zst by a separate script over the raw
 * `trades` pushes: BTC-USDT has 69 trades, ids 338476307..338476375 without a hole, all within the minute that
 * opens 1652459220000 (2022-05-13 16:27 UTC): first (by time) 30236, last 30227.6, high 30251.7, low 30220.1,
 * sizes summing to 3.48657495 BTC and 105,393.14383 USDT. UNI-USD-SWAP has one trade: id 12883020, 100
 * contracts at 5.123; a contract is 10 USD (ctVal "10", inverse), so 1,000 USD = 1000 / 5.123 UNI.
 */
const recorded = recordedMarketsExchange('okx', ['spot', 'swap'])

const okxGet = async (path: string) => {
  const ex = recorded.ex() as unknown as { urls: { api: { rest: string } } }
  const origin = new URL(ex.urls.api.rest).origin
  return (await (await fetch(origin + path)).json()) as { code: string; data: unknown[] }
}

describe('OKX REST history built from the recorded trades', () => {
  it('serves the newest trades and pages older ones by trade id, newest first', async () => {
    const recent = (await okxGet('/api/v5/market/trades?instId=BTC-USDT&limit=500')).data as {
      tradeId: string
    }[]
    expect(recent.length).toBe(69)
    expect(recent[0]!.tradeId).toBe('338476375')
    expect(recent[68]!.tradeId).toBe('338476307')
    const older = (await okxGet('/api/v5/market/history-trades?instId=BTC-USDT&after=338476337&limit=5'))
      .data as { tradeId: string }[]
    expect(older.map((t) => t.tradeId)).toEqual([
      '338476336',
      '338476335',
      '338476334',
      '338476333',
      '338476332',
    ])
    expect((await okxGet('/api/v5/market/history-trades?instId=BTC-USDT&after=338476307')).data).toEqual([])
  })

  it('aggregates candles from the same trades: spot volume in BTC, a coin-margined swap in contracts', async () => {
    const [spot] = (await okxGet('/api/v5/market/candles?instId=BTC-USDT&bar=1m')).data as string[][]
    expect(spot!.slice(0, 5)).toEqual(['1652459220000', '30236', '30251.7', '30220.1', '30227.6'])
    expect(Number(spot![5])).toBeCloseTo(3.48657495, 8)
    expect(Number(spot![6])).toBeCloseTo(105393.14383, 4)
    // The recording ends inside this minute, so the bar is still open.
    expect(spot![8]).toBe('0')
    const [swap] = (await okxGet('/api/v5/market/history-candles?instId=UNI-USD-SWAP&bar=5m'))
      .data as string[][]
    expect(swap![0]).toBe(String(Math.floor(1652459215150 / 300_000) * 300_000))
    expect(Number(swap![5])).toBe(100)
    expect(Number(swap![6])).toBeCloseTo(1000 / 5.123, 7)
    expect(Number(swap![7])).toBe(1000)
    // A candle before the first trade does not exist: nothing is invented.
    expect((await okxGet('/api/v5/market/candles?instId=BTC-USDT&bar=1m&after=1652459220000')).data).toEqual(
      [],
    )
  })

  it("the OKX adapter's trade page goes through ccxt: newest page first, then older trades by id", async () => {
    const ex = recorded.ex()
    const d: HistoryDeps = {
      ex,
      venue: 'okx',
      budget: new RestBudget(),
      emit: () => {},
      progress: () => {},
      failed: () => {},
    }
    const m = recorded.watched('BTC/USDT')
    const page = adapterFor('okx').tradePage!
    const newest = await page(d, m, null)
    expect(newest.length).toBe(69)
    const before: CcxtTrade = { id: '338476337' }
    const older = await page(d, m, before)
    // The 30 trades with ids 338476307..338476336, each once.
    expect(older.map((t) => Number(t.id)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => 338476307 + i),
    )
    expect(older.find((t) => t.id === '338476307')).toMatchObject({
      price: 30236,
      amount: 0.0002,
      side: 'buy',
    })
  })
})
