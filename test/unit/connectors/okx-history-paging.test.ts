import { describe, expect, it } from 'vitest'
import type { MarketEvent } from '../../../src/shared/market-event'
import { backfillMarket } from '../../../src/main/engine/connectors/history'
import { okx as okxAdapter } from '../../../src/main/engine/connectors/venues/okx'
import { backfillOptions, historyDeps, recordedMarketsExchange } from './helpers'

/*
 * OKX's history paging against the emulator's published examples (docs/emulator.md): the funding-rate history
 * example is one settlement (fundingTime 1597026383085, served as two rows), the contract long/short account
 * ratio three 5-minute rows (newest 2024-10-19 07:40 UTC = 1729323600000, 0.9398602814619824); the top-trader
 * ratios have no payload and are refused.
 */
const okx = recordedMarketsExchange('okx', ['spot', 'swap'])

const OPTS = backfillOptions()

describe("OKX's funding history pages back by OKX's own parameter", () => {
  it('asks the newest page, then the page before its oldest row (`after`), and stops at the empty one', async () => {
    const ex = okx.ex()
    const asked: Record<string, unknown>[] = []
    const api = ex as unknown as Record<string, (p: Record<string, unknown>) => Promise<unknown>>
    const original = api['publicGetPublicFundingRateHistory']!.bind(ex)
    api['publicGetPublicFundingRateHistory'] = (p) => {
      asked.push(p)
      return original(p)
    }
    try {
      const events: MarketEvent[] = []
      await backfillMarket(historyDeps(ex, 'okx', events), okx.watched('BTC/USDT:USDT'), OPTS)
      // ccxt's `until` never reached OKX: every page was the newest one again, up to maxPages (5).
      expect(asked.map((p) => p['after'] ?? null)).toEqual([null, '1597026383085'])
    } finally {
      api['publicGetPublicFundingRateHistory'] = original
    }
  })
})

describe("OKX's long/short poller", () => {
  it('delivers the ratio the venue answers when it refuses the other two', async () => {
    const events = await okxAdapter.pollLongShort!(
      historyDeps(okx.ex(), 'okx', []),
      okx.watched('BTC/USDT:USDT'),
    )
    expect(events).toEqual([
      expect.objectContaining({
        type: 'longShort',
        kind: 'globalAccounts',
        exchangeTsMs: 1729323600000,
        ratio: 0.9398602814619824,
      }),
    ])
  })
})
