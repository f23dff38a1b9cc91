import { describe, expect, it } from 'vitest'
import { POOLED_MARKET } from '../contract/evidence'
import { addPooled, clusterPooled, emptyPooledCounts } from './binary-stats'
import { buildEvidenceReport } from './build-report'
import type { OutcomeSeries } from './outcomes'
import { DROP_SESSION_INFO, dropSession, MIN } from './test-series'

/**
 * 20 one-minute samples, all evaluable; a move at minute 10 puts it in the forward windows starting at
 * minutes 8–11 (hit), and the signal turns on at minute 8, 2 minutes ahead of it.
 */
function market(): { on: Uint8Array; o: OutcomeSeries } {
  const on = new Uint8Array(20)
  for (let i = 8; i < 20; i++) on[i] = 1
  const hit = new Uint8Array(20)
  for (let i = 8; i <= 11; i++) hit[i] = 1
  const leadMs = new Float64Array(20).fill(NaN)
  leadMs[8] = 2 * MIN
  return { on, o: { evaluable: new Uint8Array(20).fill(1), hit, leadMs } as unknown as OutcomeSeries }
}

describe('pooled evidence', () => {
  it('counts one crash seen on seven markets as one event, and seven onsets at it as one onset', () => {
    const acc = emptyPooledCounts()
    for (let k = 0; k < 7; k++) {
      const { on, o } = market()
      addPooled(acc, on, o, 5, 0, MIN)
    }
    const c = clusterPooled(acc, 5 * MIN)
    // Samples still add up: 7 × 20 evaluable, 7 × 4 hits, 7 × 12 samples on.
    expect([c.baseEvaluable, c.baseHits, c.samplesOn]).toEqual([140, 28, 84])
    expect(c.baseEvents).toBe(1)
    expect(c.onsets).toBe(1)
    expect(c.hits).toBe(1)
    expect(c.leadMs).toEqual([2 * MIN])
  })

  it('keeps events apart when they are further apart than the horizon', () => {
    const acc = emptyPooledCounts()
    const { on, o } = market()
    addPooled(acc, on, o, 5, 0, MIN)
    addPooled(acc, on, o, 5, 60 * MIN, MIN) // the same market an hour later (another session)
    expect(clusterPooled(acc, 5 * MIN).baseEvents).toBe(2)
  })
})

describe('pooled AUC', () => {
  it('rests its interval on outcome events clustered across markets', () => {
    const sampled = dropSession()
    const two = { ...sampled.markets[0]!, market: 'binanceusdm:TWO/USDT:USDT' }
    sampled.markets.push(two)
    const r = buildEvidenceReport({
      sessions: [
        { info: { ...DROP_SESSION_INFO, markets: [...DROP_SESSION_INFO.markets, two.market] }, sampled },
      ],
      horizonsMs: [5 * MIN],
      moves: [0.05],
      nowMs: 0,
    })
    const row = (market: string) =>
      r.continuous.find(
        (c) => c.signalId === 'metric:oi-roc-4h' && c.outcomeId === 'drop-5%-5m' && c.market === market,
      )!
    // the same 5 drops at the same minutes on both markets: 5 events each, and 5 (not 10) pooled
    expect(row(two.market).independentPositives).toBe(5)
    expect(row(POOLED_MARKET).independentPositives).toBe(5)
    expect(row(POOLED_MARKET).samples).toBe(2 * row(two.market).samples)
  })
})
