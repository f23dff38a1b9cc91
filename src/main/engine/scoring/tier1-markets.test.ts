import { describe, expect, it } from 'vitest'
import type { MarketEvent, TradeEvent } from '../../../shared/market-event'
import type { MarketSnapshot, Metric } from '../../../shared/scoring/snapshot'
import { RADAR_ROW_METRICS, slimSnapshot } from '../../../shared/contract/slim-snapshot'
import { scoringHostsForTests } from './test-hosts'
import { Tier1Markets, keysOf } from './tier1-markets'

const T0 = 1_700_000_000_000

const na = (reason: string): Metric => ({ value: null, unit: 'x', sufficient: false, reason, asOfMs: null })
const val = (value: number): Metric => ({ value, unit: 'x', sufficient: true, reason: null, asOfMs: 1 })

const snapOf = (key: string, metrics: Record<string, Metric>): MarketSnapshot => ({
  key,
  venue: 'bybit',
  symbol: key.slice(key.indexOf(':') + 1),
  asOfMs: 1,
  lastPrice: 1,
  eventCount: 1,
  metrics,
  labels: { 'funding-regime': 'neutral' },
  tags: [],
  contradictions: [],
  evaluatedAtMs: 1,
  stress: null,
})

/** A tier-1 market's figures as the universe sends them: mark, funding estimate, OI in USD. */
function tier1Events(symbol: string, tsMs: number, oiUsd: number): MarketEvent[] {
  const base = { venue: 'binanceusdm' as const, symbol, exchangeTsMs: tsMs, receiveTsMs: tsMs }
  return [
    { ...base, type: 'mark', markPrice: 2000, indexPrice: 1999 },
    {
      ...base,
      type: 'funding',
      fundingRatePerPeriod: 0.0001,
      fundingIntervalHours: 8,
      nextFundingTsMs: null,
      predictedRatePerPeriod: null,
      settled: false,
    },
    { ...base, type: 'openInterest', oiContracts: null, oiBase: null, oiUsd },
  ]
}

const until = async (cond: () => boolean, timeoutMs = 25_000): Promise<void> => {
  const start = Date.now()
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 20))
  }
}

const trade = (i: number, symbol = 'BTC/USDT:USDT'): TradeEvent => ({
  type: 'trade',
  venue: 'binanceusdm',
  symbol,
  // One trade every 600 ms of exchange time: 100 trades span a minute, so heatmap bars close as they come.
  exchangeTsMs: T0 + i * 600,
  receiveTsMs: T0 + i * 600,
  price: 30_000 + (i % 50),
  qtyBase: 0.01,
  takerSide: i % 2 ? 'buy' : 'sell',
  tradeId: String(i),
})

describe('slimSnapshot', () => {
  it('keeps the row’s metrics (n/a with their reasons too) and every metric with a value or a partial composite', () => {
    const partial: Metric = {
      ...na('needs 60 % of its weight'),
      coverage: { present: 1, total: 4, weightShare: 0.25, partial: true, partialValue: 31 },
    }
    const s = snapOf('bybit:SOL/USDT:USDT', {
      lsi: na('partial'),
      vpin: na('no trades'),
      'funding-spend': val(570),
      'vpin-cdf': na('no trades'),
      'risk-pillars': partial,
      'spread-bps': na('no book'),
    })
    const slim = slimSnapshot(s)
    expect(Object.keys(slim.metrics).sort()).toEqual(['funding-spend', 'lsi', 'risk-pillars', 'vpin'])
    expect(slim.metrics['vpin']!.reason).toBe('no trades')
    expect(slim.labels).toEqual({ 'funding-regime': 'neutral' })
    expect(RADAR_ROW_METRICS).toContain('oi-usd')
  })
})

