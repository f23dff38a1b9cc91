import { describe, expect, it } from 'vitest'
import { applyEvents, createScoringState, snapshotMarket } from '../scoring-state'
import { T0, gap, liquidation, trade } from '../test-fixtures'

const KEY = 'binanceusdm:BTC/USDT:USDT'
const MIN = 60_000

describe('realized liquidations', () => {
  it('is n/a, not zero, before any liquidation stream data', () => {
    const s = createScoringState()
    applyEvents(s, [trade(T0, 100, 1, 'buy')])
    expect(snapshotMarket(s, KEY)!.metrics['liq-long-1h']).toMatchObject({
      value: null,
      reason: 'no liquidation stream seen for this market',
    })
  })

  it('sums USD by side over 5 min, 1 h and 24 h', () => {
    const s = createScoringState()
    applyEvents(s, [
      liquidation(T0, 'long', 1000),
      liquidation(T0 + 30 * MIN, 'long', 2000),
      liquidation(T0 + 58 * MIN, 'short', 500),
      liquidation(T0 + 61 * MIN, 'long', 4000),
    ])
    const m = snapshotMarket(s, KEY)!.metrics
    // now = T0 + 61 min. 5 min: long 4000, short 500 (58 min). 1 h from T0 + 1 min: 2000 + 4000 long; 24 h: 7000
    expect(m['liq-long-5m']!.value).toBe(4000)
    expect(m['liq-short-5m']!.value).toBe(500)
    expect(m['liq-long-1h']!.value).toBe(6000)
    expect(m['liq-long-24h']!.value).toBe(7000)
    expect(m['liq-long-24h']!.reason).toBe('covers 61 min of the 24h window')
  })

  it('detects a cascade as a burst over the baseline and ignores a small one', () => {
    const s = createScoringState({ cascadeMultiple: 5, cascadeMinUsd: 100_000, minDwellMs: 0 })
    // 2 h of 10k every 10 min: baseline 5-min amount = 120k * 5 / 120 = 5k (plus the burst, see below)
    const evs = Array.from({ length: 12 }, (_, i) => liquidation(T0 + i * 10 * MIN, 'long', 10_000))
    applyEvents(s, evs)
    expect(snapshotMarket(s, KEY)!.labels['liq-cascade']).toBe('none')
    // burst of 300k long liquidations at T0 + 120 min: 24 h total 420k over 120 min -> 5-min baseline 17.5k; 300k > 5 x 17.5k
    applyEvents(s, [
      liquidation(T0 + 120 * MIN, 'long', 300_000),
      trade(T0 + 120 * MIN + 1000, 100, 1, 'sell'),
    ])
    expect(snapshotMarket(s, KEY)!.labels['liq-cascade']).toBe('long-cascade')
  })

  it('is n/a across a gap in the liquidation stream', () => {
    const s = createScoringState()
    applyEvents(s, [
      liquidation(T0, 'long', 1000),
      gap('forceOrder', T0 + 10 * MIN, T0 + 20 * MIN),
      liquidation(T0 + 30 * MIN, 'long', 1000),
    ])
    const m = snapshotMarket(s, KEY)!.metrics
    expect(m['liq-long-1h']!.reason).toMatch(/^gap of 10 min in liquidations data/)
    expect(m['liq-long-5m']!.value).toBe(1000)
  })
})
