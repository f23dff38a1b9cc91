import { describe, expect, it } from 'vitest'
import type { UniverseRow } from '../../../shared/contract/universe'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import { inScope, scopedMarkets } from './radar-scope'

const uni = (key: string, over: Partial<UniverseRow> = {}): UniverseRow => {
  const [venue, symbol] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)]
  return {
    key,
    venue: venue as UniverseRow['venue'],
    symbol,
    base: symbol.split('/')[0]!,
    lastPrice: 100,
    markPrice: 100.5,
    indexPrice: 100.4,
    change24hFraction: -0.05,
    fundingRatePerPeriod: 0.0004,
    fundingIntervalHours: 4,
    nextFundingTsMs: null,
    oiUsd: null,
    volume24hUsd: 2e6,
    asOfMs: 1000,
    missing: { oi: 'waiting for its open-interest turn' },
    ...over,
  }
}

const snap = (key: string, metrics: MarketSnapshot['metrics'] = {}): MarketSnapshot => ({
  key,
  venue: key.split(':')[0] as MarketSnapshot['venue'],
  symbol: key.slice(key.indexOf(':') + 1),
  asOfMs: 2000,
  lastPrice: 101,
  eventCount: 10,
  metrics,
  labels: {},
  tags: [],
  contradictions: [],
  evaluatedAtMs: 2000,
  stress: 40,
})

describe('radar scope: the universe (tier 1) beside the watchlist (tier 2)', () => {
  const universe = new Map(
    ['bybit:SOL/USDT:USDT', 'bybit:BTC/USDT:USDT', 'okx:ETH/USDT:USDT'].map((k) => [k, uni(k)]),
  )
  const scored = new Map([
    ['bybit:BTC/USDT:USDT', snap('bybit:BTC/USDT:USDT')],
    ['bybit:SOL/USDT:USDT', snap('bybit:SOL/USDT:USDT')],
    ['binance:BTC/USDT', snap('binance:BTC/USDT')],
  ])
  const markets = scopedMarkets(scored, universe, new Set(['bybit:BTC/USDT:USDT']))
  const byKey = new Map(markets.map((m) => [m.snap.key, m]))

  it('lists every universe row once, joined to its scored snapshot, and tiers by the watchlist', () => {
    expect(markets.map((m) => `${m.snap.key} ${m.tier}`).sort()).toEqual([
      'binance:BTC/USDT 2',
      'bybit:BTC/USDT:USDT 2',
      'bybit:SOL/USDT:USDT 1',
      'okx:ETH/USDT:USDT 1',
    ])
  })

  it('fills a scored market’s gaps from the tickers and keeps its own figures', () => {
    const sol = byKey.get('bybit:SOL/USDT:USDT')!.snap
    expect(sol.lastPrice).toBe(101) // the scored price wins
    expect(sol.stress).toBe(40)
    expect(sol.metrics['price-change-24h']?.value).toBe(-0.05)
    // 0.04 % per 4 h = 0.01 %/h; × 8,760 h = 87.6 % APR
    expect(sol.metrics['funding-rate-per-hour']?.value).toBeCloseTo(0.0001, 12)
    expect(sol.metrics['funding-apr']?.value).toBeCloseTo(0.876, 12)
    expect(sol.metrics['funding-interval']?.value).toBe(4)
    expect(sol.metrics['oi-usd']).toMatchObject({ value: null, reason: 'waiting for its open-interest turn' })
  })

  it('a market the scorer has not seen shows the ticker figures and no composite', () => {
    const eth = byKey.get('okx:ETH/USDT:USDT')!.snap
    expect(eth.lastPrice).toBe(100)
    expect(eth.stress).toBeNull()
    expect(eth.eventCount).toBe(0)
  })

  it('joins a market again only when its snapshot, its universe row or its tier changed', () => {
    const sol = scored.get('bybit:SOL/USDT:USDT')!
    const again = scopedMarkets(new Map(scored), new Map(universe), new Set(['bybit:BTC/USDT:USDT']))
    const byKeyAgain = new Map(again.map((m) => [m.snap.key, m]))
    // Same objects in, same joined rows out (a batch replaces only the markets that changed).
    for (const m of again) expect(m).toBe(byKey.get(m.snap.key))
    const newer = { ...sol, lastPrice: 102 }
    const newRow = uni('okx:ETH/USDT:USDT', { lastPrice: 99 })
    const changed = scopedMarkets(
      new Map([...scored, ['bybit:SOL/USDT:USDT', newer]]),
      new Map([...universe, ['okx:ETH/USDT:USDT', newRow]]),
      new Set(),
    )
    const c = new Map(changed.map((m) => [m.snap.key, m]))
    expect(c.get('bybit:SOL/USDT:USDT')!.snap.lastPrice).toBe(102)
    expect(c.get('okx:ETH/USDT:USDT')!.snap.lastPrice).toBe(99)
    // BTC left the watchlist: tier 1 now, joined again.
    expect(c.get('bybit:BTC/USDT:USDT')!.tier).toBe(1)
    expect(byKeyAgain.get('bybit:BTC/USDT:USDT')!.tier).toBe(2)
    expect(c.get('binance:BTC/USDT')).toBe(byKey.get('binance:BTC/USDT'))
  })

  it('filters by venue, market type and tier', () => {
    const keys = (s: Parameters<typeof inScope>[1]) =>
      markets
        .filter((m) => inScope(m, s))
        .map((m) => m.snap.key)
        .sort()
    expect(keys({ venue: 'bybit', kind: 'perp', tier: 1 })).toEqual(['bybit:SOL/USDT:USDT'])
    expect(keys({ venue: '', kind: 'perp', tier: 2 })).toEqual(['bybit:BTC/USDT:USDT'])
    expect(keys({ venue: '', kind: 'spot', tier: 'all' })).toEqual(['binance:BTC/USDT'])
  })
})
