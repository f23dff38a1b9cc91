import { describe, expect, it } from 'vitest'
import type { MarketEvent } from '../../../shared/market-event'
import { scoringHostsForTests } from './test-hosts'

const T0 = 1_700_000_000_000
const HOUR_MS = 3_600_000
const SYMBOL = 'ETH/USDT:USDT'
const KEY = `binanceusdm:${SYMBOL}`

const base = (tsMs: number) => ({
  venue: 'binanceusdm' as const,
  symbol: SYMBOL,
  exchangeTsMs: tsMs,
  receiveTsMs: tsMs,
})
/** 25 hourly OI readings ending at T0 + 24 h: 1,000 ETH rising 10 an hour to 1,240 (what a warm start sends). */
const history: MarketEvent[] = Array.from({ length: 25 }, (_, h) => ({
  ...base(T0 + h * HOUR_MS),
  type: 'openInterest',
  oiContracts: null,
  oiBase: 1000 + 10 * h,
  oiUsd: null,
}))

const startHost = scoringHostsForTests()

describe('a tier-1 market the watchlist takes', () => {
  it('starts afresh in the worker on its first streamed batch, so its history is scored', async () => {
    const { host, received } = startHost()
    // The universe's bulk figure, stamped after the history the warm start will send.
    host.sendTier1([
      { ...base(T0 + 25 * HOUR_MS), type: 'openInterest', oiContracts: null, oiBase: null, oiUsd: 3e9 },
    ])
    await host.settled()
    host.send(history)
    await host.settled()
    const last = received.filter((s) => s.key === KEY).at(-1)!
    // 1,240 / 1,000 − 1: without the fresh start the scorer would have dropped every older reading.
    expect(last.metrics['oi-roc-24h']!.value).toBeCloseTo(0.24, 12)
  }, 30_000)
})