describe('Tier1Markets', () => {
  it('keeps a tier-1 market in the dirty set only when a tier-1 batch fed it since the last flush', () => {
    const t = new Tier1Markets()
    t.fed(tier1Events('ETH/USDT:USDT', T0, 1e9))
    const dirty = new Set(['binanceusdm:ETH/USDT:USDT', 'binanceusdm:BTC/USDT:USDT'])
    t.keepFed(dirty)
    expect([...dirty].sort()).toEqual(['binanceusdm:BTC/USDT:USDT', 'binanceusdm:ETH/USDT:USDT'])
    // Next flush: the clock marked both dirty again, but only BTC (tier 2) took anything.
    const again = new Set(['binanceusdm:ETH/USDT:USDT', 'binanceusdm:BTC/USDT:USDT'])
    t.keepFed(again)
    expect([...again]).toEqual(['binanceusdm:BTC/USDT:USDT'])
    // Pinned: its streams make it tier 2.
    t.streamed([trade(1, 'ETH/USDT:USDT')])
    const pinned = new Set(['binanceusdm:ETH/USDT:USDT'])
    t.keepFed(pinned)
    expect([...pinned]).toEqual(['binanceusdm:ETH/USDT:USDT'])
  })

  it('names the markets of a batch once each', () => {
    const ev = [trade(1), trade(2), trade(3, 'ETH/USDT:USDT'), trade(4)]
    expect([...keysOf(ev)].sort()).toEqual(['binanceusdm:BTC/USDT:USDT', 'binanceusdm:ETH/USDT:USDT'])
  })
})

describe('tier-1 markets through the scoring worker', { timeout: 60_000 }, () => {
  const startHost = scoringHostsForTests()

  it('sends a tier-1 market once per refresh, slim, however often the clock closes its heatmap’s bars', async () => {
    // Checkpoints every 100 ms: the crash below comes after one covering every batch sent.
    const { host, received } = startHost({ checkpointIntervalMs: 100 })
    const eth = 'binanceusdm:ETH/USDT:USDT'
    const ofEth = () => received.filter((s) => s.key === eth)
    host.sendTier1(tier1Events('ETH/USDT:USDT', T0, 1e9))
    await host.settled()
    expect(ofEth()).toHaveLength(1)
    // Ten minutes of BTC trades in 40 batches, each flushed: ETH's heatmap closes a bar every minute.
    for (let b = 0; b < 40; b++) {
      host.send(Array.from({ length: 25 }, (_, i) => trade(b * 25 + i)))
      await host.settled()
    }
    const btcSnaps = received.filter((s) => s.key === 'binanceusdm:BTC/USDT:USDT')
    expect(btcSnaps.length).toBeGreaterThanOrEqual(40)
    expect(ofEth()).toHaveLength(1)
    // The next refresh: one more, carrying its figures.
    host.sendTier1(tier1Events('ETH/USDT:USDT', T0 + 600_000, 2e9))
    await host.settled()
    expect(ofEth()).toHaveLength(2)
    const last = ofEth()[1]!
    expect(last.metrics['oi-usd']?.value).toBe(2e9)
    // Slim: the row's metrics and the ones with a value; a full snapshot carries every metric of the registry.
    const full = btcSnaps.at(-1)!.metrics
    expect(Object.keys(last.metrics).length).toBeLessThan(Object.keys(full).length / 2)
    for (const id of RADAR_ROW_METRICS) if (full[id]) expect(last.metrics[id], id).toBeDefined()
    expect(last.metrics['lsi']?.coverage?.partial).toBe(true)

    // A restarted worker is told which markets are tier 1: ETH is not sent with every batch after it either
    // (its refresh lies before the checkpoint the new worker starts from, so no batch re-marks it).
    await new Promise((r) => setTimeout(r, 500))
    host.simulateFault('crash')
    await until(() => host!.getStatus().restarts === 1 && host!.getStatus().state === 'running')
    for (let b = 40; b < 52; b++) {
      host.send(Array.from({ length: 25 }, (_, i) => trade(b * 25 + i)))
      await host.settled()
    }
    expect(received.filter((s) => s.key === 'binanceusdm:BTC/USDT:USDT').length).toBeGreaterThanOrEqual(52)
    expect(ofEth()).toHaveLength(2)
  })
})
