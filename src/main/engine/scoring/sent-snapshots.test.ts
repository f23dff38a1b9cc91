import { describe, expect, it } from 'vitest'
import type { TradeEvent } from '../../../shared/market-event'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import { scoringHostsForTests } from './test-hosts'
import { SentSnapshots } from './sent-snapshots'

const T0 = 1_700_000_000_000

const snap = (key: string, over: Partial<MarketSnapshot> = {}): MarketSnapshot => ({
  key,
  venue: 'bybit',
  symbol: key.slice(key.indexOf(':') + 1),
  asOfMs: 1,
  lastPrice: 1,
  eventCount: 1,
  metrics: {},
  labels: {},
  tags: [],
  contradictions: [],
  evaluatedAtMs: 1,
  stress: null,
  ...over,
})

const trade = (symbol: string, tsMs: number, i: number): TradeEvent => ({
  type: 'trade',
  venue: 'binanceusdm',
  symbol,
  exchangeTsMs: tsMs,
  receiveTsMs: tsMs,
  price: 30_000 + (i % 7),
  qtyBase: 0.01,
  takerSide: i % 2 ? 'buy' : 'sell',
  tradeId: String(i),
})

describe('SentSnapshots', () => {
  it('drops a snapshot of the same evaluation, and sends one whose evaluation or figures changed', () => {
    const sent = new SentSnapshots()
    const a = snap('a')
    expect(sent.changed([a])).toEqual([a])
    // The same evaluation handed out again (a quiet market's reused metrics): nothing to send.
    expect(sent.changed([{ ...a }])).toEqual([])
    const evaluatedAgain = { ...a, metrics: {}, evaluatedAtMs: 2 }
    expect(sent.changed([evaluatedAgain])).toEqual([evaluatedAgain])
    const traded = { ...evaluatedAgain, eventCount: 2 }
    expect(sent.changed([traded])).toEqual([traded])
    sent.clear()
    expect(sent.changed([traded])).toEqual([traded])
    sent.sentAll([snap('b')])
    expect(sent.changed([traded])).toEqual([traded])
  })
})

describe('the scoring worker sends only markets that changed', { timeout: 60_000 }, () => {
  const startHost = scoringHostsForTests()

  it('a quiet market is sent again only when it is evaluated again, not with every batch of another market', async () => {
    const { host, received } = startHost()
    host.send([trade('ETH/USDT:USDT', T0, 0)])
    await host.settled()
    // 100 BTC batches, 100 ms of exchange time apart (10 s in all): ETH's liquidation map marks it changed
    // with each, but its evaluation is reused between its re-evaluations every snapshotReuseMs (5 s).
    for (let i = 1; i <= 100; i++) {
      host.send([trade('BTC/USDT:USDT', T0 + i * 100, i)])
      await host.settled()
    }
    const of = (symbol: string) => received.filter((s) => s.symbol === symbol)
    expect(of('BTC/USDT:USDT').length).toBeGreaterThanOrEqual(100)
    const eth = of('ETH/USDT:USDT')
    // Its first snapshot and at most one a 5 s grid step over 10 s (its phase may add one).
    expect(eth.length).toBeGreaterThanOrEqual(1)
    expect(eth.length).toBeLessThanOrEqual(4)
    // Each one sent is a new evaluation.
    expect(new Set(eth.map((s) => s.evaluatedAtMs)).size).toBe(eth.length)
  })
})
